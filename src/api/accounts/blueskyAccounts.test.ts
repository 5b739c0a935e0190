// Connecting Bluesky accounts through the API against a local AT Protocol network, with a PDS at its
// own address: credentials stored sealed, reconnecting replaces them, refusals write nothing, private
// addresses are refused unless the operator allows them, and a revoked app password marks the account
// for reconnecting. (Mastodon has its own file: dev-env replaces the process's fetch dispatcher with
// one that trips over snac2's connection handling.)
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../core/secretBox.ts';
import { openAccountConnection } from '../../networks/accountConnections.ts';
import type { BlueskyCredentials } from '../../networks/bluesky/blueskyConnector.ts';
import { ConnectorError } from '../../networks/connector.ts';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../../testing/atprotoNetwork.ts';
import { ApiClient, startTestApp, TEST_SECRET, type TestApp } from '../../testing/testApp.ts';

const PASSWORD = 'correct horse battery';

let app: TestApp;
let network: AtprotoNetwork;
let owner: ApiClient;
let editor: ApiClient;
let workspaceId: string;
let alice: AtprotoAccount;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;

/** What a refused call must leave untouched. */
async function writes() {
  return {
    accounts: await rows(
      'SELECT id, handle, status, status_reason, credentials_sealed FROM social_accounts ORDER BY id',
    ),
    states: await rows('SELECT state FROM oauth_states ORDER BY state'),
    audit: (await rows('SELECT count(*)::int AS n FROM audit_events'))[0].n,
  };
}

const accountsUrl = () => `/api/workspaces/${workspaceId}/accounts`;

async function listed() {
  const response = await owner.get(accountsUrl());
  expect(response.statusCode).toBe(200);
  return response.json().accounts as {
    id: string;
    network: string;
    handle: string;
    status: string;
    statusReason: string | null;
  }[];
}

beforeAll(async () => {
  [app, network] = await Promise.all([startTestApp({ allowPrivateFetch: true }), startAtprotoNetwork()]);
  alice = await network.createAccount('alice');
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Nadia Islam',
    email: 'nadia@example.com',
    password: PASSWORD,
    workspaceName: 'Dhaka Desk',
  });
  expect(setup.statusCode).toBe(201);
  workspaceId = setup.json().workspaces[0].id;
  const invited = await owner.post(`/api/workspaces/${workspaceId}/invitations`, { role: 'editor' });
  editor = new ApiClient(app, '203.0.113.2');
  const joined = await editor.post(`/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`, {
    name: 'Eli Editor',
    email: 'eli@example.com',
    password: PASSWORD,
  });
  expect(joined.statusCode).toBe(200);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await network?.close();
});

describe('Bluesky', () => {
  let accountId: string;

  it('connects an account on a PDS at its own address and lists it', async () => {
    const response = await owner.post(`${accountsUrl()}/bluesky`, {
      service: network.pdsUrl,
      identifier: alice.handle,
      appPassword: alice.appPassword,
    });
    expect(response.statusCode, response.body).toBe(200);
    const account = response.json();
    expect(account).toMatchObject({
      network: 'bluesky',
      handle: alice.handle,
      serviceUrl: new URL(network.pdsUrl).origin,
      status: 'connected',
      statusReason: null,
    });
    accountId = account.id;
    expect(await listed()).toEqual([expect.objectContaining({ id: accountId, handle: alice.handle })]);
    expect(JSON.stringify((await owner.get(accountsUrl())).json())).not.toMatch(
      /credential|appPassword|Jwt/i,
    );
    const [audit] = await rows("SELECT action, target_id FROM audit_events WHERE action LIKE 'account.%'");
    expect(audit).toEqual({ action: 'account.connected', target_id: accountId });
  });

  it('stores the app password and session tokens sealed', async () => {
    const [row] = await rows('SELECT remote_id, credentials_sealed FROM social_accounts WHERE id = $1', [
      accountId,
    ]);
    expect(row.remote_id).toBe(alice.did);
    expect(row.credentials_sealed).not.toContain(alice.appPassword);
    expect(row.credentials_sealed).not.toContain(alice.handle);
    const opened = JSON.parse(
      createSecretBox(TEST_SECRET).open(row.credentials_sealed),
    ) as BlueskyCredentials;
    expect(opened).toMatchObject({ identifier: alice.handle, appPassword: alice.appPassword });
    expect(opened.session?.did).toBe(alice.did);
    expect(row.credentials_sealed).not.toContain(opened.session?.accessJwt);
  });

  it('refuses a wrong app password with a readable 400 and writes nothing', async () => {
    const before = await writes();
    const response = await owner.post(`${accountsUrl()}/bluesky`, {
      service: network.pdsUrl,
      identifier: alice.handle,
      appPassword: 'aaaa-bbbb-cccc-dddd',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('Bluesky did not accept that handle and app password.');
    expect(await writes()).toEqual(before);
  });

  it('says which address it could not reach, without a 5xx', async () => {
    const before = await writes();
    const response = await owner.post(`${accountsUrl()}/bluesky`, {
      service: 'http://127.0.0.1:1',
      identifier: alice.handle,
      appPassword: alice.appPassword,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:1: \S/);
    expect(await writes()).toEqual(before);
  });

  it('reconnecting replaces the credentials and clears "needs reconnecting"', async () => {
    await rows(
      "UPDATE social_accounts SET status = 'needs_reconnect', status_reason = 'revoked' WHERE id = $1",
      [accountId],
    );
    const [before] = await rows('SELECT credentials_sealed FROM social_accounts WHERE id = $1', [accountId]);
    const agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: alice.handle, password: alice.password });
    const fresh = (await agent.com.atproto.server.createAppPassword({ name: 'kolorob-2' })).data.password;

    const response = await editor.post(`${accountsUrl()}/bluesky`, {
      service: network.pdsUrl,
      identifier: alice.handle,
      appPassword: fresh,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: accountId, status: 'connected', statusReason: null });
    expect(await listed()).toHaveLength(1);
    const [after] = await rows('SELECT credentials_sealed FROM social_accounts WHERE id = $1', [accountId]);
    expect(after.credentials_sealed).not.toBe(before.credentials_sealed);
    expect(JSON.parse(app.ctx.secretBox.open(after.credentials_sealed)).appPassword).toBe(fresh);
    const actions = await rows("SELECT action FROM audit_events WHERE action LIKE 'account.%' ORDER BY id");
    expect(actions.map((a) => a.action)).toEqual(['account.connected', 'account.reconnected']);
  });

  it('opens the stored account, publishes, and saves the session it used', async () => {
    const opened = await openAccountConnection(app.ctx, accountId);
    expect(opened).toMatchObject({ network: 'bluesky', workspaceId });
    expect((await opened.connection.verify()).remoteId).toBe(alice.did);
    const [row] = await rows('SELECT status FROM social_accounts WHERE id = $1', [accountId]);
    expect(row.status).toBe('connected');
  });

  it('marks the account "needs reconnecting" with a reason once its app password is revoked', async () => {
    const agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: alice.handle, password: alice.password });
    await agent.com.atproto.server.revokeAppPassword({ name: 'kolorob-2' });
    // Revoking ends the refresh token at once; an access token already handed out lives until it
    // expires (two hours). Stand in for that wait by giving the stored session an expired one.
    const [row] = await rows('SELECT credentials_sealed FROM social_accounts WHERE id = $1', [accountId]);
    const credentials = JSON.parse(app.ctx.secretBox.open(row.credentials_sealed)) as BlueskyCredentials;
    credentials.session = { ...credentials.session!, accessJwt: expiredJwt(credentials.session!.accessJwt) };
    await rows('UPDATE social_accounts SET credentials_sealed = $1 WHERE id = $2', [
      app.ctx.secretBox.seal(JSON.stringify(credentials)),
      accountId,
    ]);

    const opening = openAccountConnection(app.ctx, accountId);
    await expect(opening).rejects.toBeInstanceOf(ConnectorError);
    await expect(opening).rejects.toMatchObject({ kind: 'auth' });
    const [account] = (await listed()).filter((a) => a.id === accountId);
    expect(account?.status).toBe('needs_reconnect');
    expect(account?.statusReason).toMatch(/Bluesky did not accept/);
    const [audit] = await rows(
      "SELECT actor_id, after FROM audit_events WHERE action = 'account.needs_reconnect' AND target_id = $1",
      [accountId],
    );
    expect(audit.actor_id).toBeNull();
    expect(audit.after).toMatchObject({ status: 'needs_reconnect' });
  });
});

/** The same token with its expiry set in the past; its signature no longer matches, as the PDS will notice. */
function expiredJwt(jwt: string): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  claims.exp = Math.floor(Date.now() / 1000) - 60;
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

describe('private addresses, without KOLOROB_ALLOW_PRIVATE_FETCH', () => {
  beforeAll(() => {
    app.ctx.config.allowPrivateFetch = false;
  });
  afterAll(() => {
    app.ctx.config.allowPrivateFetch = true;
  });

  it('refuses a PDS on a loopback address, naming the field, and writes nothing', async () => {
    const before = await writes();
    const response = await owner.post(`${accountsUrl()}/bluesky`, {
      service: network.pdsUrl,
      identifier: alice.handle,
      appPassword: alice.appPassword,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.service).toMatch(/private or local network address \(127\.0\.0\.1\)/);
    expect(await writes()).toEqual(before);
  });
});
