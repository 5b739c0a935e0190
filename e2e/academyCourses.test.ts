// Academy courses in a real browser against the real server: an admin writes a course in the editor (a
// Markdown lesson with its live preview and a quiz) and publishes it; a member reads the lesson, passes
// the quiz with its explanations, leaves, and "Resume" brings them back; the course goes out and back in
// as a zip. Every page is checked with axe and photographed in English and Bengali.
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from './appProcess.ts';
import { chooseLanguage, expectAccessible, launchChromium, saveScreenshot } from './browser.ts';
import { setUpInstance } from './journeySteps.ts';

const admin = { name: 'Sadia Rahman', email: 'sadia@example.org', password: 'correct horse battery' };
const member = { name: 'Tanvir Ahmed', email: 'tanvir@example.org', password: 'staple paper clips' };
const COURSE = 'Listening for beginners';
const LESSON = 'Why we listen';
const QUIZ = 'Listening check';

function unzipText(data: Buffer): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(new Uint8Array(data))).map(([name, bytes]) => [
      name,
      new TextDecoder().decode(bytes),
    ]),
  );
}

describe('academy courses in the browser', { timeout: 120_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let adminPage: Page;
  let memberPage: Page;
  let workspaceId = '';
  let courseId = '';
  let lessonId = '';
  let quizId = '';

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
    const options = { viewport: { width: 1440, height: 960 }, locale: 'en-GB' };
    adminPage = await (await browser.newContext(options)).newPage();
    memberPage = await (await browser.newContext(options)).newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Checks and photographs the page as it is in English, then in Bengali, and goes back to English. */
  async function bothLanguages(page: Page, name: string, bengaliText: string) {
    await expectAccessible(page);
    await saveScreenshot(page, `academy-courses-${name}-en`);
    await chooseLanguage(page, 'bn');
    await page.getByText(bengaliText).first().waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, `academy-courses-${name}-bn`);
    await chooseLanguage(page, 'en');
  }

  const courses = () => `${app.url}/w/${workspaceId}/academy/courses`;

  it('sets up an admin and lets a member join the workspace', async () => {
    workspaceId = await setUpInstance(adminPage, app.url, admin, 'Karnaphuli Comms');
    const invitation = await adminPage.request.post(`${app.url}/api/workspaces/${workspaceId}/invitations`, {
      data: { role: 'viewer' },
    });
    expect(invitation.status()).toBe(201);
    const token = (await invitation.json()).link.split('/invite/')[1];
    const accepted = await memberPage.request.post(`${app.url}/api/invitations/${token}/accept`, {
      data: member,
    });
    expect(accepted.status(), await accepted.text()).toBe(200);
  });

  it('shows the starter courses to the admin, with the buttons to write and import courses', async () => {
    const page = adminPage;
    await page.goto(courses());
    await page.getByRole('heading', { name: 'Courses', level: 1 }).waitFor();
    await page.getByTestId('course-card').first().waitFor();
    await page.getByRole('link', { name: 'New course' }).waitFor();
    await page.getByRole('button', { name: 'Import course' }).waitFor();
    expect(await page.getByLabel('Course language').inputValue()).toBe('en');
    await bothLanguages(page, 'list', 'নতুন কোর্স');
  });

  it('lets the admin write a course: a Markdown lesson with a live preview and a quiz', async () => {
    const page = adminPage;
    await page.getByRole('link', { name: 'New course' }).click();
    await page.waitForURL(/\/academy\/courses\/new$/);
    await page.getByRole('heading', { name: 'New course', level: 1 }).waitFor();
    await bothLanguages(page, 'new', 'কোর্স তৈরি করুন');
    await page.getByLabel('Title', { exact: true }).fill(COURSE);
    await page.getByLabel('Summary').fill('Hear what people say about you, and answer well.');
    await page.getByLabel('Social listening').check();
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.waitForURL(/\/academy\/courses\/[^/]+\/edit$/);
    courseId = page.url().split('/').at(-2)!;
    await page.getByRole('heading', { name: COURSE, level: 1 }).waitFor();

    await page.getByLabel('New module title').fill('First steps');
    await page.getByRole('button', { name: 'Add module' }).click();
    const newItem = page.getByLabel('Title of a new lesson or quiz in First steps');
    await newItem.fill(LESSON);
    await page.getByRole('button', { name: 'Add lesson' }).click();
    const editor = page.getByTestId('lesson-editor');
    await editor.getByRole('heading', { name: 'Edit lesson' }).waitFor();
    lessonId = new URL(page.url()).searchParams.get('lesson')!;
    const markdown = [
      `# ${LESSON}`,
      '',
      '## Hear the room',
      '',
      'People talk about you when you are **not** in the conversation. <b>Raw HTML stays text.</b>',
      '',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    ].join('\n');
    await editor.getByLabel('Lesson text (Markdown)').fill(markdown);
    const preview = editor.getByTestId('markdown-preview');
    await preview.getByRole('heading', { name: 'Hear the room', level: 2 }).waitFor();
    expect(await preview.locator('strong').first().textContent()).toBe('not');
    expect(await preview.textContent()).toContain('<b>Raw HTML stays text.</b>');
    await preview.getByRole('link', { name: /Watch the video/ }).waitFor();
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.getByText('Saved.').waitFor();

    await newItem.fill(QUIZ);
    await page.getByRole('button', { name: 'Add quiz' }).click();
    await editor.getByRole('heading', { name: 'Edit quiz' }).waitFor();
    quizId = new URL(page.url()).searchParams.get('lesson')!;
    expect(quizId).not.toBe(lessonId);

    await editor.getByRole('button', { name: 'Add question' }).click();
    const first = editor.getByTestId('question-editor').nth(0);
    await first
      .getByLabel('Question', { exact: true })
      .fill('Where do people talk about a brand most openly?');
    await first.getByLabel('Option A', { exact: true }).fill('Where the brand is not tagged');
    await first.getByLabel('Why option A is right or wrong').fill('Untagged talk is the most honest.');
    await first.getByLabel('Option B', { exact: true }).fill('Only in replies to the brand');
    await first.getByLabel('Why option B is right or wrong').fill('Replies are only a small part.');
    await first.getByTestId('option-editor').nth(0).getByLabel('Correct').check();

    await editor.getByRole('button', { name: 'Add question' }).click();
    const second = editor.getByTestId('question-editor').nth(1);
    await second.getByLabel('Question', { exact: true }).fill('Which are listening sources? (choose all)');
    await second.getByLabel('Answer type').selectOption('multiple');
    await second.getByRole('button', { name: 'Add option' }).click();
    for (const [letter, text, why] of [
      ['A', 'Mentions', 'Mentions count.'],
      ['B', 'Reviews', 'Reviews count too.'],
      ['C', 'Your own drafts', 'Drafts are not what others say.'],
    ]) {
      await second.getByLabel(`Option ${letter}`, { exact: true }).fill(text!);
      await second.getByLabel(`Why option ${letter} is right or wrong`).fill(why!);
    }
    await second.getByTestId('option-editor').nth(0).getByLabel('Correct').check();
    await second.getByTestId('option-editor').nth(1).getByLabel('Correct').check();
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.getByText('Saved.').waitFor();
    await bothLanguages(page, 'editor-quiz', 'কুইজ সম্পাদনা');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page
      .getByTestId('course-status')
      .getByText(/^Published/)
      .waitFor();
    await page
      .getByTestId('editor-lesson')
      .filter({ hasText: LESSON })
      .locator('.editor-lesson-select')
      .click();
    await editor.getByRole('heading', { name: 'Edit lesson' }).waitFor();
    await editor.getByTestId('markdown-preview').getByRole('heading', { name: 'Hear the room' }).waitFor();
    await bothLanguages(page, 'editor-lesson', 'পাঠ সম্পাদনা');

    // On a narrow screen, writing and the preview are tabs.
    await page.setViewportSize({ width: 700, height: 900 });
    await editor.getByRole('button', { name: 'Preview', exact: true }).click();
    await editor.getByTestId('markdown-preview').getByRole('heading', { name: 'Hear the room' }).waitFor();
    expect(await editor.getByLabel('Lesson text (Markdown)').isVisible()).toBe(false);
    await expectAccessible(page);
    await saveScreenshot(page, 'academy-courses-editor-narrow-en');
    await page.setViewportSize({ width: 1440, height: 960 });
  });

  it('lets a member read the lesson and pass the quiz, seeing why each answer is right or wrong', async () => {
    const page = memberPage;
    // A page in the background gets no animation frames; the member's window comes to the front.
    await page.bringToFront();
    await page.goto(courses());
    const card = page.getByTestId('course-card').filter({ hasText: COURSE });
    await card.waitFor();
    expect(await card.textContent()).not.toContain('Draft');
    await card.getByRole('link', { name: `Start: ${COURSE}` }).click();
    await page.waitForURL(new RegExp(`/courses/${courseId}/lessons/${lessonId}$`));
    await page.getByRole('heading', { name: LESSON, level: 1 }).waitFor();
    const body = page.getByTestId('lesson-body');
    await body.getByRole('heading', { name: 'Hear the room', level: 2 }).waitFor();
    const video = body.getByRole('link', { name: /Watch the video/ });
    expect(await video.getAttribute('href')).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    expect(await body.locator('b').count()).toBe(0);
    await bothLanguages(page, 'lesson', 'ভিডিওটি দেখুন');

    await page.getByRole('button', { name: 'Mark as done' }).click();
    await page.getByTestId('lesson-done').waitFor();
    await page.getByRole('link', { name: /Next lesson/ }).click();
    await page.waitForURL(new RegExp(`/lessons/${quizId}$`));
    await page.getByRole('heading', { name: QUIZ, level: 1 }).waitFor();
    await bothLanguages(page, 'quiz', 'আমার উত্তর মিলিয়ে দেখুন');

    const questions = page.getByTestId('quiz-question');
    await questions.nth(0).getByLabel('Where the brand is not tagged').check();
    await questions.nth(1).getByLabel('Mentions').check();
    await questions.nth(1).getByLabel('Reviews').check();
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByTestId('quiz-score').getByText('2 of 2 right (100%).').waitFor();
    expect(await page.getByTestId('quiz-verdict').allTextContents()).toEqual(['Right', 'Right']);
    const explanations = await page.getByTestId('quiz-explanation').allTextContents();
    expect(explanations).toEqual([
      'Untagged talk is the most honest.',
      'Replies are only a small part.',
      'Mentions count.',
      'Reviews count too.',
      'Drafts are not what others say.',
    ]);
    await bothLanguages(page, 'quiz-results', 'পাস করেছেন');
  });

  it('brings the member back to where they left off with "Resume"', async () => {
    const page = memberPage;
    await page.goto(courses());
    const card = page.getByTestId('course-card').filter({ hasText: COURSE });
    await card.getByText('100% done').waitFor();
    expect(await card.getByTestId('course-resume').getAttribute('href')).toMatch(
      new RegExp(`/lessons/${quizId}$`),
    );
    await card.getByRole('link', { name: COURSE, exact: true }).click();
    await page.waitForURL(new RegExp(`/courses/${courseId}$`));
    await page.getByRole('heading', { name: COURSE, level: 1 }).waitFor();
    expect(await page.locator('[data-testid="course-lesson"][data-done="true"]').count()).toBe(2);
    await bothLanguages(page, 'course', 'সব কোর্স');

    // Back to the first lesson, then away: the course resumes there.
    await page.goto(`${courses()}/${courseId}/lessons/${lessonId}`);
    await page.getByRole('heading', { name: LESSON, level: 1 }).waitFor();
    await page.goto(courses());
    await page
      .getByTestId('course-card')
      .filter({ hasText: COURSE })
      .getByRole('link', { name: `Review: ${COURSE}` })
      .click();
    await page.waitForURL(new RegExp(`/lessons/${lessonId}$`));
    await page.getByRole('heading', { name: LESSON, level: 1 }).waitFor();
  });

  it('exports the course as a zip and imports it back unchanged', async () => {
    const exported = await adminPage.request.get(`${app.url}/api/academy/courses/${courseId}/export`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toBe('application/zip');
    const zip = await exported.body();
    const files = unzipText(zip);
    const folder = Object.keys(files)[0]!.split('/')[0]!;
    expect(Object.keys(files).sort()).toEqual([
      `${folder}/course.json`,
      `${folder}/lessons/01-why-we-listen.md`,
    ]);
    const course = JSON.parse(files[`${folder}/course.json`]!);
    expect(course).toMatchObject({ title: COURSE, language: 'en', skills: ['listening'] });
    expect(
      course.modules[0].items[1].questions[1].options.map((o: { correct: boolean }) => o.correct),
    ).toEqual([true, true, false]);

    const imported = await adminPage.request.post(
      `${app.url}/api/workspaces/${workspaceId}/academy/courses/import`,
      {
        headers: { 'content-type': 'application/zip' },
        data: zip,
      },
    );
    expect(imported.status(), await imported.text()).toBe(200);
    expect(await imported.json()).toMatchObject({ id: courseId, created: false, status: 'published' });
    const again = await adminPage.request.get(`${app.url}/api/academy/courses/${courseId}/export`);
    expect(unzipText(await again.body())).toEqual(files);

    // The member's progress survives the import.
    const detail = await memberPage.request.get(`${app.url}/api/academy/courses/${courseId}`);
    expect((await detail.json()).progressPercent).toBe(100);
  });
});
