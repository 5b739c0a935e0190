// Peer Q&A on a course over the API: asking, answering with an email to the asker in their language
// (none when answering your own question), helpful marks by the asker only, deleting, and who may see
// what. Courses are rows written directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courses } from '../../../db/schema.ts';
import { ApiClient, eventually, PUBLIC_URL, startTestApp, type TestApp } from '../../../testing/testApp.ts';

const PASSWORD = 'correct horse battery';

interface Person {
  client: ApiClient;
  id: string;
  email: string;
  name: string;
}

let app: TestApp;
let owner: Person;
let editor: Person;
let viewer: Person;
let contributor: Person;
let outsider: Person;
let ws: string;
let otherWs: string;
let course: string;
let draft: string;
let seq = 0;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;
const count = async (table: string) => (await rows(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

async function join(role: string, workspaceId: string, locale: 'en' | 'bn' = 'en'): Promise<Person> {
  const invited = await owner.client.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  expect(invited.statusCode, invited.body).toBe(201);
  seq += 1;
  const client = new ApiClient(app, `203.0.113.${10 + seq}`);
  const name = `${role[0]!.toUpperCase()}${role.slice(1)} ${seq}`;
  const email = `${role}${seq}@example.com`;
  const accepted = await client.post(`/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`, {
    name,
    email,
    password: PASSWORD,
    locale,
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return { client, id: accepted.json().user.id, email, name };
}

async function addCourse(workspaceId: string, status: 'draft' | 'published', title: string) {
  seq += 1;
  const [row] = await app.database.db
    .insert(courses)
    .values({ workspaceId, slug: `course-${seq}`, title, language: 'en', skills: ['crisis'], status })
    .returning();
  return row!.id;
}

const ask = (person: Person, courseId: string, body: object) =>
  person.client.post(`/api/academy/courses/${courseId}/questions`, body);
const answer = (person: Person, questionId: string, body: string) =>
  person.client.post(`/api/academy/questions/${questionId}/answers`, { body });

/** Mail sent since `before`, once the queue has delivered it. */
async function mailSince(before: number, to: string) {
  return eventually(() => app.mail.slice(before).find((m) => m.to === to));
}

beforeAll(async () => {
  app = await startTestApp();
  const ownerClient = new ApiClient(app);
  const setup = await ownerClient.post('/api/setup', {
    name: 'Tahmina Rahman',
    email: 'tahmina@example.com',
    password: PASSWORD,
    workspaceName: 'Meghna Media',
  });
  expect(setup.statusCode).toBe(201);
  ws = setup.json().workspaces[0].id;
  owner = {
    client: ownerClient,
    id: setup.json().user.id,
    email: 'tahmina@example.com',
    name: 'Tahmina Rahman',
  };
  viewer = await join('viewer', ws, 'bn');
  editor = await join('editor', ws);
  contributor = await join('contributor', ws);
  otherWs = (await owner.client.post('/api/workspaces', { name: 'Elsewhere' })).json().id;
  outsider = await join('owner', otherWs);
  course = await addCourse(ws, 'published', 'Crisis desk');
  draft = await addCourse(ws, 'draft', 'Unfinished course');
});
afterAll(() => app?.close());

describe('asking', () => {
  it('lets any member ask, and lists questions newest first with their author and answer count', async () => {
    const first = await ask(viewer, course, {
      title: 'How fast should a holding statement go out?',
      body: '',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      courseId: course,
      title: 'How fast should a holding statement go out?',
      author: { id: viewer.id, name: viewer.name },
      answerCount: 0,
      canDelete: true,
    });
    const second = await ask(editor, course, {
      title: '  Who approves replies at night?  ',
      body: 'Our team is in Dhaka and Sylhet.',
    });
    expect(second.statusCode).toBe(201);
    expect(second.json().title).toBe('Who approves replies at night?');

    const listed = await contributor.client.get(`/api/academy/courses/${course}/questions`);
    expect(listed.statusCode, listed.body).toBe(200);
    const questions = listed.json().questions;
    expect(questions.map((q: { id: string }) => q.id)).toEqual([second.json().id, first.json().id]);
    expect(questions[1]).toMatchObject({
      author: { name: viewer.name },
      answerCount: 0,
      helpfulCount: 0,
      canDelete: false,
    });
    const [row] = await rows('SELECT author_id, body FROM course_questions WHERE id = $1', [
      second.json().id,
    ]);
    expect(row).toEqual({ author_id: editor.id, body: 'Our team is in Dhaka and Sylhet.' });
  });

  it.each([
    ['an empty title', { title: '   ' }],
    ['no title', { body: 'Details only' }],
    ['a title too long', { title: 'x'.repeat(201) }],
    ['an unknown field', { title: 'Fine', pinned: true }],
  ])('refuses %s, writing nothing', async (_name, body) => {
    const before = await count('course_questions');
    const response = await ask(viewer, course, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/\w/);
    expect(await count('course_questions')).toBe(before);
  });

  it('hides a draft course from members who do not manage the Academy, and any course from outsiders', async () => {
    expect((await viewer.client.get(`/api/academy/courses/${draft}/questions`)).statusCode).toBe(404);
    expect((await ask(editor, draft, { title: 'Hidden?' })).statusCode).toBe(404);
    expect((await owner.client.get(`/api/academy/courses/${draft}/questions`)).statusCode).toBe(200);
    const outside = await outsider.client.get(`/api/academy/courses/${course}/questions`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().message).toBe('The course was not found.');
    expect((await ask(outsider, course, { title: 'Let me in' })).statusCode).toBe(404);
    expect(
      (await viewer.client.get('/api/academy/courses/00000000-0000-4000-8000-000000000000/questions'))
        .statusCode,
    ).toBe(404);
    expect(
      (await new ApiClient(app, '203.0.113.99').get(`/api/academy/courses/${course}/questions`)).statusCode,
    ).toBe(401);
  });
});

describe('answering', () => {
  let question: string;

  beforeAll(async () => {
    question = (
      await ask(viewer, course, { title: 'Which metric matters most?', body: 'For a monthly report.' })
    ).json().id;
  });

  it('emails the asker in their language when someone else answers', async () => {
    const before = app.mail.length;
    const response = await answer(editor, question, 'Engagement rate, read next to reach.');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      questionId: question,
      body: 'Engagement rate, read next to reach.',
      author: { id: editor.id, name: editor.name },
      helpful: false,
    });
    const mail = await mailSince(before, viewer.email);
    // The viewer chose Bengali.
    expect(mail.subject).toContain('প্রশ্নের নতুন উত্তর');
    expect(mail.subject).toContain('Which metric matters most?');
    expect(mail.text).toContain(editor.name);
    expect(mail.text).toContain('Crisis desk');
    expect(mail.text).toContain('> Engagement rate, read next to reach.');
    expect(mail.text).toContain(`${PUBLIC_URL}/w/${ws}/academy/courses/${course}?question=${question}`);
  });

  it('emails in English to an asker who reads English', async () => {
    const asked = (await ask(editor, course, { title: 'Best time to post in Dhaka?' })).json().id;
    const before = app.mail.length;
    expect((await answer(viewer, asked, 'সন্ধ্যা ৮টার পরে।')).statusCode).toBe(201);
    const mail = await mailSince(before, editor.email);
    expect(mail.subject).toBe('Kolorob: new answer to "Best time to post in Dhaka?"');
    expect(mail.text).toContain(`${viewer.name} answered your question "Best time to post in Dhaka?"`);
    expect(mail.text).toContain('সন্ধ্যা ৮টার পরে।');
  });

  it('sends no mail when you answer your own question', async () => {
    const before = app.mail.length;
    const jobsBefore = (await rows("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'send-mail'"))[0]
      .n;
    expect((await answer(viewer, question, 'Update: we chose engagement rate.')).statusCode).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(app.mail.slice(before)).toEqual([]);
    expect((await rows("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'send-mail'"))[0].n).toBe(
      jobsBefore,
    );
  });

  it('sends no mail to an asker who has since left the workspace', async () => {
    const leaver = await join('contributor', ws);
    const asked = (await ask(leaver, course, { title: 'Anyone using TikTok for B2B?' })).json().id;
    const removed = await owner.client.delete(`/api/workspaces/${ws}/members/${leaver.id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    const before = app.mail.length;
    expect((await answer(editor, asked, 'Not yet, but LinkedIn works.')).statusCode).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(app.mail.slice(before).filter((m) => m.to === leaver.email)).toEqual([]);
  });

  it('refuses an empty answer and answers from outside, writing nothing', async () => {
    const before = await count('course_answers');
    expect((await answer(editor, question, '  ')).statusCode).toBe(400);
    expect((await answer(outsider, question, 'Hello from elsewhere')).statusCode).toBe(404);
    expect(await count('course_answers')).toBe(before);
  });

  it('counts answers in the list and shows them, oldest first, on the question', async () => {
    const listed = (await owner.client.get(`/api/academy/courses/${course}/questions`)).json().questions;
    expect(listed.find((q: { id: string }) => q.id === question)).toMatchObject({ answerCount: 2 });
    const opened = await editor.client.get(`/api/academy/questions/${question}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      title: 'Which metric matters most?',
      body: 'For a monthly report.',
      author: { id: viewer.id },
      canMarkHelpful: false,
      canDelete: false,
    });
    expect(opened.json().answers.map((a: { body: string }) => a.body)).toEqual([
      'Engagement rate, read next to reach.',
      'Update: we chose engagement rate.',
    ]);
    expect((await viewer.client.get(`/api/academy/questions/${question}`)).json().canMarkHelpful).toBe(true);
    expect((await outsider.client.get(`/api/academy/questions/${question}`)).statusCode).toBe(404);
  });
});

describe('helpful answers', () => {
  let question: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    question = (await ask(contributor, course, { title: 'Should we reply to trolls?' })).json().id;
    first = (await answer(editor, question, 'Only once, politely.')).json().id;
    second = (await answer(owner, question, 'Hide abusive comments; follow the guidelines.')).json().id;
  });

  it('lets the asker mark an answer helpful, which then sorts first and is counted', async () => {
    const marked = await contributor.client.post(`/api/academy/answers/${second}/helpful`, { helpful: true });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ id: second, helpful: true });
    expect((await rows('SELECT helpful FROM course_answers WHERE id = $1', [second]))[0].helpful).toBe(true);
    const opened = (await viewer.client.get(`/api/academy/questions/${question}`)).json();
    expect(opened.answers.map((a: { id: string; helpful: boolean }) => [a.id, a.helpful])).toEqual([
      [second, true],
      [first, false],
    ]);
    const listed = (await viewer.client.get(`/api/academy/courses/${course}/questions`)).json().questions;
    expect(listed.find((q: { id: string }) => q.id === question)).toMatchObject({
      answerCount: 2,
      helpfulCount: 1,
    });
  });

  it('lets the asker take the mark back', async () => {
    const unmarked = await contributor.client.post(`/api/academy/answers/${second}/helpful`, {
      helpful: false,
    });
    expect(unmarked.json()).toEqual({ id: second, helpful: false });
    expect((await rows('SELECT helpful FROM course_answers WHERE id = $1', [second]))[0].helpful).toBe(false);
    await contributor.client.post(`/api/academy/answers/${first}/helpful`, { helpful: true });
  });

  it('refuses anyone but the asker, even the owner or the answer’s author, with a clear message', async () => {
    for (const person of [owner, editor, viewer]) {
      const response = await person.client.post(`/api/academy/answers/${second}/helpful`, { helpful: true });
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toBe(
        'Only the person who asked the question can mark an answer as helpful.',
      );
    }
    expect(
      (await outsider.client.post(`/api/academy/answers/${second}/helpful`, { helpful: true })).statusCode,
    ).toBe(404);
    expect((await rows('SELECT helpful FROM course_answers WHERE id = $1', [second]))[0].helpful).toBe(false);
  });

  it('refuses a helpful mark that is not true or false', async () => {
    const response = await contributor.client.post(`/api/academy/answers/${second}/helpful`, {
      helpful: 'yes',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.helpful).toBe('Say whether the answer was helpful: true or false.');
  });
});

describe('deleting', () => {
  it('lets people delete their own answers and questions, and not other people’s', async () => {
    const question = (await ask(contributor, course, { title: 'Delete me later' })).json().id;
    const theirs = (await answer(editor, question, 'An answer by the editor')).json().id;
    const mine = (await answer(contributor, question, 'A note by the asker')).json().id;

    const refusedAnswer = await contributor.client.delete(`/api/academy/answers/${theirs}`);
    expect(refusedAnswer.statusCode).toBe(403);
    expect(refusedAnswer.json().message).toContain('only your own answers');
    const refusedQuestion = await editor.client.delete(`/api/academy/questions/${question}`);
    expect(refusedQuestion.statusCode).toBe(403);
    expect(await count(`course_questions WHERE id = '${question}'`)).toBe(1);

    expect((await contributor.client.delete(`/api/academy/answers/${mine}`)).statusCode).toBe(200);
    expect(await count(`course_answers WHERE id = '${mine}'`)).toBe(0);
    const deleted = await contributor.client.delete(`/api/academy/questions/${question}`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ id: question, deletedAnswers: 1 });
    expect(await count(`course_questions WHERE id = '${question}'`)).toBe(0);
    expect(await count(`course_answers WHERE id = '${theirs}'`)).toBe(0);
    expect((await contributor.client.delete(`/api/academy/questions/${question}`)).statusCode).toBe(404);
  });

  it('lets owners and admins delete anyone’s, leaving an audit event', async () => {
    const admin = await join('admin', ws);
    const question = (await ask(viewer, course, { title: 'Off-topic' })).json().id;
    const reply = (await answer(editor, question, 'Spam')).json().id;
    expect((await admin.client.get(`/api/academy/questions/${question}`)).json().canDelete).toBe(true);
    expect((await outsider.client.delete(`/api/academy/answers/${reply}`)).statusCode).toBe(404);
    expect((await admin.client.delete(`/api/academy/answers/${reply}`)).statusCode).toBe(200);
    expect((await owner.client.delete(`/api/academy/questions/${question}`)).statusCode).toBe(200);
    expect(await count(`course_questions WHERE id = '${question}'`)).toBe(0);
    const events = await rows(
      'SELECT action, actor_id FROM audit_events WHERE target_id IN ($1, $2) ORDER BY id',
      [reply, question],
    );
    expect(events).toEqual([
      { action: 'academy.answer.deleted', actor_id: admin.id },
      { action: 'academy.question.deleted', actor_id: owner.id },
    ]);
  });
});
