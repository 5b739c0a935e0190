// Acting on an item of a column as one of the workspace's accounts. Likes and reposts go to the network
// at once (for those allowed to engage), and the stored copies of the item show the new state. Replies
// and quotes are posts: they go through createPost like any other, so they are published exactly once
// by the publishing worker, audited, and wait for approval when their author's posts need it.
import { and, sql as dsql, eq, like } from 'drizzle-orm';
import { badRequest } from '../../core/appError.ts';
import type { StreamAction, StreamItem } from '../../core/streams/streamTypes.ts';
import { socialAccounts, streamItems } from '../../db/schema.ts';
import { openAccountConnection } from '../../networks/accountConnections.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { createPost } from '../posts/createPost.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { connectorFailure } from './connectorFailure.ts';

export interface EngageInput {
  accountId: string;
  action: StreamAction;
  postId: string;
  postCid?: string;
}

async function workspaceAccount(ctx: ActorContext, workspaceId: string, accountId: string) {
  const [account] = await ctx.database.db
    .select({ id: socialAccounts.id, network: socialAccounts.network })
    .from(socialAccounts)
    .where(and(eq(socialAccounts.id, accountId), eq(socialAccounts.workspaceId, workspaceId)));
  if (!account) {
    throw badRequest('That account is not connected to this workspace.', { accountId: 'Unknown account.' });
  }
  return account;
}

/** The item as it is after the action, for stored copies. */
function applied(item: StreamItem, action: StreamAction): StreamItem {
  const viewer = { liked: item.viewer?.liked ?? false, reposted: item.viewer?.reposted ?? false };
  const counts = item.counts ? { ...item.counts } : undefined;
  const change = (flag: 'liked' | 'reposted', on: boolean, count: 'likes' | 'reposts') => {
    if (viewer[flag] === on) return;
    viewer[flag] = on;
    if (counts) counts[count] = Math.max(0, counts[count] + (on ? 1 : -1));
  };
  if (action === 'like') change('liked', true, 'likes');
  if (action === 'unlike') change('liked', false, 'likes');
  if (action === 'repost') change('reposted', true, 'reposts');
  if (action === 'unrepost') change('reposted', false, 'reposts');
  return { ...item, viewer, ...(counts ? { counts } : {}) };
}

export async function engage(ctx: ActorContext, workspaceId: string, input: EngageInput): Promise<void> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'streams.engage');
  await workspaceAccount(ctx, workspaceId, input.accountId);
  const post = { id: input.postId, cid: input.postCid };
  try {
    const { connection } = await openAccountConnection(ctx, input.accountId);
    await connection.streams()[input.action](post);
  } catch (error) {
    throw connectorFailure(error);
  }
  // The account's columns are the sources whose key names it.
  const rows = await ctx.database.db
    .select({ sourceKey: streamItems.sourceKey, itemId: streamItems.itemId, item: streamItems.item })
    .from(streamItems)
    .where(
      and(
        eq(streamItems.workspaceId, workspaceId),
        like(streamItems.sourceKey, `%:${input.accountId}%`),
        dsql`${streamItems.item}->>'postId' = ${input.postId}`,
      ),
    );
  for (const row of rows) {
    await ctx.database.db
      .update(streamItems)
      .set({ item: applied(row.item, input.action) })
      .where(
        and(
          eq(streamItems.workspaceId, workspaceId),
          eq(streamItems.sourceKey, row.sourceKey),
          eq(streamItems.itemId, row.itemId),
        ),
      );
  }
  await recordAudit(ctx.database.db, {
    workspaceId,
    actorId: ctx.actorId,
    action: `stream.${input.action}`,
    targetType: 'social_account',
    targetId: input.accountId,
    after: { postId: input.postId },
  });
}

export interface ReplyInput {
  accountId: string;
  text: string;
  kind: 'reply' | 'quote';
  postId: string;
  postCid?: string;
  postUrl: string;
  rootId?: string;
  rootCid?: string;
  rootUrl?: string;
}

/** A reply or quote as a post published now (or sent for approval), on the chosen account. */
export async function replyFromStream(
  ctx: ActorContext,
  workspaceId: string,
  input: ReplyInput,
): Promise<{ postId: string; status: string }> {
  // Permission first: an outsider learns nothing about which accounts exist.
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'posts.write');
  await workspaceAccount(ctx, workspaceId, input.accountId);
  const target = { id: input.postId, url: input.postUrl, ...(input.postCid ? { cid: input.postCid } : {}) };
  const root = input.rootId
    ? { id: input.rootId, url: input.rootUrl ?? '', ...(input.rootCid ? { cid: input.rootCid } : {}) }
    : target;
  const created = await createPost(ctx, workspaceId, {
    text: input.text,
    targets: [{ accountId: input.accountId }],
    mode: 'now',
    ...(input.kind === 'reply' ? { replyTo: { parent: target, root } } : { quote: target }),
  });
  return { postId: created.id, status: created.targets[0]?.status ?? 'scheduled' };
}
