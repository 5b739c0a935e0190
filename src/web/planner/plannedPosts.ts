// What the planner shows, as the API answers it, and the pure changes made to that answer in the
// cache: live status from the event stream, and a post moved before the server has confirmed it.

export const TARGET_STATUSES = [
  'draft',
  'pending_approval',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'paused',
  'expired',
] as const;

export type ShownStatus = (typeof TARGET_STATUSES)[number];
export type TargetStatus = ShownStatus | 'cancelled';

export interface PlannedTarget {
  id: string;
  accountId: string;
  handle: string;
  network: string;
  text: string;
  media: { mediaId: string; alt: string }[];
  threadPosition: number;
  replyToTargetId: string | null;
  status: TargetStatus;
  scheduledAt: string | null;
  publishedAt: string | null;
  remoteUrl: string | null;
  lastError: string | null;
  attempts: number;
  version: number;
}

export interface PlannedPost {
  id: string;
  text: string;
  tags: string[];
  authorId: string | null;
  targets: PlannedTarget[];
}

/** One `targets` event entry from GET /api/workspaces/:ws/posts/events. */
export interface TargetChange {
  id: string;
  postId: string;
  status: TargetStatus;
  version: number;
  scheduledAt: string | null;
  publishedAt: string | null;
  remoteUrl: string | null;
  lastError: string | null;
}

export function isShownStatus(value: string): value is ShownStatus {
  return (TARGET_STATUSES as readonly string[]).includes(value);
}

/** Statuses whose time a person may still change (the server's own rule, asked first to save a trip). */
export function isMovable(status: TargetStatus): boolean {
  return status === 'draft' || status === 'pending_approval' || status === 'scheduled' || status === 'paused';
}

/** Statuses whose text a person may still change. */
export function isTextEditable(status: TargetStatus): boolean {
  return isMovable(status) || status === 'failed';
}

/** When a target sits in the calendar: when it went out, or when it is due; null for an undated draft. */
export function shownAt(target: PlannedTarget): string | null {
  return target.status === 'published' ? (target.publishedAt ?? target.scheduledAt) : target.scheduledAt;
}

/**
 * One chip: one account's copy of a post. A thread is one chip, standing on its first part; the other
 * parts come along in `parts`.
 */
export interface PlannerEntry {
  post: PlannedPost;
  target: PlannedTarget;
  parts: PlannedTarget[];
  at: string | null;
}

export function plannerEntries(posts: readonly PlannedPost[]): PlannerEntry[] {
  const entries: PlannerEntry[] = [];
  for (const post of posts) {
    const byAccount = new Map<string, PlannedTarget[]>();
    for (const target of post.targets) {
      if (target.status === 'cancelled') continue;
      const list = byAccount.get(target.accountId) ?? [];
      list.push(target);
      byAccount.set(target.accountId, list);
    }
    for (const parts of byAccount.values()) {
      parts.sort((a, b) => a.threadPosition - b.threadPosition);
      const target = parts[0]!;
      entries.push({ post, target, parts, at: shownAt(target) });
    }
  }
  return entries.sort(
    (a, b) => (a.at ?? '').localeCompare(b.at ?? '') || a.target.handle.localeCompare(b.target.handle),
  );
}

/**
 * The posts with the stream's changes applied. `unknown` lists the changes for targets not in these
 * posts (new posts, or posts moved into the range), which only a fresh list can show.
 */
export function applyTargetChanges(
  posts: readonly PlannedPost[],
  changes: readonly TargetChange[],
): { posts: PlannedPost[]; unknown: TargetChange[]; changed: boolean } {
  const byId = new Map(changes.map((change) => [change.id, change]));
  const seen = new Set<string>();
  let changed = false;
  const next: PlannedPost[] = [];
  for (const post of posts) {
    let postChanged = false;
    const targets: PlannedTarget[] = [];
    for (const target of post.targets) {
      const change = byId.get(target.id);
      if (!change) {
        targets.push(target);
        continue;
      }
      seen.add(target.id);
      // An answer already newer than the event (a refetch raced it) stays as it is.
      if (change.version < target.version) {
        targets.push(target);
        continue;
      }
      postChanged = true;
      if (change.status === 'cancelled') continue;
      targets.push({
        ...target,
        status: change.status,
        version: change.version,
        scheduledAt: change.scheduledAt,
        publishedAt: change.publishedAt,
        remoteUrl: change.remoteUrl,
        lastError: change.lastError,
      });
    }
    if (!postChanged) {
      next.push(post);
      continue;
    }
    changed = true;
    if (targets.length > 0) next.push({ ...post, targets });
  }
  return { posts: next, unknown: changes.filter((change) => !seen.has(change.id)), changed };
}

/** The posts with every movable part of one post moved to `scheduledAt`, as the server will do. */
export function movePostTo(
  posts: readonly PlannedPost[],
  postId: string,
  scheduledAt: string,
): PlannedPost[] {
  return posts.map((post) =>
    post.id !== postId
      ? post
      : {
          ...post,
          targets: post.targets.map((target) =>
            isMovable(target.status) ? { ...target, scheduledAt } : target,
          ),
        },
  );
}

/** The first line of a text, for a chip. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}
