// The audit log through the API: what gets recorded (posts, accounts on a local AT Protocol network,
// members, invitations, comments), each with before/after and written in the change's own transaction;
// who may read it; its filters and pages; and the CSV export with RFC 4180 quoting and no formulas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectAccount } from '../../commands/accounts/disconnectAccount.ts';
import { setAccountSchedule } from '../../commands/accounts/setAccountSchedule.ts';
import { addComment } from '../../commands/comments/comments.ts';
import type { ActorContext } from '../../commands/context.ts';
import { parseCsv } from '../../commands/imports/parseCsv.ts';
import { createInvitation } from '../../commands/invitations.ts';
import { changeMemberRole, removeMember } from '../../commands/members.ts';
import { deletePost } from '../../commands/posts/deletePost.ts';
import { editTarget } from '../../commands/posts/editTarget.ts';
import { reschedulePost } from '../../commands/posts/reschedulePost.ts';
import { retryTarget } from '../../commands/posts/retryTarget.ts';
import type { Role } from '../../core/roles.ts';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../../testing/atprotoNetwork.ts';
import { ApiClient, startTestApp, type TestApp } from '../../testing/testApp.ts';
import { createTeam, TEAM_PASSWORD, type Team } from '../comments/teamFixture.ts';

let app: TestApp;
let network: AtprotoNetwork;
let alice: AtprotoAccount;
let team: Team;
let accountId: string;

const ws = () => `/api/workspaces/${team.workspaceId}`;
const who = (key: Role | 'outsider') => team.people[key];
const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows as Record<string, unknown>[];
const tomorrow = (hours = 0) => new Date(Date.now() + 86_400_000 + hours * 3_600_000).toISOString();

type Event = { id: number; at: string; action: string; targetId: string; before: unknown; after: unknown };
async function events(query: string): Promise<Event[]> {
  const response = await who('owner').client.get(`${ws()}/audit-events?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().events;
}

beforeAll(async () => {
  [app, network] = await Promise.all([startTestApp({ allowPrivateFetch: true }), startAtprotoNetwork()]);
  alice = await network.createAccount('alice');
  team = await createTeam(app);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await network?.close();
});

describe('what the audit log records', () => {
  it('records connecting, reconnecting, posting slots and disconnecting accounts, with before and after', async () => {
    const connect = () =>
      who('editor').client.post(`${ws()}/accounts/bluesky`, {
        service: network.pdsUrl,
        identifier: alice.handle,
        appPassword: alice.appPassword,
      });
    const connected = await connect();
    expect(connected.statusCode, connected.body).toBe(200);
    accountId = connected.json().id;
    expect((await connect()).statusCode).toBe(200);
    const slots = await who('editor').client.patch(`${ws()}/accounts/${accountId}`, {
      timeZone: 'Asia/Dhaka',
      postingSlots: [{ day: 1, time: '09:30' }],
    });
    expect(slots.statusCode, slots.body).toBe(200);

    const trail = await events(`actionPrefix=account.&targetId=${accountId}`);
    expect(trail.map((e) => e.action)).toEqual([
      'account.schedule_changed',
      'account.reconnected',
      'account.connected',
    ]);
    expect(trail[2]!.after).toEqual({ network: 'bluesky', handle: alice.handle, serviceUrl: network.pdsUrl });
    expect(trail[1]!.before).toEqual({ status: 'connected', handle: alice.handle });
    expect(trail[0]).toMatchObject({
      before: { postingSlots: [] },
      after: { timeZone: 'Asia/Dhaka', postingSlots: [{ day: 1, time: '09:30' }] },
    });
    // Written by the connecting transaction: the row and the event share its clock.
    const [same] = await rows(
      `SELECT a.created_at = e.at AS same FROM social_accounts a JOIN audit_events e
         ON e.target_id = a.id::text AND e.action = 'account.connected' WHERE a.id = $1`,
      [accountId],
    );
    expect(same).toEqual({ same: true });
  });

  it('records creating, editing, rescheduling, retrying and deleting posts', async () => {
    const created = await who('editor').client.post(`${ws()}/posts`, {
      text: 'Festival week starts',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: tomorrow(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const postId: string = created.json().id;
    const targetId: string = created.json().targets[0].id;
    expect(
      (await who('editor').client.patch(`/api/post-targets/${targetId}`, { text: 'Festival week starts!' }))
        .statusCode,
    ).toBe(200);
    const movedTo = tomorrow(3);
    expect(
      (await who('editor').client.post(`/api/posts/${postId}/reschedule`, { scheduledAt: movedTo }))
        .statusCode,
    ).toBe(200);
    await rows(
      `UPDATE post_targets SET status = 'failed', last_error = 'The network timed out.' WHERE id = $1`,
      [targetId],
    );
    const retried = await who('editor').client.post(`/api/post-targets/${targetId}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect((await who('editor').client.delete(`/api/posts/${postId}`)).statusCode).toBe(200);

    const forPost = await events(`targetId=${postId}`);
    const forTarget = await events(`targetId=${targetId}`);
    expect(forPost.map((e) => e.action)).toEqual(['post.deleted', 'post.rescheduled', 'post.created']);
    expect(forTarget.map((e) => e.action)).toEqual(['post_target.retried', 'post_target.edited']);
    expect(forPost[2]!.after).toMatchObject({ status: 'scheduled', accounts: [accountId] });
    expect(forTarget[1]).toMatchObject({
      before: { text: 'Festival week starts' },
      after: { text: 'Festival week starts!' },
    });
    expect(forPost[1]!.after).toMatchObject({ scheduledAt: new Date(movedTo).toISOString() });
    expect(forTarget[0]).toMatchObject({
      before: { status: 'failed', lastError: 'The network timed out.' },
      after: { status: 'scheduled' },
    });
    expect(forPost[0]!.before).toEqual({ statuses: ['scheduled'] });
    const [same] = await rows(
      `SELECT p.created_at = e.at AS same FROM posts p JOIN audit_events e
         ON e.target_id = p.id::text AND e.action = 'post.created' WHERE p.id = $1`,
      [postId],
    );
    expect(same).toEqual({ same: true });
  });

  it('records invitations, role changes and removals', async () => {
    const invited = await who('admin').client.post(`${ws()}/invitations`, { role: 'editor' });
    expect(invited.statusCode).toBe(201);
    expect((await who('admin').client.delete(`${ws()}/invitations/${invited.json().id}`)).statusCode).toBe(
      204,
    );
    const changed = await who('owner').client.patch(`${ws()}/members/${who('viewer').id}`, {
      role: 'contributor',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const trail = await events('actionPrefix=invitation.');
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['invitation.revoked', 'invitation.created']),
    );
    const [role] = await events(`action=member.role_changed&targetId=${who('viewer').id}`);
    expect(role).toMatchObject({ before: { role: 'viewer' }, after: { role: 'contributor' } });
    // Back to viewer for the permission checks below.
    await who('owner').client.patch(`${ws()}/members/${who('viewer').id}`, { role: 'viewer' });
    const joined = await events(`action=member.joined`);
    expect(joined.length).toBeGreaterThanOrEqual(4);
  });

  it('writes neither the change nor its event when the transaction fails at the end', async () => {
    // A database whose every transaction runs to the end and then fails, as a lost connection at commit would.
    const failing: ActorContext['database'] = {
      ...app.database,
      async transaction(fn) {
        await app.database.transaction(async (tx, sql) => {
          await fn(tx, sql);
          throw new Error('commit failed');
        });
        throw new Error('unreachable');
      },
    };
    const as = (key: Role): ActorContext => ({ ...app.ctx, database: failing, actorId: who(key).id });
    const created = await who('owner').client.post(`${ws()}/posts`, {
      text: 'Stays as it is',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: tomorrow(),
    });
    const postId: string = created.json().id;
    const targetId: string = created.json().targets[0].id;
    const state = async () => ({
      audit: await rows('SELECT count(*)::int AS n FROM audit_events'),
      targets: await rows('SELECT id, status, text, scheduled_at, version FROM post_targets ORDER BY id'),
      members: await rows('SELECT user_id, role FROM memberships ORDER BY user_id, workspace_id'),
      invitations: await rows('SELECT count(*)::int AS n FROM invitations'),
      accounts: await rows('SELECT id, time_zone, posting_slots FROM social_accounts ORDER BY id'),
      comments: await rows('SELECT count(*)::int AS n FROM comments'),
      notifications: await rows('SELECT count(*)::int AS n FROM notifications'),
    });
    const before = await state();
    const attempts: [string, () => Promise<unknown>][] = [
      ['edit', () => editTarget(as('owner'), targetId, { text: 'Changed' })],
      ['reschedule', () => reschedulePost(as('owner'), postId, { scheduledAt: new Date(tomorrow(5)) })],
      ['delete', () => deletePost(as('owner'), postId)],
      ['role', () => changeMemberRole(as('owner'), team.workspaceId, who('viewer').id, { role: 'editor' })],
      ['remove', () => removeMember(as('owner'), team.workspaceId, who('viewer').id)],
      ['invite', () => createInvitation(as('admin'), team.workspaceId, { role: 'viewer' })],
      [
        'slots',
        () => setAccountSchedule(as('editor'), team.workspaceId, accountId, { timeZone: 'Europe/London' }),
      ],
      ['disconnect', () => disconnectAccount(as('editor'), team.workspaceId, accountId)],
      [
        'comment',
        () =>
          addComment(as('contributor'), team.workspaceId, {
            subjectType: 'post',
            subjectId: postId,
            body: `@[Nadia Islam](user:${who('owner').id}) look`,
          }),
      ],
    ];
    await rows(`UPDATE post_targets SET status = 'failed' WHERE id = $1`, [targetId]);
    const failedState = await state();
    await expect(retryTarget(as('owner'), targetId)).rejects.toThrow('commit failed');
    expect(await state()).toEqual(failedState);
    await rows(`UPDATE post_targets SET status = 'scheduled' WHERE id = $1`, [targetId]);
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toThrow('commit failed');
      expect(await state(), name).toEqual(before);
    }
  });

  it('records removing a member and disconnecting an account, with what was there before', async () => {
    const invited = await who('owner').client.post(`${ws()}/invitations`, { role: 'contributor' });
    const joiner = new ApiClient(app, '203.0.113.77');
    const accepted = await joiner.post(
      `/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`,
      {
        name: 'Tanvir Short',
        email: 'tanvir@example.com',
        password: TEAM_PASSWORD,
      },
    );
    const joinerId: string = accepted.json().user.id;
    expect((await who('admin').client.delete(`${ws()}/members/${joinerId}`)).statusCode).toBe(204);
    const [removed] = await events(`action=member.removed&targetId=${joinerId}`);
    expect(removed).toMatchObject({ before: { role: 'contributor' }, after: null });
    expect((await who('editor').client.delete(`${ws()}/accounts/${accountId}`)).statusCode).toBe(204);
    const [disconnected] = await events(`action=account.disconnected&targetId=${accountId}`);
    expect(disconnected).toMatchObject({ before: { network: 'bluesky', handle: alice.handle } });
  });
});

describe('reading the audit log', () => {
  it('is open to owners and admins only; others are told why, outsiders get 404, visitors 401', async () => {
    const expected: Record<Role | 'outsider', number> = {
      owner: 200,
      admin: 200,
      editor: 403,
      contributor: 403,
      viewer: 403,
      outsider: 404,
    };
    for (const [key, status] of Object.entries(expected) as [Role | 'outsider', number][]) {
      const list = await who(key).client.get(`${ws()}/audit-events`);
      const csv = await who(key).client.get(`${ws()}/audit-events.csv`);
      expect(list.statusCode, key).toBe(status);
      expect(csv.statusCode, key).toBe(status);
      if (status === 403) {
        expect(list.json().message).toBe('Only owners and admins can read the audit log.');
        expect(csv.json().message).toBe('Only owners and admins can read the audit log.');
      }
    }
    expect((await team.visitor.get(`${ws()}/audit-events`)).statusCode).toBe(401);
    expect((await team.visitor.get(`${ws()}/audit-events.csv`)).statusCode).toBe(401);
  });

  it('filters by actor and time, and pages newest first without gaps or repeats', async () => {
    const all = await events('limit=200');
    expect(all.length).toBeGreaterThan(10);
    const ids = all.map((e) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const paged: Event[] = [];
    let cursor: number | null = null;
    do {
      const response = await who('admin').client.get(
        `${ws()}/audit-events?limit=4${cursor ? `&before=${cursor}` : ''}`,
      );
      paged.push(...response.json().events);
      cursor = response.json().nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(ids);

    const byEditor = await events(`actorId=${who('editor').id}&limit=200`);
    expect(byEditor.length).toBeGreaterThan(0);
    expect(new Set(byEditor.map((e) => (e as unknown as { actor: { name: string } }).actor.name))).toEqual(
      new Set(['Esha Rahman']),
    );
    const middle = all[Math.floor(all.length / 2)]!;
    const fromMiddle = await events(`from=${encodeURIComponent(middle.at)}&limit=200`);
    expect(fromMiddle.every((e) => e.at >= middle.at)).toBe(true);
    const beforeMiddle = await events(`to=${encodeURIComponent(middle.at)}&limit=200`);
    expect(beforeMiddle.every((e) => e.at < middle.at)).toBe(true);
    expect(fromMiddle.length + beforeMiddle.length).toBe(all.length);
    // Another workspace's trail never shows.
    const other = await who('outsider').client.get(
      `/api/workspaces/${team.otherWorkspaceId}/audit-events?limit=200`,
    );
    expect(other.json().events.every((e: Event) => !ids.includes(e.id))).toBe(true);
  });

  it('refuses malformed filters with sentences', async () => {
    const cases: [string, RegExp][] = [
      ['from=yesterday', /ISO 8601/],
      [`from=${tomorrow()}&to=${tomorrow(-48)}`, /end of the range must be after its start/],
      ['actorId=bob', /person is not a valid id/],
      ['limit=500', /limit is at most 200/],
      ['before=-3', /cursor must be positive/],
      ['action=', /cannot be empty/],
      ['sort=asc', /Unknown field/],
    ];
    for (const [query, message] of cases) {
      const response = await who('owner').client.get(`${ws()}/audit-events?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().message).toMatch(message);
    }
    const csv = await who('owner').client.get(`${ws()}/audit-events.csv?before=3`);
    expect(csv.statusCode).toBe(400);
  });

  it('exports the filtered log as CSV with quoting and no spreadsheet formulas', async () => {
    // A name a spreadsheet would run as a formula, with a comma and quotes in it.
    const renamed = await who('admin').client.patch('/api/me', {
      name: '=HYPERLINK("http://evil.test","Hi, there")',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const invited = await who('admin').client.post(`${ws()}/invitations`, {
      role: 'viewer',
      email: 'new@example.com',
    });
    expect(invited.statusCode).toBe(201);
    const response = await who('owner').client.get(
      `${ws()}/audit-events.csv?action=invitation.created&actorId=${who('admin').id}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = response.body;
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('time,actor_name,actor_email,action,target_type,target_id,before,after');
    expect(lines[1]).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,"'=HYPERLINK\(""http:\/\/evil\.test"",""Hi, there""\)",arif@example\.com,invitation\.created,invitation,/,
    );
    const records = parseCsv(text).map((r) => r.fields);
    const listed = await events(`action=invitation.created&actorId=${who('admin').id}`);
    expect(records).toHaveLength(1 + listed.length);
    const newest = records[1]!;
    expect(newest[1]).toBe(`'=HYPERLINK("http://evil.test","Hi, there")`);
    expect(newest[5]).toBe(invited.json().id);
    expect(newest[6]).toBe('');
    expect(JSON.parse(newest[7]!)).toEqual(listed[0]!.after);
    expect(newest[0]).toBe(new Date(listed[0]!.at).toISOString());
    const everything = await who('owner').client.get(`${ws()}/audit-events.csv`);
    expect(parseCsv(everything.body)).toHaveLength(1 + (await events('limit=200')).length);
  });
});
