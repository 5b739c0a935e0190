// Reading the inbox: items with their account, assignee and tags, filtered and paged newest first
// (keyset paging on received time and id, so new arrivals never shift a page), one item with the
// replies written to it, open items per member, and how each account's polling is doing.
import { and, asc, desc, sql as dsql, eq, ilike, isNull, lt, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { badRequest, notFound } from '../../core/appError.ts';
import type { Queryable } from '../../db/database.ts';
import type { InboxKind } from '../../db/schema.ts';
import {
  inboxItems,
  inboxSources,
  memberships,
  posts,
  postTargets,
  socialAccounts,
  users,
} from '../../db/schema.ts';
import { connectorOf } from '../../networks/networkConnectors.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';

export interface InboxItemView {
  id: string;
  account: { id: string; network: 'bluesky' | 'mastodon'; handle: string; displayName: string };
  kind: InboxKind;
  remoteId: string;
  remoteUrl: string | null;
  /** The first post of the thread, when the item is part of one someone started elsewhere. */
  threadUrl: string | null;
  conversationId: string | null;
  author: { remoteId: string; handle: string; name: string; avatarUrl: string | null };
  text: string;
  receivedAt: string;
  state: 'open' | 'resolved';
  assignee: { id: string; name: string } | null;
  tags: string[];
  resolvedBy: { id: string; name: string } | null;
  resolvedAt: string | null;
  /** When Kolorob stored it. */
  createdAt: string;
  updatedAt: string;
}

export interface InboxFilters {
  accountId?: string;
  kind?: InboxKind;
  state?: 'open' | 'resolved';
  /** A member's id, `me`, or `unassigned`. */
  assignee?: string;
  tag?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

const assignees = alias(users, 'assignee');
const resolvers = alias(users, 'resolver');

const viewColumns = {
  item: inboxItems,
  accountNetwork: socialAccounts.network,
  accountHandle: socialAccounts.handle,
  accountDisplayName: socialAccounts.displayName,
  assigneeName: assignees.name,
  resolverName: resolvers.name,
};

type ViewRow = {
  item: typeof inboxItems.$inferSelect;
  accountNetwork: string;
  accountHandle: string;
  accountDisplayName: string;
  assigneeName: string | null;
  resolverName: string | null;
};

function viewOf(row: ViewRow): InboxItemView {
  const { item } = row;
  const root = item.replyRef?.root;
  return {
    id: item.id,
    account: {
      id: item.accountId,
      network: row.accountNetwork as 'bluesky' | 'mastodon',
      handle: row.accountHandle,
      displayName: row.accountDisplayName,
    },
    kind: item.kind,
    remoteId: item.remoteId,
    remoteUrl: item.remoteUrl,
    threadUrl: root && root.id !== item.remoteId && root.url ? root.url : null,
    conversationId: item.conversationId,
    author: {
      remoteId: item.authorRemoteId,
      handle: item.authorHandle,
      name: item.authorName,
      avatarUrl: item.authorAvatarUrl,
    },
    text: item.text,
    receivedAt: item.receivedAt.toISOString(),
    state: item.state,
    assignee: item.assigneeId ? { id: item.assigneeId, name: row.assigneeName ?? '' } : null,
    tags: item.tags,
    resolvedBy: item.resolvedBy ? { id: item.resolvedBy, name: row.resolverName ?? '' } : null,
    resolvedAt: item.resolvedAt ? item.resolvedAt.toISOString() : null,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}

/** Items of the workspace matching `where`, as the API shows them, newest first. */
export async function itemViews(
  q: Queryable,
  workspaceId: string,
  where?: SQL,
  limit = 200,
): Promise<InboxItemView[]> {
  const rows = await q
    .select(viewColumns)
    .from(inboxItems)
    .innerJoin(socialAccounts, eq(socialAccounts.id, inboxItems.accountId))
    .leftJoin(assignees, eq(assignees.id, inboxItems.assigneeId))
    .leftJoin(resolvers, eq(resolvers.id, inboxItems.resolvedBy))
    .where(and(eq(inboxItems.workspaceId, workspaceId), where))
    .orderBy(desc(inboxItems.receivedAt), desc(inboxItems.id))
    .limit(limit);
  return rows.map(viewOf);
}

/** The page cursor: the received time and id of the last item of the page before. */
export function encodeCursor(item: { receivedAt: string; id: string }): string {
  return Buffer.from(`${item.receivedAt}|${item.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const receivedAt = new Date(at ?? '');
  // Only the form encodeCursor writes, in the years PostgreSQL reads: not 2030-02-30, "1" or the year 0.
  const year = receivedAt.getUTCFullYear();
  if (
    !id ||
    !/^[0-9a-f-]{36}$/i.test(id) ||
    Number.isNaN(receivedAt.getTime()) ||
    receivedAt.toISOString() !== at ||
    year < 1 ||
    year > 9999
  ) {
    throw badRequest('This page of the inbox no longer exists; load the inbox again.', {
      cursor: 'Not a cursor this inbox gave out.',
    });
  }
  return { receivedAt, id };
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listInboxItems(
  ctx: ActorContext,
  workspaceId: string,
  filters: InboxFilters,
): Promise<{ items: InboxItemView[]; cursor: string | null }> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  const conditions: (SQL | undefined)[] = [];
  if (filters.accountId) conditions.push(eq(inboxItems.accountId, filters.accountId));
  if (filters.kind) conditions.push(eq(inboxItems.kind, filters.kind));
  if (filters.state) conditions.push(eq(inboxItems.state, filters.state));
  if (filters.assignee === 'unassigned') conditions.push(isNull(inboxItems.assigneeId));
  else if (filters.assignee === 'me') conditions.push(eq(inboxItems.assigneeId, ctx.actorId));
  else if (filters.assignee) conditions.push(eq(inboxItems.assigneeId, filters.assignee));
  if (filters.tag) conditions.push(dsql`${inboxItems.tags} @> ${JSON.stringify([filters.tag])}::jsonb`);
  if (filters.q) {
    const pattern = likePattern(filters.q);
    conditions.push(
      or(
        ilike(inboxItems.text, pattern),
        ilike(inboxItems.authorHandle, pattern),
        ilike(inboxItems.authorName, pattern),
      ),
    );
  }
  if (filters.cursor) {
    const after = decodeCursor(filters.cursor);
    conditions.push(
      or(
        lt(inboxItems.receivedAt, after.receivedAt),
        and(eq(inboxItems.receivedAt, after.receivedAt), lt(inboxItems.id, after.id)),
      ),
    );
  }
  const limit = filters.limit ?? 30;
  const items = await itemViews(ctx.database.db, workspaceId, and(...conditions), limit + 1);
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, cursor: items.length > limit && last ? encodeCursor(last) : null };
}

export interface InboxReplyView {
  postId: string;
  status: string;
  text: string;
  authorName: string | null;
  remoteUrl: string | null;
  createdAt: string;
}

export interface InboxItemDetail extends InboxItemView {
  /** Posts written to the item from Kolorob, newest first, with where each one is. */
  replies: InboxReplyView[];
  /** Why the item cannot be answered in place, or null when it can. */
  replyRefusal: string | null;
  /** The network's length rule for a reply. */
  network: 'bluesky' | 'mastodon';
}

/** Why an item cannot be answered from the inbox, in a sentence; null when it can. */
export function replyRefusalOf(item: { kind: InboxKind }, network: string): string | null {
  if (item.kind === 'dm' && network === 'mastodon') {
    return 'Kolorob publishes Mastodon replies publicly, so it cannot answer a direct message without making it public; answer it on the server.';
  }
  return null;
}

export async function inboxItemOrNotFound(q: Queryable, workspaceId: string, itemId: string) {
  const [view] = await itemViews(q, workspaceId, eq(inboxItems.id, itemId), 1);
  if (!view) throw notFound('That inbox item');
  return view;
}

export async function getInboxItem(
  ctx: ActorContext,
  workspaceId: string,
  itemId: string,
): Promise<InboxItemDetail> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  const view = await inboxItemOrNotFound(ctx.database.db, workspaceId, itemId);
  const replies = await ctx.database.db
    .select({
      postId: postTargets.postId,
      status: postTargets.status,
      text: postTargets.text,
      authorName: users.name,
      remoteUrl: postTargets.remoteUrl,
      createdAt: postTargets.createdAt,
    })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(
      and(
        eq(postTargets.workspaceId, workspaceId),
        eq(postTargets.accountId, view.account.id),
        dsql`${postTargets.replyToRemote}->'parent'->>'id' = ${view.remoteId}`,
      ),
    )
    .orderBy(desc(postTargets.createdAt));
  return {
    ...view,
    network: view.account.network,
    replyRefusal: replyRefusalOf(view, view.account.network),
    replies: replies.map((reply) => ({ ...reply, createdAt: reply.createdAt.toISOString() })),
  };
}

export interface InboxCounts {
  /** Every member, with the open items assigned to them. */
  members: { userId: string; name: string; role: string; open: number }[];
  unassigned: number;
  open: number;
}

export async function inboxCounts(ctx: ActorContext, workspaceId: string): Promise<InboxCounts> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  const members = await ctx.database.db
    .select({
      userId: memberships.userId,
      name: users.name,
      role: memberships.role,
      open: dsql<number>`(SELECT count(*)::int FROM inbox_items i
        WHERE i.workspace_id = ${workspaceId} AND i.state = 'open' AND i.assignee_id = ${memberships.userId})`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
  const [totals] = await ctx.database.db
    .select({
      open: dsql<number>`count(*)::int`,
      unassigned: dsql<number>`(count(*) FILTER (WHERE ${inboxItems.assigneeId} IS NULL))::int`,
    })
    .from(inboxItems)
    .where(and(eq(inboxItems.workspaceId, workspaceId), eq(inboxItems.state, 'open')));
  return {
    members: members.map((m) => ({ ...m, open: Number(m.open) })),
    unassigned: Number(totals?.unassigned ?? 0),
    open: Number(totals?.open ?? 0),
  };
}

export interface InboxSourceView {
  accountId: string;
  network: string;
  handle: string;
  lastPolledAt: string | null;
  lastError: string | null;
  /** What the inbox does not read on this network, and why. */
  unavailable: { feed: string; reason: string }[];
  /** The network's length limit for a reply from this account. */
  textLimit: number;
}

/** Each account's inbox: when it was last read, its last failure, and what its network cannot offer. */
export async function inboxSourcesOf(ctx: ActorContext, workspaceId: string): Promise<InboxSourceView[]> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  const rows = await ctx.database.db
    .select({
      accountId: socialAccounts.id,
      network: socialAccounts.network,
      handle: socialAccounts.handle,
      textLimit: socialAccounts.textLimit,
      lastPolledAt: inboxSources.lastPolledAt,
      lastError: inboxSources.lastError,
    })
    .from(socialAccounts)
    .leftJoin(inboxSources, eq(inboxSources.accountId, socialAccounts.id))
    .where(eq(socialAccounts.workspaceId, workspaceId))
    .orderBy(asc(socialAccounts.handle));
  return rows.map((row) => ({
    accountId: row.accountId,
    network: row.network,
    handle: row.handle,
    lastPolledAt: row.lastPolledAt ? row.lastPolledAt.toISOString() : null,
    lastError: row.lastError,
    unavailable: UNAVAILABLE[row.network] ?? [],
    textLimit: row.textLimit ?? connectorOf(row.network).textRule.limit,
  }));
}

/** Feeds a network's inbox reader cannot read, known without signing in. */
const UNAVAILABLE: Record<string, { feed: string; reason: string }[]> = {
  bluesky: [
    {
      feed: 'direct_messages',
      reason:
        'Bluesky direct messages are kept by a separate chat service, which Kolorob does not read yet; answer them in a Bluesky app.',
    },
  ],
};
