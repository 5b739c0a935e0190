// Connecting Mastodon accounts through the API and snac2's real OAuth flow: start, the person's login on
// the instance, the callback as the same signed-in person. Wrong or foreign states get an error redirect
// and write nothing; the stored token publishes with the publish log in the database; a refused token
// marks the account for reconnecting; private addresses are refused unless the operator allows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccountConnection } from '../../networks/accountConnections.ts';
import { mastodonConnector } from '../../networks/mastodon/mastodonConnector.ts';
import { type Snac2Server, startSnac2 } from '../../testing/snac2Server.ts';
import { ApiClient, PUBLIC_URL, startTestApp, type TestApp } from '../../testing/testApp.ts';

const PASSWORD = 'correct horse battery';

let app: TestApp;
let snac: Snac2Server;
let owner: ApiClient;
let editor: ApiClient;
let workspaceId: string;

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
  [app, snac] = await Promise.all([
    startTestApp({ allowPrivateFetch: true }),
    startSnac2({ users: ['alice'] }),
  ]);
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
  await snac?.close();
});

describe('Mastodon through snac2', () => {
  async function start(client = owner) {
    const response = await client.post(`${accountsUrl()}/mastodon`, { instanceUrl: snac.instanceUrl });
    expect(response.statusCode, response.body).toBe(200);
    const authorize = new URL(response.json().authorizeUrl);
    expect(authorize.origin).toBe(snac.instanceUrl);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/oauth/mastodon/callback`);
    const state = authorize.searchParams.get('state')!;
    const code = await snac.login(
      'alice',
      {
        instanceUrl: snac.instanceUrl,
        clientId: authorize.searchParams.get('client_id')!,
        clientSecret: '',
        redirectUri: authorize.searchParams.get('redirect_uri')!,
        scopes: authorize.searchParams.get('scope')!,
      },
      state,
    );
    return { state, code };
  }

  const callback = (client: ApiClient, query: Record<string, string>) =>
    client.get(`/api/oauth/mastodon/callback?${new URLSearchParams(query)}`);

  function redirectOf(response: { statusCode: number; headers: Record<string, unknown> }) {
    expect(response.statusCode).toBe(302);
    return new URL(String(response.headers.location), 'http://kolorob.test');
  }

  it('answers a wrong state with an error redirect and writes nothing', async () => {
    const { code } = await start();
    const before = await writes();
    const target = redirectOf(await callback(owner, { state: 'not-the-state', code }));
    // Without a known state there is no workspace to go back to: the person's current one it is.
    expect(target.pathname).toBe(`/w/${workspaceId}/settings/accounts`);
    expect(target.searchParams.get('error')).toMatch(/unknown or has expired/);
    expect(await writes()).toEqual(before);
  });

  it('lets only the person who started finish', async () => {
    const { state, code } = await start();
    const before = await writes();
    const target = redirectOf(await callback(editor, { state, code }));
    expect(target.searchParams.get('error')).toMatch(/unknown or has expired/);
    expect(await writes()).toEqual(before);
  });

  it('passes on a refusal from the server as an error on the accounts page', async () => {
    const target = redirectOf(
      await callback(owner, { error: 'access_denied', error_description: 'The person said no' }),
    );
    expect(target.searchParams.get('error')).toBe('The server did not give access: The person said no.');
  });

  it('connects through the whole OAuth flow and lists the account', async () => {
    const { state, code } = await start();
    const target = redirectOf(await callback(owner, { state, code }));
    expect(target.pathname).toBe(`/w/${workspaceId}/settings/accounts`);
    const connected = target.searchParams.get('connected');
    const host = new URL(snac.instanceUrl).host;
    expect(await listed()).toContainEqual(
      expect.objectContaining({
        id: connected,
        network: 'mastodon',
        handle: `alice@${host}`,
        status: 'connected',
      }),
    );
    const [row] = await rows('SELECT remote_id, credentials_sealed FROM social_accounts WHERE id = $1', [
      connected,
    ]);
    expect(row.remote_id.endsWith(`@${host}`)).toBe(true);
    expect(row.credentials_sealed).not.toContain('accessToken');
    expect(JSON.parse(app.ctx.secretBox.open(row.credentials_sealed))).toMatchObject({
      instanceUrl: snac.instanceUrl,
      accessToken: expect.any(String),
    });
    expect(await rows('SELECT state FROM oauth_states WHERE state = $1', [state])).toEqual([]);
    const actions = await rows("SELECT action FROM audit_events WHERE action LIKE 'account.%' ORDER BY id");
    expect(actions.map((a) => a.action).at(-1)).toBe('account.connected');

    // A state works once.
    const again = redirectOf(await callback(owner, { state, code }));
    expect(again.searchParams.get('error')).toMatch(/unknown or has expired/);
  });

  it('publishes through the stored account with the publish log in the database', async () => {
    const [account] = (await listed()).filter((a) => a.network === 'mastodon');
    const opened = await openAccountConnection(app.ctx, account!.id);
    const publishKey = mastodonConnector.newPublishKey();
    const post = await opened.connection.publish({ text: `From Kolorob ${Date.now()}`, publishKey });
    const [logged] = await rows(
      'SELECT account_id, status_id FROM mastodon_publish_log WHERE publish_key = $1',
      [publishKey],
    );
    expect(logged).toEqual({ account_id: account!.id, status_id: post.id });
    expect(await opened.connection.findPublished(publishKey)).toMatchObject({ id: post.id });
  });

  it('marks the account "needs reconnecting" when the server refuses its token', async () => {
    const [account] = (await listed()).filter((a) => a.network === 'mastodon');
    await rows('UPDATE social_accounts SET credentials_sealed = $1 WHERE id = $2', [
      app.ctx.secretBox.seal(JSON.stringify({ instanceUrl: snac.instanceUrl, accessToken: 'revoked-token' })),
      account!.id,
    ]);
    const opened = await openAccountConnection(app.ctx, account!.id);
    await expect(opened.connection.verify()).rejects.toMatchObject({ kind: 'auth' });
    const [after] = (await listed()).filter((a) => a.id === account!.id);
    expect(after).toMatchObject({ status: 'needs_reconnect', statusReason: expect.stringMatching(/\S/) });
    const [audit] = await rows(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'account.needs_reconnect' AND target_id = $1",
      [account!.id],
    );
    expect(audit.n).toBe(1);
  });

  it('disconnects an account', async () => {
    const [account] = (await listed()).filter((a) => a.network === 'mastodon');
    expect((await owner.delete(`${accountsUrl()}/${account!.id}`)).statusCode).toBe(204);
    expect((await listed()).map((a) => a.id)).not.toContain(account!.id);
    expect((await owner.delete(`${accountsUrl()}/${account!.id}`)).statusCode).toBe(404);
  });
});

describe('private addresses, without KOLOROB_ALLOW_PRIVATE_FETCH', () => {
  beforeAll(() => {
    app.ctx.config.allowPrivateFetch = false;
  });
  afterAll(() => {
    app.ctx.config.allowPrivateFetch = true;
  });

  it('refuses a Mastodon instance on a private address and on localhost, and writes nothing', async () => {
    const before = await writes();
    for (const instanceUrl of [snac.instanceUrl, 'http://localhost:9', 'http://[::1]:9', 'http://10.0.0.1']) {
      const response = await owner.post(`${accountsUrl()}/mastodon`, { instanceUrl });
      expect(response.statusCode, instanceUrl).toBe(400);
      expect(response.json().fields.instanceUrl).toMatch(/private or local/);
    }
    expect(await writes()).toEqual(before);
  });
});
