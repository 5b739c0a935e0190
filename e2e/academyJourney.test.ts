// The Academy end to end, in Bengali, on the starter content that ships with Kolorob: a learner opens the
// Bengali foundations course, reads its lessons, passes the module's quiz, passes the course's
// certification exam, downloads the certificate and a signed-out visitor confirms it on the public page;
// then the learner books a 1:1 session with a teammate who coaches. Every button is found by its Bengali
// text, read from the same locale files the app uses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificationDefinition, QuizQuestion } from '../src/core/academy/academyTypes.ts';
import { pdfToText } from '../src/testing/pdfTools.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { chooseLanguage, expectAccessible, launchChromium } from './browser.ts';
import { setUpInstance } from './journeySteps.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (...parts: string[]) => JSON.parse(readFileSync(path.join(root, ...parts), 'utf8'));

const COURSE_FOLDER = ['content', 'academy', 'bn', 'foundations-bn'];
const course = readJson(...COURSE_FOLDER, 'course.json') as {
  title: string;
  modules: { items: { kind: string; title: string; questions?: QuizQuestion[] }[] }[];
};
const certification = readJson(...COURSE_FOLDER, 'certification.json') as CertificationDefinition;

type Texts = { [key: string]: string | Texts };
const bengali: Record<string, Texts> = Object.fromEntries(
  ['academyCourses', 'academyCertification', 'academyCoaching'].map((ns) => [
    ns,
    readJson('src', 'web', 'i18n', `${ns}.bn.json`),
  ]),
);
/** The Bengali text the app shows for `namespace.key`, with {{placeholders}} filled in. */
function bn(key: string, values: Record<string, string> = {}): string {
  const text = key.split('.').reduce<Texts | string>((at, part) => (at as Texts)[part]!, bengali);
  if (typeof text !== 'string') throw new Error(`${key} is not a text`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
}

const learner = { name: 'রুমানা আক্তার', email: 'rumana@example.org', password: 'correct horse battery' };
const coach = { name: 'Nusrat Jahan', email: 'nusrat@example.org', password: 'another good password' };

/** Ticks the right options of each shown question, found by its prompt in the course's own files. */
async function answerCorrectly(page: Page, questionTestId: string, pool: QuizQuestion[]) {
  const shown = page.getByTestId(questionTestId);
  const count = await shown.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i += 1) {
    const question = shown.nth(i);
    const legend = (await question.locator('legend').first().textContent()) ?? '';
    const source = pool.find((candidate) => legend.includes(candidate.prompt));
    expect(source, `no question in the course files reads "${legend}"`).toBeDefined();
    for (const option of source!.options) {
      if (option.correct) await question.getByLabel(option.text, { exact: true }).check();
    }
  }
  return count;
}

describe('the Academy journey on the Bengali starter course', { timeout: 180_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let page: Page;
  let workspaceId = '';
  let code = '';

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      // Setup runs in English (the shared setup step reads English labels); the learner then picks Bengali.
      locale: 'en-GB',
      timezoneId: 'Asia/Dhaka',
      acceptDownloads: true,
    });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('finds the Bengali starter courses on first opening the Academy', async () => {
    workspaceId = await setUpInstance(page, app.url, learner, 'কর্ণফুলী কমস');
    await chooseLanguage(page, 'bn');
    await page.goto(`${app.url}/w/${workspaceId}/academy`);
    await page.waitForURL(/\/academy\/courses$/);
    const card = page.getByTestId('course-card').filter({ hasText: course.title });
    await card.waitFor();
    expect(await page.getByTestId('course-card').count()).toBe(3);
    await expectAccessible(page);
    await card.getByTestId('course-resume').click();
  });

  it('reads the first module and passes its quiz', async () => {
    const firstModule = course.modules[0]!;
    const quiz = firstModule.items.find((item) => item.kind === 'quiz')!;
    for (const item of firstModule.items.filter((entry) => entry.kind === 'lesson')) {
      await page.getByRole('heading', { name: item.title, level: 1 }).waitFor();
      await page.getByRole('button', { name: bn('academyCourses.lesson.markDone') }).click();
      await page.getByTestId('lesson-done').waitFor();
      await page.getByRole('link', { name: new RegExp(bn('academyCourses.lesson.next')) }).click();
    }
    await page.getByRole('heading', { name: quiz.title, level: 1 }).waitFor();
    const answered = await answerCorrectly(page, 'quiz-question', quiz.questions!);
    await page.getByRole('button', { name: bn('academyCourses.quiz.submit') }).click();
    await page.getByTestId('quiz-score').waitFor();
    expect(await page.getByTestId('quiz-verdict').allTextContents()).toEqual(
      Array(answered).fill(bn('academyCourses.quiz.right')),
    );
    await expectAccessible(page);
  });

  it('passes the course certification exam', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/academy/certifications`);
    const card = page.getByTestId('certification-card').filter({ hasText: certification.title });
    await card.getByRole('link', { name: new RegExp(bn('academyCertification.exams.start')) }).click();
    await page.getByRole('button', { name: bn('academyCertification.exam.startNow') }).click();
    await page.getByTestId('exam-question').first().waitFor();
    expect(await answerCorrectly(page, 'exam-question', certification.questions)).toBe(
      certification.drawCount,
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: bn('academyCertification.exam.handIn') }).click();
    await page
      .getByTestId('hand-in-dialog')
      .getByRole('button', { name: bn('academyCertification.exam.confirmHandIn'), exact: true })
      .click();
    const result = page.getByTestId('exam-result');
    await result.getByRole('heading', { name: bn('academyCertification.result.passed') }).waitFor();
    code = /KLR-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec((await result.textContent()) ?? '')![0];
  });

  it('downloads a certificate whose Bengali name and title read back from the PDF', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('exam-result').getByTestId('download-certificate').click(),
    ]);
    const text = (await pdfToText(readFileSync(await download.path()))).replace(/\s+/g, ' ');
    expect(text).toContain(learner.name);
    expect(text).toContain(certification.title);
    expect(text).toContain(code);
  });

  it('confirms the certificate to a visitor who is not signed in', async () => {
    const visitorContext = await browser.newContext({ locale: 'en-GB' });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${app.url}/verify/${code}`);
    const status = visitor.getByTestId('verify-status');
    await status.waitFor();
    expect(await status.getAttribute('data-state')).toBe('valid');
    const details = (await visitor.getByTestId('verify-certificate').textContent()) ?? '';
    expect(details).toContain(learner.name);
    expect(details).toContain(certification.title);
    await expectAccessible(visitor);
    await visitorContext.close();
  });

  it('books a coaching session with a teammate who coaches', async () => {
    const invited = await page.request.post(`${app.url}/api/workspaces/${workspaceId}/invitations`, {
      data: { role: 'editor' },
    });
    expect(invited.status()).toBe(201);
    const coachContext = await browser.newContext();
    const token = (await invited.json()).link.split('/invite/')[1];
    const joined = await coachContext.request.post(`${app.url}/api/invitations/${token}/accept`, {
      data: coach,
    });
    expect(joined.status(), await joined.text()).toBe(200);
    const every = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
    const offered = await coachContext.request.put(
      `${app.url}/api/workspaces/${workspaceId}/academy/coaching/me`,
      {
        data: {
          bio: 'Crisis communication and community work.',
          timeZone: 'Asia/Dhaka',
          sessionMinutes: 30,
          noticeHours: 12,
          weekly: every,
          exceptions: [],
          active: true,
        },
      },
    );
    expect(offered.status(), await offered.text()).toBe(200);

    await page.goto(`${app.url}/w/${workspaceId}/academy/coaching`);
    await page.getByRole('button', { name: bn('academyCoaching.book.choose', { name: coach.name }) }).click();
    const picker = page.getByTestId('slot-picker');
    await page.getByRole('button', { name: bn('academyCoaching.slots.next') }).click();
    await picker.getByTestId('slot').first().click();
    await page.getByRole('button', { name: bn('academyCoaching.book.confirm') }).click();
    await page.getByTestId('booking-success').waitFor();
    await expectAccessible(page);

    const bookings = await coachContext.request.get(
      `${app.url}/api/workspaces/${workspaceId}/academy/coaching/bookings`,
    );
    const body = await bookings.json();
    const booked = JSON.stringify(body);
    expect(booked).toContain('booked');
    expect(booked).toContain(learner.name);
    await coachContext.close();
  });
});
