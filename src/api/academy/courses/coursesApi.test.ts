// The courses API: who may learn and who may write, importing and exporting course folders as zips,
// the starter courses added once per workspace, progress, quizzes and resuming where one left off.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCourses } from '../../../commands/academy/courses/learnCourses.ts';
import { loadStarterCourses } from '../../../commands/academy/courses/starterCourses.ts';
import type { QuizQuestion } from '../../../core/academy/academyTypes.ts';
import { type CourseBundle, serializeCourseFolder } from '../../../core/academy/courseFolder.ts';
import type { Role } from '../../../core/roles.ts';
import { ApiClient, startTestApp, type TestApp } from '../../../testing/testApp.ts';

const PASSWORD = 'correct horse battery';
const FIXTURE_ROOT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../commands/academy/courses/fixtures/academy',
);

let app: TestApp;
let ws: string;
let otherWs: string;
const people = {} as Record<Role | 'outsider', { client: ApiClient; id: string }>;
let seq = 0;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;

async function join(role: Role, workspaceId: string, inviter: ApiClient) {
  const invited = await inviter.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  expect(invited.statusCode, invited.body).toBe(201);
  seq += 1;
  const client = new ApiClient(app);
  const accepted = await client.post(`/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`, {
    name: `Person ${seq}`,
    email: `person${seq}@example.com`,
    password: PASSWORD,
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return { client, id: accepted.json().user.id as string };
}

const question = (id: string, kind: 'single' | 'multiple' = 'single'): QuizQuestion => ({
  id,
  prompt: `Question ${id}?`,
  kind,
  options:
    kind === 'single'
      ? [
          { id: 'a', text: 'Right', correct: true, explanation: `Yes: ${id}a is right.` },
          { id: 'b', text: 'Wrong', correct: false, explanation: `No: ${id}b is wrong.` },
        ]
      : [
          { id: 'a', text: 'One', correct: true, explanation: 'One counts.' },
          { id: 'b', text: 'Two', correct: true, explanation: 'Two counts.' },
          { id: 'c', text: 'Three', correct: false, explanation: 'Three does not.' },
        ],
});

const bundle = (overrides: Partial<CourseBundle> = {}): CourseBundle => ({
  slug: 'listening-101-en',
  language: 'en',
  title: 'Listening 101',
  summary: 'Hear what people say.',
  skills: ['listening', 'community'],
  certification: {
    slug: 'listening-101-exam',
    title: 'Listening exam',
    description: 'Two of three.',
    drawCount: 2,
    timeLimitMinutes: 15,
    passPercent: 70,
    maxAttempts: 3,
    cooldownHours: 24,
    questions: [question('e1'), question('e2'), question('e3', 'multiple')],
  },
  modules: [
    {
      title: 'Start',
      items: [
        { kind: 'lesson', title: 'Why listen', bodyMarkdown: '# Why listen\n\nBecause.\n' },
        {
          kind: 'lesson',
          title: 'Where to listen',
          bodyMarkdown: 'Everywhere: ![map](https://example.com/m.png)\n',
        },
      ],
    },
    {
      title: 'Check',
      items: [
        {
          kind: 'quiz',
          title: 'Listening quiz',
          questions: [
            question('q1'),
            question('q2', 'multiple'),
            question('q3'),
            question('q4'),
            question('q5'),
          ],
        },
      ],
    },
  ],
  ...overrides,
});

const zipOf = (files: Record<string, string>, folder = '') =>
  Buffer.from(
    zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [folder + name, strToU8(text)]))),
  );

function unzipText(data: Buffer): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(new Uint8Array(data))).map(([name, bytes]) => [
      name,
      new TextDecoder().decode(bytes),
    ]),
  );
}

const importZip = (client: ApiClient, data: Buffer, workspaceId = ws, type = 'application/zip') =>
  client.request('POST', `/api/workspaces/${workspaceId}/academy/courses/import`, undefined, {
    payload: data,
    headers: { 'content-type': type },
  });

const counts = async () =>
  (
    await rows(
      `SELECT (SELECT count(*)::int FROM courses) AS courses, (SELECT count(*)::int FROM course_modules) AS modules,
              (SELECT count(*)::int FROM lessons) AS lessons, (SELECT count(*)::int FROM certifications) AS certifications,
              (SELECT count(*)::int FROM audit_events) AS audits`,
    )
  )[0];

/** A published course made through the API: one lesson and a two-question quiz. */
async function publishedCourse(title: string) {
  const owner = people.owner.client;
  const created = await owner.post(`/api/workspaces/${ws}/academy/courses`, { title, language: 'en' });
  expect(created.statusCode, created.body).toBe(201);
  const courseId = created.json().id as string;
  const module = await owner.post(`/api/academy/courses/${courseId}/modules`, { title: 'Only module' });
  const lesson = await owner.post(`/api/academy/courses/${courseId}/modules/${module.json().id}/lessons`, {
    kind: 'lesson',
    title: 'Read me',
    bodyMarkdown: '# Read me',
  });
  const quiz = await owner.post(`/api/academy/courses/${courseId}/modules/${module.json().id}/lessons`, {
    kind: 'quiz',
    title: 'Check me',
    questions: [question('q1'), question('q2')],
  });
  expect(quiz.statusCode, quiz.body).toBe(201);
  expect((await owner.post(`/api/academy/courses/${courseId}/publish`)).statusCode).toBe(200);
  return {
    courseId,
    moduleId: module.json().id as string,
    lessonId: lesson.json().id as string,
    quizId: quiz.json().id as string,
  };
}

beforeAll(async () => {
  app = await startTestApp();
  const owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Farhana Akter',
    email: 'farhana@example.com',
    password: PASSWORD,
    workspaceName: 'Padma Desk',
  });
  expect(setup.statusCode).toBe(201);
  ws = setup.json().workspaces[0].id;
  people.owner = { client: owner, id: setup.json().user.id };
  for (const role of ['admin', 'editor', 'viewer'] as const) people[role] = await join(role, ws, owner);
  otherWs = (await owner.post('/api/workspaces', { name: 'Elsewhere' })).json().id;
  people.outsider = await join('owner', otherWs, owner);
});
afterAll(() => app?.close());

describe('who may learn and who may write', () => {
  it('lets every member learn from a published course and hides drafts from all but owners and admins', async () => {
    const { courseId, lessonId } = await publishedCourse('Open to all');
    const draft = await people.admin.client.post(`/api/workspaces/${ws}/academy/courses`, {
      title: 'Still a draft',
      language: 'bn',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const draftId = draft.json().id;

    for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
      const listed = await people[role].client.get(`/api/workspaces/${ws}/academy/courses`);
      expect(listed.statusCode, listed.body).toBe(200);
      const ids = listed.json().courses.map((c: { id: string }) => c.id);
      expect(ids).toContain(courseId);
      const manager = role === 'owner' || role === 'admin';
      expect(ids.includes(draftId)).toBe(manager);
      expect(listed.json().canManage).toBe(manager);
      expect((await people[role].client.get(`/api/academy/courses/${courseId}`)).statusCode).toBe(200);
      expect((await people[role].client.get(`/api/academy/courses/${draftId}`)).statusCode).toBe(
        manager ? 200 : 404,
      );
    }
    const viewer = people.viewer.client;
    expect((await viewer.get(`/api/academy/lessons/${lessonId}`)).statusCode).toBe(200);
    expect((await viewer.post(`/api/academy/lessons/${lessonId}/complete`)).statusCode).toBe(200);
  });

  it('refuses every change to editors and viewers with 403, writing nothing', async () => {
    const { courseId, moduleId, lessonId } = await publishedCourse('Hands off');
    const exported = await people.owner.client.get(`/api/academy/courses/${courseId}/export`);
    for (const role of ['editor', 'viewer'] as const) {
      const client = people[role].client;
      const before = await counts();
      const calls = [
        await client.post(`/api/workspaces/${ws}/academy/courses`, { title: 'Mine', language: 'en' }),
        await client.patch(`/api/academy/courses/${courseId}`, { title: 'Renamed' }),
        await client.post(`/api/academy/courses/${courseId}/unpublish`),
        await client.delete(`/api/academy/courses/${courseId}`),
        await client.post(`/api/academy/courses/${courseId}/modules`, { title: 'More' }),
        await client.patch(`/api/academy/courses/${courseId}/modules/${moduleId}`, { title: 'Renamed' }),
        await client.delete(`/api/academy/courses/${courseId}/modules/${moduleId}`),
        await client.post(`/api/academy/courses/${courseId}/modules/${moduleId}/lessons`, {
          kind: 'lesson',
          title: 'Extra',
        }),
        await client.patch(`/api/academy/lessons/${lessonId}`, { bodyMarkdown: 'Changed' }),
        await client.delete(`/api/academy/lessons/${lessonId}`),
        await client.get(`/api/academy/lessons/${lessonId}/source`),
        await client.post(`/api/academy/courses/${courseId}/order`, { modules: [] }),
        await client.get(`/api/academy/courses/${courseId}/export`),
        await importZip(client, exported.rawPayload),
      ];
      for (const response of calls) {
        expect(response.statusCode, `${role}: ${response.body}`).toBe(403);
        expect(response.json().message).toMatch(/owners and admins/);
      }
      expect(await counts()).toEqual(before);
    }
    const [course] = await rows('SELECT title, status FROM courses WHERE id = $1', [courseId]);
    expect(course).toEqual({ title: 'Hands off', status: 'published' });
  });

  it('answers 404 to someone outside the workspace, never hinting the course exists', async () => {
    const { courseId, lessonId } = await publishedCourse('Members only');
    const outsider = people.outsider.client;
    const before = await counts();
    for (const response of [
      await outsider.get(`/api/workspaces/${ws}/academy/courses`),
      await outsider.get(`/api/academy/courses/${courseId}`),
      await outsider.get(`/api/academy/lessons/${lessonId}`),
      await outsider.post(`/api/academy/lessons/${lessonId}/complete`),
      await outsider.patch(`/api/academy/courses/${courseId}`, { title: 'Mine now' }),
      await outsider.get(`/api/academy/courses/${courseId}/export`),
      await importZip(outsider, zipOf(serializeCourseFolder(bundle({ slug: 'sneaky-en' })))),
    ]) {
      expect(response.statusCode, response.body).toBe(404);
      expect(response.json().error).toBe('not_found');
    }
    expect(await counts()).toEqual(before);
    expect((await new ApiClient(app).get(`/api/academy/courses/${courseId}`)).statusCode).toBe(401);
  });
});

describe('import and export', () => {
  it('imports a course folder zip as a draft with its exam, and exports the very same files', async () => {
    const files = serializeCourseFolder(bundle());
    const imported = await importZip(people.admin.client, zipOf(files, 'listening-101-en/'));
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ slug: 'listening-101-en', status: 'draft', created: true });
    const courseId = imported.json().id;
    const [certification] = await rows(
      'SELECT course_id, language, draw_count FROM certifications WHERE slug = $1',
      ['listening-101-exam'],
    );
    expect(certification).toEqual({ course_id: courseId, language: 'en', draw_count: 2 });

    const detail = (await people.owner.client.get(`/api/academy/courses/${courseId}`)).json();
    expect(
      detail.modules.map((m: { lessons: { title: string }[] }) => m.lessons.map((l) => l.title)),
    ).toEqual([['Why listen', 'Where to listen'], ['Listening quiz']]);

    const exported = await people.owner.client.get(`/api/academy/courses/${courseId}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/zip');
    expect(exported.headers['content-disposition']).toBe('attachment; filename="listening-101-en.zip"');
    const prefixed = Object.fromEntries(
      Object.entries(files).map(([name, text]) => [`listening-101-en/${name}`, text]),
    );
    expect(unzipText(exported.rawPayload)).toEqual(prefixed);
  });

  it('exports a folder with its own lesson file names as it was imported', async () => {
    const files = serializeCourseFolder(bundle({ slug: 'named-files-en' }));
    const course = JSON.parse(files['course.json']!);
    const renamed: Record<string, string> = {
      'course.json': '',
      'certification.json': files['certification.json']!,
    };
    for (const module of course.modules) {
      for (const item of module.items) {
        if (item.kind !== 'lesson') continue;
        const name = `lessons/${item.title.toLowerCase().replace(/\s+/g, '_')}.md`;
        renamed[name] = files[item.file]!;
        item.file = name;
      }
    }
    renamed['course.json'] = `${JSON.stringify(course, null, 2)}\n`;
    const imported = await importZip(people.owner.client, zipOf(renamed));
    expect(imported.statusCode, imported.body).toBe(201);
    const exported = await people.owner.client.get(`/api/academy/courses/${imported.json().id}/export`);
    const names = Object.keys(unzipText(exported.rawPayload)).map((name) =>
      name.split('/').slice(1).join('/'),
    );
    expect(names.sort()).toEqual(Object.keys(renamed).sort());
    expect(names).toContain('lessons/why_listen.md');
  });

  it('replaces the course with the same slug in place, keeping progress on unchanged lessons', async () => {
    const first = await importZip(
      people.owner.client,
      zipOf(serializeCourseFolder(bundle({ slug: 'replace-me-en' }))),
    );
    const courseId = first.json().id;
    expect((await people.owner.client.post(`/api/academy/courses/${courseId}/publish`)).statusCode).toBe(200);
    const detail = (await people.viewer.client.get(`/api/academy/courses/${courseId}`)).json();
    const [why, where] = detail.modules[0].lessons;
    await people.viewer.client.post(`/api/academy/lessons/${why.id}/complete`);
    await people.viewer.client.post(`/api/academy/lessons/${where.id}/complete`);

    const changed = bundle({ slug: 'replace-me-en', title: 'Listening 102', certification: null });
    changed.modules[0]!.items = [
      { kind: 'lesson', title: 'Why listen', bodyMarkdown: '# Why listen\n\nBecause, revised.\n' },
    ];
    const again = await importZip(people.owner.client, zipOf(serializeCourseFolder(changed)));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      id: courseId,
      created: false,
      status: 'published',
      title: 'Listening 102',
    });
    const after = (await people.viewer.client.get(`/api/academy/courses/${courseId}`)).json();
    expect(after.modules[0].lessons).toEqual([expect.objectContaining({ id: why.id, done: true })]);
    expect(after).toMatchObject({ lessonCount: 2, doneCount: 1, progressPercent: 50 });
    const [body] = await rows('SELECT body_markdown FROM lessons WHERE id = $1', [why.id]);
    expect(body.body_markdown).toContain('revised');
    expect(await rows('SELECT 1 FROM lessons WHERE id = $1', [where.id])).toEqual([]);
    // Without certification.json the exam made by the first import stays.
    expect(
      await rows('SELECT course_id FROM certifications WHERE slug = $1', ['listening-101-exam']),
    ).toEqual([{ course_id: courseId }]);
  });

  it('refuses a file that is not a zip, or a zip without course.json, writing nothing', async () => {
    const before = await counts();
    const notZip = await importZip(people.owner.client, Buffer.from('plain text, not a zip'));
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json().message).toMatch(/not a \.zip archive/);
    const empty = await importZip(people.owner.client, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    const noCourse = await importZip(people.owner.client, zipOf({ 'lessons/01.md': '# Lost' }));
    expect(noCourse.statusCode).toBe(400);
    expect(noCourse.json().message).toBe('The zip has no course.json at its top or in a single folder.');
    const asJson = await people.owner.client.post(`/api/workspaces/${ws}/academy/courses/import`, {
      zip: 'x',
    });
    expect(asJson.statusCode).toBe(415);
    const tooBig = await importZip(people.owner.client, Buffer.alloc(5 * 1024 * 1024 + 1));
    expect(tooBig.statusCode).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('refuses a course.json with problems, naming the file and field, writing nothing', async () => {
    const broken = bundle({ slug: 'broken-en' });
    const quiz = broken.modules[1]!.items[0]!;
    if (quiz.kind !== 'quiz') throw new Error('fixture');
    quiz.questions[1]!.options = quiz.questions[1]!.options.map((o) => ({ ...o, correct: false }));
    const before = await counts();
    const response = await importZip(people.owner.client, zipOf(serializeCourseFolder(broken)));
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      'The course was not imported. course.json: modules[1].items[0].questions[1] needs at least one correct option.',
    );
    const files = serializeCourseFolder(bundle({ slug: 'missing-file-en' }));
    delete files['lessons/02-where-to-listen.md'];
    files['certification.json'] = '{ "slug": ';
    const second = await importZip(people.owner.client, zipOf(files));
    expect(second.statusCode).toBe(400);
    expect(second.json().message).toMatch(
      /^The course was not imported\. certification\.json is not valid JSON: /,
    );
    expect(second.json().message).toContain(
      'course.json: modules[0].items[1].file names lessons/02-where-to-listen.md, which is not in the folder',
    );
    expect(await counts()).toEqual(before);
    expect(await rows("SELECT 1 FROM courses WHERE slug IN ('broken-en', 'missing-file-en')")).toEqual([]);
  });
});

describe('starter courses', () => {
  it('adds the starter courses exactly once, even when two people open the Academy at the same moment', async () => {
    const fresh = (await people.owner.client.post('/api/workspaces', { name: 'Fresh start' })).json().id;
    const { bundles } = await loadStarterCourses();
    const [a, b] = await Promise.all([
      people.owner.client.get(`/api/workspaces/${fresh}/academy/courses`),
      people.owner.client.get(`/api/workspaces/${fresh}/academy/courses`),
    ]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    const slugs = await rows('SELECT slug, status FROM courses WHERE workspace_id = $1 ORDER BY slug', [
      fresh,
    ]);
    expect(slugs).toEqual(
      bundles
        .map((c) => ({ slug: c.slug, status: 'published' }))
        .sort((x, y) => x.slug.localeCompare(y.slug)),
    );
    expect(
      (await rows('SELECT academy_seeded_at FROM workspaces WHERE id = $1', [fresh]))[0].academy_seeded_at,
    ).not.toBeNull();
  });

  it('seeds the fixture folders once, published, skipping broken ones and never again', async () => {
    const fresh = (await people.owner.client.post('/api/workspaces', { name: 'Fixture start' })).json().id;
    const ctx = { ...app.ctx, actorId: people.owner.id };
    const [first, second] = await Promise.all([
      listCourses(ctx, fresh, { contentRoot: FIXTURE_ROOT }),
      listCourses(ctx, fresh, { contentRoot: FIXTURE_ROOT }),
    ]);
    expect(first.courses.map((c) => c.slug).sort()).toEqual(['fixture-basics-bn', 'fixture-basics-en']);
    expect(second.courses.map((c) => c.slug).sort()).toEqual(['fixture-basics-bn', 'fixture-basics-en']);
    expect(first.courses.every((c) => c.status === 'published')).toBe(true);
    expect(await rows('SELECT count(*)::int AS n FROM courses WHERE workspace_id = $1', [fresh])).toEqual([
      { n: 2 },
    ]);
    expect(
      await rows(
        'SELECT c.slug FROM certifications x JOIN courses c ON c.id = x.course_id WHERE x.workspace_id = $1',
        [fresh],
      ),
    ).toEqual([{ slug: 'fixture-basics-en' }]);

    // Deleting a starter course does not bring it back.
    await people.owner.client.delete(
      `/api/academy/courses/${first.courses.find((c) => c.slug === 'fixture-basics-bn')!.id}`,
    );
    const later = await listCourses(ctx, fresh, { contentRoot: FIXTURE_ROOT, language: 'en' });
    expect(later.courses.map((c) => c.slug)).toEqual(['fixture-basics-en']);
    expect(await rows('SELECT count(*)::int AS n FROM courses WHERE workspace_id = $1', [fresh])).toEqual([
      { n: 1 },
    ]);
  });
});

describe('progress, quizzes and resuming', () => {
  it('tracks lessons done, grades quizzes with explanations, and resumes at the lesson last opened', async () => {
    const files = serializeCourseFolder(bundle({ slug: 'progress-en', certification: null }));
    const courseId = (await importZip(people.owner.client, zipOf(files))).json().id;
    await people.owner.client.post(`/api/academy/courses/${courseId}/publish`);
    const viewer = people.viewer.client;
    const summary = async () =>
      (await viewer.get(`/api/workspaces/${ws}/academy/courses`))
        .json()
        .courses.find((c: { id: string }) => c.id === courseId);
    const detail = (await viewer.get(`/api/academy/courses/${courseId}`)).json();
    const [why, where] = detail.modules[0].lessons;
    const quiz = detail.modules[1].lessons[0];

    expect(await summary()).toMatchObject({
      started: false,
      progressPercent: 0,
      doneCount: 0,
      lessonCount: 3,
      resumeLessonId: why.id,
    });

    const opened = await viewer.get(`/api/academy/lessons/${where.id}`);
    expect(opened.json()).toMatchObject({
      title: 'Where to listen',
      moduleTitle: 'Start',
      previousLessonId: why.id,
      nextLessonId: quiz.id,
      position: 2,
      lessonCount: 3,
      done: false,
    });
    expect(await summary()).toMatchObject({ started: true, resumeLessonId: where.id });

    const completed = await viewer.post(`/api/academy/lessons/${where.id}/complete`);
    expect(completed.json()).toEqual({
      lessonId: where.id,
      done: true,
      progressPercent: 33,
      nextLessonId: quiz.id,
    });

    const quizView = (await viewer.get(`/api/academy/lessons/${quiz.id}`)).json();
    expect(quizView.kind).toBe('quiz');
    expect(quizView.questions).toHaveLength(5);
    expect(JSON.stringify(quizView.questions)).not.toMatch(/correct|explanation/);
    expect((await viewer.post(`/api/academy/lessons/${quiz.id}/complete`)).statusCode).toBe(400);

    // 2 of 5 right: 40%, not passed, nothing kept.
    const failed = await viewer.post(`/api/academy/lessons/${quiz.id}/answers`, {
      answers: { q1: ['a'], q2: ['a'], q3: ['b'], q4: ['a'], q5: [] },
    });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({
      scorePercent: 40,
      passed: false,
      done: false,
      bestScore: null,
      passPercent: 60,
    });
    expect(failed.json().results[1]).toEqual({
      questionId: 'q2',
      correct: false,
      options: [
        { id: 'a', text: 'One', correct: true, chosen: true, explanation: 'One counts.' },
        { id: 'b', text: 'Two', correct: true, chosen: false, explanation: 'Two counts.' },
        { id: 'c', text: 'Three', correct: false, chosen: false, explanation: 'Three does not.' },
      ],
    });
    expect(await rows('SELECT 1 FROM lesson_progress WHERE lesson_id = $1', [quiz.id])).toEqual([]);

    const all = { q1: ['a'], q2: ['b', 'a'], q3: ['a'], q4: ['a'], q5: ['a'] };
    const passed = await viewer.post(`/api/academy/lessons/${quiz.id}/answers`, { answers: all });
    expect(passed.json()).toMatchObject({
      scorePercent: 100,
      passed: true,
      done: true,
      bestScore: 100,
      nextLessonId: null,
    });
    const lower = await viewer.post(`/api/academy/lessons/${quiz.id}/answers`, {
      answers: { ...all, q5: ['b'] },
    });
    expect(lower.json()).toMatchObject({ scorePercent: 80, passed: true, bestScore: 100 });
    expect(await rows('SELECT score FROM lesson_progress WHERE lesson_id = $1', [quiz.id])).toEqual([
      { score: 100 },
    ]);

    expect(await summary()).toMatchObject({ progressPercent: 66, doneCount: 2, resumeLessonId: quiz.id });
    const after = (await viewer.get(`/api/academy/courses/${courseId}`)).json();
    expect(after.modules[1].lessons[0]).toMatchObject({ done: true, score: 100 });
    expect(after.modules[0].lessons.map((l: { done: boolean }) => l.done)).toEqual([false, true]);

    // Someone else's progress is their own.
    expect(
      (await people.editor.client.get(`/api/workspaces/${ws}/academy/courses`))
        .json()
        .courses.find((c: { id: string }) => c.id === courseId),
    ).toMatchObject({ started: false, progressPercent: 0 });
  });

  it('refuses answers that do not fit the quiz', async () => {
    const { quizId, lessonId } = await publishedCourse('Strict quiz');
    const viewer = people.viewer.client;
    const unknown = await viewer.post(`/api/academy/lessons/${quizId}/answers`, { answers: { q9: ['a'] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toEqual({ 'answers.q9': 'This quiz has no such question.' });
    const badOption = await viewer.post(`/api/academy/lessons/${quizId}/answers`, { answers: { q1: ['z'] } });
    expect(badOption.json().fields).toEqual({ 'answers.q1': 'No such option: z.' });
    const twoForSingle = await viewer.post(`/api/academy/lessons/${quizId}/answers`, {
      answers: { q1: ['a', 'b'] },
    });
    expect(twoForSingle.statusCode).toBe(400);
    const none = await viewer.post(`/api/academy/lessons/${quizId}/answers`, { answers: {} });
    expect(none.statusCode).toBe(400);
    const onLesson = await viewer.post(`/api/academy/lessons/${lessonId}/answers`, {
      answers: { q1: ['a'] },
    });
    expect(onLesson.statusCode).toBe(400);
  });
});

describe('writing a course', () => {
  it('edits, reorders, refuses to publish what is not ready, and deletes', async () => {
    const owner = people.owner.client;
    const created = await owner.post(`/api/workspaces/${ws}/academy/courses`, {
      title: 'Crisis drills',
      language: 'en',
      skills: ['crisis'],
    });
    expect(created.json()).toMatchObject({ slug: 'crisis-drills-en', status: 'draft' });
    const courseId = created.json().id;
    const sameName = await owner.post(`/api/workspaces/${ws}/academy/courses`, {
      title: 'Crisis drills',
      language: 'en',
    });
    expect(sameName.json().slug).toBe('crisis-drills-en-2');
    const clash = await owner.patch(`/api/academy/courses/${sameName.json().id}`, {
      slug: 'crisis-drills-en',
    });
    expect(clash.statusCode).toBe(409);

    const empty = await owner.post(`/api/academy/courses/${courseId}/publish`);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe('Add at least one lesson before publishing the course.');

    const m1 = (await owner.post(`/api/academy/courses/${courseId}/modules`, { title: 'One' })).json().id;
    const m2 = (await owner.post(`/api/academy/courses/${courseId}/modules`, { title: 'Two' })).json().id;
    const add = (moduleId: string, body: object) =>
      owner.post(`/api/academy/courses/${courseId}/modules/${moduleId}/lessons`, body);
    const l1 = (await add(m1, { kind: 'lesson', title: 'First' })).json().id;
    const q1 = (await add(m1, { kind: 'quiz', title: 'Empty quiz' })).json().id;
    const l2 = (await add(m2, { kind: 'lesson', title: 'Second' })).json().id;
    const notReady = await owner.post(`/api/academy/courses/${courseId}/publish`);
    expect(notReady.json().message).toBe(
      'The quiz “Empty quiz” has no questions yet. Add some or delete the quiz.',
    );

    const badQuestion = await owner.patch(`/api/academy/lessons/${q1}`, {
      questions: [
        { ...question('x'), options: question('x').options.map((o) => ({ ...o, correct: false })) },
      ],
    });
    expect(badQuestion.statusCode).toBe(400);
    expect(badQuestion.json().fields).toEqual({ 'questions.0': 'needs at least one correct option' });
    const saved = await owner.patch(`/api/academy/lessons/${q1}`, {
      questions: [question('x')],
      title: 'Quick check',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().questions[0].options[0]).toEqual({
      id: 'a',
      text: 'Right',
      correct: true,
      explanation: 'Yes: xa is right.',
    });
    expect((await owner.patch(`/api/academy/lessons/${l1}`, { questions: [question('x')] })).statusCode).toBe(
      400,
    );
    expect((await owner.patch(`/api/academy/lessons/${l1}`, { bodyMarkdown: '## Updated' })).statusCode).toBe(
      200,
    );
    expect((await owner.get(`/api/academy/lessons/${l1}/source`)).json().bodyMarkdown).toBe('## Updated');

    const reordered = await owner.post(`/api/academy/courses/${courseId}/order`, {
      modules: [
        { id: m2, lessonIds: [l2, l1] },
        { id: m1, lessonIds: [q1] },
      ],
    });
    expect(reordered.statusCode, reordered.body).toBe(200);
    const detail = (await owner.get(`/api/academy/courses/${courseId}`)).json();
    expect(
      detail.modules.map((m: { title: string; lessons: { id: string }[] }) => [
        m.title,
        m.lessons.map((l) => l.id),
      ]),
    ).toEqual([
      ['Two', [l2, l1]],
      ['One', [q1]],
    ]);
    const incomplete = await owner.post(`/api/academy/courses/${courseId}/order`, {
      modules: [{ id: m2, lessonIds: [l2] }],
    });
    expect(incomplete.statusCode).toBe(400);

    expect((await owner.post(`/api/academy/courses/${courseId}/publish`)).json()).toEqual({
      id: courseId,
      status: 'published',
    });
    expect((await owner.delete(`/api/academy/courses/${courseId}/modules/${m1}`)).statusCode).toBe(200);
    expect(await rows('SELECT 1 FROM lessons WHERE id = $1', [q1])).toEqual([]);
    expect((await owner.delete(`/api/academy/lessons/${l2}`)).statusCode).toBe(200);
    expect((await owner.delete(`/api/academy/courses/${courseId}`)).statusCode).toBe(200);
    expect(await rows('SELECT 1 FROM course_modules WHERE course_id = $1', [courseId])).toEqual([]);
    const audits = await rows(
      "SELECT action FROM audit_events WHERE target_id = $1 AND action LIKE 'academy.course.%' ORDER BY at, id",
      [courseId],
    );
    expect(audits.map((a) => a.action)).toContain('academy.course.published');
    expect(audits.at(-1)).toEqual({ action: 'academy.course.deleted' });
  });
});
