// The resume builder's API: saving and reading a profile, refusing what does not fit, and the PDF with
// the person's valid certificates (a revoked one never appears).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfToText } from '../../../testing/pdfTools.ts';
import { ApiClient, PUBLIC_URL, startTestApp, type TestApp } from '../../../testing/testApp.ts';

let app: TestApp;
let owner: ApiClient;
let ownerId: string;
let ws: string;

const BENGALI_LINE = 'ঢাকার একটি সংবাদমাধ্যমের সামাজিক যোগাযোগ মাধ্যম পরিচালনা করেছি';

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;

const profile = {
  headline: 'Social media manager',
  summary: 'Eight years of running social channels for newsrooms in Dhaka.',
  location: 'Dhaka, Bangladesh',
  contact: 'farhana@example.com\n+880 1711 000000',
  experience: [
    {
      role: 'Head of social media',
      organisation: 'Padma News',
      start: '2021-03',
      end: 'present',
      description: BENGALI_LINE,
    },
    {
      role: 'Community manager',
      organisation: 'Jamuna Foundation',
      start: '2017-01',
      end: '2021-02',
      description: '',
    },
  ],
  education: [{ course: 'BSS in Mass Communication', institution: 'University of Dhaka', year: '2016' }],
  skills: ['Content planning', 'কমিউনিটি ব্যবস্থাপনা', 'Analytics'],
};

let seq = 0;
/** A certificate row for the person, as passing an exam leaves it; `revoked` marks it revoked. */
async function insertCertificate(userId: string, title: string, revoked = false): Promise<string> {
  seq += 1;
  const [certification] = await rows(
    `INSERT INTO certifications (workspace_id, slug, language, title, question_pool, draw_count, time_limit_minutes,
       pass_percent, max_attempts, cooldown_hours)
     VALUES ($1, $2, 'en', $3, '[]'::jsonb, 1, 30, 70, 3, 24) RETURNING id`,
    [ws, `resume-cert-${seq}`, title],
  );
  const [attempt] = await rows(
    `INSERT INTO exam_attempts (certification_id, user_id, question_ids, deadline_at, submitted_at, score_percent, passed)
     VALUES ($1, $2, '[]'::jsonb, now() + interval '30 minutes', now(), 90, true) RETURNING id`,
    [certification.id, userId],
  );
  const code = `KLR-RESUME-${seq}`;
  await rows(
    `INSERT INTO certificates (code, certification_id, workspace_id, user_id, attempt_id, holder_name, title, language,
       revoked_at, revoked_reason)
     VALUES ($1, $2, $3, $4, $5, 'Farhana Akter', $6, 'en', $7, $8)`,
    [
      code,
      certification.id,
      ws,
      userId,
      attempt.id,
      title,
      revoked ? new Date() : null,
      revoked ? 'Issued by mistake' : null,
    ],
  );
  return code;
}

beforeAll(async () => {
  app = await startTestApp();
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Farhana Akter',
    email: 'farhana@example.com',
    password: 'correct horse battery',
    workspaceName: 'Padma Desk',
  });
  expect(setup.statusCode).toBe(201);
  ws = setup.json().workspaces[0].id;
  ownerId = setup.json().user.id;
});
afterAll(() => app?.close());

describe('the resume profile', () => {
  it('starts empty, then keeps what was saved', async () => {
    const empty = await owner.get('/api/me/resume');
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({
      name: 'Farhana Akter',
      email: 'farhana@example.com',
      updatedAt: null,
      profile: { headline: '', experience: [], education: [], skills: [] },
      certificates: [],
    });

    const saved = await owner.request('PUT', '/api/me/resume', {
      ...profile,
      headline: '  Social media manager  ',
      skills: [...profile.skills, 'analytics'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().profile).toEqual(profile);
    expect(saved.json().updatedAt).not.toBeNull();

    const loaded = await owner.get('/api/me/resume');
    expect(loaded.json().profile).toEqual(profile);
    const [row] = await rows('SELECT headline, skills, experience FROM resume_profiles WHERE user_id = $1', [
      ownerId,
    ]);
    expect(row.headline).toBe('Social media manager');
    expect(row.skills).toEqual(profile.skills);
    expect(row.experience[0].description).toBe(BENGALI_LINE);
  });

  it.each([
    [
      'a 21st position',
      {
        experience: Array.from({ length: 21 }, () => ({ role: 'Editor', start: '2020-01' })),
      },
      'experience',
    ],
    [
      'a month that does not exist',
      { experience: [{ role: 'Editor', start: '2021-13' }] },
      'experience.0.start',
    ],
    [
      'an end before the start',
      { experience: [{ role: 'Editor', start: '2021-03', end: '2020-01' }] },
      'experience.0.end',
    ],
    [
      'an end that is no month',
      { experience: [{ role: 'Editor', start: '2021-03', end: 'soon' }] },
      'experience.0.end',
    ],
    ['a position without a role', { experience: [{ role: '  ', start: '2021-03' }] }, 'experience.0.role'],
    ['a 31st skill', { skills: Array.from({ length: 31 }, (_, i) => `Skill ${i}`) }, 'skills'],
    ['a skill of 51 characters', { skills: ['x'.repeat(51)] }, 'skills.0'],
    ['a headline of 121 characters', { headline: 'h'.repeat(121) }, 'headline'],
    ['a summary of 2001 characters', { summary: 's'.repeat(2001) }, 'summary'],
    ['a year of two digits', { education: [{ course: 'BSS', year: '16' }] }, 'education.0.year'],
    ['a field the profile does not have', { photo: 'me.jpg' }, 'photo'],
  ])('refuses %s, naming the field and changing nothing', async (_what, body, field) => {
    const before = await rows('SELECT * FROM resume_profiles WHERE user_id = $1', [ownerId]);
    const response = await owner.request('PUT', '/api/me/resume', body);
    expect(response.statusCode, response.body).toBe(400);
    expect(Object.keys(response.json().fields)).toContain(field);
    expect(response.json().message).toMatch(/\S/);
    expect(await rows('SELECT * FROM resume_profiles WHERE user_id = $1', [ownerId])).toEqual(before);
  });

  it('accepts "present" and an empty end, and an empty year', async () => {
    const response = await owner.request('PUT', '/api/me/resume', {
      ...profile,
      experience: [
        { role: 'Editor', start: '2021-03', end: '' },
        { role: 'Trainer', start: '2022-01', end: 'present' },
      ],
      education: [{ course: 'Short course in photography', year: '' }],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().profile.experience[0]).toEqual({
      role: 'Editor',
      organisation: '',
      start: '2021-03',
      end: '',
      description: '',
    });
    expect((await owner.request('PUT', '/api/me/resume', profile)).statusCode).toBe(200);
  });
});

describe('the resume PDF', () => {
  let validCode: string;
  let revokedCode: string;

  beforeAll(async () => {
    validCode = await insertCertificate(ownerId, 'Certified Community Manager');
    revokedCode = await insertCertificate(ownerId, 'Certified Crisis Responder', true);
  });

  it('lists only valid certificates with their verification address', async () => {
    const response = await owner.get('/api/me/resume');
    expect(response.json().certificates).toEqual([
      expect.objectContaining({
        title: 'Certified Community Manager',
        code: validCode,
        verifyUrl: `${PUBLIC_URL}/verify/${validCode}`,
      }),
    ]);
  });

  it.each([
    ['classic', 'en', 'Experience'],
    ['modern', 'bn', 'অভিজ্ঞতা'],
    ['compact', 'en', 'Experience'],
  ])(
    'downloads the %s template in %s with the profile and the valid certificate',
    async (template, language, heading) => {
      const response = await owner.get(`/api/me/resume/pdf?template=${template}&language=${language}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="farhana-akter-resume-${template}-${language}.pdf"`,
      );
      const text = (await pdfToText(response.rawPayload)).replace(/\s+/g, ' ');
      expect(text).toContain('Farhana Akter');
      expect(text).toContain(BENGALI_LINE);
      expect(text.toLowerCase()).toContain(heading.toLowerCase());
      expect(text).toContain(validCode);
      expect(text).toContain(`${PUBLIC_URL}/verify/${validCode}`);
      expect(text).not.toContain(revokedCode);
      expect(text).not.toContain('Certified Crisis Responder');
    },
  );

  it('uses the person’s own language when none is asked for, and refuses an unknown template', async () => {
    const response = await owner.get('/api/me/resume/pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('resume-classic-en.pdf');
    const bad = await owner.get('/api/me/resume/pdf?template=fancy');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('template');
  });
});

describe('signed out', () => {
  it('answers 401 for the profile, saving and the PDF', async () => {
    const visitor = new ApiClient(app);
    expect((await visitor.get('/api/me/resume')).statusCode).toBe(401);
    expect((await visitor.request('PUT', '/api/me/resume', profile)).statusCode).toBe(401);
    expect((await visitor.get('/api/me/resume/pdf?template=modern&language=bn')).statusCode).toBe(401);
  });
});
