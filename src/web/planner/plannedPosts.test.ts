import { describe, expect, it } from 'vitest';
import {
  applyTargetChanges,
  firstLine,
  isMovable,
  movePostTo,
  type PlannedPost,
  type PlannedTarget,
  plannerEntries,
  type TargetChange,
} from './plannedPosts.ts';

function target(overrides: Partial<PlannedTarget> & { id: string }): PlannedTarget {
  return {
    accountId: 'account-a',
    handle: 'tahmina.test',
    network: 'bluesky',
    text: 'Hello',
    media: [],
    threadPosition: 0,
    replyToTargetId: null,
    status: 'scheduled',
    scheduledAt: '2026-06-10T08:00:00.000Z',
    publishedAt: null,
    remoteUrl: null,
    lastError: null,
    attempts: 0,
    version: 1,
    ...overrides,
  };
}

function post(id: string, targets: PlannedTarget[]): PlannedPost {
  return { id, text: 'Hello', tags: [], authorId: null, targets };
}

function change(overrides: Partial<TargetChange> & { id: string }): TargetChange {
  return {
    postId: 'p1',
    status: 'published',
    version: 2,
    scheduledAt: '2026-06-10T08:00:00.000Z',
    publishedAt: '2026-06-10T08:00:03.000Z',
    remoteUrl: 'https://bsky.app/profile/tahmina.test/post/3k',
    lastError: null,
    ...overrides,
  };
}

describe('plannerEntries', () => {
  it('makes one entry per account, standing on the first part of a thread, in time order', () => {
    const posts = [
      post('p1', [
        target({ id: 'b2', accountId: 'b', handle: 'b.test', threadPosition: 1 }),
        target({ id: 'b1', accountId: 'b', handle: 'b.test' }),
        target({ id: 'a1', accountId: 'a', handle: 'a.test' }),
      ]),
      post('p0', [target({ id: 'c1', accountId: 'c', scheduledAt: '2026-06-09T08:00:00.000Z' })]),
    ];
    const entries = plannerEntries(posts);
    expect(entries.map((e) => [e.target.id, e.parts.map((p) => p.id)])).toEqual([
      ['c1', ['c1']],
      ['a1', ['a1']],
      ['b1', ['b1', 'b2']],
    ]);
  });

  it('shows a published target at the time it went out and leaves deleted ones out', () => {
    const posts = [
      post('p1', [
        target({ id: 't1', status: 'published', publishedAt: '2026-06-10T08:02:00.000Z' }),
        target({ id: 't2', accountId: 'b', status: 'cancelled' }),
      ]),
    ];
    expect(plannerEntries(posts).map((e) => [e.target.id, e.at])).toEqual([
      ['t1', '2026-06-10T08:02:00.000Z'],
    ]);
  });

  it('keeps an undated draft, with no time', () => {
    const entries = plannerEntries([post('p1', [target({ id: 't1', status: 'draft', scheduledAt: null })])]);
    expect(entries[0]?.at).toBeNull();
  });
});

describe('applyTargetChanges', () => {
  const posts = [post('p1', [target({ id: 't1' }), target({ id: 't2', accountId: 'b' })])];

  it('turns a scheduled target published, with its address, leaving the others as they were', () => {
    const result = applyTargetChanges(posts, [change({ id: 't1' })]);
    expect(result.changed).toBe(true);
    expect(result.unknown).toEqual([]);
    const [t1, t2] = result.posts[0]!.targets;
    expect(t1).toMatchObject({
      status: 'published',
      version: 2,
      publishedAt: '2026-06-10T08:00:03.000Z',
      remoteUrl: 'https://bsky.app/profile/tahmina.test/post/3k',
    });
    expect(t2).toBe(posts[0]!.targets[1]);
  });

  it('carries the error of a failed target', () => {
    const result = applyTargetChanges(posts, [
      change({
        id: 't2',
        status: 'failed',
        publishedAt: null,
        remoteUrl: null,
        lastError: 'Bluesky refused',
      }),
    ]);
    expect(result.posts[0]!.targets[1]).toMatchObject({ status: 'failed', lastError: 'Bluesky refused' });
  });

  it('removes deleted targets, and the post with the last of them', () => {
    const one = applyTargetChanges(posts, [change({ id: 't1', status: 'cancelled' })]);
    expect(one.posts[0]!.targets.map((t) => t.id)).toEqual(['t2']);
    const both = applyTargetChanges(posts, [
      change({ id: 't1', status: 'cancelled' }),
      change({ id: 't2', status: 'cancelled' }),
    ]);
    expect(both.posts).toEqual([]);
  });

  it('ignores an event older than what the list already has', () => {
    const newer = [post('p1', [target({ id: 't1', version: 5 })])];
    const result = applyTargetChanges(newer, [change({ id: 't1', version: 4 })]);
    expect(result.changed).toBe(false);
    expect(result.posts[0]).toBe(newer[0]);
  });

  it('reports changes to targets it does not have', () => {
    const result = applyTargetChanges(posts, [change({ id: 'elsewhere' })]);
    expect(result.changed).toBe(false);
    expect(result.unknown.map((c) => c.id)).toEqual(['elsewhere']);
  });
});

describe('movePostTo', () => {
  it('moves every part that can still move and leaves published and failed ones', () => {
    const posts = [
      post('p1', [
        target({ id: 't1', status: 'scheduled' }),
        target({ id: 't2', accountId: 'b', status: 'published', publishedAt: '2026-06-10T08:00:01.000Z' }),
        target({ id: 't3', accountId: 'c', status: 'failed' }),
        target({ id: 't4', accountId: 'd', status: 'draft' }),
      ]),
      post('p2', [target({ id: 'x1' })]),
    ];
    const moved = movePostTo(posts, 'p1', '2026-06-12T10:15:00.000Z');
    expect(moved[0]!.targets.map((t) => t.scheduledAt)).toEqual([
      '2026-06-12T10:15:00.000Z',
      '2026-06-10T08:00:00.000Z',
      '2026-06-10T08:00:00.000Z',
      '2026-06-12T10:15:00.000Z',
    ]);
    expect(moved[1]).toBe(posts[1]);
  });

  it('agrees with the server on what can move', () => {
    expect(['draft', 'pending_approval', 'scheduled', 'paused'].every((s) => isMovable(s as never))).toBe(
      true,
    );
    expect(['publishing', 'published', 'failed', 'cancelled'].some((s) => isMovable(s as never))).toBe(false);
  });
});

describe('firstLine', () => {
  it('is the first line with words on it', () => {
    expect(firstLine('\n  Launch day!  \nMore below')).toBe('Launch day!');
    expect(firstLine('')).toBe('');
  });
});
