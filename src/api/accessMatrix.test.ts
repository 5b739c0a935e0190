// Who may call what: every API route called as each workspace role, as a signed-out visitor and as the
// owner of another workspace, with the status each must get. Allowed writes must change the data; refused
// ones must change nothing and leave no audit event. Adding an /api route without a row here fails the suite.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../core/roles.ts';
import { registeredApiRoutes } from '../testing/registeredApiRoutes.ts';
import { type Snac2Server, startSnac2 } from '../testing/snac2Server.ts';
import { ApiClient, startTestApp, type TestApp } from '../testing/testApp.ts';
import { png } from '../testing/testImages.ts';

type Actor = Role | 'outsider' | 'visitor';
const ACTORS: Actor[] = [...ROLES, 'outsider', 'visitor'];
const PASSWORD = 'correct horse battery';
const NOWHERE = '00000000-0000-4000-8000-000000000000';

interface Person {
  client: ApiClient;
  id: string;
  email: string;
}

let app: TestApp;
/** A real Mastodon-API server, so starting a Mastodon connection succeeds for those allowed to. */
let snac: Snac2Server;
let wsA: string;
let wsB: string;
let invitationB: string;
let sharedToken: string;
const people = {} as Record<Role | 'outsider', Person>;
let seq = 0;

const tokenOf = (link: string) => link.split('/invite/')[1]!;

async function invite(role: Role, workspaceId = wsA, inviter: Person = people.owner) {
  const response = await inviter.client.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  expect(response.statusCode).toBe(201);
  const body = response.json();
  return { id: body.id as string, token: tokenOf(body.link) };
}

/** A new account that joins the workspace with the role, through an invitation link. */
async function join(role: Role, workspaceId = wsA, inviter: Person = people.owner): Promise<Person> {
  const { token } = await invite(role, workspaceId, inviter);
  seq += 1;
  const email = `person${seq}@example.com`;
  const client = new ApiClient(app);
  const accepted = await client.post(`/api/invitations/${token}/accept`, {
    name: `Person ${seq}`,
    email,
    password: PASSWORD,
  });
  expect(accepted.statusCode).toBe(200);
  return { client, id: accepted.json().user.id, email };
}

const rows = async (sql: string) => (await app.database.executor.executeSql(sql)).rows;

/** Everything a call in this suite could change, plus the number of audit events. */
async function snapshot() {
  return {
    workspaces: await rows('SELECT id, name FROM workspaces ORDER BY id'),
    memberships: await rows(
      'SELECT workspace_id, user_id, role FROM memberships ORDER BY workspace_id, user_id',
    ),
    invitations: await rows(
      'SELECT id, workspace_id, role, email, accepted_at, revoked_at FROM invitations ORDER BY id',
    ),
    users: await rows('SELECT id, email, name, locale, last_workspace_id FROM users ORDER BY id'),
    instance: await rows('SELECT key FROM instance_facts ORDER BY key'),
    accounts: await rows(
      'SELECT id, workspace_id, handle, status, credentials_sealed FROM social_accounts ORDER BY id',
    ),
    oauthStates: await rows('SELECT state, workspace_id, user_id FROM oauth_states ORDER BY state'),
    settings: await rows(
      'SELECT w.id, w.require_alt_text, a.id AS account, a.time_zone, a.posting_slots FROM workspaces w LEFT JOIN social_accounts a ON a.workspace_id = w.id ORDER BY w.id, a.id',
    ),
    posts: await rows('SELECT id, author_id FROM posts ORDER BY id'),
    targets: await rows(
      'SELECT id, status, version, text, scheduled_at, attempts FROM post_targets ORDER BY id',
    ),
    media: await rows('SELECT id FROM media ORDER BY id'),
    audit: await auditCount(),
  };
}

async function auditCount(): Promise<number> {
  return (await rows('SELECT count(*)::int AS n FROM audit_events'))[0].n;
}

async function roleIn(workspaceId: string, userId: string): Promise<string | undefined> {
  const found = await app.database.executor.executeSql(
    'SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2',
    [workspaceId, userId],
  );
  return found.rows[0]?.role;
}

async function pendingInvitationIds(workspaceId: string): Promise<string[]> {
  const found = await app.database.executor.executeSql(
    'SELECT id FROM invitations WHERE workspace_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL ORDER BY id',
    [workspaceId],
  );
  return found.rows.map((r) => r.id);
}

function expectErrorShape(response: LightMyRequestResponse) {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(Object.keys(body).every((k) => ['error', 'message', 'fields'].includes(k))).toBe(true);
  expect(body.error).toEqual(expect.any(String));
  expect(body.message).toEqual(expect.any(String));
  expect(body.message.length).toBeGreaterThan(0);
}

/** Runs a call; when refused, checks its status and error body and that nothing changed. */
async function attempt(status: number, call: () => Promise<LightMyRequestResponse>) {
  const before = await snapshot();
  const response = await call();
  expect(response.statusCode, response.body).toBe(status);
  if (status >= 400) {
    expectErrorShape(response);
    expect(await snapshot()).toEqual(before);
  }
  return response;
}

const clientOf = (actor: Actor) => (actor === 'visitor' ? new ApiClient(app) : people[actor].client);

// Expected statuses by audience.
const everyone = (status: number): Record<Actor, number> => ({
  owner: status,
  admin: status,
  editor: status,
  contributor: status,
  viewer: status,
  outsider: status,
  visitor: status,
});
const signedIn = (status: number): Record<Actor, number> => ({ ...everyone(status), visitor: 401 });
const membersOfA = (status: number): Record<Actor, number> => ({ ...signedIn(status), outsider: 404 });
const managersOfA = (status: number): Record<Actor, number> => ({
  ...membersOfA(status),
  editor: 403,
  contributor: 403,
  viewer: 403,
});
/** accounts.manage: owners, admins and editors. */
const accountManagersOfA = (status: number): Record<Actor, number> => ({
  ...membersOfA(status),
  contributor: 403,
  viewer: 403,
});

let accountSeq = 0;

/** A Bluesky account row in workspace A, written directly: connecting one for real needs a network. */
async function insertAccount(): Promise<string> {
  accountSeq += 1;
  const found = await app.database.executor.executeSql(
    `INSERT INTO social_accounts (workspace_id, network, remote_id, handle, display_name, service_url, credentials_sealed)
     VALUES ($1, 'bluesky', $2, $3, 'Fixture', 'https://pds.example', $4) RETURNING id`,
    [wsA, `did:plc:fixture${accountSeq}`, `fixture${accountSeq}.test`, app.ctx.secretBox.seal('{}')],
  );
  return found.rows[0].id;
}

/** Post writers: everyone in A but viewers; a contributor's post waits for approval. */
const postWritersOfA = (status: number): Record<Actor, number> => ({ ...membersOfA(status), viewer: 403 });
/** Changing someone else's post: owners, admins and editors (contributors may change only their own). */
const postEditorsOfA = (status: number): Record<Actor, number> => ({
  ...membersOfA(status),
  contributor: 403,
  viewer: 403,
});

let postAccount: string | undefined;

/** A post by A's owner on a fixture account, as a draft or scheduled two hours ahead. */
async function ownersPost(mode: 'draft' | 'schedule'): Promise<{ postId: string; targetId: string }> {
  postAccount ??= await insertAccount();
  const response = await people.owner.client.post(`/api/workspaces/${wsA}/posts`, {
    text: 'A post for the matrix',
    targets: [{ accountId: postAccount }],
    mode,
    ...(mode === 'schedule' ? { scheduledAt: new Date(Date.now() + 2 * 3600_000).toISOString() } : {}),
  });
  expect(response.statusCode, response.body).toBe(201);
  return { postId: response.json().id, targetId: response.json().targets[0].id };
}

async function statusOf(targetId: string): Promise<string> {
  return (await rows(`SELECT status FROM post_targets WHERE id = '${targetId}'`))[0].status;
}

const TINY_PNG = Buffer.from(png(2, 2));

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** Request headers, for a body that is not JSON (an image). */
  headers?: Record<string, string>;
  /** Who sends it, when not the actor's own signed-in client (a fresh session, a fresh member). */
  as?: ApiClient;
  /** Whatever verify needs to know about the fixture. */
  fixture?: Person;
  token?: string;
}

interface Row {
  /** The route as Fastify registered it, e.g. "PATCH /api/workspaces/:workspaceId". */
  route: string;
  /** What the call does, when the route has more than one row. */
  what?: string;
  expect: Record<Actor, number>;
  /** Whether an allowed call writes exactly one audit event. */
  audited: boolean;
  prepare(actor: Actor): Promise<Call> | Call;
  /** Checks the effect of an allowed call (refused calls are checked for no change by the runner). */
  verify?(actor: Actor, call: Call, response: LightMyRequestResponse): Promise<void>;
}

const MATRIX: Row[] = [
  {
    route: 'GET /api/health',
    expect: everyone(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/health' }),
  },
  {
    route: 'GET /api/setup',
    expect: everyone(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/setup' }),
    verify: async (_actor, _call, response) => expect(response.json()).toEqual({ needed: false }),
  },
  {
    route: 'POST /api/setup',
    what: 'set up again',
    expect: everyone(409),
    audited: false,
    prepare: (actor) => ({
      method: 'POST',
      url: '/api/setup',
      body: {
        name: 'Mallory',
        email: `setup-${actor}@example.com`,
        password: PASSWORD,
        workspaceName: 'Mine',
      },
    }),
  },
  {
    route: 'POST /api/auth/sign-in',
    what: 'sign in with their own account (visitor: a wrong password)',
    expect: { ...everyone(200), visitor: 401 },
    audited: false,
    prepare: (actor) => ({
      method: 'POST',
      url: '/api/auth/sign-in',
      as: new ApiClient(app, '198.51.100.20'),
      body:
        actor === 'visitor'
          ? { email: people.owner.email, password: 'not the password' }
          : { email: people[actor].email, password: PASSWORD },
    }),
    verify: async (actor, call) => {
      const me = await call.as!.get('/api/me');
      expect(me.json().user.id).toBe(people[actor as Role].id);
    },
  },
  {
    route: 'POST /api/auth/sign-out',
    what: 'sign out a second session of theirs',
    expect: everyone(204),
    audited: false,
    prepare: async (actor) => {
      const as = new ApiClient(app);
      if (actor !== 'visitor') {
        const signedInNow = await as.post('/api/auth/sign-in', {
          email: people[actor].email,
          password: PASSWORD,
        });
        expect(signedInNow.statusCode).toBe(200);
      }
      return { method: 'POST', url: '/api/auth/sign-out', as };
    },
    verify: async (actor, call) => {
      expect((await call.as!.get('/api/me')).statusCode).toBe(401);
      if (actor !== 'visitor') expect((await people[actor].client.get('/api/me')).statusCode).toBe(200);
    },
  },
  {
    route: 'POST /api/auth/password-reset',
    expect: everyone(202),
    audited: false,
    prepare: (actor) => ({
      method: 'POST',
      url: '/api/auth/password-reset',
      body: { email: actor === 'visitor' ? 'nobody@example.com' : people[actor].email },
    }),
  },
  {
    route: 'POST /api/auth/password-reset/confirm',
    what: 'with a made-up reset token',
    expect: everyone(410),
    audited: false,
    prepare: () => ({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      body: { token: 'not-a-real-reset-token', password: 'a new password here' },
    }),
  },
  {
    route: 'GET /api/me',
    expect: signedIn(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/me' }),
    verify: async (actor, _call, response) =>
      expect(response.json().user.id).toBe(people[actor as Role | 'outsider'].id),
  },
  {
    route: 'PATCH /api/me',
    what: 'make workspace A their current workspace',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'PATCH', url: '/api/me', body: { currentWorkspaceId: wsA } }),
    verify: async (_actor, _call, response) => expect(response.json().currentWorkspaceId).toBe(wsA),
  },
  {
    route: 'GET /api/workspaces',
    expect: signedIn(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/workspaces' }),
    verify: async (actor, _call, response) => {
      const listed = response.json().workspaces as { id: string; role: string }[];
      if (actor === 'outsider') expect(listed.map((w) => w.id)).not.toContain(wsA);
      else expect(listed.find((w) => w.id === wsA)?.role).toBe(actor);
    },
  },
  {
    route: 'POST /api/workspaces',
    expect: signedIn(201),
    audited: true,
    prepare: (actor) => ({ method: 'POST', url: '/api/workspaces', body: { name: `Made by ${actor}` } }),
    verify: async (actor, _call, response) => {
      const created = response.json();
      expect(created).toMatchObject({ name: `Made by ${actor}`, role: 'owner' });
      expect(await roleIn(created.id, people[actor as Role].id)).toBe('owner');
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}` }),
    verify: async (actor, _call, response) => expect(response.json()).toMatchObject({ id: wsA, role: actor }),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId',
    what: 'rename workspace A',
    expect: managersOfA(200),
    audited: true,
    prepare: (actor) => ({
      method: 'PATCH',
      url: `/api/workspaces/${wsA}`,
      body: { name: `A, renamed by ${actor}` },
    }),
    verify: async (actor) => {
      const [row] = await rows(`SELECT name FROM workspaces WHERE id = '${wsA}'`);
      expect(row.name).toBe(`A, renamed by ${actor}`);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/members',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/members` }),
    verify: async (_actor, _call, response) => {
      const listed = response.json().members as { userId: string; role: string }[];
      for (const role of ROLES)
        expect(listed).toContainEqual(expect.objectContaining({ userId: people[role].id, role }));
      expect(listed.map((m) => m.userId)).not.toContain(people.outsider.id);
    },
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/members/:userId',
    what: 'make a contributor an editor',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => {
      const fixture = await join('contributor');
      return {
        method: 'PATCH',
        url: `/api/workspaces/${wsA}/members/${fixture.id}`,
        body: { role: 'editor' },
        fixture,
      };
    },
    verify: async (_actor, call) => expect(await roleIn(wsA, call.fixture!.id)).toBe('editor'),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/members/:userId',
    what: 'remove a contributor',
    expect: managersOfA(204),
    audited: true,
    prepare: async () => {
      const fixture = await join('contributor');
      return { method: 'DELETE', url: `/api/workspaces/${wsA}/members/${fixture.id}`, fixture };
    },
    verify: async (_actor, call) => {
      expect(await roleIn(wsA, call.fixture!.id)).toBeUndefined();
      expect((await call.fixture!.client.get(`/api/workspaces/${wsA}`)).statusCode).toBe(404);
    },
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/members/:userId',
    what: 'leave workspace A (a fresh member of that role; an owner leaves while another owner stays)',
    expect: membersOfA(204),
    audited: true,
    prepare: async (actor) => {
      if (actor === 'outsider')
        return { method: 'DELETE', url: `/api/workspaces/${wsA}/members/${people.outsider.id}` };
      const fixture = await join(actor === 'visitor' ? 'viewer' : actor);
      return {
        method: 'DELETE',
        url: `/api/workspaces/${wsA}/members/${fixture.id}`,
        as: actor === 'visitor' ? new ApiClient(app) : fixture.client,
        fixture,
      };
    },
    verify: async (_actor, call) => {
      expect(await roleIn(wsA, call.fixture!.id)).toBeUndefined();
      expect((await call.fixture!.client.get('/api/workspaces')).json().workspaces).toEqual([]);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/invitations',
    expect: managersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/invitations` }),
    verify: async (_actor, _call, response) => expect(response.json().invitations.length).toBeGreaterThan(0),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/invitations',
    what: 'invite a viewer',
    expect: managersOfA(201),
    audited: true,
    prepare: () => ({ method: 'POST', url: `/api/workspaces/${wsA}/invitations`, body: { role: 'viewer' } }),
    verify: async (_actor, _call, response) =>
      expect(await pendingInvitationIds(wsA)).toContain(response.json().id),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/invitations/:invitationId',
    what: 'revoke a pending invitation',
    expect: managersOfA(204),
    audited: true,
    prepare: async () => {
      const { id, token } = await invite('viewer');
      return { method: 'DELETE', url: `/api/workspaces/${wsA}/invitations/${id}`, token };
    },
    verify: async (_actor, call) => {
      expect(await pendingInvitationIds(wsA)).not.toContain(call.url.split('/').at(-1));
      expect((await new ApiClient(app).get(`/api/invitations/${call.token}`)).statusCode).toBe(404);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/accounts',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      if (accountSeq === 0) await insertAccount();
      return { method: 'GET', url: `/api/workspaces/${wsA}/accounts` };
    },
    verify: async (_actor, _call, response) => {
      const accounts = response.json().accounts as Record<string, unknown>[];
      expect(accounts.length).toBeGreaterThan(0);
      expect(JSON.stringify(accounts)).not.toMatch(/credentials/i);
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/accounts/bluesky',
    what: 'a PDS that does not answer: those allowed get as far as the network and a 422',
    expect: accountManagersOfA(422),
    audited: false,
    prepare: () => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/accounts/bluesky`,
      body: { service: 'http://127.0.0.1:1', identifier: 'someone.test', appPassword: 'aaaa-bbbb-cccc-dddd' },
    }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/accounts/mastodon',
    what: 'start connecting an account on a local snac2',
    expect: accountManagersOfA(200),
    audited: true,
    prepare: () => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/accounts/mastodon`,
      body: { instanceUrl: snac.instanceUrl },
    }),
    verify: async (_actor, _call, response) => {
      const state = new URL(response.json().authorizeUrl).searchParams.get('state');
      expect(await rows(`SELECT workspace_id FROM oauth_states WHERE state = '${state}'`)).toEqual([
        { workspace_id: wsA },
      ]);
    },
  },
  {
    route: 'GET /api/oauth/mastodon/callback',
    what: 'an unknown state: redirected with an error, nothing written',
    expect: signedIn(302),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/oauth/mastodon/callback?state=unknown-state&code=x' }),
    verify: async (_actor, _call, response) => expect(String(response.headers.location)).toMatch(/\?error=/),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/accounts/:accountId',
    what: 'disconnect an account',
    expect: accountManagersOfA(204),
    audited: true,
    prepare: async () => {
      const id = await insertAccount();
      return { method: 'DELETE', url: `/api/workspaces/${wsA}/accounts/${id}` };
    },
    verify: async (_actor, call) =>
      expect(await rows(`SELECT id FROM social_accounts WHERE id = '${call.url.split('/').at(-1)}'`)).toEqual(
        [],
      ),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/accounts/:accountId',
    what: 'set posting slots and time zone',
    expect: accountManagersOfA(200),
    audited: true,
    prepare: async () => {
      const id = await insertAccount();
      return {
        method: 'PATCH',
        url: `/api/workspaces/${wsA}/accounts/${id}`,
        body: { timeZone: 'Asia/Dhaka', postingSlots: [{ day: 1, time: '09:30' }] },
      };
    },
    verify: async (_actor, call) =>
      expect(
        await rows(`SELECT time_zone FROM social_accounts WHERE id = '${call.url.split('/').at(-1)}'`),
      ).toEqual([{ time_zone: 'Asia/Dhaka' }]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/posts',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      await ownersPost('draft');
      const from = new Date(Date.now() - 86400_000).toISOString();
      const to = new Date(Date.now() + 7 * 86400_000).toISOString();
      return { method: 'GET', url: `/api/workspaces/${wsA}/posts?from=${from}&to=${to}` };
    },
    verify: async (_actor, _call, response) => expect(response.json().posts.length).toBeGreaterThan(0),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/posts',
    what: 'a draft',
    expect: postWritersOfA(201),
    audited: true,
    prepare: async () => {
      postAccount ??= await insertAccount();
      return {
        method: 'POST',
        url: `/api/workspaces/${wsA}/posts`,
        body: { text: 'Drafted in the matrix', targets: [{ accountId: postAccount }], mode: 'draft' },
      };
    },
    verify: async (_actor, _call, response) =>
      expect(await statusOf(response.json().targets[0].id)).toBe('draft'),
  },
  {
    route: 'POST /api/posts/:postId/reschedule',
    what: "the owner's scheduled post",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { postId } = await ownersPost('schedule');
      const scheduledAt = new Date(Date.now() + 5 * 3600_000).toISOString();
      return { method: 'POST', url: `/api/posts/${postId}/reschedule`, body: { scheduledAt } };
    },
    verify: async (_actor, _call, response) => expect(response.json().targets[0].status).toBe('scheduled'),
  },
  {
    route: 'POST /api/posts/:postId/schedule',
    what: "the owner's draft, into a time",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { postId } = await ownersPost('draft');
      const scheduledAt = new Date(Date.now() + 5 * 3600_000).toISOString();
      return {
        method: 'POST',
        url: `/api/posts/${postId}/schedule`,
        body: { mode: 'schedule', scheduledAt },
      };
    },
    verify: async (_actor, _call, response) =>
      expect(await statusOf(response.json().targets[0].id)).toBe('scheduled'),
  },
  {
    route: 'DELETE /api/posts/:postId',
    what: "the owner's scheduled post",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { postId, targetId } = await ownersPost('schedule');
      return { method: 'DELETE', url: `/api/posts/${postId}`, token: targetId };
    },
    verify: async (_actor, call) => expect(await statusOf(call.token!)).toBe('cancelled'),
  },
  {
    route: 'PATCH /api/post-targets/:targetId',
    what: "the owner's scheduled post",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { targetId } = await ownersPost('schedule');
      return {
        method: 'PATCH',
        url: `/api/post-targets/${targetId}`,
        body: { text: 'Edited in the matrix' },
      };
    },
    verify: async (_actor, call) =>
      expect(
        (await rows(`SELECT text FROM post_targets WHERE id = '${call.url.split('/').at(-1)}'`))[0].text,
      ).toBe('Edited in the matrix'),
  },
  {
    route: 'POST /api/post-targets/:targetId/reschedule',
    what: "the owner's scheduled post",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { targetId } = await ownersPost('schedule');
      const scheduledAt = new Date(Date.now() + 6 * 3600_000).toISOString();
      return { method: 'POST', url: `/api/post-targets/${targetId}/reschedule`, body: { scheduledAt } };
    },
  },
  {
    route: 'POST /api/post-targets/:targetId/retry',
    what: "the owner's failed post",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { targetId } = await ownersPost('draft');
      await rows(
        `UPDATE post_targets SET status = 'failed', last_error = 'Refused' WHERE id = '${targetId}'`,
      );
      return { method: 'POST', url: `/api/post-targets/${targetId}/retry`, body: {}, token: targetId };
    },
    verify: async (_actor, call) => expect(await statusOf(call.token!)).toBe('scheduled'),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/media',
    what: 'a PNG',
    expect: postWritersOfA(201),
    audited: false,
    prepare: () => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/media?alt=dot`,
      body: TINY_PNG,
      headers: { 'content-type': 'image/png' },
    }),
    verify: async (_actor, _call, response) => expect(response.json()).toMatchObject({ width: 2, height: 2 }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/media/:mediaId',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const uploaded = await people.owner.client.request('POST', `/api/workspaces/${wsA}/media`, TINY_PNG, {
        headers: { 'content-type': 'image/png' },
      });
      return { method: 'GET', url: `/api/workspaces/${wsA}/media/${uploaded.json().id}` };
    },
    verify: async (_actor, _call, response) => expect(response.headers['content-type']).toBe('image/png'),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/posts/events',
    what: 'a stream closed at once',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/posts/events?timeout=0` }),
    verify: async (_actor, _call, response) =>
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/imports/dry-run',
    what: 'check a one-row CSV',
    expect: postWritersOfA(200),
    audited: false,
    prepare: async () => {
      postAccount ??= await insertAccount();
      return {
        method: 'POST',
        url: `/api/workspaces/${wsA}/imports/dry-run`,
        body: {
          csv: `date,message\n${new Date(Date.now() + 3 * 3600_000).toISOString()},Checked in the matrix`,
          timeZone: 'Asia/Dhaka',
          dateFormat: 'DMY',
          accountIds: [postAccount],
        },
      };
    },
    verify: async (_actor, _call, response) =>
      expect(response.json().summary).toEqual({ rows: 1, rowsWithProblems: 0, posts: 1, targets: 1 }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/imports',
    what: 'import a one-row CSV (a contributor’s post waits for approval)',
    expect: postWritersOfA(201),
    audited: true,
    prepare: async (actor) => {
      // An account of its own per call, so no call's post repeats another's.
      const accountId = await insertAccount();
      return {
        method: 'POST',
        url: `/api/workspaces/${wsA}/imports`,
        body: {
          csv: `date,message\n${new Date(Date.now() + 4 * 3600_000).toISOString()},Imported by ${actor}`,
          timeZone: 'Asia/Dhaka',
          dateFormat: 'DMY',
          accountIds: [accountId],
        },
      };
    },
    verify: async (actor, call, response) => {
      const accountId = (call.body as { accountIds: string[] }).accountIds[0];
      expect(response.json()).toMatchObject({ posts: 1, targets: 1 });
      expect(await rows(`SELECT status, text FROM post_targets WHERE account_id = '${accountId}'`)).toEqual([
        { status: actor === 'contributor' ? 'pending_approval' : 'scheduled', text: `Imported by ${actor}` },
      ]);
    },
  },
  {
    route: 'GET /api/invitations/:token',
    what: 'anyone holding the link',
    expect: everyone(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/invitations/${sharedToken}` }),
    verify: async (_actor, _call, response) => expect(response.json()).toMatchObject({ role: 'viewer' }),
  },
  {
    route: 'POST /api/invitations/:token/accept',
    what: 'accept a link signed in, with an empty body (members already belong; the visitor has no account)',
    expect: { ...membersOfA(409), outsider: 200, visitor: 400 },
    audited: true,
    prepare: async () => {
      const { token } = await invite('viewer');
      return { method: 'POST', url: `/api/invitations/${token}/accept`, body: {} };
    },
    verify: async () => {
      expect(await roleIn(wsA, people.outsider.id)).toBe('viewer');
      // Put the outsider back outside workspace A for the rows after this one.
      const removed = await people.owner.client.delete(
        `/api/workspaces/${wsA}/members/${people.outsider.id}`,
      );
      expect(removed.statusCode).toBe(204);
    },
  },
];

beforeAll(async () => {
  [app, snac] = await Promise.all([startTestApp({ allowPrivateFetch: true }), startSnac2({ users: [] })]);
  const ownerClient = new ApiClient(app);
  const setup = await ownerClient.post('/api/setup', {
    name: 'Olivia Owner',
    email: 'owner@example.com',
    password: PASSWORD,
    workspaceName: 'Workspace A',
  });
  expect(setup.statusCode).toBe(201);
  wsA = setup.json().workspaces[0].id;
  people.owner = { client: ownerClient, id: setup.json().user.id, email: 'owner@example.com' };
  for (const role of ROLES.filter((r) => r !== 'owner')) people[role] = await join(role);
  // The outsider owns workspace B alone: the owner of A makes B, hands it over and leaves.
  const made = await ownerClient.post('/api/workspaces', { name: 'Workspace B' });
  wsB = made.json().id;
  people.outsider = await join('owner', wsB);
  expect((await ownerClient.delete(`/api/workspaces/${wsB}/members/${people.owner.id}`)).statusCode).toBe(
    204,
  );
  invitationB = (await invite('editor', wsB, people.outsider)).id;
  await join('viewer', wsB, people.outsider);
  sharedToken = (await invite('viewer')).token;
});
afterAll(async () => {
  await app?.close();
  await snac?.close();
});

describe('the matrix covers the API', () => {
  it('has a row for every /api route the server registers, and no row for a route that is gone', () => {
    const registered = registeredApiRoutes(app.api);
    expect(registered.length).toBeGreaterThan(15);
    expect([...new Set(MATRIX.map((row) => row.route))].sort()).toEqual(registered);
  });

  it('sets up the people it needs: one per role in A, and an outsider who owns B only', async () => {
    for (const role of ROLES) expect(await roleIn(wsA, people[role].id)).toBe(role);
    expect(await roleIn(wsA, people.outsider.id)).toBeUndefined();
    expect(await roleIn(wsB, people.outsider.id)).toBe('owner');
    expect(await roleIn(wsB, people.owner.id)).toBeUndefined();
  });
});

describe('access matrix', () => {
  for (const row of MATRIX) {
    describe(`${row.route}${row.what ? ` (${row.what})` : ''}`, () => {
      for (const actor of ACTORS) {
        const status = row.expect[actor];
        it(`as ${actor}: ${status}`, async () => {
          const call = await row.prepare(actor);
          const before = await snapshot();
          const client = call.as ?? clientOf(actor);
          const response = await client.request(
            call.method,
            call.url,
            call.body,
            call.headers ? { headers: call.headers } : {},
          );
          expect(response.statusCode, response.body).toBe(status);
          if (status >= 400) {
            expectErrorShape(response);
            expect(await snapshot()).toEqual(before);
          } else {
            expect(await auditCount()).toBe(before.audit + (row.audited ? 1 : 0));
            await row.verify?.(actor, call, response);
          }
        });
      }
    });
  }
});

describe('no read or write across workspaces', () => {
  it('answers the outsider exactly as for a workspace that does not exist', async () => {
    const client = people.outsider.client;
    for (const suffix of ['', '/members', '/invitations']) {
      const real = await client.get(`/api/workspaces/${wsA}${suffix}`);
      const none = await client.get(`/api/workspaces/${NOWHERE}${suffix}`);
      expect(real.statusCode).toBe(404);
      expect(real.json()).toEqual(none.json());
      expect(real.body).not.toContain('Workspace A');
    }
  });

  it("refuses A's owner every read and write in B with 404", async () => {
    const client = people.owner.client;
    const outsiderId = people.outsider.id;
    await attempt(404, () => client.get(`/api/workspaces/${wsB}`));
    await attempt(404, () => client.patch(`/api/workspaces/${wsB}`, { name: 'Taken over' }));
    await attempt(404, () => client.get(`/api/workspaces/${wsB}/members`));
    await attempt(404, () =>
      client.patch(`/api/workspaces/${wsB}/members/${outsiderId}`, { role: 'viewer' }),
    );
    await attempt(404, () => client.delete(`/api/workspaces/${wsB}/members/${outsiderId}`));
    await attempt(404, () => client.get(`/api/workspaces/${wsB}/invitations`));
    await attempt(404, () => client.post(`/api/workspaces/${wsB}/invitations`, { role: 'owner' }));
    await attempt(404, () => client.delete(`/api/workspaces/${wsB}/invitations/${invitationB}`));
    await attempt(404, () => client.patch('/api/me', { currentWorkspaceId: wsB }));
    const listed = (await client.get('/api/workspaces')).json().workspaces.map((w: { id: string }) => w.id);
    expect(listed).not.toContain(wsB);
  });

  it("refuses B's members and invitations reached through A's address", async () => {
    const client = people.owner.client;
    await attempt(404, () =>
      client.patch(`/api/workspaces/${wsA}/members/${people.outsider.id}`, { role: 'viewer' }),
    );
    await attempt(404, () => client.delete(`/api/workspaces/${wsA}/members/${people.outsider.id}`));
    await attempt(404, () => client.delete(`/api/workspaces/${wsA}/invitations/${invitationB}`));
    expect(await pendingInvitationIds(wsB)).toContain(invitationB);
    expect(await roleIn(wsB, people.outsider.id)).toBe('owner');
  });

  it("refuses the outsider A's members and invitations, also through B's address", async () => {
    const client = people.outsider.client;
    const pendingA = await pendingInvitationIds(wsA);
    expect(pendingA.length).toBeGreaterThan(0);
    await attempt(404, () =>
      client.patch(`/api/workspaces/${wsB}/members/${people.editor.id}`, { role: 'owner' }),
    );
    await attempt(404, () => client.delete(`/api/workspaces/${wsB}/members/${people.editor.id}`));
    await attempt(404, () => client.delete(`/api/workspaces/${wsB}/invitations/${pendingA[0]}`));
    await attempt(404, () => client.delete(`/api/workspaces/${wsA}/invitations/${pendingA[0]}`));
    expect(await pendingInvitationIds(wsA)).toEqual(pendingA);
  });
});

describe('role rules', () => {
  it('lets no admin grant the owner role, by role change or by invitation', async () => {
    const target = await join('contributor');
    const admin = people.admin.client;
    await attempt(403, () => admin.patch(`/api/workspaces/${wsA}/members/${target.id}`, { role: 'owner' }));
    await attempt(403, () => admin.post(`/api/workspaces/${wsA}/invitations`, { role: 'owner' }));
    expect(await roleIn(wsA, target.id)).toBe('contributor');
  });

  it('lets no admin change or remove an owner', async () => {
    const admin = people.admin.client;
    const owner = people.owner.id;
    for (const role of ROLES.filter((r) => r !== 'owner'))
      await attempt(403, () => admin.patch(`/api/workspaces/${wsA}/members/${owner}`, { role }));
    await attempt(403, () => admin.delete(`/api/workspaces/${wsA}/members/${owner}`));
    expect(await roleIn(wsA, owner)).toBe('owner');
  });

  it('lets an admin manage another admin, and an owner grant and take back ownership', async () => {
    const otherAdmin = await join('admin');
    await attempt(200, () =>
      people.admin.client.patch(`/api/workspaces/${wsA}/members/${otherAdmin.id}`, { role: 'editor' }),
    );
    expect(await roleIn(wsA, otherAdmin.id)).toBe('editor');
    await attempt(200, () =>
      people.owner.client.patch(`/api/workspaces/${wsA}/members/${otherAdmin.id}`, { role: 'owner' }),
    );
    expect(await roleIn(wsA, otherAdmin.id)).toBe('owner');
    await attempt(200, () =>
      people.owner.client.patch(`/api/workspaces/${wsA}/members/${otherAdmin.id}`, { role: 'viewer' }),
    );
    expect(await roleIn(wsA, otherAdmin.id)).toBe('viewer');
  });

  it('lets editors, contributors and viewers do none of the managing', async () => {
    const target = await join('viewer');
    const { id: invitationId } = await invite('viewer');
    for (const role of ['editor', 'contributor', 'viewer'] as const) {
      const client = people[role].client;
      await attempt(403, () => client.post(`/api/workspaces/${wsA}/invitations`, { role: 'viewer' }));
      await attempt(403, () => client.get(`/api/workspaces/${wsA}/invitations`));
      await attempt(403, () => client.delete(`/api/workspaces/${wsA}/invitations/${invitationId}`));
      await attempt(403, () =>
        client.patch(`/api/workspaces/${wsA}/members/${target.id}`, { role: 'contributor' }),
      );
      await attempt(403, () => client.delete(`/api/workspaces/${wsA}/members/${target.id}`));
      await attempt(403, () => client.patch(`/api/workspaces/${wsA}`, { name: `Renamed by ${role}` }));
      expect((await client.get(`/api/workspaces/${wsA}/members`)).statusCode).toBe(200);
    }
    expect(await roleIn(wsA, target.id)).toBe('viewer');
  });

  it('lets nobody change their own role', async () => {
    const expected: Record<Role, number> = {
      owner: 400,
      admin: 400,
      editor: 403,
      contributor: 403,
      viewer: 403,
    };
    for (const role of ROLES) {
      const person = people[role];
      for (const to of ROLES.filter((r) => r !== role))
        await attempt(expected[role], () =>
          person.client.patch(`/api/workspaces/${wsA}/members/${person.id}`, { role: to }),
        );
      expect(await roleIn(wsA, person.id)).toBe(role);
    }
  });

  it('never lets the last owner leave or be demoted', async () => {
    const owners = await rows(
      `SELECT user_id FROM memberships WHERE workspace_id = '${wsA}' AND role = 'owner'`,
    );
    expect(owners.map((r) => r.user_id)).toEqual([people.owner.id]);
    const owner = people.owner;
    const leave = await attempt(409, () => owner.client.delete(`/api/workspaces/${wsA}/members/${owner.id}`));
    expect(leave.json().message).toMatch(/at least one owner/);
    await attempt(400, () =>
      owner.client.patch(`/api/workspaces/${wsA}/members/${owner.id}`, { role: 'admin' }),
    );
    await attempt(403, () =>
      people.admin.client.patch(`/api/workspaces/${wsA}/members/${owner.id}`, { role: 'admin' }),
    );
    await attempt(403, () => people.admin.client.delete(`/api/workspaces/${wsA}/members/${owner.id}`));
    // B has a single owner too: the outsider.
    await attempt(409, () =>
      people.outsider.client.delete(`/api/workspaces/${wsB}/members/${people.outsider.id}`),
    );
    expect(await roleIn(wsA, owner.id)).toBe('owner');
    expect(await roleIn(wsB, people.outsider.id)).toBe('owner');
  });

  it('still has every role holder in place at the end', async () => {
    for (const role of ROLES) expect(await roleIn(wsA, people[role].id)).toBe(role);
    expect(await roleIn(wsA, people.outsider.id)).toBeUndefined();
  });
});
