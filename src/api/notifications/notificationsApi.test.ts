// The bell through the API: each person sees, counts and marks read only their own notifications in a
// workspace, newest first a page at a time; someone else's notification is "not found".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../core/roles.ts';
import { storeBlueskyAccount } from '../../testing/publishingFixtures.ts';
import { startTestApp, type TestApp } from '../../testing/testApp.ts';
import { createTeam, type Team } from '../comments/teamFixture.ts';

let app: TestApp;
let team: Team;
let postId: string;

const ws = () => `/api/workspaces/${team.workspaceId}`;
const who = (key: Role | 'outsider') => team.people[key];
const mention = (key: Role) => `@[${who(key).name}](user:${who(key).id})`;

async function mentionIn(body: string, by: Role = 'owner') {
  const response = await who(by).client.post(`${ws()}/comments`, {
    subjectType: 'post',
    subjectId: postId,
    body,
  });
  expect(response.statusCode, response.body).toBe(201);
}

beforeAll(async () => {
  app = await startTestApp();
  team = await createTeam(app);
  const accountId = await storeBlueskyAccount(
    app.database.db,
    app.ctx.secretBox,
    team.workspaceId,
    'http://127.0.0.1:9',
    {
      did: 'did:plc:bell',
      handle: 'bell.test',
      appPassword: 'x',
    },
  );
  const created = await who('owner').client.post(`${ws()}/posts`, {
    text: 'Spring sale',
    targets: [{ accountId }],
    mode: 'draft',
  });
  postId = created.json().id;
  // Five notifications for the contributor, one for each other member of the workspace.
  for (let n = 1; n <= 5; n++) await mentionIn(`Note ${n} for ${mention('contributor')}`);
  await mentionIn(
    `Everyone: ${ROLES.filter((r) => r !== 'contributor')
      .map(mention)
      .join(' ')}`,
    'contributor',
  );
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('notifications', () => {
  it('lists only your own, newest first, a page at a time without gaps or repeats', async () => {
    const first = await who('contributor').client.get(`${ws()}/notifications?limit=2`);
    expect(first.statusCode).toBe(200);
    const seen = first.json().notifications;
    let cursor = first.json().nextCursor;
    while (cursor) {
      const next = await who('contributor').client.get(`${ws()}/notifications?limit=2&before=${cursor}`);
      seen.push(...next.json().notifications);
      cursor = next.json().nextCursor;
    }
    expect(seen.map((n: { data: { body: string } }) => n.data.body)).toEqual([
      'Note 5 for @Rina Akter',
      'Note 4 for @Rina Akter',
      'Note 3 for @Rina Akter',
      'Note 2 for @Rina Akter',
      'Note 1 for @Rina Akter',
    ]);
    expect(seen[0]).toMatchObject({
      kind: 'comment_mention',
      data: { authorName: 'Nadia Islam' },
      link: `/w/${team.workspaceId}/publisher?post=${postId}`,
      readAt: null,
    });
    // The author of the last comment is not told about it; everyone else has exactly one.
    for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
      const list = await who(role).client.get(`${ws()}/notifications`);
      expect(list.json().notifications, role).toHaveLength(1);
    }
  });

  it('counts unread, marks one read (keeping the first time) and refuses someone else’s as not found', async () => {
    const count = await who('contributor').client.get(`${ws()}/notifications/unread-count`);
    expect(count.json()).toEqual({ unread: 5 });
    const [newest] = (await who('contributor').client.get(`${ws()}/notifications?limit=1`)).json()
      .notifications;
    for (const key of ['owner', 'admin', 'viewer', 'outsider'] as const) {
      const refused = await who(key).client.post(`/api/notifications/${newest.id}/read`);
      expect(refused.statusCode, key).toBe(404);
      expect(refused.json().message).toBe('The notification was not found.');
    }
    expect((await team.visitor.post(`/api/notifications/${newest.id}/read`)).statusCode).toBe(401);
    const marked = await who('contributor').client.post(`/api/notifications/${newest.id}/read`);
    expect(marked.statusCode).toBe(200);
    const again = await who('contributor').client.post(`/api/notifications/${newest.id}/read`);
    expect(again.json().readAt).toBe(marked.json().readAt);
    expect((await who('contributor').client.get(`${ws()}/notifications/unread-count`)).json()).toEqual({
      unread: 4,
    });
    const unreadOnly = await who('contributor').client.get(`${ws()}/notifications?unread=true`);
    expect(unreadOnly.json().notifications).toHaveLength(4);
  });

  it('marks all of your own read in one call, leaving others’ alone', async () => {
    const marked = await who('contributor').client.post(`${ws()}/notifications/read-all`);
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toEqual({ marked: 4 });
    expect((await who('contributor').client.get(`${ws()}/notifications/unread-count`)).json()).toEqual({
      unread: 0,
    });
    expect((await who('owner').client.get(`${ws()}/notifications/unread-count`)).json()).toEqual({
      unread: 1,
    });
  });

  it('lets every member use the bell; outsiders get 404 and visitors 401', async () => {
    for (const role of ROLES) {
      expect((await who(role).client.get(`${ws()}/notifications`)).statusCode, role).toBe(200);
      expect((await who(role).client.get(`${ws()}/notifications/unread-count`)).statusCode, role).toBe(200);
      expect((await who(role).client.post(`${ws()}/notifications/read-all`)).statusCode, role).toBe(200);
    }
    for (const path of ['notifications', 'notifications/unread-count']) {
      expect((await who('outsider').client.get(`${ws()}/${path}`)).statusCode).toBe(404);
      expect((await team.visitor.get(`${ws()}/${path}`)).statusCode).toBe(401);
    }
    expect((await who('outsider').client.post(`${ws()}/notifications/read-all`)).statusCode).toBe(404);
    expect((await team.visitor.post(`${ws()}/notifications/read-all`)).statusCode).toBe(401);
  });

  it('refuses malformed input with sentences', async () => {
    const cases: [string, RegExp][] = [
      [`${ws()}/notifications?limit=0`, /limit is at least 1/],
      [`${ws()}/notifications?limit=many`, /limit must be a number/],
      [`${ws()}/notifications?before=abc`, /cursor is not valid/],
      [`${ws()}/notifications?unread=yes`, /unread=true or unread=false/],
      [`${ws()}/notifications?colour=red`, /Unknown field/],
      ['/api/workspaces/nope/notifications', /workspace is not a valid id/],
    ];
    for (const [url, message] of cases) {
      const response = await who('owner').client.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().message).toMatch(message);
    }
    const badId = await who('owner').client.post('/api/notifications/42/read');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().message).toMatch(/notification is not a valid id/);
    const withBody = await who('owner').client.post(`${ws()}/notifications/read-all`, { all: true });
    expect(withBody.statusCode).toBe(400);
  });
});
