// Lists on the networks through the API, against a local AT Protocol network: a list made through
// Kolorob is found with Bluesky's own API, renamed, given a member found through the people search, and
// deleted; each change leaves an audit event. Viewers cannot change lists, an account of another
// workspace is not found, and what the network refuses comes back with its sentence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../../../testing/atprotoNetwork.ts';
import { ApiClient, startTestApp, type TestApp } from '../../../testing/testApp.ts';

const PASSWORD = 'correct horse battery';

let app: TestApp;
let network: AtprotoNetwork;
let owner: ApiClient;
let viewer: ApiClient;
let workspaceId: string;
let otherWorkspaceId: string;
let alice: AtprotoAccount;
let bob: AtprotoAccount;
let accountId: string;
let otherAccountId: string;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;

const accountUrl = (account = accountId, workspace = workspaceId) =>
  `/api/workspaces/${workspace}/accounts/${account}`;
const listUrl = (listId: string) => `${accountUrl()}/lists/${encodeURIComponent(listId)}`;

async function connect(client: ApiClient, workspace: string, account: AtprotoAccount): Promise<string> {
  const response = await client.post(`/api/workspaces/${workspace}/accounts/bluesky`, {
    service: network.pdsUrl,
    identifier: account.handle,
    appPassword: account.appPassword,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().id;
}

/** Alice's curated lists as Bluesky's AppView reports them. */
async function listsOnBluesky() {
  await network.processAll();
  const { data } = await network.appView.app.bsky.graph.getLists({ actor: alice.did });
  return data.lists;
}

beforeAll(async () => {
  [app, network] = await Promise.all([startTestApp({ allowPrivateFetch: true }), startAtprotoNetwork()]);
  [alice, bob] = await Promise.all([network.createAccount('alice'), network.createAccount('bobthebuilder')]);
  await network.processAll();
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Nadia Islam',
    email: 'nadia@example.com',
    password: PASSWORD,
    workspaceName: 'Dhaka Desk',
  });
  expect(setup.statusCode).toBe(201);
  workspaceId = setup.json().workspaces[0].id;
  const invited = await owner.post(`/api/workspaces/${workspaceId}/invitations`, { role: 'viewer' });
  viewer = new ApiClient(app, '203.0.113.2');
  const joined = await viewer.post(`/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`, {
    name: 'Vera Viewer',
    email: 'vera@example.com',
    password: PASSWORD,
  });
  expect(joined.statusCode).toBe(200);
  accountId = await connect(owner, workspaceId, alice);

  const other = await owner.post('/api/workspaces', { name: 'Sylhet Desk' });
  expect(other.statusCode, other.body).toBe(201);
  otherWorkspaceId = other.json().id;
  otherAccountId = await connect(owner, otherWorkspaceId, bob);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await network?.close();
});

describe('lists on a Bluesky account', () => {
  let listId: string;

  it('creates a list that Bluesky itself then shows', async () => {
    const response = await owner.post(`${accountUrl()}/lists`, {
      name: '  Community radio  ',
      description: 'Stations worth following',
    });
    expect(response.statusCode, response.body).toBe(201);
    const list = response.json();
    expect(list).toMatchObject({ name: 'Community radio', description: 'Stations worth following' });
    expect(list.id).toMatch(new RegExp(`^at://${alice.did}/app\\.bsky\\.graph\\.list/`));
    listId = list.id;

    expect(await listsOnBluesky()).toEqual([
      expect.objectContaining({
        uri: listId,
        name: 'Community radio',
        description: 'Stations worth following',
        purpose: 'app.bsky.graph.defs#curatelist',
      }),
    ]);
    const [audit] = await rows(
      "SELECT actor_id, target_id, after FROM audit_events WHERE action = 'list.created'",
    );
    expect(audit).toMatchObject({ target_id: listId, after: { accountId, name: 'Community radio' } });
  });

  it('lists the account’s lists for anyone in the workspace', async () => {
    const response = await viewer.get(`${accountUrl()}/lists`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().lists).toEqual([
      expect.objectContaining({ id: listId, name: 'Community radio', memberCount: 0 }),
    ]);
  });

  it('renames the list on Bluesky', async () => {
    const response = await owner.patch(listUrl(listId), {
      name: 'Radio people',
      description: 'Community radio in Bangladesh',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: listId, name: 'Radio people' });
    expect(await listsOnBluesky()).toEqual([
      expect.objectContaining({
        uri: listId,
        name: 'Radio people',
        description: 'Community radio in Bangladesh',
      }),
    ]);
    expect(await rows("SELECT target_id FROM audit_events WHERE action = 'list.updated'")).toEqual([
      { target_id: listId },
    ]);
  });

  it('finds people and adds and removes a member', async () => {
    const found = await owner.get(`${accountUrl()}/actors?q=bobthebuilder`);
    expect(found.statusCode, found.body).toBe(200);
    const bobActor = (found.json().actors as { id: string; handle: string }[]).find(
      (actor) => actor.handle === bob.handle,
    );
    expect(bobActor?.id).toBe(bob.did);

    const added = await owner.post(`${listUrl(listId)}/members`, { actorId: bob.did });
    expect(added.statusCode, added.body).toBe(204);
    await network.processAll();
    const { data } = await network.appView.app.bsky.graph.getList({ list: listId });
    expect(data.items.map((item) => item.subject.did)).toEqual([bob.did]);

    const members = await viewer.get(`${listUrl(listId)}/members`);
    expect(members.statusCode).toBe(200);
    expect(members.json().members).toEqual([expect.objectContaining({ id: bob.did, handle: bob.handle })]);

    const removed = await owner.delete(`${listUrl(listId)}/members/${encodeURIComponent(bob.did)}`);
    expect(removed.statusCode, removed.body).toBe(204);
    await network.processAll();
    const after = await network.appView.app.bsky.graph.getList({ list: listId });
    expect(after.data.items).toEqual([]);
    expect(
      await rows(
        "SELECT action, after, before FROM audit_events WHERE action LIKE 'list.member_%' ORDER BY id",
      ),
    ).toEqual([
      { action: 'list.member_added', after: { accountId, actorId: bob.did }, before: null },
      { action: 'list.member_removed', after: null, before: { accountId, actorId: bob.did } },
    ]);
  });

  it('refuses changes from a viewer, changing nothing', async () => {
    const audits = await rows('SELECT count(*)::int AS n FROM audit_events');
    for (const response of [
      await viewer.post(`${accountUrl()}/lists`, { name: 'Mine', description: '' }),
      await viewer.patch(listUrl(listId), { name: 'Taken over', description: '' }),
      await viewer.post(`${listUrl(listId)}/members`, { actorId: bob.did }),
      await viewer.delete(`${listUrl(listId)}/members/${encodeURIComponent(bob.did)}`),
      await viewer.delete(listUrl(listId)),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toBe(
        'Only owners, admins and editors can change lists on the workspace’s accounts.',
      );
    }
    expect(await listsOnBluesky()).toEqual([expect.objectContaining({ uri: listId, name: 'Radio people' })]);
    expect(await rows('SELECT count(*)::int AS n FROM audit_events')).toEqual(audits);
  });

  it('does not find another workspace’s account', async () => {
    const foreign = accountUrl(otherAccountId);
    for (const response of [
      await owner.get(`${foreign}/lists`),
      await owner.post(`${foreign}/lists`, { name: 'Sneaky', description: '' }),
      await owner.get(`${foreign}/actors?q=alice`),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().message).toBe('That account was not found.');
    }
    // Through its own workspace the account is there.
    expect((await owner.get(`${accountUrl(otherAccountId, otherWorkspaceId)}/lists`)).statusCode).toBe(200);
  });

  it('validates names, descriptions, member ids and searches', async () => {
    const cases: [string, string, unknown][] = [
      ['POST', `${accountUrl()}/lists`, { name: '   ', description: '' }],
      ['POST', `${accountUrl()}/lists`, { name: 'x'.repeat(65), description: '' }],
      ['POST', `${accountUrl()}/lists`, { name: 'Fine', description: 'x'.repeat(301) }],
      ['POST', `${listUrl(listId)}/members`, { actorId: '' }],
      ['GET', `${accountUrl()}/actors?q=`, undefined],
      ['GET', `${accountUrl()}/actors?q=${'x'.repeat(101)}`, undefined],
    ];
    for (const [method, url, body] of cases) {
      const response = await owner.request(method as 'GET' | 'POST', url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(400);
      expect(response.json().error).toBe('validation_failed');
    }
  });

  it('passes on what Bluesky refuses, with its sentence', async () => {
    const response = await owner.post(`${listUrl(listId)}/members`, { actorId: 'nobody-here.test' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({
      error: 'network_refused',
      message: 'Bluesky knows nobody with the handle nobody-here.test.',
    });
    const notAList = await owner.get(`${accountUrl()}/lists/${encodeURIComponent('not-a-list')}/members`);
    expect(notAList.statusCode).toBe(422);
    expect(notAList.json().message).toBe('"not-a-list" is not a Bluesky list.');
  });

  it('deletes the list from Bluesky', async () => {
    const response = await owner.delete(listUrl(listId));
    expect(response.statusCode, response.body).toBe(204);
    expect(await listsOnBluesky()).toEqual([]);
    expect(await rows("SELECT target_id FROM audit_events WHERE action = 'list.deleted'")).toEqual([
      { target_id: listId },
    ]);
  });
});
