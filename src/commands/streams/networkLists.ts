// The lists a connected account owns on its network (Bluesky curated lists, Mastodon lists) and the
// people in them: read by anyone in the workspace, changed by those who may manage lists. Each change
// happens on the network first; the audit event follows once the network has accepted it, since a
// network write cannot share a transaction with the database. What the network refuses comes back as
// an API error carrying the network's own sentence.
import { and, eq } from 'drizzle-orm';
import { notFound } from '../../core/appError.ts';
import type { Permission } from '../../core/roles.ts';
import type { NetworkActor, NetworkList } from '../../core/streams/streamTypes.ts';
import type { Queryable } from '../../db/database.ts';
import { socialAccounts } from '../../db/schema.ts';
import { openAccountConnection } from '../../networks/accountConnections.ts';
import type { StreamReader } from '../../networks/streamReader.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { connectorFailure } from './connectorFailure.ts';

export interface ListFields {
  name: string;
  description: string;
}

/** A connected account of the workspace, as the list commands need it. */
export interface WorkspaceAccount {
  id: string;
  network: string;
  handle: string;
  connectedBy: string | null;
}

/** The account when it belongs to the workspace; 404 otherwise, like any other command. */
export async function workspaceAccount(
  q: Queryable,
  workspaceId: string,
  accountId: string,
): Promise<WorkspaceAccount> {
  const [account] = await q
    .select({
      id: socialAccounts.id,
      network: socialAccounts.network,
      handle: socialAccounts.handle,
      connectedBy: socialAccounts.connectedBy,
    })
    .from(socialAccounts)
    .where(and(eq(socialAccounts.workspaceId, workspaceId), eq(socialAccounts.id, accountId)));
  if (!account) throw notFound('That account');
  return account;
}

/** The API error for what a network refused (see connectorFailure). */
export const networkListError = connectorFailure;

/** Runs calls on the network, turning its refusals into API errors. */
export async function onNetwork<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw networkListError(error);
  }
}

/** Opens the account's reader; connecting may already be refused by the network. */
export async function accountReader(ctx: ActorContext, accountId: string): Promise<StreamReader> {
  return onNetwork(async () => (await openAccountConnection(ctx, accountId)).connection.streams());
}

/** Checks the permission and that the account is the workspace's, then opens its reader. */
async function readerFor(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
  permission: Permission,
): Promise<{ account: WorkspaceAccount; reader: StreamReader }> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, permission);
  const account = await workspaceAccount(db, workspaceId, accountId);
  return { account, reader: await accountReader(ctx, accountId) };
}

async function audit(
  ctx: ActorContext,
  workspaceId: string,
  action: string,
  listId: string,
  change: { before?: unknown; after?: unknown },
): Promise<void> {
  await recordAudit(ctx.database.db, {
    workspaceId,
    actorId: ctx.actorId,
    action,
    targetType: 'network_list',
    targetId: listId,
    ...change,
  });
}

export async function listNetworkLists(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
): Promise<NetworkList[]> {
  const { reader } = await readerFor(ctx, workspaceId, accountId, 'workspace.read');
  return onNetwork(() => reader.lists());
}

export async function createNetworkList(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
  input: ListFields,
): Promise<NetworkList> {
  const { account, reader } = await readerFor(ctx, workspaceId, accountId, 'lists.manage');
  const list = await onNetwork(() => reader.createList(input));
  await audit(ctx, workspaceId, 'list.created', list.id, {
    after: { accountId, network: account.network, name: list.name, description: list.description },
  });
  return list;
}

export async function updateNetworkList(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
  listId: string,
  input: ListFields,
): Promise<NetworkList> {
  const { reader } = await readerFor(ctx, workspaceId, accountId, 'lists.manage');
  const list = await onNetwork(() => reader.updateList(listId, input));
  await audit(ctx, workspaceId, 'list.updated', listId, {
    after: { accountId, name: list.name, description: list.description },
  });
  return list;
}

export async function deleteNetworkList(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
  listId: string,
): Promise<void> {
  const { reader } = await readerFor(ctx, workspaceId, accountId, 'lists.manage');
  await onNetwork(() => reader.deleteList(listId));
  await audit(ctx, workspaceId, 'list.deleted', listId, { before: { accountId } });
}

export async function listNetworkListMembers(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
  listId: string,
): Promise<NetworkActor[]> {
  const { reader } = await readerFor(ctx, workspaceId, accountId, 'workspace.read');
  return onNetwork(() => reader.listMembers(listId));
}

export async function addNetworkListMember(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
  listId: string,
  actorId: string,
): Promise<void> {
  const { reader } = await readerFor(ctx, workspaceId, accountId, 'lists.manage');
  await onNetwork(() => reader.addListMember(listId, actorId));
  await audit(ctx, workspaceId, 'list.member_added', listId, { after: { accountId, actorId } });
}

export async function removeNetworkListMember(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
  listId: string,
  actorId: string,
): Promise<void> {
  const { reader } = await readerFor(ctx, workspaceId, accountId, 'lists.manage');
  await onNetwork(() => reader.removeListMember(listId, actorId));
  await audit(ctx, workspaceId, 'list.member_removed', listId, { before: { accountId, actorId } });
}

/** People on the account's network whose handle or name matches, to add to a list. */
export async function searchNetworkActors(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
  query: string,
): Promise<NetworkActor[]> {
  const { reader } = await readerFor(ctx, workspaceId, accountId, 'workspace.read');
  return onNetwork(() => reader.searchActors(query));
}
