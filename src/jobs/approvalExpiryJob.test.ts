// The expiry job: posts still waiting for approval when their time came become 'expired', with an audit
// event and a notification to the author; posts due later, and those "as soon as approved", wait on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost } from '../commands/posts/createPost.ts';
import {
  actorContext,
  addMember,
  createPublishingWorkspace,
  storeBlueskyAccount,
} from '../testing/publishingFixtures.ts';
import { eventually } from '../testing/testApp.ts';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase.ts';
import { APPROVAL_EXPIRY, scheduleApprovalExpiry, workApprovalExpiry } from './approvalExpiryJob.ts';
import { type JobQueue, startJobQueue } from './jobQueue.ts';

let database: TestDatabase;
let jobs: JobQueue;

beforeAll(async () => {
  database = await openTestDatabase();
  jobs = await startJobQueue(database, { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await jobs?.stop();
  await database?.close();
});

const rows = async (sql: string, values: unknown[] = []) =>
  (await database.executor.executeSql(sql, values)).rows as Record<string, unknown>[];

describe('approval expiry job', () => {
  it('expires overdue waiting posts, audits them and tells their authors, and nothing else', async () => {
    const ws = await createPublishingWorkspace(database.db);
    const contributor = actorContext(
      database,
      jobs,
      await addMember(database.db, ws.workspaceId, 'contributor'),
    );
    const owner = actorContext(database, jobs, ws.userId);
    const accountId = await storeBlueskyAccount(
      database.db,
      owner.secretBox,
      ws.workspaceId,
      'http://127.0.0.1:9',
      {
        did: 'did:plc:expiry',
        handle: 'expiry.test',
        appPassword: 'x',
      },
    );
    const soon = await createPost(contributor, ws.workspaceId, {
      text: 'Due in a moment',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 1000),
    });
    const later = await createPost(contributor, ws.workspaceId, {
      text: 'Due tomorrow',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 86_400_000),
    });
    const asap = await createPost(contributor, ws.workspaceId, {
      text: 'As soon as approved',
      targets: [{ accountId }],
      mode: 'now',
    });
    const scheduled = await createPost(owner, ws.workspaceId, {
      text: 'The owner’s own',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 1000),
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await workApprovalExpiry({
      database,
      jobs,
      secretBox: owner.secretBox,
      config: { publicUrl: 'http://kolorob.test', allowPrivateFetch: false },
    });
    await jobs.send(APPROVAL_EXPIRY, {});
    const status = (postId: string) => rows('SELECT status FROM post_targets WHERE post_id = $1', [postId]);
    await eventually(async () => ((await status(soon.id))[0]!.status === 'expired' ? true : undefined));
    expect(await status(later.id)).toEqual([{ status: 'pending_approval' }]);
    expect(await status(asap.id)).toEqual([{ status: 'pending_approval' }]);
    expect((await status(scheduled.id))[0]!.status).not.toBe('expired');
    expect(await rows("SELECT target_id, actor_id FROM audit_events WHERE action = 'post.expired'")).toEqual([
      { target_id: soon.id, actor_id: null },
    ]);
    const told = await rows("SELECT user_id, data FROM notifications WHERE kind = 'post_expired'");
    expect(told).toEqual([{ user_id: contributor.actorId, data: { postText: 'Due in a moment' } }]);
    const mails = await rows(
      "SELECT data->>'subject' AS subject FROM pgboss.job WHERE name = 'send-mail' AND data->>'subject' LIKE '%expired%'",
    );
    expect(mails).toHaveLength(1);

    // On the queue's clock, once a minute.
    await scheduleApprovalExpiry(jobs);
    expect(await rows('SELECT cron FROM pgboss.schedule WHERE name = $1', [APPROVAL_EXPIRY])).toEqual([
      { cron: '* * * * *' },
    ]);
  });
});
