// Comments through the API: who may read, write, edit and delete them, the sentences refused input gets,
// and @mentions that notify teammates in the app and by email through a real SMTP server, in each one's
// language, with the comment and its audit event written together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../core/roles.ts';
import { createMailer } from '../../mail/mailer.ts';
import { storeBlueskyAccount } from '../../testing/publishingFixtures.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../testing/smtpCatcher.ts';
import { eventually, startTestApp, type TestApp } from '../../testing/testApp.ts';
import { createTeam, type Team } from './teamFixture.ts';

let app: TestApp;
let smtp: SmtpCatcher;
let team: Team;
let postId: string;
let otherPostId: string;
let inboxItemId: string;

const ws = () => `/api/workspaces/${team.workspaceId}`;
const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows as Record<string, unknown>[];
const who = (key: Role | 'outsider') => team.people[key];
const token = (key: Role | 'outsider') => `@[${who(key).name}](user:${who(key).id})`;

async function draftPost(workspaceId: string, client = who('owner').client, text = 'Eid greetings') {
  const accountId = await storeBlueskyAccount(
    app.database.db,
    app.ctx.secretBox,
    workspaceId,
    'http://127.0.0.1:9',
    {
      did: `did:plc:${Math.random().toString(36).slice(2)}`,
      handle: `desk${Math.random().toString(36).slice(2, 8)}.test`,
      appPassword: 'x',
    },
  );
  const created = await client.post(`/api/workspaces/${workspaceId}/posts`, {
    text,
    targets: [{ accountId }],
    mode: 'draft',
  });
  expect(created.statusCode, created.body).toBe(201);
  return { postId: created.json().id as string, accountId };
}

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  app = await startTestApp({
    mailer: createMailer({ smtpUrl: smtp.url, from: 'Kolorob <kolorob@example.com>', log: { info() {} } }),
  });
  team = await createTeam(app, { editor: 'bn' });
  const draft = await draftPost(team.workspaceId);
  postId = draft.postId;
  otherPostId = (await draftPost(team.otherWorkspaceId)).postId;
  const [item] = await rows(
    `INSERT INTO inbox_items (workspace_id, account_id, kind, remote_id, author_remote_id, author_handle, text, received_at)
     VALUES ($1, $2, 'mention', 'at://did:plc:x/app.bsky.feed.post/1', 'did:plc:x', 'fan.test', 'When is the sale?', now())
     RETURNING id`,
    [team.workspaceId, draft.accountId],
  );
  inboxItemId = item!.id as string;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe('who may read and write comments', () => {
  it('lets every member read a thread; outsiders get 404 and visitors 401', async () => {
    for (const role of ROLES) {
      const response = await who(role).client.get(`${ws()}/comments?subjectType=post&subjectId=${postId}`);
      expect(response.statusCode, role).toBe(200);
      expect(response.json()).toEqual({ comments: [], nextCursor: null });
    }
    const outsider = await who('outsider').client.get(
      `${ws()}/comments?subjectType=post&subjectId=${postId}`,
    );
    expect(outsider.statusCode).toBe(404);
    const visitor = await team.visitor.get(`${ws()}/comments?subjectType=post&subjectId=${postId}`);
    expect(visitor.statusCode).toBe(401);
  });

  it('lets contributors and up comment, refuses viewers with a sentence and hides the workspace from outsiders', async () => {
    const expected: Record<Role | 'outsider', number> = {
      owner: 201,
      admin: 201,
      editor: 201,
      contributor: 201,
      viewer: 403,
      outsider: 404,
    };
    for (const [key, status] of Object.entries(expected) as [Role | 'outsider', number][]) {
      const response = await who(key).client.post(`${ws()}/comments`, {
        subjectType: 'post',
        subjectId: postId,
        body: `A note from the ${key}`,
      });
      expect(response.statusCode, key).toBe(status);
      if (status === 403) expect(response.json().message).toBe('Viewers cannot comment.');
    }
    expect(
      (await team.visitor.post(`${ws()}/comments`, { subjectType: 'post', subjectId: postId, body: 'x' }))
        .statusCode,
    ).toBe(401);
    const thread = await who('viewer').client.get(`${ws()}/comments?subjectType=post&subjectId=${postId}`);
    expect(thread.json().comments.map((c: { body: string }) => c.body)).toEqual([
      'A note from the owner',
      'A note from the admin',
      'A note from the editor',
      'A note from the contributor',
    ]);
    expect(thread.json().comments[3].author).toEqual({ userId: who('contributor').id, name: 'Rina Akter' });
  });

  it('does not reach a post of another workspace, or one that does not exist', async () => {
    const foreign = await who('owner').client.post(`${ws()}/comments`, {
      subjectType: 'post',
      subjectId: otherPostId,
      body: 'Crossing over',
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().message).toBe('The post was not found.');
    const missing = await who('owner').client.get(
      `${ws()}/comments?subjectType=inbox_item&subjectId=00000000-0000-4000-8000-000000000000`,
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('The inbox item was not found.');
    expect(
      await rows('SELECT count(*)::int AS n FROM comments WHERE subject_id = $1', [otherPostId]),
    ).toEqual([{ n: 0 }]);
  });

  it('refuses malformed input with sentences, writing nothing', async () => {
    const before = await rows('SELECT count(*)::int AS n FROM comments');
    const cases: [unknown, RegExp][] = [
      [{ subjectType: 'post', subjectId: postId, body: '   ' }, /Write a comment first/],
      [{ subjectType: 'post', subjectId: postId, body: 'x'.repeat(5001) }, /at most 5000 characters/],
      [{ subjectType: 'draft', subjectId: postId, body: 'Hi' }, /Choose post or inbox_item/],
      [{ subjectType: 'post', subjectId: 'nope', body: 'Hi' }, /not a valid id/],
      [{ subjectType: 'post', subjectId: postId, body: 'Hi', pinned: true }, /Unknown field/],
      [{ subjectType: 'post', subjectId: postId, body: 'a\u0000b' }, /NUL/],
      [{ subjectType: 'post', subjectId: postId, body: 42 }, /text/],
    ];
    for (const [body, message] of cases) {
      const response = await who('owner').client.post(`${ws()}/comments`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().message).toMatch(message);
    }
    const badQuery = await who('owner').client.get(`${ws()}/comments?subjectType=post`);
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().message).toMatch(/subjectId/);
    const badCursor = await who('owner').client.get(
      `${ws()}/comments?subjectType=post&subjectId=${postId}&after=garbage`,
    );
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().message).toMatch(/cursor is not valid/);
    const badId = await who('owner').client.patch('/api/comments/123', { body: 'x' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().message).toMatch(/The comment is not a valid id/);
    expect(await rows('SELECT count(*)::int AS n FROM comments')).toEqual(before);
  });

  it('pages through a long thread oldest first without skipping or repeating', async () => {
    const first = await who('owner').client.get(
      `${ws()}/comments?subjectType=post&subjectId=${postId}&limit=3`,
    );
    expect(first.json().comments).toHaveLength(3);
    const second = await who('owner').client.get(
      `${ws()}/comments?subjectType=post&subjectId=${postId}&limit=3&after=${first.json().nextCursor}`,
    );
    expect(second.json().nextCursor).toBeNull();
    const bodies = [...first.json().comments, ...second.json().comments].map((c: { body: string }) => c.body);
    expect(bodies).toEqual([
      'A note from the owner',
      'A note from the admin',
      'A note from the editor',
      'A note from the contributor',
    ]);
  });
});

describe('mentions', () => {
  it('notifies each mentioned member once, in the app and by email in their language, never the author or outsiders', async () => {
    smtp.received.length = 0;
    const body = `${token('editor')} and @arif, please check before Friday. ${token('outsider')} ${token('contributor')} @esha again.`;
    const response = await who('contributor').client.post(`${ws()}/comments`, {
      subjectType: 'post',
      subjectId: postId,
      body,
    });
    expect(response.statusCode, response.body).toBe(201);
    const comment = response.json();
    expect(comment.body).toBe(
      `${token('editor')} and ${token('admin')}, please check before Friday. @Omar Faruk ${token('contributor')} ${token('editor')} again.`,
    );
    expect(comment.mentions).toEqual([
      { userId: who('editor').id, name: 'Esha Rahman' },
      { userId: who('admin').id, name: 'Arif Hossain' },
      { userId: who('contributor').id, name: 'Rina Akter' },
    ]);

    const told = await rows(
      `SELECT user_id, kind, data, link FROM notifications WHERE kind = 'comment_mention' ORDER BY user_id`,
    );
    expect(told).toHaveLength(2);
    expect(new Set(told.map((n) => n.user_id))).toEqual(new Set([who('editor').id, who('admin').id]));
    for (const notification of told) {
      expect(notification.link).toBe(`/w/${team.workspaceId}/publisher?post=${postId}`);
      expect(notification.data).toEqual({
        authorName: 'Rina Akter',
        body: '@Esha Rahman and @Arif Hossain, please check before Friday. @Omar Faruk @Rina Akter @Esha Rahman again.',
      });
    }

    const mails = await eventually(() => (smtp.received.length >= 2 ? smtp.received : undefined), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.received).toHaveLength(2);
    const toAdmin = mails.find((m) => m.to.includes('arif@example.com'))!;
    expect(toAdmin.subject).toBe('Kolorob (Dhaka Desk): Rina Akter mentioned you');
    expect(toAdmin.text).toContain('Rina Akter mentioned you in a comment:');
    expect(toAdmin.text).toContain(`http://kolorob.test/w/${team.workspaceId}/publisher?post=${postId}`);
    const toEditor = mails.find((m) => m.to.includes('esha@example.com'))!;
    expect(toEditor.subject).toBe('কলরব (Dhaka Desk): Rina Akter আপনাকে উল্লেখ করেছেন');

    const audit = await rows(
      `SELECT actor_id, after FROM audit_events WHERE action = 'comment.created' AND target_id = $1`,
      [comment.id],
    );
    expect(audit).toEqual([
      {
        actor_id: who('contributor').id,
        after: {
          subjectType: 'post',
          subjectId: postId,
          body: comment.body,
          mentions: [who('editor').id, who('admin').id, who('contributor').id],
        },
      },
    ]);
  });

  it('links a mention on an inbox item to the item in the inbox', async () => {
    const response = await who('editor').client.post(`${ws()}/comments`, {
      subjectType: 'inbox_item',
      subjectId: inboxItemId,
      body: `${token('viewer')} FYI, the sale starts Monday.`,
    });
    expect(response.statusCode, response.body).toBe(201);
    const [notification] = await rows(`SELECT link, data FROM notifications WHERE user_id = $1`, [
      who('viewer').id,
    ]);
    expect(notification).toEqual({
      link: `/w/${team.workspaceId}/inbox?item=${inboxItemId}`,
      data: { authorName: 'Esha Rahman', body: '@Vera Das FYI, the sale starts Monday.' },
    });
    const thread = await who('viewer').client.get(
      `${ws()}/comments?subjectType=inbox_item&subjectId=${inboxItemId}`,
    );
    expect(thread.json().comments).toHaveLength(1);
  });
});

describe('editing and deleting', () => {
  let commentId: string;

  beforeAll(async () => {
    const created = await who('contributor').client.post(`${ws()}/comments`, {
      subjectType: 'post',
      subjectId: postId,
      body: 'Draft looks fine to me.',
    });
    commentId = created.json().id;
  });

  it('lets only the author edit, and tells only the people an edit newly mentions', async () => {
    for (const key of ['owner', 'admin', 'editor'] as const) {
      const refused = await who(key).client.patch(`/api/comments/${commentId}`, {
        body: 'Changed by someone else',
      });
      expect(refused.statusCode, key).toBe(403);
      expect(refused.json().message).toBe('You can edit only your own comments.');
    }
    expect((await who('viewer').client.patch(`/api/comments/${commentId}`, { body: 'x' })).statusCode).toBe(
      403,
    );
    expect((await who('outsider').client.patch(`/api/comments/${commentId}`, { body: 'x' })).statusCode).toBe(
      404,
    );
    expect((await team.visitor.patch(`/api/comments/${commentId}`, { body: 'x' })).statusCode).toBe(401);

    const first = await who('contributor').client.patch(`/api/comments/${commentId}`, {
      body: `Draft looks fine to me, ${token('owner')}.`,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().editedAt).not.toBeNull();
    const second = await who('contributor').client.patch(`/api/comments/${commentId}`, {
      body: `Draft looks fine to me, ${token('owner')} and @vera.`,
    });
    expect(second.json().mentions.map((m: { name: string }) => m.name)).toEqual(['Nadia Islam', 'Vera Das']);
    const ownerTold = await rows(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'comment_mention'`,
      [who('owner').id],
    );
    expect(ownerTold).toEqual([{ n: 1 }]);
    const edits = await rows(
      `SELECT before, after FROM audit_events WHERE action = 'comment.edited' AND target_id = $1 ORDER BY id`,
      [commentId],
    );
    expect(edits).toHaveLength(2);
    expect(edits[1]!.before).toEqual({
      body: `Draft looks fine to me, ${token('owner')}.`,
      mentions: [who('owner').id],
    });
  });

  it('lets authors delete their own and admins anyone’s; others are refused', async () => {
    expect((await who('editor').client.delete(`/api/comments/${commentId}`)).statusCode).toBe(403);
    expect((await who('viewer').client.delete(`/api/comments/${commentId}`)).statusCode).toBe(403);
    expect((await who('outsider').client.delete(`/api/comments/${commentId}`)).statusCode).toBe(404);
    expect((await team.visitor.delete(`/api/comments/${commentId}`)).statusCode).toBe(401);
    const byAdmin = await who('admin').client.delete(`/api/comments/${commentId}`);
    expect(byAdmin.statusCode).toBe(204);
    expect((await who('admin').client.delete(`/api/comments/${commentId}`)).statusCode).toBe(404);
    const own = await who('editor').client.post(`${ws()}/comments`, {
      subjectType: 'post',
      subjectId: postId,
      body: 'Mine to remove',
    });
    expect((await who('editor').client.delete(`/api/comments/${own.json().id}`)).statusCode).toBe(204);
    const ownerDeletes = await who('contributor').client.post(`${ws()}/comments`, {
      subjectType: 'post',
      subjectId: postId,
      body: 'The owner removes this',
    });
    expect((await who('owner').client.delete(`/api/comments/${ownerDeletes.json().id}`)).statusCode).toBe(
      204,
    );
    const deleted = await rows(
      `SELECT actor_id, before FROM audit_events WHERE action = 'comment.deleted' AND target_id = $1`,
      [commentId],
    );
    expect(deleted).toEqual([
      {
        actor_id: who('admin').id,
        before: expect.objectContaining({ authorId: who('contributor').id, subjectId: postId }),
      },
    ]);
    expect(await rows('SELECT id FROM comments WHERE id = $1', [commentId])).toEqual([]);
  });
});
