// Certification exams over the API: drawing questions, the time limit and its grace, the pause after a
// failed attempt and the limit on attempts, grading once under a double submit, the certificate and its PDF,
// revocation, the public verification, exam settings, and who may do what. Time passing is simulated by
// moving an attempt's times in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCertification } from '../../../commands/academy/certifications/upsertCertification.ts';
import type { CertificationDefinition, ExamQuestion } from '../../../core/academy/academyTypes.ts';
import { pdfToText } from '../../../testing/pdfTools.ts';
import { ApiClient, PUBLIC_URL, startTestApp, type TestApp } from '../../../testing/testApp.ts';

const PASSWORD = 'correct horse battery';

let app: TestApp;
let ws: string;
let otherWs: string;
let owner: ApiClient;
let admin: ApiClient;
let rumana: ApiClient;
let karim: ApiClient;
let nadia: ApiClient;
let viewer: ApiClient;
let outsider: ApiClient;
let visitor: ApiClient;
let community: string;
let crisis: string;
let seq = 0;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;

/** Eight questions: odd ones single choice (option a right), even ones multiple choice (a and c right). */
function pool(prefix: string, bengali = false): ExamQuestion[] {
  return Array.from({ length: 8 }, (_, i) => {
    const multiple = i % 2 === 1;
    return {
      id: `${prefix}${i + 1}`,
      prompt: bengali ? `প্রশ্ন ${i + 1}: কোনটি সঠিক?` : `Question ${i + 1}: which is right?`,
      kind: multiple ? 'multiple' : 'single',
      options: ['a', 'b', 'c'].map((letter) => ({
        id: letter,
        text: `${bengali ? 'উত্তর' : 'Answer'} ${letter}`,
        correct: letter === 'a' || (multiple && letter === 'c'),
        explanation: `Why ${letter}`,
      })),
    };
  });
}

const definition = (overrides: Partial<CertificationDefinition>): CertificationDefinition => ({
  slug: 'community-basics',
  title: 'Community management essentials',
  description: 'Moderation, tone and answering people well.',
  drawCount: 5,
  timeLimitMinutes: 1,
  passPercent: 60,
  maxAttempts: 2,
  cooldownHours: 24,
  questions: pool('c'),
  ...overrides,
});

interface Attempt {
  id: string;
  status: string;
  startedAt: string;
  deadlineAt: string;
  questions: { id: string; kind: string; options: { id: string }[] }[];
  result: {
    scorePercent: number | null;
    passed: boolean;
    reason: string | null;
    certificate: { id: string; code: string } | null;
  } | null;
}

const rightAnswers = (attempt: Attempt) =>
  Object.fromEntries(attempt.questions.map((q) => [q.id, q.kind === 'multiple' ? ['a', 'c'] : ['a']]));
const wrongAnswers = (attempt: Attempt) => Object.fromEntries(attempt.questions.map((q) => [q.id, ['b']]));

async function join(role: string, name: string, workspaceId = ws, inviter = owner): Promise<ApiClient> {
  const invited = await inviter.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  expect(invited.statusCode, invited.body).toBe(201);
  const token = invited.json().link.split('/invite/')[1];
  seq += 1;
  const client = new ApiClient(app);
  const accepted = await client.post(`/api/invitations/${token}/accept`, {
    name,
    email: `person${seq}@example.com`,
    password: PASSWORD,
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return client;
}

async function start(client: ApiClient, certificationId = community) {
  return client.post(`/api/academy/certifications/${certificationId}/attempts`);
}

async function summary(client: ApiClient, certificationId = community) {
  const response = await client.get(`/api/workspaces/${ws}/academy/certifications`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().certifications.find((c: { id: string }) => c.id === certificationId);
}

/** Moves an attempt into the past, as if it had started `minutes` ago. */
async function startedMinutesAgo(attemptId: string, minutes: number, limitMinutes = 1) {
  await rows(
    `UPDATE exam_attempts SET started_at = now() - make_interval(secs => $2::float8 * 60),
       deadline_at = now() - make_interval(secs => ($2::float8 - $3::float8) * 60) WHERE id = $1`,
    [attemptId, minutes, limitMinutes],
  );
}

beforeAll(async () => {
  app = await startTestApp();
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Farhana Akter',
    email: 'farhana@example.com',
    password: PASSWORD,
    workspaceName: 'Padma Desk',
  });
  expect(setup.statusCode, setup.body).toBe(201);
  ws = setup.json().workspaces[0].id;
  admin = await join('admin', 'Tanvir Hasan');
  rumana = await join('contributor', 'Rumana Akter');
  karim = await join('editor', 'Karim Uddin');
  nadia = await join('viewer', 'নাদিয়া ইসলাম চৌধুরী');
  viewer = await join('viewer', 'Sadia Rahman');
  const other = await owner.post('/api/workspaces', { name: 'Meghna Media' });
  expect(other.statusCode, other.body).toBe(201);
  otherWs = other.json().id;
  outsider = await join('owner', 'Outside Person', otherWs);
  visitor = new ApiClient(app);
  [community, crisis] = await app.database.transaction(async (tx) => [
    await upsertCertification(tx, ws, null, 'en', definition({})),
    await upsertCertification(
      tx,
      ws,
      null,
      'bn',
      definition({
        slug: 'crisis-bn',
        title: 'সোশ্যাল মিডিয়া সংকট ব্যবস্থাপনা',
        description: 'সংকটের সময় দ্রুত ও সঠিক উত্তর।',
        drawCount: 4,
        timeLimitMinutes: 20,
        maxAttempts: 3,
        cooldownHours: 0,
        questions: pool('b', true),
      }),
    ),
  ]);
}, 120_000);
afterAll(() => app?.close());

describe('the list of certifications', () => {
  it('shows each member the exam and where they stand', async () => {
    const listed = await summary(rumana);
    expect(listed).toMatchObject({
      title: 'Community management essentials',
      language: 'en',
      drawCount: 5,
      poolSize: 8,
      timeLimitMinutes: 1,
      passPercent: 60,
      maxAttempts: 2,
      cooldownHours: 24,
      attemptsUsed: 0,
      attemptsLeft: 2,
      cooldownUntil: null,
      runningAttempt: null,
      certificate: null,
    });
    expect(JSON.stringify(listed)).not.toContain('Why a');
  });

  it('is for members only', async () => {
    expect((await outsider.get(`/api/workspaces/${ws}/academy/certifications`)).statusCode).toBe(404);
    expect((await visitor.get(`/api/workspaces/${ws}/academy/certifications`)).statusCode).toBe(401);
    const bad = await rumana.get('/api/workspaces/not-a-uuid/academy/certifications');
    expect(bad.statusCode).toBe(400);
  });

  it('hides a draft exam from learners but shows it to admins', async () => {
    const draft = await app.database.transaction((tx) =>
      upsertCertification(tx, ws, null, 'en', definition({ slug: 'draft-exam', title: 'Unfinished exam' })),
    );
    await rows(`UPDATE certifications SET status = 'draft' WHERE id = $1`, [draft]);
    expect(await summary(rumana, draft)).toBeUndefined();
    expect(await summary(admin, draft)).toMatchObject({ status: 'draft' });
    expect((await start(rumana, draft)).statusCode).toBe(404);
    await rows('DELETE FROM certifications WHERE id = $1', [draft]);
  });
});

describe('taking an exam', () => {
  let first: Attempt;

  it('draws the exam’s number of distinct questions from the pool, without the answers', async () => {
    const started = await start(rumana);
    expect(started.statusCode, started.body).toBe(201);
    first = started.json();
    expect(first.status).toBe('running');
    expect(first.questions).toHaveLength(5);
    const ids = first.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^c[1-8]$/);
    expect(started.body).not.toMatch(/"correct"|"explanation"|Why /);
    expect(Date.parse(first.deadlineAt) - Date.parse(first.startedAt)).toBe(60_000);
    const [row] = await rows('SELECT question_ids FROM exam_attempts WHERE id = $1', [first.id]);
    expect(row.question_ids).toEqual(ids);
  });

  it('hands back the attempt already running instead of starting another', async () => {
    const again = await start(rumana);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(first.id);
    expect(again.json().questions.map((q: { id: string }) => q.id)).toEqual(first.questions.map((q) => q.id));
    const [{ n }] = await rows(
      'SELECT count(*)::int AS n FROM exam_attempts WHERE user_id = (SELECT user_id FROM exam_attempts WHERE id = $1)',
      [first.id],
    );
    expect(n).toBe(1);
    expect((await summary(rumana)).runningAttempt).toMatchObject({ id: first.id });
    const read = await rumana.get(`/api/academy/attempts/${first.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toMatch(/"correct"|"explanation"/);
  });

  it('keeps an attempt to the person taking it', async () => {
    expect((await karim.get(`/api/academy/attempts/${first.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/academy/attempts/${first.id}`)).statusCode).toBe(404);
    expect(
      (await outsider.post(`/api/academy/attempts/${first.id}/submit`, { answers: {} })).statusCode,
    ).toBe(404);
    expect((await visitor.get(`/api/academy/attempts/${first.id}`)).statusCode).toBe(401);
    expect((await outsider.post(`/api/academy/certifications/${community}/attempts`)).statusCode).toBe(404);
  });

  it('refuses answers that are not about this attempt', async () => {
    const strange = await rumana.post(`/api/academy/attempts/${first.id}/submit`, {
      answers: { nothere: ['a'] },
    });
    expect(strange.statusCode).toBe(400);
    expect(strange.json().fields).toEqual({
      'answers.nothere': 'This question is not part of your attempt.',
    });
    const single = first.questions.find((q) => q.kind === 'single')!;
    const two = await rumana.post(`/api/academy/attempts/${first.id}/submit`, {
      answers: { [single.id]: ['a', 'b'] },
    });
    expect(two.statusCode).toBe(400);
    expect(two.json().fields).toEqual({ [`answers.${single.id}`]: 'Choose one option.' });
    const unknown = await rumana.post(`/api/academy/attempts/${first.id}/submit`, {
      answers: { [single.id]: ['z'] },
    });
    expect(unknown.statusCode).toBe(400);
    for (const body of [{}, { answers: 'a' }, { answers: { [single.id]: 'a' } }, { answers: {}, extra: 1 }]) {
      const response = await rumana.post(`/api/academy/attempts/${first.id}/submit`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await rumana.post('/api/academy/attempts/nope/submit', { answers: {} })).statusCode).toBe(400);
    const [row] = await rows('SELECT submitted_at, passed FROM exam_attempts WHERE id = $1', [first.id]);
    expect(row).toEqual({ submitted_at: null, passed: null });
  });

  it('fails wrong answers and then asks for the pause before the next attempt', async () => {
    const submitted = await rumana.post(`/api/academy/attempts/${first.id}/submit`, {
      answers: wrongAnswers(first),
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'failed',
      result: { scorePercent: 0, passed: false, reason: null, certificate: null },
    });
    const listed = await summary(rumana);
    expect(listed).toMatchObject({ attemptsUsed: 1, attemptsLeft: 1, runningAttempt: null });
    const until = Date.parse(listed.cooldownUntil);
    expect(Math.abs(until - (Date.now() + 24 * 3600_000))).toBeLessThan(60_000);
    const refused = await start(rumana);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/^You can try this exam again from \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(refused.json().message).toContain('24 hours');
    expect(await rows('SELECT count(*)::int AS n FROM certificates')).toEqual([{ n: 0 }]);
  });

  it('fails an attempt handed in after the time limit because time ran out', async () => {
    // The pause is over: the failed attempt ended 25 hours ago.
    await rows(
      `UPDATE exam_attempts SET started_at = started_at - interval '25 hours', deadline_at = deadline_at - interval '25 hours',
         submitted_at = submitted_at - interval '25 hours' WHERE id = $1`,
      [first.id],
    );
    const started = await start(rumana);
    expect(started.statusCode, started.body).toBe(201);
    const second: Attempt = started.json();
    expect(second.id).not.toBe(first.id);
    await startedMinutesAgo(second.id, 2);
    const late = await rumana.post(`/api/academy/attempts/${second.id}/submit`, {
      answers: rightAnswers(second),
    });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({
      status: 'failed',
      result: { scorePercent: null, passed: false, reason: 'time_ran_out', certificate: null },
    });
    expect(await rows('SELECT count(*)::int AS n FROM certificates')).toEqual([{ n: 0 }]);
  });

  it('has no attempts left after the last one', async () => {
    const listed = await summary(rumana);
    expect(listed).toMatchObject({ attemptsUsed: 2, attemptsLeft: 0 });
    const refused = await start(rumana);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      'You have used all 2 attempts at this exam. Ask a workspace admin if you need another.',
    );
  });

  it('counts an attempt left open past its deadline as failed', async () => {
    const started = await start(viewer);
    expect(started.statusCode).toBe(201);
    await startedMinutesAgo(started.json().id, 5);
    const read = await viewer.get(`/api/academy/attempts/${started.json().id}`);
    expect(read.json()).toMatchObject({
      status: 'failed',
      result: { reason: 'time_ran_out', scorePercent: null },
    });
    const listed = await summary(viewer);
    expect(listed.runningAttempt).toBeNull();
    expect(listed.attemptsLeft).toBe(1);
    // The pause counts from the deadline, four minutes ago.
    expect(
      Math.abs(Date.parse(listed.cooldownUntil) - (Date.now() - 4 * 60_000 + 24 * 3600_000)),
    ).toBeLessThan(60_000);
    expect((await start(viewer)).statusCode).toBe(409);
  });
});

describe('passing and the certificate', () => {
  let attempt: Attempt;
  let certificate: { id: string; code: string };

  it('grades answers arriving within the grace after the deadline, and a double submit once', async () => {
    const started = await start(karim);
    expect(started.statusCode).toBe(201);
    attempt = started.json();
    // The deadline passed 20 seconds ago: still inside the 30-second grace.
    await startedMinutesAgo(attempt.id, 1 + 20 / 60);
    const answers = rightAnswers(attempt);
    const [a, b] = await Promise.all([
      karim.post(`/api/academy/attempts/${attempt.id}/submit`, { answers }),
      karim.post(`/api/academy/attempts/${attempt.id}/submit`, { answers }),
    ]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    expect(a.json().result).toMatchObject({ scorePercent: 100, passed: true, reason: null });
    expect(b.json().result).toEqual(a.json().result);
    certificate = a.json().result.certificate;
    expect(certificate.code).toMatch(/^KLR-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const issued = await rows(
      'SELECT code, holder_name, title, language FROM certificates WHERE attempt_id = $1',
      [attempt.id],
    );
    expect(issued).toEqual([
      {
        code: certificate.code,
        holder_name: 'Karim Uddin',
        title: 'Community management essentials',
        language: 'en',
      },
    ]);
    const audit = await rows(`SELECT action FROM audit_events WHERE target_id = $1`, [certificate.id]);
    expect(audit).toEqual([{ action: 'academy.certificate.issued' }]);
  });

  it('shows the certificate in the list and among the holder’s certificates', async () => {
    expect((await summary(karim)).certificate).toMatchObject({
      id: certificate.id,
      code: certificate.code,
      verifyUrl: `${PUBLIC_URL}/verify/${certificate.code}`,
    });
    const mine = await karim.get(`/api/workspaces/${ws}/academy/certificates`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().certificates.map((c: { code: string }) => c.code)).toEqual([certificate.code]);
    const others = await rumana.get(`/api/workspaces/${ws}/academy/certificates`);
    expect(others.json().certificates).toEqual([]);
    const refused = await start(karim);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain(certificate.code);
  });

  it('lists every certificate for admins only', async () => {
    const all = await admin.get(`/api/workspaces/${ws}/academy/certificates?all=true`);
    expect(all.statusCode).toBe(200);
    expect(all.json().certificates.map((c: { holderName: string }) => c.holderName)).toContain('Karim Uddin');
    expect((await karim.get(`/api/workspaces/${ws}/academy/certificates?all=true`)).statusCode).toBe(403);
    expect((await outsider.get(`/api/workspaces/${ws}/academy/certificates?all=true`)).statusCode).toBe(404);
    expect((await admin.get(`/api/workspaces/${ws}/academy/certificates?all=yes`)).statusCode).toBe(400);
  });

  it('gives the holder and admins the PDF with name, title and code', async () => {
    const pdf = await karim.get(`/api/academy/certificates/${certificate.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="kolorob-certificate-${certificate.code}.pdf"`,
    );
    const text = (await pdfToText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('Karim Uddin');
    expect(text).toContain('Community management essentials');
    expect(text).toContain(certificate.code);
    expect(text).toContain(`${PUBLIC_URL}/verify/${certificate.code}`);
    expect((await admin.get(`/api/academy/certificates/${certificate.id}/pdf`)).statusCode).toBe(200);
    expect((await rumana.get(`/api/academy/certificates/${certificate.id}/pdf`)).statusCode).toBe(403);
    expect((await outsider.get(`/api/academy/certificates/${certificate.id}/pdf`)).statusCode).toBe(404);
    expect((await visitor.get(`/api/academy/certificates/${certificate.id}/pdf`)).statusCode).toBe(401);
  });

  it('confirms the certificate to anyone, signed out, by its code in any case', async () => {
    const verified = await visitor.get(`/api/verify/${certificate.code.toLowerCase()}`);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toEqual({
      code: certificate.code,
      valid: true,
      holderName: 'Karim Uddin',
      title: 'Community management essentials',
      language: 'en',
      issuedAt: expect.any(String),
      issuer: 'Padma Desk',
    });
    const unknown = await visitor.get('/api/verify/KLR-2222-3333');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('No certificate has the code KLR-2222-3333');
    for (const bad of ['hello', 'KLR-0000-1111', 'KLR-2222-333', encodeURIComponent('KLR-2222-3333<')]) {
      const response = await visitor.get(`/api/verify/${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().message.length).toBeGreaterThan(0);
    }
  });

  it('lets admins revoke it with a reason, after which verification says so', async () => {
    const url = `/api/academy/certificates/${certificate.id}/revoke`;
    expect((await karim.post(url, { reason: 'Not deserved' })).statusCode).toBe(403);
    expect((await outsider.post(url, { reason: 'Not deserved' })).statusCode).toBe(404);
    expect((await visitor.post(url, { reason: 'Not deserved' })).statusCode).toBe(401);
    const noReason = await admin.post(url, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields.reason).toBeDefined();
    expect((await admin.post(url, { reason: '  ' })).statusCode).toBe(400);
    expect(await rows('SELECT revoked_at FROM certificates WHERE id = $1', [certificate.id])).toEqual([
      { revoked_at: null },
    ]);

    const revoked = await admin.post(url, { reason: 'Answers were shared before the exam.' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ revokedReason: 'Answers were shared before the exam.' });
    expect((await admin.post(url, { reason: 'Again' })).statusCode).toBe(409);
    const audit = await rows(`SELECT action, after FROM audit_events WHERE target_id = $1 ORDER BY id`, [
      certificate.id,
    ]);
    expect(audit.map((row) => row.action)).toEqual([
      'academy.certificate.issued',
      'academy.certificate.revoked',
    ]);
    expect(audit[1].after.reason).toBe('Answers were shared before the exam.');

    const verified = await visitor.get(`/api/verify/${certificate.code}`);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      valid: false,
      revokedReason: 'Answers were shared before the exam.',
      revokedAt: expect.any(String),
    });
    expect((await karim.get(`/api/academy/certificates/${certificate.id}/pdf`)).statusCode).toBe(410);
    // Without a valid certificate the holder may take the exam again.
    expect((await start(karim)).statusCode).toBe(201);
  });

  it('prints a Bengali certificate with the holder’s Bengali name and the Bengali title', async () => {
    const started = await start(nadia, crisis);
    expect(started.statusCode).toBe(201);
    const taken: Attempt = started.json();
    expect(taken.questions).toHaveLength(4);
    const submitted = await nadia.post(`/api/academy/attempts/${taken.id}/submit`, {
      answers: rightAnswers(taken),
    });
    expect(submitted.json().result).toMatchObject({ passed: true, scorePercent: 100 });
    const { id, code } = submitted.json().result.certificate;
    const pdf = await nadia.get(`/api/academy/certificates/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfToText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('নাদিয়া ইসলাম চৌধুরী');
    expect(text).toContain('সোশ্যাল মিডিয়া সংকট ব্যবস্থাপনা');
    expect(text).toContain('অর্জনের সনদ');
    expect(text).toContain(code);
    const verified = await visitor.get(`/api/verify/${code}`);
    expect(verified.json()).toMatchObject({ valid: true, holderName: 'নাদিয়া ইসলাম চৌধুরী', language: 'bn' });
  });

  it('passes at the pass mark exactly and fails just below it', async () => {
    // 3 of 5 right is 60 %, the pass mark; 2 of 5 is 40 %.
    const started = await start(owner);
    const taken: Attempt = started.json();
    const answers = rightAnswers(taken);
    for (const q of taken.questions.slice(3)) answers[q.id] = ['b'];
    const submitted = await owner.post(`/api/academy/attempts/${taken.id}/submit`, { answers });
    expect(submitted.json().result).toMatchObject({ scorePercent: 60, passed: true });

    const other = await start(admin);
    const failed: Attempt = other.json();
    const fewer = rightAnswers(failed);
    for (const q of failed.questions.slice(2)) delete fewer[q.id];
    const result = await admin.post(`/api/academy/attempts/${failed.id}/submit`, { answers: fewer });
    expect(result.json().result).toMatchObject({ scorePercent: 40, passed: false });
  });
});

describe('exam settings', () => {
  const url = () => `/api/academy/certifications/${crisis}`;

  it('lets admins change them, within the pool’s size', async () => {
    const tooMany = await admin.patch(url(), { drawCount: 9 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().fields).toEqual({
      drawCount: 'Use at most 8, the number of questions in the pool.',
    });
    for (const body of [
      {},
      { passPercent: 101 },
      { timeLimitMinutes: 0 },
      { maxAttempts: 1.5 },
      { drawCount: '3' },
      { colour: 'red' },
    ]) {
      const response = await admin.patch(url(), body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const changed = await admin.patch(url(), {
      drawCount: 8,
      timeLimitMinutes: 45,
      passPercent: 75,
      maxAttempts: 4,
      cooldownHours: 12,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({
      id: crisis,
      poolSize: 8,
      drawCount: 8,
      timeLimitMinutes: 45,
      passPercent: 75,
      maxAttempts: 4,
      cooldownHours: 12,
    });
    expect(
      await rows(
        'SELECT draw_count, time_limit_minutes, pass_percent, max_attempts, cooldown_hours FROM certifications WHERE id = $1',
        [crisis],
      ),
    ).toEqual([
      { draw_count: 8, time_limit_minutes: 45, pass_percent: 75, max_attempts: 4, cooldown_hours: 12 },
    ]);
    const audit = await rows(
      `SELECT before, after FROM audit_events WHERE action = 'academy.certification.settings_changed'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({ drawCount: 4, timeLimitMinutes: 20 });
    expect(audit[0].after).toMatchObject({ drawCount: 8, timeLimitMinutes: 45 });

    const started = await start(rumana, crisis);
    expect(started.statusCode).toBe(201);
    expect(started.json().questions).toHaveLength(8);
    expect(Date.parse(started.json().deadlineAt) - Date.parse(started.json().startedAt)).toBe(45 * 60_000);
  });

  it('is for owners and admins of the workspace only', async () => {
    expect((await karim.patch(url(), { passPercent: 10 })).statusCode).toBe(403);
    expect((await viewer.patch(url(), { passPercent: 10 })).statusCode).toBe(403);
    expect((await outsider.patch(url(), { passPercent: 10 })).statusCode).toBe(404);
    expect((await visitor.patch(url(), { passPercent: 10 })).statusCode).toBe(401);
    expect(
      (
        await admin.patch('/api/academy/certifications/00000000-0000-4000-8000-000000000000', {
          passPercent: 10,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await rows('SELECT pass_percent FROM certifications WHERE id = $1', [crisis]))[0].pass_percent,
    ).toBe(75);
  });
});
