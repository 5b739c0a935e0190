// List templates through the API: the starter template is added once per workspace (and not again once
// admins delete it), only owners and admins write templates, and applying one against a local AT
// Protocol network makes a real list with the people it could find, reports the handles it could not,
// and can add the list as a column on the person's board.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStarterTemplates, STARTER_TEMPLATES_ROOT } from '../../../commands/streams/listTemplates.ts';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../../../testing/atprotoNetwork.ts';
import { ApiClient, startTestApp, type TestApp } from '../../../testing/testApp.ts';

const PASSWORD = 'correct horse battery';

let app: TestApp;
let network: AtprotoNetwork;
let workspaceId: string;
let alice: AtprotoAccount;
let bob: AtprotoAccount;
let carol: AtprotoAccount;
let seq = 0;
const people = {} as Record<'owner' | 'admin' | 'editor' | 'viewer' | 'connector', ApiClient>;
const ids = {} as Record<'connector', string>;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;
const templatesUrl = (workspace = workspaceId) => `/api/workspaces/${workspace}/list-templates`;

async function join(role: string): Promise<{ client: ApiClient; id: string }> {
  seq += 1;
  const invited = await people.owner.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  expect(invited.statusCode).toBe(201);
  const client = new ApiClient(app, `203.0.113.${10 + seq}`);
  const joined = await client.post(`/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`, {
    name: `Person ${seq}`,
    email: `person${seq}@example.com`,
    password: PASSWORD,
  });
  expect(joined.statusCode, joined.body).toBe(200);
  return { client, id: joined.json().user.id };
}

async function connect(client: ApiClient, account: AtprotoAccount): Promise<string> {
  const response = await client.post(`/api/workspaces/${workspaceId}/accounts/bluesky`, {
    service: network.pdsUrl,
    identifier: account.handle,
    appPassword: account.appPassword,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().id;
}

/** The lists an account has on Bluesky, with their members, as the AppView reports them. */
async function listsOnBluesky(did: string) {
  await network.processAll();
  const { data } = await network.appView.app.bsky.graph.getLists({ actor: did });
  return Promise.all(
    data.lists.map(async (list) => ({
      name: list.name,
      description: list.description ?? '',
      members: (await network.appView.app.bsky.graph.getList({ list: list.uri })).data.items.map(
        (item) => item.subject.did,
      ),
    })),
  );
}

beforeAll(async () => {
  [app, network] = await Promise.all([startTestApp({ allowPrivateFetch: true }), startAtprotoNetwork()]);
  [alice, bob, carol] = await Promise.all([
    network.createAccount('alice'),
    network.createAccount('bob'),
    network.createAccount('carol'),
  ]);
  await network.processAll();
  people.owner = new ApiClient(app);
  const setup = await people.owner.post('/api/setup', {
    name: 'Nadia Islam',
    email: 'nadia@example.com',
    password: PASSWORD,
    workspaceName: 'Dhaka Desk',
  });
  expect(setup.statusCode).toBe(201);
  workspaceId = setup.json().workspaces[0].id;
  people.admin = (await join('admin')).client;
  people.editor = (await join('editor')).client;
  people.viewer = (await join('viewer')).client;
  const connector = await join('editor');
  people.connector = connector.client;
  ids.connector = connector.id;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await network?.close();
});

describe('starter templates', () => {
  it('ship as valid templates', async () => {
    const starters = await loadStarterTemplates();
    expect(starters.map((t) => t.name)).toEqual(['People to learn from']);
    expect(starters[0]?.description).toMatch(/Admins should edit this template/);
    expect(starters[0]?.members.length).toBeGreaterThan(0);
  });

  it('leaves out files that are not templates', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kolorob-templates-'));
    try {
      writeFileSync(
        path.join(folder, 'a-valid.json'),
        JSON.stringify({ name: 'Valid one', members: [{ network: 'bluesky', handle: 'someone.example' }] }),
      );
      writeFileSync(path.join(folder, 'b-broken.json'), '{ "name": "Broken", "members": [');
      writeFileSync(
        path.join(folder, 'c-wrong-network.json'),
        JSON.stringify({ name: 'Wrong network', members: [{ network: 'myspace', handle: 'tom' }] }),
      );
      writeFileSync(path.join(folder, 'notes.txt'), 'not a template');
      expect((await loadStarterTemplates(folder)).map((t) => t.name)).toEqual(['Valid one']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    expect(await loadStarterTemplates(path.join(STARTER_TEMPLATES_ROOT, 'no-such-folder'))).toEqual([]);
  });

  it('are added the first time the templates are listed, once, even when asked twice at once', async () => {
    const [first, second] = await Promise.all([
      people.viewer.get(templatesUrl()),
      people.editor.get(templatesUrl()),
    ]);
    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode).toBe(200);
    const starters = await loadStarterTemplates();
    for (const response of [first, second, await people.owner.get(templatesUrl())]) {
      expect(response.json().templates).toEqual([
        expect.objectContaining({ name: starters[0]!.name, members: starters[0]!.members }),
      ]);
    }
    expect(await rows('SELECT count(*)::int AS n FROM list_templates')).toEqual([{ n: 1 }]);
    expect(await rows("SELECT target_id FROM audit_events WHERE action = 'list_template.seeded'")).toEqual([
      { target_id: workspaceId },
    ]);
  });

  it('do not come back once an admin deleted them', async () => {
    const [starter] = (await people.admin.get(templatesUrl())).json().templates;
    expect((await people.admin.delete(`${templatesUrl()}/${starter.id}`)).statusCode).toBe(204);
    expect((await people.admin.get(templatesUrl())).json().templates).toEqual([]);
  });

  it('are added to each workspace of its own', async () => {
    const other = await people.owner.post('/api/workspaces', { name: 'Sylhet Desk' });
    expect(other.statusCode).toBe(201);
    const response = await people.owner.get(templatesUrl(other.json().id));
    expect(response.json().templates).toHaveLength(1);
  });
});

describe('writing templates', () => {
  let templateId: string;
  const template = {
    name: 'Radio people',
    description: 'Community radio voices',
    members: [
      { network: 'bluesky', handle: '@radio.example' },
      { network: 'mastodon', handle: 'radio@social.example' },
      { network: 'bluesky', handle: 'RADIO.example' },
    ],
  };

  it('lets admins add a template, without the @ and without repeats', async () => {
    const response = await people.admin.post(templatesUrl(), template);
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      name: 'Radio people',
      description: 'Community radio voices',
      members: [
        { network: 'bluesky', handle: 'radio.example' },
        { network: 'mastodon', handle: 'radio@social.example' },
      ],
    });
    templateId = created.id;
    expect(await rows("SELECT target_id FROM audit_events WHERE action = 'list_template.created'")).toEqual([
      { target_id: templateId },
    ]);
  });

  it('lets owners change and admins delete it', async () => {
    const changed = await people.owner.patch(`${templatesUrl()}/${templateId}`, {
      ...template,
      name: 'Radio voices',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().name).toBe('Radio voices');
    expect((await people.viewer.get(templatesUrl())).json().templates).toEqual([
      expect.objectContaining({ id: templateId, name: 'Radio voices' }),
    ]);
    expect((await people.admin.delete(`${templatesUrl()}/${templateId}`)).statusCode).toBe(204);
    expect((await people.admin.delete(`${templatesUrl()}/${templateId}`)).statusCode).toBe(404);
    expect(
      await rows(
        "SELECT action FROM audit_events WHERE target_id = $1 AND action <> 'list_template.created' ORDER BY id",
        [templateId],
      ),
    ).toEqual([{ action: 'list_template.updated' }, { action: 'list_template.deleted' }]);
  });

  it('refuses editors and viewers, changing nothing', async () => {
    const created = await people.admin.post(templatesUrl(), template);
    const id = created.json().id;
    const before = await rows('SELECT id, name, members FROM list_templates ORDER BY id');
    for (const response of [
      await people.editor.post(templatesUrl(), template),
      await people.editor.patch(`${templatesUrl()}/${id}`, { ...template, name: 'Mine' }),
      await people.viewer.delete(`${templatesUrl()}/${id}`),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toBe('Only owners and admins can edit list templates.');
    }
    expect(await rows('SELECT id, name, members FROM list_templates ORDER BY id')).toEqual(before);
    expect((await people.admin.delete(`${templatesUrl()}/${id}`)).statusCode).toBe(204);
  });

  it('checks the template', async () => {
    for (const body of [
      { ...template, name: ' ' },
      { ...template, name: 'x'.repeat(65) },
      { ...template, description: 'x'.repeat(301) },
      { ...template, members: [{ network: 'x', handle: 'someone' }] },
      { ...template, members: [{ network: 'bluesky', handle: 'two words' }] },
      {
        ...template,
        members: Array.from({ length: 101 }, (_, i) => ({ network: 'bluesky', handle: `p${i}.test` })),
      },
    ]) {
      const response = await people.admin.post(templatesUrl(), body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.json().error).toBe('validation_failed');
    }
  });
});

describe('applying a template', () => {
  let templateId: string;
  let ownerAccount: string;
  let connectorAccount: string;

  beforeAll(async () => {
    const created = await people.admin.post(templatesUrl(), {
      name: 'Learn from these',
      description: 'People our team learns from',
      members: [
        { network: 'bluesky', handle: bob.handle },
        { network: 'bluesky', handle: 'nobody-by-this-name.test' },
        { network: 'mastodon', handle: 'someone@social.example' },
        { network: 'bluesky', handle: carol.handle },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    templateId = created.json().id;
    ownerAccount = await connect(people.owner, alice);
    connectorAccount = await connect(people.connector, carol);
    // The person who connected Carol's account is then made a viewer.
    const demoted = await people.owner.patch(`/api/workspaces/${workspaceId}/members/${ids.connector}`, {
      role: 'viewer',
    });
    expect(demoted.statusCode, demoted.body).toBe(200);
  });

  it('makes a real list with the people found and reports the handles not found', async () => {
    const response = await people.editor.post(`${templatesUrl()}/${templateId}/apply`, {
      accountId: ownerAccount,
    });
    expect(response.statusCode, response.body).toBe(201);
    const applied = response.json();
    expect(applied).toMatchObject({
      list: { name: 'Learn from these', description: 'People our team learns from' },
      added: [bob.handle, carol.handle],
      notFound: ['nobody-by-this-name.test'],
      column: null,
    });
    expect(await listsOnBluesky(alice.did)).toEqual([
      {
        name: 'Learn from these',
        description: 'People our team learns from',
        members: expect.arrayContaining([bob.did, carol.did]),
      },
    ]);
    expect(
      await rows("SELECT target_id, after FROM audit_events WHERE action = 'list_template.applied'"),
    ).toEqual([
      {
        target_id: templateId,
        after: expect.objectContaining({ listId: applied.list.id, notFound: ['nobody-by-this-name.test'] }),
      },
    ]);
  });

  it('adds the list as a column on the person’s board', async () => {
    const boards = await people.owner.get(`/api/workspaces/${workspaceId}/boards`);
    expect(boards.statusCode, boards.body).toBe(200);
    const boardId = boards.json().boards[0].id;
    const response = await people.owner.post(`${templatesUrl()}/${templateId}/apply`, {
      accountId: ownerAccount,
      boardId,
    });
    expect(response.statusCode, response.body).toBe(201);
    const { list, column } = response.json();
    expect(column).toMatchObject({
      kind: 'list',
      accountId: ownerAccount,
      listId: list.id,
      listName: 'Learn from these',
    });
    const board = (await people.owner.get(`/api/workspaces/${workspaceId}/boards`)).json().boards[0];
    expect(board.columns.map((c: { id: string }) => c.id)).toEqual([column.id]);
  });

  it('does not make a list when the board is not the person’s own', async () => {
    const boards = await people.owner.get(`/api/workspaces/${workspaceId}/boards`);
    const ownersBoard = boards.json().boards[0].id;
    const before = await listsOnBluesky(alice.did);
    const response = await people.editor.post(`${templatesUrl()}/${templateId}/apply`, {
      accountId: ownerAccount,
      boardId: ownersBoard,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe('That board was not found.');
    expect(await listsOnBluesky(alice.did)).toEqual(before);
  });

  it('lets the person who connected the account apply it without lists.manage, and nobody else', async () => {
    const refused = await people.viewer.post(`${templatesUrl()}/${templateId}/apply`, {
      accountId: connectorAccount,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe(
      'Only owners, admins and editors, or the person who connected this account, can make lists on it.',
    );
    const onOthers = await people.connector.post(`${templatesUrl()}/${templateId}/apply`, {
      accountId: ownerAccount,
    });
    expect(onOthers.statusCode).toBe(403);
    expect(await listsOnBluesky(carol.did)).toEqual([]);

    const allowed = await people.connector.post(`${templatesUrl()}/${templateId}/apply`, {
      accountId: connectorAccount,
    });
    expect(allowed.statusCode, allowed.body).toBe(201);
    expect(allowed.json().added).toEqual([bob.handle, carol.handle]);
    expect(await listsOnBluesky(carol.did)).toEqual([
      expect.objectContaining({
        name: 'Learn from these',
        members: expect.arrayContaining([bob.did, carol.did]),
      }),
    ]);
  });

  it('does not find templates or accounts of another workspace', async () => {
    const other = await people.owner.post('/api/workspaces', { name: 'Khulna Desk' });
    const otherId = other.json().id;
    const [foreignTemplate] = (await people.owner.get(templatesUrl(otherId))).json().templates;
    const wrongTemplate = await people.owner.post(`${templatesUrl()}/${foreignTemplate.id}/apply`, {
      accountId: ownerAccount,
    });
    expect(wrongTemplate.statusCode).toBe(404);
    expect(wrongTemplate.json().message).toBe('That list template was not found.');
    const wrongAccount = await people.owner.post(`${templatesUrl(otherId)}/${foreignTemplate.id}/apply`, {
      accountId: ownerAccount,
    });
    expect(wrongAccount.statusCode).toBe(404);
    expect(wrongAccount.json().message).toBe('That account was not found.');
    expect(
      (
        await people.owner.patch(`${templatesUrl()}/${foreignTemplate.id}`, {
          name: 'x',
          description: '',
          members: [],
        })
      ).statusCode,
    ).toBe(404);
  });
});
