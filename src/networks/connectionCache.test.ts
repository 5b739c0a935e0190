// The connections kept per account: with the real Bluesky connector against the Bluesky-shaped sink,
// counting the sign-ins the sink sees, alone and inside the publish worker; and what a stored account's
// connection, kept for long, writes back to the account row.
import { TID } from '@atproto/common-web';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost } from '../commands/posts/createPost.ts';
import { postTargets, socialAccounts } from '../db/schema.ts';
import { type JobQueue, startJobQueue } from '../jobs/jobQueue.ts';
import { PUBLISH_TARGET } from '../jobs/publishQueue.ts';
import { workPublishTarget } from '../jobs/publishTargetJob.ts';
import {
  actorContext,
  type BlueskySink,
  blueskyConnectionFor,
  createPublishingWorkspace,
  sinkDid,
  startBlueskySink,
  storeBlueskyAccount,
} from '../testing/publishingFixtures.ts';
import { eventually } from '../testing/testApp.ts';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase.ts';
import { openAccountConnection } from './accountConnections.ts';
import { type BlueskyCredentials, blueskyConnector } from './bluesky/blueskyConnector.ts';
import { createConnectionCache } from './connectionCache.ts';
import { ConnectorError } from './connector.ts';

let sink: BlueskySink;

beforeAll(async () => {
  sink = await startBlueskySink();
});

afterAll(async () => {
  await sink?.close();
});

const signIns = () => sink.counts['com.atproto.server.createSession'] ?? 0;
const signIn = (handle: string) => () =>
  blueskyConnector.connect({ service: sink.url, identifier: handle, appPassword: 'app-password' });
const post = () => ({ text: 'Kept connection', publishKey: TID.nextStr() });

describe('createConnectionCache', () => {
  it('signs in to an account once for many calls, at once or one after another', async () => {
    const cache = createConnectionCache(signIn('once.test'));
    const before = signIns();
    const [a, b] = await Promise.all([cache.get('account', 'v1'), cache.get('account', 'v1')]);
    expect(a).toBe(b);
    for (let i = 0; i < 3; i++) await (await cache.get('account', 'v1')).publish(post());
    expect(signIns() - before).toBe(1);
    expect(cache.size).toBe(1);
  });

  it('opens a new connection when the account row has changed', async () => {
    const cache = createConnectionCache(signIn('changed.test'));
    const before = signIns();
    const first = await cache.get('account', 'v1');
    const second = await cache.get('account', 'v2');
    expect(second).not.toBe(first);
    expect(await cache.get('account', 'v2')).toBe(second);
    expect(signIns() - before).toBe(2);
  });

  it('keeps no failed sign-in', async () => {
    const cache = createConnectionCache(signIn('refused.test'));
    sink.failNext('com.atproto.server.createSession', 401, 'AuthenticationRequired');
    await expect(cache.get('account', 'v1')).rejects.toMatchObject({ kind: 'auth' });
    expect(cache.size).toBe(0);
    await (await cache.get('account', 'v1')).publish(post());
  });

  it('drops a connection the network refused, and signs in afresh for the next call', async () => {
    const cache = createConnectionCache(signIn('revoked.test'));
    const before = signIns();
    const connection = await cache.get('account', 'v1');
    await connection.publish(post());
    // The access token refused, and the refresh token with it: the session is over.
    sink.failNext('com.atproto.repo.getRecord', 401, 'AuthenticationRequired');
    sink.failNext('com.atproto.server.refreshSession', 401, 'ExpiredToken');
    const refused = await connection.publish(post()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConnectorError);
    expect(refused).toMatchObject({ kind: 'auth' });
    cache.drop('account', connection);
    const fresh = await cache.get('account', 'v1');
    expect(fresh).not.toBe(connection);
    await fresh.publish(post());
    expect(signIns() - before).toBe(2);
  });

  it('drops only the connection named, not one opened after it', async () => {
    const cache = createConnectionCache(signIn('replaced.test'));
    const old = await cache.get('account', 'v1');
    const current = await cache.get('account', 'v2');
    cache.drop('account', old);
    expect(await cache.get('account', 'v2')).toBe(current);
  });

  it('keeps the most recently used accounts up to its size', async () => {
    const opened: string[] = [];
    const cache = createConnectionCache(
      async (accountId: string) => {
        opened.push(accountId);
        return { accountId };
      },
      { maxAccounts: 2 },
    );
    await cache.get('a', 'v');
    await cache.get('b', 'v');
    await cache.get('a', 'v');
    await cache.get('c', 'v');
    expect(cache.size).toBe(2);
    await cache.get('a', 'v');
    await cache.get('b', 'v');
    expect(opened).toEqual(['a', 'b', 'c', 'b']);
  });
});

describe('the publish worker', () => {
  let database: TestDatabase;
  let jobs: JobQueue;
  let ctx: ReturnType<typeof actorContext>;
  let workspaceId: string;
  let accountId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    jobs = await startJobQueue(database, { pollingIntervalSeconds: 1 });
    const ws = await createPublishingWorkspace(database.db);
    workspaceId = ws.workspaceId;
    ctx = actorContext(database, jobs, ws.userId);
    accountId = await storeBlueskyAccount(database.db, ctx.secretBox, workspaceId, sink.url, {
      did: sinkDid('worker.test'),
      handle: 'worker.test',
      appPassword: 'app-password',
    });
    await workPublishTarget(
      { database, jobs, connectionFor: blueskyConnectionFor(database, ctx.secretBox) },
      { loops: 2, batchSize: 5 },
    );
  });

  afterAll(async () => {
    await jobs?.stop();
    await database?.close();
  });

  async function published(text: string) {
    const created = await createPost(ctx, workspaceId, { text, targets: [{ accountId }], mode: 'now' });
    return eventually(async () => {
      const [row] = await database.db
        .select()
        .from(postTargets)
        .where(eq(postTargets.id, created.targets[0]!.id));
      return row && ['published', 'failed'].includes(row.status) ? row : undefined;
    }, 20_000);
  }

  it('signs in to an account once for all the posts it publishes', async () => {
    const before = signIns();
    for (let i = 0; i < 4; i++) expect((await published(`Post ${i}`)).status).toBe('published');
    expect(signIns() - before).toBe(1);
  });

  it('publishes once when the same job comes twice in one poll', async () => {
    const duplicatesBefore = sink.duplicates;
    const created = await createPost(ctx, workspaceId, {
      text: 'Sent twice',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 1500),
    });
    const target = created.targets[0]!;
    await jobs.send(
      PUBLISH_TARGET,
      { targetId: target.id, version: target.version },
      { startAfter: target.scheduledAt! },
    );
    const row = await eventually(async () => {
      const [found] = await database.db.select().from(postTargets).where(eq(postTargets.id, target.id));
      return found?.status === 'published' ? found : undefined;
    }, 20_000);
    expect(row.attempts).toBe(1);
    expect(sink.records.has(`${sinkDid('worker.test')}/${row.publishKey}`)).toBe(true);
    expect(sink.counts['com.atproto.repo.createRecord']).toBeGreaterThan(0);
    expect(sink.duplicates).toBe(duplicatesBefore);
  });

  it('signs in afresh after the network refused the kept connection', async () => {
    const before = signIns();
    sink.failNext('com.atproto.repo.getRecord', 401, 'AuthenticationRequired');
    sink.failNext('com.atproto.server.refreshSession', 401, 'ExpiredToken');
    const refused = await published('Refused');
    expect(refused.status).toBe('failed');
    expect(refused.lastError).toMatch(/^Reconnect @worker\.test: /);
    expect(signIns() - before).toBe(0);
    expect((await published('After the refusal')).status).toBe('published');
    expect(signIns() - before).toBe(1);
  });
});

describe("a stored account's connection", () => {
  let database: TestDatabase;
  let jobs: JobQueue;
  let ctx: ReturnType<typeof actorContext>;
  let workspaceId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    jobs = await startJobQueue(database, { supervise: false });
    const ws = await createPublishingWorkspace(database.db);
    workspaceId = ws.workspaceId;
    ctx = actorContext(database, jobs, ws.userId);
  });

  afterAll(async () => {
    await jobs?.stop();
    await database?.close();
  });

  async function sealed(accountId: string): Promise<string> {
    const [row] = await database.db
      .select({ sealed: socialAccounts.credentialsSealed })
      .from(socialAccounts)
      .where(eq(socialAccounts.id, accountId));
    return row!.sealed;
  }

  const store = (handle: string) =>
    storeBlueskyAccount(database.db, ctx.secretBox, workspaceId, sink.url, {
      did: sinkDid(handle),
      handle,
      appPassword: 'app-password',
    });

  it('saves the session of a sign-in, and leaves fresh stored tokens alone when resuming them', async () => {
    const accountId = await store('stored.test');
    const before = await sealed(accountId);
    await openAccountConnection(ctx, accountId);
    const signedIn = await sealed(accountId);
    expect(signedIn).not.toBe(before);
    expect((JSON.parse(ctx.secretBox.open(signedIn)) as BlueskyCredentials).session?.did).toBe(
      sinkDid('stored.test'),
    );
    // Every other opening resumes (and so rotates) the stored tokens; writing them back each time
    // would tell every process keeping a connection that the account changed.
    const opened = await openAccountConnection(ctx, accountId);
    await opened.connection.publish(post());
    expect(await sealed(accountId)).toBe(signedIn);
  });

  it('never overwrites credentials changed after it was opened', async () => {
    const accountId = await store('reconnected.test');
    const opened = await openAccountConnection(ctx, accountId);
    // Reconnected in Settings → Accounts with a new app password while the connection is kept.
    const credentials = JSON.parse(ctx.secretBox.open(await sealed(accountId))) as BlueskyCredentials;
    const reconnected = ctx.secretBox.seal(
      JSON.stringify({ ...credentials, appPassword: 'new-app-password' }),
    );
    await database.db
      .update(socialAccounts)
      .set({ credentialsSealed: reconnected })
      .where(eq(socialAccounts.id, accountId));
    // The access token expires during a call: the connection refreshes it, and would save it.
    sink.failNext('com.atproto.repo.getRecord', 400, 'ExpiredToken');
    const refreshes = sink.counts['com.atproto.server.refreshSession'] ?? 0;
    await opened.connection.publish(post());
    expect(sink.counts['com.atproto.server.refreshSession']).toBe(refreshes + 1);
    expect(await sealed(accountId)).toBe(reconnected);
  });
});
