// The skills self-assessment over the API: the statements, taking it (complete and on the 1–5 scale or
// refused with the missing ones named), the history with its change, the learning path from the latest
// result, and who may do each. Courses are rows written directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKILL_IDS, SKILL_QUESTIONS } from '../../../core/academy/skills.ts';
import { courses } from '../../../db/schema.ts';
import { ApiClient, startTestApp, type TestApp } from '../../../testing/testApp.ts';

const PASSWORD = 'correct horse battery';
let app: TestApp;
let owner: ApiClient;
let viewer: ApiClient;
let outsider: ApiClient;
let ws: string;
let otherWs: string;
let seq = 0;

const url = (path: string, workspaceId = ws) => `/api/workspaces/${workspaceId}/academy/skills/${path}`;
const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;

/** A new account that joins the workspace through an invitation link. */
async function join(role: string, workspaceId: string, locale: 'en' | 'bn' = 'en'): Promise<ApiClient> {
  const invited = await owner.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  expect(invited.statusCode, invited.body).toBe(201);
  seq += 1;
  const client = new ApiClient(app, `203.0.113.${10 + seq}`);
  const accepted = await client.post(`/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`, {
    name: `Member ${seq}`,
    email: `member${seq}@example.com`,
    password: PASSWORD,
    locale,
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return client;
}

/** Every statement rated by its skill: the ratings given per skill, the same for each of its statements. */
const answersBySkill = (ratings: Record<string, number>, otherwise = 4) =>
  Object.fromEntries(SKILL_QUESTIONS.map((q) => [q.id, ratings[q.skill] ?? otherwise]));

async function addCourse(values: {
  title: string;
  skills: string[];
  language?: 'en' | 'bn';
  status?: 'draft' | 'published';
  workspaceId?: string;
}) {
  seq += 1;
  const [row] = await app.database.db
    .insert(courses)
    .values({
      workspaceId: values.workspaceId ?? ws,
      slug: `course-${seq}`,
      title: values.title,
      summary: `About ${values.title}`,
      language: values.language ?? 'en',
      skills: values.skills,
      status: values.status ?? 'published',
    })
    .returning();
  return row!.id;
}

beforeAll(async () => {
  app = await startTestApp();
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Sharmin Sultana',
    email: 'sharmin@example.com',
    password: PASSWORD,
    workspaceName: 'Karnaphuli Social',
  });
  expect(setup.statusCode).toBe(201);
  ws = setup.json().workspaces[0].id;
  viewer = await join('viewer', ws, 'bn');
  otherWs = (await owner.post('/api/workspaces', { name: 'Elsewhere' })).json().id;
  outsider = await join('editor', otherWs);
});
afterAll(() => app?.close());

describe('questions', () => {
  it('lists the 28 statement ids with their skills for every member', async () => {
    for (const client of [owner, viewer]) {
      const response = await client.get(url('questions'));
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.skills).toEqual([...SKILL_IDS]);
      expect(body.questions).toHaveLength(28);
      expect(body.questions).toContainEqual({ id: 'crisis-holding', skill: 'crisis' });
    }
  });
});

describe('taking the assessment', () => {
  it('refuses missing ratings, naming them, and writes nothing', async () => {
    const answers = answersBySkill({});
    delete answers['crisis-holding'];
    delete answers['listening-trends'];
    const response = await viewer.post(url('assessments'), { answers });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('crisis-holding');
    expect(response.json().message).toContain('listening-trends');
    expect(response.json().fields).toEqual({
      'answers.crisis-holding': 'Choose a rating from 1 to 5.',
      'answers.listening-trends': 'Choose a rating from 1 to 5.',
    });
    expect(await rows('SELECT count(*)::int AS n FROM skill_assessments')).toEqual([{ n: 0 }]);
  });

  it.each([
    ['a rating of 6', { 'paid-setup': 6 }, 'paid-setup'],
    ['a rating of 0', { 'brand-voice': 0 }, 'brand-voice'],
    ['a fraction', { 'content-copy': 2.5 }, 'content-copy'],
    ['an unknown statement', { 'cooking-rice': 3 }, 'cooking-rice'],
  ])('refuses %s', async (_name, extra, named) => {
    const response = await viewer.post(url('assessments'), { answers: { ...answersBySkill({}), ...extra } });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(named);
    expect(await rows('SELECT count(*)::int AS n FROM skill_assessments')).toEqual([{ n: 0 }]);
  });

  it('refuses a body without answers or with ratings that are not numbers', async () => {
    expect((await viewer.post(url('assessments'), {})).statusCode).toBe(400);
    const response = await viewer.post(url('assessments'), {
      answers: { ...answersBySkill({}), 'crisis-review': 'high' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields['answers.crisis-review']).toBeDefined();
  });

  it('scores each skill 0–100, keeps the result and shows the change on a retake', async () => {
    const first = await viewer.post(url('assessments'), {
      answers: answersBySkill({ crisis: 1, analytics: 2, paid: 3 }, 5),
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().scores).toEqual({
      content: 100,
      community: 100,
      crisis: 0,
      analytics: 25,
      brand: 100,
      paid: 50,
      listening: 100,
    });
    expect(first.json().change).toBeNull();
    const [stored] = await rows('SELECT answers, scores, user_id FROM skill_assessments WHERE id = $1', [
      first.json().id,
    ]);
    expect(stored.scores).toEqual(first.json().scores);
    expect(stored.answers['crisis-holding']).toBe(1);

    const second = await viewer.post(url('assessments'), {
      answers: answersBySkill({ crisis: 3, analytics: 2, paid: 2, brand: 4 }, 5),
    });
    expect(second.statusCode).toBe(201);
    expect(second.json().change).toEqual({
      content: 0,
      community: 0,
      crisis: 50,
      analytics: 0,
      brand: -25,
      paid: -25,
      listening: 0,
    });

    const history = await viewer.get(url('assessments'));
    expect(history.statusCode).toBe(200);
    const listed = history.json().assessments;
    expect(listed.map((a: { id: string }) => a.id)).toEqual([second.json().id, first.json().id]);
    expect(listed[0].change.crisis).toBe(50);
    expect(listed[1].change).toBeNull();
    expect(listed[0].scores.crisis).toBe(50);
  });

  it('keeps each person’s history to themselves', async () => {
    const mine = await owner.get(url('assessments'));
    expect(mine.statusCode).toBe(200);
    expect(mine.json().assessments).toEqual([]);
  });
});

describe('learning path', () => {
  it('is empty before a first result', async () => {
    const response = await owner.get(url('learning-path'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ assessmentId: null, steps: [] });
  });

  it('recommends published courses of the workspace for the weakest skills, in the learner’s language first', async () => {
    // The viewer's latest result: crisis 50, analytics 25, paid 25, brand 75, the rest 100; the viewer reads Bengali.
    const analyticsBn = await addCourse({ title: 'বিশ্লেষণ', skills: ['analytics'], language: 'bn' });
    const analyticsEn = await addCourse({ title: 'Analytics basics', skills: ['analytics'] });
    const paid = await addCourse({ title: 'Paid social', skills: ['paid', 'brand'] });
    const crisis = await addCourse({ title: 'Crisis desk', skills: ['crisis'] });
    await addCourse({ title: 'Brand voice', skills: ['brand'] });
    await addCourse({ title: 'Draft crisis', skills: ['crisis', 'analytics'], status: 'draft' });
    await addCourse({ title: 'Elsewhere', skills: ['analytics'], workspaceId: otherWs });

    const response = await viewer.get(url('learning-path'));
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const [latest] = await rows('SELECT id FROM skill_assessments ORDER BY created_at DESC, id DESC LIMIT 1');
    expect(body.assessmentId).toBe(latest.id);
    expect(body.steps.map((s: { course: { id: string } }) => s.course.id)).toEqual([
      analyticsBn,
      analyticsEn,
      paid,
      crisis,
    ]);
    expect(body.steps[0].reason).toEqual({ skill: 'analytics', score: 25, lowest: true });
    expect(body.steps[2].reason).toEqual({ skill: 'paid', score: 25, lowest: true });
    expect(body.steps[3].reason).toEqual({ skill: 'crisis', score: 50, lowest: false });
    expect(body.steps[3].course).toMatchObject({ title: 'Crisis desk', language: 'en', skills: ['crisis'] });
  });

  it('puts courses in the language asked for first, and refuses an unknown language', async () => {
    const english = (await viewer.get(`${url('learning-path')}?language=en`)).json();
    expect(english.steps.map((s: { course: { title: string } }) => s.course.title).slice(0, 2)).toEqual([
      'Analytics basics',
      'বিশ্লেষণ',
    ]);
    const refused = await viewer.get(`${url('learning-path')}?language=fr`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields.language).toBe('Choose English (en) or Bengali (bn).');
  });

  it('follows the latest result', async () => {
    const retake = await viewer.post(url('assessments'), {
      answers: answersBySkill({ crisis: 1 }, 5),
    });
    expect(retake.statusCode).toBe(201);
    const body = (await viewer.get(url('learning-path'))).json();
    expect(body.assessmentId).toBe(retake.json().id);
    expect(body.steps.map((s: { course: { title: string } }) => s.course.title)).toEqual(['Crisis desk']);
  });
});

describe('who may', () => {
  it('answers 404 to someone outside the workspace, and writes nothing for them', async () => {
    const before = await rows('SELECT count(*)::int AS n FROM skill_assessments');
    for (const response of [
      await outsider.get(url('questions')),
      await outsider.get(url('assessments')),
      await outsider.get(url('learning-path')),
      await outsider.post(url('assessments'), { answers: answersBySkill({}) }),
    ]) {
      expect(response.statusCode).toBe(404);
    }
    expect(await rows('SELECT count(*)::int AS n FROM skill_assessments')).toEqual(before);
  });

  it('answers 401 to someone signed out', async () => {
    const visitor = new ApiClient(app, '203.0.113.99');
    expect((await visitor.get(url('questions'))).statusCode).toBe(401);
    expect((await visitor.post(url('assessments'), { answers: answersBySkill({}) })).statusCode).toBe(401);
  });

  it('keeps results per workspace', async () => {
    const taken = await outsider.post(url('assessments', otherWs), { answers: answersBySkill({}, 3) });
    expect(taken.statusCode).toBe(201);
    const listed = (await outsider.get(url('assessments', otherWs))).json().assessments;
    expect(listed).toHaveLength(1);
    expect((await viewer.get(url('assessments'))).json().assessments).toHaveLength(3);
  });
});
