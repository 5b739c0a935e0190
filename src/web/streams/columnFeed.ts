// What each column of an open board holds: the items on screen, the new ones waiting under the "N new"
// pill (so the reading position never jumps), the cursor to older items, and the column's error. Plain
// functions over plain data, so the page's reducer stays a switch and the rules are tested here.
import type { StreamAction, StreamItem } from '../../core/streams/streamTypes.ts';

export interface ColumnFeed {
  items: StreamItem[];
  /** Arrived live, newest first, not shown until the person asks. */
  pending: StreamItem[];
  /** For older items; null at the end. */
  cursor: string | null;
  /** The server has never read this column yet; its first items arrive live. */
  loading: boolean;
  error: string | null;
  loadingOlder: boolean;
  olderError: string | null;
}

export type Feeds = Readonly<Record<string, ColumnFeed>>;

export interface ColumnItemsAnswer {
  columnId: string;
  items: StreamItem[];
  cursor: string | null;
  error: string | null;
  loading: boolean;
}

export const emptyFeed: ColumnFeed = {
  items: [],
  pending: [],
  cursor: null,
  loading: true,
  error: null,
  loadingOlder: false,
  olderError: null,
};

export function feedOf(feeds: Feeds, columnId: string): ColumnFeed {
  return feeds[columnId] ?? emptyFeed;
}

const newestFirst = (a: StreamItem, b: StreamItem) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

function unseen(feed: ColumnFeed, items: readonly StreamItem[]): StreamItem[] {
  const known = new Set([...feed.items, ...feed.pending].map((item) => item.id));
  const fresh: StreamItem[] = [];
  for (const item of items) {
    if (known.has(item.id)) continue;
    known.add(item.id);
    fresh.push(item);
  }
  return fresh;
}

/**
 * New items for a column. A column showing nothing yet shows them at once (there is no place to lose);
 * otherwise they wait under the pill.
 */
export function receiveItems(feed: ColumnFeed, items: readonly StreamItem[]): ColumnFeed {
  const fresh = unseen(feed, items);
  if (feed.items.length === 0) {
    return { ...feed, loading: false, items: [...fresh, ...feed.pending].sort(newestFirst), pending: [] };
  }
  if (fresh.length === 0) return feed.loading ? { ...feed, loading: false } : feed;
  return { ...feed, loading: false, pending: [...fresh, ...feed.pending].sort(newestFirst) };
}

/** A fresh answer of the board's items: taken whole for a column not shown yet, else merged as new items. */
export function receiveAnswer(feed: ColumnFeed | undefined, answer: ColumnItemsAnswer): ColumnFeed {
  if (!feed || feed.items.length === 0) {
    return {
      ...emptyFeed,
      ...(feed ? { pending: feed.pending } : {}),
      items: answer.items,
      cursor: answer.cursor,
      loading: answer.loading && answer.items.length === 0,
      error: answer.error,
    };
  }
  // Items no newer than the top of the column fill in below it; only newer ones wait under the pill.
  const top = Math.max(...feed.items.map((item) => Date.parse(item.createdAt)));
  const fresh = unseen(feed, answer.items);
  const below = fresh.filter((item) => Date.parse(item.createdAt) <= top);
  const above = fresh.filter((item) => Date.parse(item.createdAt) > top);
  const filled = below.length > 0 ? { ...feed, items: [...feed.items, ...below].sort(newestFirst) } : feed;
  return { ...receiveItems(filled, above), error: answer.error };
}

/** The person clicked the pill: the waiting items go on top. */
export function revealPending(feed: ColumnFeed): ColumnFeed {
  if (feed.pending.length === 0) return feed;
  return { ...feed, items: [...feed.pending, ...unseenAfter(feed.pending, feed.items)], pending: [] };
}

function unseenAfter(before: readonly StreamItem[], items: readonly StreamItem[]): StreamItem[] {
  const known = new Set(before.map((item) => item.id));
  return items.filter((item) => !known.has(item.id));
}

/** An older page, added at the bottom. */
export function appendOlder(
  feed: ColumnFeed,
  items: readonly StreamItem[],
  cursor: string | null,
): ColumnFeed {
  return {
    ...feed,
    items: [...feed.items, ...unseenAfter(feed.items, items)],
    cursor,
    loadingOlder: false,
    olderError: null,
    loading: false,
  };
}

function withViewer(item: StreamItem, action: StreamAction): StreamItem {
  const viewer = item.viewer ?? { liked: false, reposted: false };
  const counts = item.counts;
  switch (action) {
    case 'like':
      if (viewer.liked) return item;
      return {
        ...item,
        viewer: { ...viewer, liked: true },
        counts: counts && { ...counts, likes: counts.likes + 1 },
      };
    case 'unlike':
      if (!viewer.liked) return item;
      return {
        ...item,
        viewer: { ...viewer, liked: false },
        counts: counts && { ...counts, likes: Math.max(0, counts.likes - 1) },
      };
    case 'repost':
      if (viewer.reposted) return item;
      return {
        ...item,
        viewer: { ...viewer, reposted: true },
        counts: counts && { ...counts, reposts: counts.reposts + 1 },
      };
    case 'unrepost':
      if (!viewer.reposted) return item;
      return {
        ...item,
        viewer: { ...viewer, reposted: false },
        counts: counts && { ...counts, reposts: Math.max(0, counts.reposts - 1) },
      };
  }
}

/** The action undone: what to put back when the server refuses it. */
export function oppositeAction(action: StreamAction): StreamAction {
  return ({ like: 'unlike', unlike: 'like', repost: 'unrepost', unrepost: 'repost' } as const)[action];
}

/**
 * Applies a like or repost to every copy of the post in the given columns (the same post can be in Home
 * and in a List). The caller names the columns read by the acting account: other accounts' columns keep
 * their own viewer flags.
 */
export function applyAction(
  feeds: Feeds,
  columnIds: readonly string[],
  postId: string,
  action: StreamAction,
): Record<string, ColumnFeed> {
  const next: Record<string, ColumnFeed> = { ...feeds };
  for (const columnId of columnIds) {
    const feed = feeds[columnId];
    if (!feed) continue;
    const change = (items: StreamItem[]) =>
      items.some((item) => item.postId === postId)
        ? items.map((item) => (item.postId === postId ? withViewer(item, action) : item))
        : items;
    next[columnId] = { ...feed, items: change(feed.items), pending: change(feed.pending) };
  }
  return next;
}
