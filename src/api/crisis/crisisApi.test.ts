// Crisis mode through the API, without a network: who may start, end, review and publish anyway;
// everything scheduled is paused when it starts and anything scheduled during it (created, approved,
// retried) is held by the database; emails to every member through a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../mail/mailer.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../testing/smtpCatcher.ts';
import { eventually, startTestApp, type TestApp } from '../../testing/testApp.ts';
import { type CrisisTeam, createCrisisTeam } from './crisisTeam.ts';

let app: TestApp;
let smtp: SmtpCatcher;
let team: CrisisTeam;
let accountId: string;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows as Record<string, unknown>[];
const crisis = () => `/api/workspaces/${team.workspaceId}/crisis`;
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const target = async (postId: string) =>
  (await rows('SELECT * FROM post_targets WHERE post_id = $1', [postId]))[0]!;
const jobFor = async (targetId: string, version: number) =>
  (
    await rows(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'publish-target'
          AND data->>'targetId' = $1 AND (data->>'version')::int = $2`,
      [targetId, version],
    )
  )[0]!.n;

async function schedule(as: keyof CrisisTeam['clients'], text: string, scheduledAt: string) {
  const created = await team.clients[as].post(`/api/workspaces/${team.workspaceId}/posts`, {
    text,
    targets: [{ accountId }],
    mode: 'schedule',
    scheduledAt,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
}

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  app = await startTestApp({
    mailer: createMailer({ smtpUrl: smtp.url, from: 'Kolorob <kolorob@example.test>', log: console }),
  });
  team = await createCrisisTeam(app);
  const [row] = await rows(
    `INSERT INTO social_accounts (workspace_id, network, remote_id, handle, display_name, service_url, credentials_sealed)
     VALUES ($1, 'bluesky', 'did:plc:crisis', 'desk.test', 'Desk', 'https://pds.example', $2) RETURNING id`,
    [team.workspaceId, app.ctx.secretBox.seal('{}')],
  );
  accountId = row!.id as string;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe('crisis mode through the API', () => {
  it('lets only owners and admins start it; everyone in the workspace reads its state', async () => {
    for (const role of ['viewer', 'contributor', 'editor'] as const) {
      const refused = await team.clients[role].post(`${crisis()}/start`, { reason: 'Flood in Sylhet' });
      expect(refused.statusCode, role).toBe(403);
      expect(refused.json().message).toBe('Only owners and admins can start or end crisis mode.');
      expect((await team.clients[role].post(`${crisis()}/end`)).statusCode, role).toBe(403);
    }
    expect((await team.clients.outsider.post(`${crisis()}/start`, { reason: 'Flood' })).statusCode).toBe(404);
    expect((await team.clients.outsider.get(crisis())).statusCode).toBe(404);
    for (const role of ['owner', 'admin', 'editor', 'contributor', 'viewer'] as const) {
      const state = await team.clients[role].get(crisis());
      expect(state.statusCode, role).toBe(200);
      expect(state.json()).toMatchObject({ active: false, reason: null, pausedPosts: 0 });
    }
    expect(await rows('SELECT count(*)::int AS n FROM crisis_periods')).toEqual([{ n: 0 }]);
  });

  it('refuses a start without a real reason, writing nothing', async () => {
    for (const body of [{}, { reason: 'ab' }, { reason: 'x'.repeat(501) }, { reason: 'Flood', extra: 1 }]) {
      const refused = await team.clients.admin.post(`${crisis()}/start`, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().message).toBeTruthy();
    }
    expect(await rows('SELECT crisis_started_at FROM workspaces WHERE id = $1', [team.workspaceId])).toEqual([
      { crisis_started_at: null },
    ]);
  });

  let due: string;
  let pendingByContributor: string;

  it('pauses every scheduled post when an admin starts it, and tells every member by email', async () => {
    due = await schedule('owner', 'Eid greetings', inMinutes(60));
    pendingByContributor = await schedule('contributor', 'Needs approval', inMinutes(90));
    expect((await target(pendingByContributor)).status).toBe('pending_approval');
    const before = await target(due);

    const started = await team.clients.admin.post(`${crisis()}/start`, { reason: 'Flood in Sylhet' });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().pausedTargets).toBe(1);
    const after = await target(due);
    expect(after).toMatchObject({
      status: 'paused',
      paused_by_crisis: true,
      version: (before.version as number) + 1,
    });
    // The job queued for the old version finds it changed; none for the new one.
    expect(await jobFor(after.id as string, after.version as number)).toBe(0);

    const again = await team.clients.owner.post(`${crisis()}/start`, { reason: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/already on/);

    const seen = await team.clients.viewer.get(crisis());
    expect(seen.json()).toMatchObject({
      active: true,
      reason: 'Flood in Sylhet',
      startedBy: { id: team.ids.admin, name: 'Arif Hossain' },
      pausedPosts: 1,
      pausedTargets: 1,
    });
    const [audit] = await rows(`SELECT actor_id, after FROM audit_events WHERE action = 'crisis.started'`);
    expect(audit).toMatchObject({
      actor_id: team.ids.admin,
      after: { reason: 'Flood in Sylhet', pausedTargets: 1 },
    });

    const mails = await eventually(() => {
      const got = smtp.received.filter((m) => m.subject.endsWith('Crisis mode is on: publishing is paused'));
      return got.length >= 4 ? got : undefined;
    }, 30_000);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(
      ['contributor', 'editor', 'owner', 'viewer'].map((p) => team.emails[p as 'owner']).sort(),
    );
    expect(mails[0]!.text).toContain('Arif Hossain started crisis mode');
    expect(mails[0]!.text).toContain('Reason: Flood in Sylhet');
  });

  it('holds posts created, approved or retried during the crisis', async () => {
    const created = await schedule('editor', 'Written during the crisis', inMinutes(120));
    expect(await target(created)).toMatchObject({ status: 'paused', paused_by_crisis: true });

    // The approval's last step moves the target to scheduled; the database holds it instead.
    const pending = await target(pendingByContributor);
    await rows(`UPDATE post_targets SET status = 'scheduled', version = version + 1 WHERE id = $1`, [
      pending.id,
    ]);
    expect(await target(pendingByContributor)).toMatchObject({ status: 'paused', paused_by_crisis: true });

    const failed = await schedule('owner', 'Failed before', inMinutes(30));
    retriedPost = failed;
    const failedTarget = await target(failed);
    await rows(`UPDATE post_targets SET status = 'failed', last_error = 'Refused' WHERE id = $1`, [
      failedTarget.id,
    ]);
    const retried = await team.clients.owner.post(`/api/post-targets/${failedTarget.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().status).toBe('paused');
    const held = await target(failed);
    expect(held).toMatchObject({ status: 'paused', paused_by_crisis: true });
    expect((await team.clients.viewer.get(crisis())).json().pausedPosts).toBe(4);
  });

  it('publishes a post anyway only for an admin who confirms it twice', async () => {
    const url = `/api/posts/${due}/publish-anyway`;
    expect((await team.clients.editor.post(url, { confirm: true })).statusCode).toBe(403);
    expect((await team.clients.contributor.post(url, { confirm: true })).statusCode).toBe(403);
    expect((await team.clients.viewer.post(url, { confirm: true })).statusCode).toBe(403);
    expect((await team.clients.outsider.post(url, { confirm: true })).statusCode).toBe(404);
    for (const body of [undefined, {}, { confirm: false }, { confirm: 'yes' }]) {
      const refused = await team.clients.admin.post(url, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await target(due)).toMatchObject({ status: 'paused', crisis_override: false });

    const published = await team.clients.admin.post(url, { confirm: true });
    expect(published.statusCode, published.body).toBe(200);
    const row = await target(due);
    expect(row).toMatchObject({ status: 'scheduled', crisis_override: true, paused_by_crisis: false });
    expect(await jobFor(row.id as string, row.version as number)).toBe(1);
    expect((await team.clients.admin.post(url, { confirm: true })).statusCode).toBe(409);
    expect(
      await rows(
        `SELECT actor_id FROM audit_events WHERE action = 'crisis.published_anyway' AND target_id = $1`,
        [due],
      ),
    ).toEqual([{ actor_id: team.ids.admin }]);
  });

  let overdue: string;
  let retriedPost: string;

  it('resumes posts due later when it ends; those whose time passed wait for a decision', async () => {
    overdue = await schedule('owner', 'Due during the pause', new Date(Date.now() + 1500).toISOString());
    expect((await target(overdue)).status).toBe('paused');
    const decidedEarly = await team.clients.admin.post(`${crisis()}/review/${overdue}`, {
      action: 'discard',
    });
    expect(decidedEarly.statusCode).toBe(409);
    await new Promise((r) => setTimeout(r, 2000));

    expect((await team.clients.editor.post(`${crisis()}/end`)).statusCode).toBe(403);
    const ended = await team.clients.owner.post(`${crisis()}/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    // Due later: the approved post and the one written during the crisis. Passed: the retried one (due
    // at once) and the one due during the pause.
    expect(ended.json()).toEqual({ resumedTargets: 2, awaitingReview: 2 });
    expect((await team.clients.owner.post(`${crisis()}/end`)).statusCode).toBe(409);

    const resumed = await target(pendingByContributor);
    expect(resumed).toMatchObject({ status: 'scheduled', paused_by_crisis: false });
    expect(await jobFor(resumed.id as string, resumed.version as number)).toBe(1);
    expect(await target(overdue)).toMatchObject({ status: 'paused', paused_by_crisis: true });
    expect(await target(due)).toMatchObject({ status: 'scheduled', crisis_override: false });

    const review = await team.clients.viewer.get(`${crisis()}/review`);
    expect(review.statusCode).toBe(200);
    expect(review.json().posts).toMatchObject([
      { postId: retriedPost, overdue: true, text: 'Failed before' },
      { postId: overdue, overdue: true, text: 'Due during the pause' },
    ]);
    expect((await team.clients.viewer.get(crisis())).json()).toMatchObject({ active: false, pausedPosts: 2 });

    const mails = await eventually(() => {
      const got = smtp.received.filter((m) => m.subject.endsWith('Crisis mode ended: publishing resumed'));
      return got.length >= 4 ? got : undefined;
    }, 30_000);
    expect(mails.flatMap((m) => m.to)).not.toContain(team.emails.owner);
    expect(mails[0]!.text).toContain('2 post(s) whose time passed during the pause wait for a decision.');
  });

  it('takes one decision per post from an admin, with a time in the future', async () => {
    const url = `${crisis()}/review/${overdue}`;
    expect((await team.clients.editor.post(url, { action: 'discard' })).statusCode).toBe(403);
    expect((await team.clients.outsider.post(url, { action: 'discard' })).statusCode).toBe(404);
    expect((await team.clients.admin.post(url, { action: 'later' })).statusCode).toBe(400);
    expect((await team.clients.admin.post(url, { action: 'reschedule' })).statusCode).toBe(400);
    const past = await team.clients.admin.post(url, { action: 'reschedule', scheduledAt: inMinutes(-5) });
    expect(past.statusCode).toBe(400);
    expect(past.json().fields).toEqual({ scheduledAt: 'In the past.' });
    expect(
      (await team.clients.admin.post(`${crisis()}/review/${due}`, { action: 'discard' })).statusCode,
    ).toBe(409);

    const later = inMinutes(240);
    const moved = await team.clients.admin.post(url, { action: 'reschedule', scheduledAt: later });
    expect(moved.statusCode, moved.body).toBe(200);
    const row = await target(overdue);
    expect(row).toMatchObject({ status: 'scheduled', paused_by_crisis: false });
    expect(new Date(row.scheduled_at as string).toISOString()).toBe(later);
    expect(await jobFor(row.id as string, row.version as number)).toBe(1);
    expect((await team.clients.admin.post(url, { action: 'discard' })).statusCode).toBe(409);
    expect(
      await rows(`SELECT action FROM audit_events WHERE target_id = $1 AND action LIKE 'crisis.%'`, [
        overdue,
      ]),
    ).toEqual([{ action: 'crisis.review.rescheduled' }]);

    const discarded = await team.clients.owner.post(`${crisis()}/review/${retriedPost}`, {
      action: 'discard',
    });
    expect(discarded.statusCode, discarded.body).toBe(200);
    expect(await target(retriedPost)).toMatchObject({ status: 'cancelled', paused_by_crisis: false });
    expect((await team.clients.viewer.get(`${crisis()}/review`)).json().posts).toEqual([]);
  });

  it('keeps the history of crisis periods for everyone in the workspace', async () => {
    const history = await team.clients.contributor.get(`${crisis()}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().periods).toMatchObject([
      { reason: 'Flood in Sylhet', startedBy: 'Arif Hossain', endedBy: 'Nadia Islam' },
    ]);
    expect(history.json().periods[0].endedAt).toBeTruthy();
    expect((await team.clients.outsider.get(`${crisis()}/history`)).statusCode).toBe(404);
    expect(await rows(`SELECT after FROM audit_events WHERE action = 'crisis.ended'`)).toEqual([
      { after: { resumedTargets: 2, awaitingReview: 2 } },
    ]);
  });
});
