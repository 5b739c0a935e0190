// The post commands on their own: permissions, text rules, what gets a job, versions, and the planner list.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/appError.ts';
import { postTargets } from '../../db/schema.ts';
import { type JobQueue, startJobQueue } from '../../jobs/jobQueue.ts';
import { PUBLISH_TARGET } from '../../jobs/publishQueue.ts';
import {
  actorContext,
  addMember,
  createPublishingWorkspace,
  storeBlueskyAccount,
} from '../../testing/publishingFixtures.ts';
import { openTestDatabase, type TestDatabase } from '../../testing/testDatabase.ts';
import type { ActorContext } from '../context.ts';
import { createPost } from './createPost.ts';
import { deletePost } from './deletePost.ts';
import { listPosts } from './listPosts.ts';
import { reschedulePost } from './reschedulePost.ts';

let database: TestDatabase;
let jobs: JobQueue;
let owner: ActorContext;
let workspaceId: string;
let accountId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  jobs = await startJobQueue(database, { supervise: false });
  const ws = await createPublishingWorkspace(database.db);
  workspaceId = ws.workspaceId;
  owner = actorContext(database, jobs, ws.userId);
  accountId = await storeBlueskyAccount(database.db, owner.secretBox, workspaceId, 'http://127.0.0.1:9', {
    did: 'did:plc:example',
    handle: 'poster.test',
    appPassword: 'x',
  });
});
afterAll(async () => {
  await jobs?.stop();
  await database?.close();
});

async function jobsFor(targetId: string) {
  return (
    await database.executor.executeSql(
      `SELECT (data->>'version')::int AS version, start_after FROM pgboss.job WHERE name = $1 AND data->>'targetId' = $2 ORDER BY created_on`,
      [PUBLISH_TARGET, targetId],
    )
  ).rows as { version: number; start_after: Date }[];
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe('post commands', () => {
  it('schedules an owner’s post with one job at its time, in the same transaction', async () => {
    const at = later(30);
    const post = await createPost(owner, workspaceId, {
      text: 'Hello',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: at,
      tags: ['launch'],
    });
    const [target] = post.targets;
    expect(target).toMatchObject({ status: 'scheduled', version: 1 });
    const queued = await jobsFor(target!.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.version).toBe(1);
    expect(new Date(queued[0]!.start_after).getTime()).toBe(at.getTime());
  });

  it('refuses a text over the network’s limit, naming the network and the numbers', async () => {
    const error = await refusal(
      createPost(owner, workspaceId, { text: 'a'.repeat(301), targets: [{ accountId }], mode: 'now' }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toBe('For @poster.test: Bluesky allows 300 characters; this post has 301.');
  });

  it('sends a contributor’s post for approval without a job, and keeps viewers out', async () => {
    const contributor = actorContext(
      database,
      jobs,
      await addMember(database.db, workspaceId, 'contributor'),
    );
    const post = await createPost(contributor, workspaceId, {
      text: 'Please approve',
      targets: [{ accountId }],
      mode: 'now',
    });
    expect(post.targets[0]!.status).toBe('pending_approval');
    expect(await jobsFor(post.targets[0]!.id)).toEqual([]);

    const viewer = actorContext(database, jobs, await addMember(database.db, workspaceId, 'viewer'));
    const error = await refusal(
      createPost(viewer, workspaceId, { text: 'Nope', targets: [{ accountId }], mode: 'now' }),
    );
    expect(error.status).toBe(403);
  });

  it('bumps the version on reschedule and delete, so older jobs do nothing', async () => {
    const post = await createPost(owner, workspaceId, {
      text: 'Moving',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: later(10),
    });
    const id = post.targets[0]!.id;
    await reschedulePost(owner, post.id, { scheduledAt: later(20) });
    expect((await jobsFor(id)).map((j) => j.version)).toEqual([1, 2]);
    await deletePost(owner, post.id);
    const [row] = await database.db.select().from(postTargets).where(eq(postTargets.id, id));
    expect(row).toMatchObject({ status: 'cancelled', version: 3 });
    const error = await refusal(reschedulePost(owner, post.id, { scheduledAt: later(30) }));
    expect(error.status).toBe(409);
  });

  it('lists posts for the planner by time range, status and tag', async () => {
    const tagged = await createPost(owner, workspaceId, {
      text: 'Tagged',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: later(60 * 24),
      tags: ['campaign'],
    });
    await createPost(owner, workspaceId, {
      text: 'Untagged',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: later(60 * 24 + 5),
    });
    const range = { from: later(60 * 23), to: later(60 * 25) };
    expect((await listPosts(owner, workspaceId, range)).map((p) => p.text)).toEqual(['Tagged', 'Untagged']);
    expect((await listPosts(owner, workspaceId, { ...range, tag: 'campaign' })).map((p) => p.id)).toEqual([
      tagged.id,
    ]);
    expect(await listPosts(owner, workspaceId, { ...range, status: ['published'] })).toEqual([]);
  });
});
