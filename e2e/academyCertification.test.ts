// A certification in the browser: a course folder with an exam is imported as a .zip, the owner takes the
// exam and passes, downloads the certificate PDF, and a visitor who is not signed in confirms it on the
// public verification page; after the owner revokes it, the same page says so. Every page is checked with
// axe and photographed in English and Bengali.
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfToText } from '../src/testing/pdfTools.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { chooseLanguage, expectAccessible, launchChromium, saveScreenshot } from './browser.ts';
import { setUpInstance } from './journeySteps.ts';

const owner = { name: 'Farhana Akter', email: 'farhana@example.org', password: 'correct horse battery' };
const EXAM_TITLE = 'Community replies certification';

/** Prompt → the text of each right option. */
const QUESTIONS = [
  {
    prompt: 'A customer complains in public. What do you do first?',
    kind: 'single',
    options: [
      ['Answer publicly, briefly, and offer to continue in a private message.', true],
      ['Delete the comment.', false],
      ['Ignore it until Monday.', false],
    ],
  },
  {
    prompt: 'Which belong in a reply to a complaint? (choose all that apply)',
    kind: 'multiple',
    options: [
      ['An apology for the trouble.', true],
      ['A next step with a time.', true],
      ['A discount code for everyone.', false],
    ],
  },
  {
    prompt: 'When is it right to hide a comment?',
    kind: 'single',
    options: [
      ['When it shares someone’s phone number.', true],
      ['When it is critical of the brand.', false],
      ['Never.', false],
    ],
  },
  {
    prompt: 'How fast should a first reply come during office hours?',
    kind: 'single',
    options: [
      ['Within the hour.', true],
      ['Within a week.', false],
    ],
  },
] as const;

function courseZip(): Buffer {
  const course = {
    slug: 'community-replies-en',
    language: 'en',
    title: 'Community replies',
    summary: 'Answering people well in public.',
    skills: ['community'],
    modules: [
      {
        title: 'Replies',
        items: [{ kind: 'lesson', title: 'Answering in public', file: 'lessons/01-answering.md' }],
      },
    ],
  };
  const certification = {
    slug: 'community-replies-certification',
    title: EXAM_TITLE,
    description: 'Shows that you answer complaints and questions in public with care.',
    drawCount: 3,
    timeLimitMinutes: 10,
    passPercent: 60,
    maxAttempts: 3,
    cooldownHours: 0,
    questions: QUESTIONS.map((question, i) => ({
      id: `c${i + 1}`,
      prompt: question.prompt,
      kind: question.kind,
      options: question.options.map(([text, correct], j) => ({
        id: String.fromCharCode(97 + j),
        text,
        correct,
        explanation: '',
      })),
    })),
  };
  return Buffer.from(
    zipSync({
      'community-replies-en/course.json': strToU8(JSON.stringify(course, null, 2)),
      'community-replies-en/certification.json': strToU8(JSON.stringify(certification, null, 2)),
      'community-replies-en/lessons/01-answering.md': strToU8(
        '# Answering in public\n\nBe kind and quick.\n',
      ),
    }),
  );
}

describe('certification in the browser', { timeout: 120_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let page: Page;
  let visitorContext: BrowserContext;
  let visitor: Page;
  let workspaceId: string;
  let certificationId: string;
  let code: string;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchChromium(), startApp()]);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
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

  const card = () => page.getByTestId('certification-card').filter({ hasText: EXAM_TITLE });

  it('imports a course folder with its exam and publishes the course', async () => {
    workspaceId = await setUpInstance(page, app.url, owner, 'Padma Desk');
    const imported = await page.request.post(
      `${app.url}/api/workspaces/${workspaceId}/academy/courses/import`,
      {
        headers: { 'content-type': 'application/zip' },
        data: courseZip(),
      },
    );
    expect(imported.status(), await imported.text()).toBe(201);
    const body = await imported.json();
    certificationId = body.certificationId;
    expect(certificationId).toEqual(expect.any(String));
    const published = await page.request.post(`${app.url}/api/academy/courses/${body.id}/publish`);
    expect(published.status(), await published.text()).toBe(200);
  });

  it('shows the exam on the certifications page', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/academy/certifications`);
    await card().waitFor();
    await expect.poll(() => card().textContent()).toContain('3 questions');
    expect(await card().textContent()).toContain('10 minutes');
    expect(await card().textContent()).toContain('60%');
    expect(await card().textContent()).toContain('3 of 3');
    await expectAccessible(page);
    await saveScreenshot(page, 'certifications-en');
    await chooseLanguage(page, 'bn');
    await page.getByRole('heading', { level: 1, name: 'সার্টিফিকেশন' }).waitFor();
    expect(await card().textContent()).toContain('৩টি প্রশ্ন');
    await expectAccessible(page);
    await saveScreenshot(page, 'certifications-bn');
    await chooseLanguage(page, 'en');
  });

  it('lets the owner change the exam’s settings, no more questions than the pool holds', async () => {
    const settings = card().getByTestId('exam-settings');
    const summary = settings.locator('summary');
    await summary.click();
    const draw = settings.getByLabel('Questions per attempt');
    await draw.fill('9');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Use at most 4, the number of questions in the pool.').waitFor();
    expect(await draw.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await saveScreenshot(page, 'exam-settings-en');
    await draw.fill('3');
    await settings.getByLabel('Pass mark (%)').fill('60');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText(/Exam settings saved/).waitFor();
    await summary.click();
  });

  it('takes the exam with a countdown and passes', async () => {
    await card()
      .getByRole('link', { name: /Start exam/ })
      .click();
    await page.getByRole('heading', { name: 'Before you start' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Start now' }).click();
    const questions = page.getByTestId('exam-question');
    await questions.first().waitFor();
    expect(await questions.count()).toBe(3);
    expect(new URL(page.url()).searchParams.get('attempt')).toMatch(/^[0-9a-f-]{36}$/);
    const timer = page.getByTestId('exam-timer');
    expect(await timer.textContent()).toMatch(/^(10:00|09:[0-5]\d)$/);
    await expect.poll(async () => (await timer.textContent()) !== '10:00', { timeout: 5000 }).toBe(true);
    expect(await page.getByRole('timer').count()).toBe(1);
    expect(await page.getByTestId('timer-announcement').getAttribute('aria-live')).toBe('polite');

    for (let i = 0; i < 3; i += 1) {
      const question = questions.nth(i);
      const legend = (await question.locator('legend').textContent()) ?? '';
      const source = QUESTIONS.find((candidate) => legend.includes(candidate.prompt));
      expect(source, legend).toBeDefined();
      for (const [text, correct] of source!.options) {
        if (correct) await question.getByLabel(text).check();
      }
    }
    await expectAccessible(page);
    await saveScreenshot(page, 'exam-en');

    await page.getByRole('button', { name: 'Hand in answers' }).click();
    const dialog = page.getByTestId('hand-in-dialog');
    await dialog.getByText('You answered 3 of 3 questions.').waitFor();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Hand in', exact: true }).click();

    const result = page.getByTestId('exam-result');
    await result.getByRole('heading', { name: 'You passed' }).waitFor();
    expect(await result.textContent()).toContain('Your score: 100%. The pass mark is 60%.');
    code = /KLR-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec((await result.textContent()) ?? '')![0];
    await expectAccessible(page);
    await saveScreenshot(page, 'exam-result-en');
  });

  it('downloads the certificate PDF with the name, title and code', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('exam-result').getByTestId('download-certificate').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`kolorob-certificate-${code}.pdf`);
    const text = (await pdfToText(readFileSync(await download.path()))).replace(/\s+/g, ' ');
    expect(text).toContain(owner.name);
    expect(text).toContain(EXAM_TITLE);
    expect(text).toContain(code);
    expect(text).toContain(`${app.url}/verify/${code}`);
  });

  it('lists the certificate under My certificates', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/academy/certifications`);
    const mine = page.getByTestId('my-certificates');
    await mine.getByText(EXAM_TITLE).waitFor();
    expect(await mine.textContent()).toContain(code);
    expect(await card().textContent()).toContain(`You passed. Certificate ${code}.`);
  });

  it('confirms the certificate to a visitor who is not signed in, in both languages', async () => {
    visitorContext = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
    visitor = await visitorContext.newPage();
    await visitor.goto(`${app.url}/verify/${code}`);
    const status = visitor.getByTestId('verify-status');
    await status.waitFor();
    expect(await status.getAttribute('data-state')).toBe('valid');
    expect(await status.textContent()).toContain('Valid certificate');
    const details = (await visitor.getByTestId('verify-certificate').textContent()) ?? '';
    for (const part of [owner.name, EXAM_TITLE, code, 'Padma Desk']) expect(details).toContain(part);
    await expectAccessible(visitor);
    await saveScreenshot(visitor, 'verify-valid-en');
    await chooseLanguage(visitor, 'bn');
    await visitor.getByText('বৈধ সনদ').waitFor();
    await expectAccessible(visitor);
    await saveScreenshot(visitor, 'verify-valid-bn');
    await chooseLanguage(visitor, 'en');

    await visitor.goto(`${app.url}/verify/KLR-2222-3333`);
    await visitor.getByTestId('verify-status').waitFor();
    expect(await visitor.getByTestId('verify-status').getAttribute('data-state')).toBe('not-found');
    await expectAccessible(visitor);
  });

  it('lets the owner revoke the certificate, and the verification page says so', async () => {
    const row = page.locator(`[data-testid="certificate-row"][data-code="${code}"]`);
    await row.getByRole('button', { name: /Revoke/ }).click();
    const dialog = page.getByTestId('revoke-dialog');
    await dialog.getByRole('heading', { name: `Revoke certificate ${code}?` }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'revoke-dialog-en');
    await dialog.getByLabel('Reason').fill('Answers were shared before the exam.');
    await dialog.getByRole('button', { name: 'Revoke certificate' }).click();
    await row.getByText('Revoked').waitFor();
    expect(await row.textContent()).toContain('Answers were shared before the exam.');

    await visitor.goto(`${app.url}/verify/${code}`);
    const status = visitor.getByTestId('verify-status');
    await status.waitFor();
    expect(await status.getAttribute('data-state')).toBe('revoked');
    expect(await status.textContent()).toContain('Answers were shared before the exam.');
    await expectAccessible(visitor);
    await saveScreenshot(visitor, 'verify-revoked-en');
    await chooseLanguage(visitor, 'bn');
    await visitor.getByText('বাতিল', { exact: true }).waitFor();
    await saveScreenshot(visitor, 'verify-revoked-bn');
    await visitorContext.close();
  });

  it('runs a new attempt in Bengali, reads out 5 and 1 minutes left, and hands in when time is up', async () => {
    await chooseLanguage(page, 'bn');
    // The page's clock is moved on by the test; the server still checks the deadline by its own clock.
    await page.clock.install();
    await page.goto(`${app.url}/w/${workspaceId}/academy/certifications/${certificationId}/exam`);
    await page.getByRole('button', { name: 'এখনই শুরু করুন' }).click();
    await page.getByTestId('exam-question').first().waitFor();
    const timer = page.getByTestId('exam-timer');
    expect(await timer.textContent()).toMatch(/^[০-৯]{2}:[০-৯]{2}$/);
    const announcement = page.getByTestId('timer-announcement');
    expect(await announcement.textContent()).toBe('');

    await page.clock.fastForward('05:02');
    await expect.poll(() => announcement.textContent()).toBe('আর ৫ মিনিট বাকি।');
    expect(await timer.textContent()).toMatch(/^০৪:৫[০-৯]$/);
    await expectAccessible(page);
    await saveScreenshot(page, 'exam-bn');

    await page.clock.fastForward('04:00');
    await expect.poll(() => announcement.textContent()).toBe('আর ১ মিনিট বাকি।');

    await page.clock.fastForward('01:00');
    const result = page.getByTestId('exam-result');
    await result.getByRole('heading', { name: 'এবার উত্তীর্ণ হননি' }).waitFor();
    expect(await result.textContent()).toContain('আপনার নম্বর: ০%। পাস নম্বর ৬০%।');
    await expectAccessible(page);
    await saveScreenshot(page, 'exam-result-bn');

    await page.goto(`${app.url}/w/${workspaceId}/academy/certifications`);
    await card()
      .getByRole('link', { name: /পরীক্ষা শুরু করুন/ })
      .waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'certifications-admin-bn');
    await chooseLanguage(page, 'en');
  });
});
