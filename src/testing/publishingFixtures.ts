// Rows the publishing tests, the drill and the benchmark start from: a person, a workspace they own,
// and Bluesky accounts stored the way Kolorob stores them (credentials sealed), plus a connectionFor
// that signs in with the real connector.
import { eq } from 'drizzle-orm';
import type { ActorContext } from '../commands/context.ts';
import { createSecretBox, type SecretBox } from '../core/secretBox.ts';
import type { Database, Queryable } from '../db/database.ts';
import { memberships, socialAccounts, users, workspaces } from '../db/schema.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import type { AccountConnectionHandle } from '../jobs/publishTargetJob.ts';
import { type BlueskyCredentials, blueskyConnector } from '../networks/bluesky/blueskyConnector.ts';
import type { Connector } from '../networks/connector.ts';
import type { AtprotoAccount } from './atprotoNetwork.ts';

export const PUBLISHING_SECRET = 'kolorob-publishing-test-secret';

export interface PublishingWorkspace {
  userId: string;
  workspaceId: string;
}

export async function createPublishingWorkspace(
  db: Queryable,
  role: 'owner' | 'contributor' = 'owner',
): Promise<PublishingWorkspace> {
  const [user] = await db
    .insert(users)
    .values({
      email: `p${Math.random().toString(36).slice(2)}@example.test`,
      name: 'Poster',
      passwordHash: 'x',
    })
    .returning();
  const [workspace] = await db.insert(workspaces).values({ name: 'Publishing' }).returning();
  await db.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id, role });
  return { userId: user!.id, workspaceId: workspace!.id };
}

export async function addMember(
  db: Queryable,
  workspaceId: string,
  role: 'owner' | 'admin' | 'editor' | 'contributor' | 'viewer',
): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({ email: `m${Math.random().toString(36).slice(2)}@example.test`, name: role, passwordHash: 'x' })
    .returning();
  await db.insert(memberships).values({ workspaceId, userId: user!.id, role });
  return user!.id;
}

/** Stores a Bluesky account of the local network as connected to the workspace. */
export async function storeBlueskyAccount(
  db: Queryable,
  secretBox: SecretBox,
  workspaceId: string,
  pdsUrl: string,
  account: Pick<AtprotoAccount, 'did' | 'handle' | 'appPassword'>,
): Promise<string> {
  const credentials: BlueskyCredentials = {
    service: pdsUrl,
    identifier: account.handle,
    appPassword: account.appPassword,
  };
  const [row] = await db
    .insert(socialAccounts)
    .values({
      workspaceId,
      network: 'bluesky',
      remoteId: account.did,
      handle: account.handle,
      displayName: account.handle,
      serviceUrl: pdsUrl,
      credentialsSealed: secretBox.seal(JSON.stringify(credentials)),
    })
    .returning({ id: socialAccounts.id });
  return row!.id;
}

/** Signs in to a stored Bluesky account with the real connector. */
export function blueskyConnectionFor(
  database: Database,
  secretBox: SecretBox,
): (accountId: string) => Promise<AccountConnectionHandle> {
  return async (accountId) => {
    const [account] = await database.db.select().from(socialAccounts).where(eq(socialAccounts.id, accountId));
    if (!account) throw new Error(`No account ${accountId}`);
    const credentials = JSON.parse(secretBox.open(account.credentialsSealed)) as BlueskyCredentials;
    return {
      connector: blueskyConnector as Connector<unknown>,
      connection: await blueskyConnector.connect(credentials),
    };
  };
}

export function actorContext(database: Database, jobs: JobQueue, actorId: string): ActorContext {
  return {
    database,
    jobs,
    secretBox: createSecretBox(PUBLISHING_SECRET),
    config: { publicUrl: 'http://kolorob.test', allowPrivateFetch: true },
    actorId,
  };
}
