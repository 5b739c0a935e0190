// The publish worker and the reconciler against a real local Bluesky network: posts go out at their
// time, once; threads as replies; deleted and moved posts never at their old time; refusals, revoked
// credentials and crashes end where they should, read back from the network itself.
import { AtpAgent } from '@atproto/api';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActorContext } from '../commands/context.ts';
import { createPost } from '../commands/posts/createPost.ts';
import { deletePost } from '../commands/posts/deletePost.ts';
import { reschedulePost } from '../commands/posts/reschedulePost.ts';
import { retryTarget } from '../commands/posts/retryTarget.ts';
import { media, postTargets, publishAttempts } from '../db/schema.ts';
import { type AtprotoAccount, type AtprotoNetwork, startAtprotoNetwork } from '../testing/atprotoNetwork.ts';
import {
  actorContext,
  blueskyConnectionFor,
  createPublishingWorkspace,
  storeBlueskyAccount,
} from '../testing/publishingFixtures.ts';
import { eventually } from '../testing/testApp.ts';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase.ts';
import { type JobQueue, startJobQueue } from './jobQueue.ts';
import { type PublishDeps, workPublishTarget } from './publishTargetJob.ts';
import { reconcilePublishing } from './reconcilePublishingJob.ts';

let network: AtprotoNetwork;
let database: TestDatabase;
let jobs: JobQueue;
let ctx: ActorContext;
let deps: PublishDeps;
let workspaceId: string;
let alice: AtprotoAccount;
let aliceId: string;
let bob: AtprotoAccount;
let bobId: string;

beforeAll(async () => {
  [network, database] = await Promise.all([startAtprotoNetwork(), openTestDatabase()]);
  jobs = await startJobQueue(database, { pollingIntervalSeconds: 1 });
  const ws = await createPublishingWorkspace(database.db);
  workspaceId = ws.workspaceId;
  ctx = actorContext(database, jobs, ws.userId);
  alice = await network.createAccount('alice');
  bob = await network.createAccount('bob');
  aliceId = await storeBlueskyAccount(database.db, ctx.secretBox, workspaceId, network.pdsUrl, alice);
  bobId = await storeBlueskyAccount(database.db, ctx.secretBox, workspaceId, network.pdsUrl, bob);
  deps = {
    database,
    jobs,
    connectionFor: blueskyConnectionFor(database, ctx.secretBox),
    backoff: { baseMs: 200, maxMs: 1000, maxAttempts: 3 },
  };
  await workPublishTarget(deps, { loops: 2, batchSize: 5 });
});

afterAll(async () => {
  await jobs?.stop();
  await database?.close();
  await network?.close();
});

const inSeconds = (s: number) => new Date(Date.now() + s * 1000);
const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 10)}`;

async function target(id: string) {
  const [row] = await database.db.select().from(postTargets).where(eq(postTargets.id, id));
  return row!;
}

async function settled(id: string, timeoutMs = 30_000) {
  return eventually(async () => {
    const row = await target(id);
    return ['published', 'failed', 'cancelled'].includes(row.status) ? row : undefined;
  }, timeoutMs);
}

/** How many posts of the account carry exactly this text, as the AppView sees them. */
async function postsWithText(account: AtprotoAccount, text: string): Promise<number> {
  await network.processAll();
  const { data } = await network.appView.app.bsky.feed.getAuthorFeed({ actor: account.did, limit: 100 });
  return data.feed.filter((item) => (item.post.record as { text?: string }).text === text).length;
}

describe('publishing to Bluesky', () => {
  it('publishes a scheduled post within 2 s of its time, once', async () => {
    const text = unique('Scheduled');
    const due = inSeconds(3);
    const post = await createPost(ctx, workspaceId, {
      text,
      targets: [{ accountId: aliceId }],
      mode: 'schedule',
      scheduledAt: due,
    });
    expect(post.targets[0]!.status).toBe('scheduled');
    const done = await settled(post.targets[0]!.id);
    expect(done.status).toBe('published');
    const lateness = done.publishedAt!.getTime() - due.getTime();
    console.log(`scheduled post published ${lateness} ms after its time`);
    expect(lateness).toBeGreaterThanOrEqual(-1000);
    expect(lateness).toBeLessThan(2000);
    expect(done.remoteId).toMatch(new RegExp(`^at://${alice.did}/app.bsky.feed.post/${done.publishKey}$`));
    expect(await postsWithText(alice, text)).toBe(1);
    const attempts = await database.db
      .select()
      .from(publishAttempts)
      .where(eq(publishAttempts.targetId, done.id));
    expect(attempts.map((a) => a.outcome)).toEqual(['published']);
  });

  it('publishes a two-post thread in order, the second as a reply to the first', async () => {
    const first = unique('Thread 1/2');
    const second = unique('Thread 2/2');
    const post = await createPost(ctx, workspaceId, {
      text: first,
      thread: [{ text: second }],
      targets: [{ accountId: aliceId }],
      mode: 'now',
    });
    const [head, reply] = post.targets;
    const headDone = await settled(head!.id);
    const replyDone = await settled(reply!.id);
    expect([headDone.status, replyDone.status]).toEqual(['published', 'published']);
    expect(replyDone.publishedAt!.getTime()).toBeGreaterThanOrEqual(headDone.publishedAt!.getTime());
    await network.processAll();
    const { data } = await network.appView.app.bsky.feed.getPosts({ uris: [replyDone.remoteId!] });
    const record = data.posts[0]!.record as {
      text: string;
      reply?: { parent: { uri: string }; root: { uri: string } };
    };
    expect(record.text).toBe(second);
    expect(record.reply?.parent.uri).toBe(headDone.remoteId);
    expect(record.reply?.root.uri).toBe(headDone.remoteId);
    expect(await postsWithText(alice, first)).toBe(1);
    expect(await postsWithText(alice, second)).toBe(1);
  });

  it('never publishes a deleted post, and publishes a moved post only at its new time', async () => {
    const deletedText = unique('Deleted');
    const movedText = unique('Moved');
    const deleted = await createPost(ctx, workspaceId, {
      text: deletedText,
      targets: [{ accountId: aliceId }],
      mode: 'schedule',
      scheduledAt: inSeconds(3),
    });
    const moved = await createPost(ctx, workspaceId, {
      text: movedText,
      targets: [{ accountId: aliceId }],
      mode: 'schedule',
      scheduledAt: inSeconds(3),
    });
    expect(await deletePost(ctx, deleted.id)).toMatchObject({ cancelled: 1 });
    const newTime = inSeconds(9);
    await reschedulePost(ctx, moved.id, { scheduledAt: newTime });

    // Past the old time, with the old jobs run.
    await new Promise((r) => setTimeout(r, 5500));
    expect((await target(deleted.targets[0]!.id)).status).toBe('cancelled');
    expect((await target(moved.targets[0]!.id)).status).toBe('scheduled');
    expect(await postsWithText(alice, deletedText)).toBe(0);
    expect(await postsWithText(alice, movedText)).toBe(0);

    const done = await settled(moved.targets[0]!.id);
    expect(done.status).toBe('published');
    expect(done.publishedAt!.getTime()).toBeGreaterThanOrEqual(newTime.getTime() - 1000);
    expect(done.publishedAt!.getTime() - newTime.getTime()).toBeLessThan(2000);
    expect(await postsWithText(alice, movedText)).toBe(1);
    expect(await postsWithText(alice, deletedText)).toBe(0);
  });

  it('fails a post the network refuses, with a reason a person can act on', async () => {
    const tooLong = await createPost(ctx, workspaceId, {
      text: unique('Short enough for now'),
      targets: [{ accountId: aliceId }],
      mode: 'schedule',
      scheduledAt: inSeconds(2),
    });
    // Past the composer's check, as an older client or an edit by hand might.
    await database.db
      .update(postTargets)
      .set({ text: 'x'.repeat(400) })
      .where(eq(postTargets.id, tooLong.targets[0]!.id));

    const [image] = await database.db
      .insert(media)
      .values({ workspaceId, mimeType: 'image/png', bytes: Buffer.alloc(2_500_000, 1), alt: 'big' })
      .returning();
    const bigImage = await createPost(ctx, workspaceId, {
      text: unique('With a big image'),
      targets: [{ accountId: aliceId, media: [{ mediaId: image!.id, alt: 'A large picture' }] }],
      mode: 'now',
    });

    const longDone = await settled(tooLong.targets[0]!.id);
    expect(longDone.status).toBe('failed');
    expect(longDone.lastError).toBe('Bluesky allows 300 characters; this post has 400.');
    expect(longDone.attempts).toBe(1);
    const imageDone = await settled(bigImage.targets[0]!.id);
    expect(imageDone.status).toBe('failed');
    expect(imageDone.lastError).toBe('Bluesky accepts images up to 2.0 MB; image 1 is 2.5 MB.');
  });

  it('fails with a reconnect reason when the credential was revoked', async () => {
    const agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: bob.handle, password: bob.password });
    await agent.com.atproto.server.revokeAppPassword({ name: 'kolorob' });
    const post = await createPost(ctx, workspaceId, {
      text: unique('From a revoked account'),
      targets: [{ accountId: bobId }],
      mode: 'now',
    });
    const done = await settled(post.targets[0]!.id);
    expect(done.status).toBe('failed');
    expect(done.lastError).toMatch(
      /^Reconnect @bob\.test: Bluesky did not accept the handle and app password/,
    );
    expect(done.attempts).toBe(1);
  });

  it('reconciles a crash between the network call and the "published" write without a second post', async () => {
    const text = unique('Crash after the call');
    const post = await createPost(ctx, workspaceId, { text, targets: [{ accountId: aliceId }], mode: 'now' });
    const published = await settled(post.targets[0]!.id);
    expect(published.status).toBe('published');
    // As if the process died after the network accepted the post but before the row said so.
    await database.db
      .update(postTargets)
      .set({
        status: 'publishing',
        publishingSince: sql`now() - interval '10 minutes'`,
        remoteId: null,
        remoteUrl: null,
        remoteCid: null,
        publishedAt: null,
      })
      .where(eq(postTargets.id, published.id));

    const report = await reconcilePublishing(deps, { stuckAfterSeconds: 120 });
    expect(report).toMatchObject({ found: 1, rescheduled: 0 });
    const after = await target(published.id);
    expect(after.status).toBe('published');
    expect(after.remoteId).toBe(published.remoteId);
    expect(after.remoteCid).toBe(published.remoteCid);
    expect(await postsWithText(alice, text)).toBe(1);
  });

  it('reconciles a crash before the network call by publishing once, and re-enqueues a lost job', async () => {
    const crashedText = unique('Crash before the call');
    const lostText = unique('Lost job');
    const crashed = await createPost(ctx, workspaceId, {
      text: crashedText,
      targets: [{ accountId: aliceId }],
      mode: 'draft',
    });
    await database.db
      .update(postTargets)
      .set({
        status: 'publishing',
        scheduledAt: sql`now() - interval '10 minutes'`,
        publishingSince: sql`now() - interval '10 minutes'`,
      })
      .where(eq(postTargets.id, crashed.targets[0]!.id));
    // A target whose job vanished: scheduled long ago, nothing in the queue.
    const lost = await createPost(ctx, workspaceId, {
      text: lostText,
      targets: [{ accountId: aliceId }],
      mode: 'draft',
    });
    await database.db
      .update(postTargets)
      .set({ status: 'scheduled', scheduledAt: sql`now() - interval '10 minutes'` })
      .where(eq(postTargets.id, lost.targets[0]!.id));

    const report = await reconcilePublishing(deps, { stuckAfterSeconds: 120, lostAfterSeconds: 60 });
    expect(report).toMatchObject({ found: 0, rescheduled: 1, requeued: 1 });
    expect((await settled(crashed.targets[0]!.id)).status).toBe('published');
    expect((await settled(lost.targets[0]!.id)).status).toBe('published');
    expect(await postsWithText(alice, crashedText)).toBe(1);
    expect(await postsWithText(alice, lostText)).toBe(1);
    // Nothing left to do the second time.
    expect(await reconcilePublishing(deps, { stuckAfterSeconds: 120, lostAfterSeconds: 60 })).toMatchObject({
      found: 0,
      rescheduled: 0,
      requeued: 0,
    });
  });

  it('tries a failed post again on request', async () => {
    const text = unique('Retried');
    const post = await createPost(ctx, workspaceId, {
      text,
      targets: [{ accountId: aliceId }],
      mode: 'schedule',
      scheduledAt: inSeconds(2),
    });
    await database.db
      .update(postTargets)
      .set({ text: 'y'.repeat(301) })
      .where(eq(postTargets.id, post.targets[0]!.id));
    expect((await settled(post.targets[0]!.id)).status).toBe('failed');
    await database.db.update(postTargets).set({ text }).where(eq(postTargets.id, post.targets[0]!.id));
    await retryTarget(ctx, post.targets[0]!.id);
    expect((await settled(post.targets[0]!.id)).status).toBe('published');
    expect(await postsWithText(alice, text)).toBe(1);
  });
});
