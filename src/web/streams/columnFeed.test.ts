import { describe, expect, it } from 'vitest';
import type { StreamItem } from '../../core/streams/streamTypes.ts';
import {
  appendOlder,
  applyAction,
  type ColumnFeed,
  emptyFeed,
  oppositeAction,
  receiveAnswer,
  receiveItems,
  revealPending,
} from './columnFeed.ts';

function item(id: string, minute: number, extra: Partial<StreamItem> = {}): StreamItem {
  return {
    id,
    network: 'bluesky',
    kind: 'post',
    postId: `post-${id}`,
    url: `https://example.social/${id}`,
    text: `Text ${id}`,
    author: { handle: 'rahim.test', displayName: 'Rahim', url: 'https://example.social/rahim' },
    createdAt: new Date(Date.UTC(2026, 2, 15, 12) + minute * 60_000).toISOString(),
    ...extra,
  };
}

const shown: ColumnFeed = { ...emptyFeed, loading: false, items: [item('b', 2), item('a', 1)], cursor: 'c1' };
const ids = (items: StreamItem[]) => items.map((entry) => entry.id);

describe('new items of a column', () => {
  it('wait under the pill when the column already shows items, newest first, without doubles', () => {
    const next = receiveItems(shown, [item('c', 3), item('b', 2)]);
    expect(ids(next.items)).toEqual(['b', 'a']);
    expect(ids(next.pending)).toEqual(['c']);
    const again = receiveItems(next, [item('d', 4), item('c', 3)]);
    expect(ids(again.pending)).toEqual(['d', 'c']);
  });

  it('show at once in a column that shows nothing yet, which stops loading', () => {
    const next = receiveItems(emptyFeed, [item('a', 1), item('b', 2)]);
    expect(ids(next.items)).toEqual(['b', 'a']);
    expect(next.pending).toEqual([]);
    expect(next.loading).toBe(false);
  });

  it('go on top when the pill is clicked', () => {
    const next = revealPending(receiveItems(shown, [item('c', 3)]));
    expect(ids(next.items)).toEqual(['c', 'b', 'a']);
    expect(next.pending).toEqual([]);
  });

  it('leave the same object when nothing is new, so nothing renders again', () => {
    expect(receiveItems(shown, [item('a', 1)])).toBe(shown);
    expect(revealPending(shown)).toBe(shown);
  });
});

describe('a fresh answer of the board', () => {
  it('fills a column not known yet, loading only while it has no items', () => {
    const next = receiveAnswer(undefined, {
      columnId: 'x',
      items: [item('a', 1)],
      cursor: 'c',
      error: null,
      loading: true,
    });
    expect(ids(next.items)).toEqual(['a']);
    expect(next.loading).toBe(false);
    expect(next.cursor).toBe('c');
  });

  it('fills in older items below the top of a shown column instead of holding them under the pill', () => {
    const next = receiveAnswer(shown, {
      columnId: 'x',
      items: [item('between', 1.5), item('c', 3)],
      cursor: null,
      error: null,
      loading: false,
    });
    expect(ids(next.items)).toEqual(['b', 'between', 'a']);
    expect(ids(next.pending)).toEqual(['c']);
  });

  it('merges into a shown column as new items and takes the column error', () => {
    const next = receiveAnswer(shown, {
      columnId: 'x',
      items: [item('c', 3), item('b', 2)],
      cursor: 'other',
      error: 'The account needs reconnecting.',
      loading: false,
    });
    expect(ids(next.items)).toEqual(['b', 'a']);
    expect(ids(next.pending)).toEqual(['c']);
    expect(next.cursor).toBe('c1');
    expect(next.error).toBe('The account needs reconnecting.');
  });
});

describe('older items', () => {
  it('are added at the bottom without doubles, with the new cursor', () => {
    const next = appendOlder({ ...shown, loadingOlder: true }, [item('a', 1), item('z', 0)], null);
    expect(ids(next.items)).toEqual(['b', 'a', 'z']);
    expect(next.cursor).toBeNull();
    expect(next.loadingOlder).toBe(false);
  });
});

describe('likes and reposts', () => {
  const counted = (id: string) =>
    item(id, 1, {
      postId: 'same-post',
      counts: { replies: 0, reposts: 2, likes: 5 },
      viewer: { liked: false, reposted: false },
    });
  const feeds = {
    home: { ...shown, items: [counted('h1'), item('h2', 0)] },
    list: { ...shown, items: [counted('l1')] },
    other: { ...shown, items: [counted('o1')] },
  };

  it('change every copy of the post in the named columns, and only there', () => {
    const next = applyAction(feeds, ['home', 'list'], 'same-post', 'like');
    expect(next.home?.items[0]?.viewer?.liked).toBe(true);
    expect(next.home?.items[0]?.counts?.likes).toBe(6);
    expect(next.list?.items[0]?.counts?.likes).toBe(6);
    expect(next.home?.items[1]).toBe(feeds.home.items[1]);
    expect(next.other).toBe(feeds.other);
  });

  it('are undone by the opposite action, and never count twice', () => {
    const liked = applyAction(feeds, ['home'], 'same-post', 'like');
    expect(applyAction(liked, ['home'], 'same-post', 'like').home?.items[0]?.counts?.likes).toBe(6);
    const back = applyAction(liked, ['home'], 'same-post', oppositeAction('like'));
    expect(back.home?.items[0]?.viewer?.liked).toBe(false);
    expect(back.home?.items[0]?.counts?.likes).toBe(5);
    const reposted = applyAction(feeds, ['home'], 'same-post', 'repost');
    expect(reposted.home?.items[0]?.counts?.reposts).toBe(3);
    expect(applyAction(reposted, ['home'], 'same-post', 'unrepost').home?.items[0]?.viewer?.reposted).toBe(
      false,
    );
  });
});
