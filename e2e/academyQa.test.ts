// Peer Q&A on a course page in the browser: the owner asks, a member reading Bengali answers, the owner
// marks the answer helpful, which then leads the thread with a badge; in English and Bengali, checked by axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from './appProcess.ts';
import { expectAccessible, launchChromium, saveScreenshot } from './browser.ts';
import { setUpInstance } from './journeySteps.ts';

const owner = { name: 'Nusrat Jahan', email: 'nusrat@example.org', password: 'correct horse battery' };
const member = { name: 'Arif Hossain', email: 'arif@example.org', password: 'another good passphrase' };
const QUESTION = 'How fast should the first statement go out?';
const OWN_NOTE = 'For context: our page has 40,000 followers in Chattogram.';
const ANSWER = 'প্রথম এক ঘণ্টার মধ্যে একটি ছোট, সৎ বিবৃতি দিন; পরে বিস্তারিত জানান।';

describe('questions and answers on a course page', { timeout: 180_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let ownerPage: Page;
  let memberPage: Page;
  let workspaceId: string;
  let courseUrl: string;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchChromium(), startApp()]);
    const contextOptions = {
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Asia/Dhaka',
    };
    ownerPage = await (await browser.newContext(contextOptions)).newPage();
    workspaceId = await setUpInstance(ownerPage, app.url, owner, 'Karnaphuli Media');
    // The first listing adds the starter courses; the questions go on the English crisis course.
    const listed = await ownerPage.request.get(`${app.url}/api/workspaces/${workspaceId}/academy/courses`);
    expect(listed.status(), await listed.text()).toBe(200);
    const { courses } = (await listed.json()) as {
      courses: { id: string; language: string; skills: string[] }[];
    };
    const course = courses.find((c) => c.language === 'en' && c.skills.includes('crisis'));
    expect(course).toBeDefined();
    courseUrl = `${app.url}/w/${workspaceId}/academy/courses/${course!.id}`;

    const invited = await ownerPage.request.post(`${app.url}/api/workspaces/${workspaceId}/invitations`, {
      data: { role: 'contributor' },
    });
    expect(invited.status()).toBe(201);
    const token = ((await invited.json()) as { link: string }).link.split('/invite/')[1];
    const memberContext = await browser.newContext(contextOptions);
    const accepted = await memberContext.request.post(`${app.url}/api/invitations/${token}/accept`, {
      data: { ...member, locale: 'bn' },
    });
    expect(accepted.status(), await accepted.text()).toBe(200);
    memberPage = await memberContext.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** The window scrolled so that the questions section starts at its top. */
  const screenshot = (page: Page, name: string) =>
    saveScreenshot(page, name, { at: page.getByTestId('course-questions'), block: 'start' });

  const section = (page: Page) => page.getByTestId('course-questions');
  const question = (page: Page) => section(page).getByTestId('qa-question').filter({ hasText: QUESTION });
  const answers = (page: Page) => question(page).getByTestId('qa-answer');

  it('asks a question, refusing one without a title', async () => {
    await ownerPage.goto(courseUrl);
    const qa = section(ownerPage);
    await qa.getByRole('heading', { name: 'Questions and answers', level: 2 }).waitFor();
    await qa.getByText('No questions yet. Ask the first one.').waitFor();
    await qa.getByRole('button', { name: 'Ask a question' }).click();
    await qa.getByRole('button', { name: 'Post question' }).click();
    await qa.getByText('Give the question a title.').waitFor();
    await expectAccessible(ownerPage);

    await qa.getByLabel('Your question').fill(QUESTION);
    await qa.getByLabel('Details (optional)').fill('A customer video about a late delivery is spreading.');
    await qa.getByRole('button', { name: 'Post question' }).click();
    // The new question opens, ready for answers.
    await question(ownerPage).getByRole('button', { name: QUESTION, expanded: true }).waitFor();
    await question(ownerPage).getByText('A customer video about a late delivery is spreading.').waitFor();
    await question(ownerPage).getByText('No answers yet. Share what you know.').waitFor();
    await question(ownerPage).getByLabel('Your answer').fill(OWN_NOTE);
    await question(ownerPage).getByRole('button', { name: 'Post answer' }).click();
    await expect.poll(() => answers(ownerPage).count()).toBe(1);
    await expect(question(ownerPage).locator('.qa-meta').first().textContent()).resolves.toContain(
      '1 answer',
    );
  });

  it('lets another member answer, in Bengali, without a helpful button', async () => {
    await memberPage.goto(courseUrl);
    const qa = section(memberPage);
    await qa.getByRole('heading', { name: 'প্রশ্ন ও উত্তর', level: 2 }).waitFor();
    await question(memberPage).getByText(`প্রশ্ন করেছেন ${owner.name}`).waitFor();
    await question(memberPage).getByRole('button', { name: QUESTION }).click();
    await expect.poll(() => answers(memberPage).count()).toBe(1);
    await question(memberPage).getByLabel('আপনার উত্তর').fill(ANSWER);
    await question(memberPage).getByRole('button', { name: 'উত্তর পাঠান' }).click();
    await expect.poll(() => answers(memberPage).count()).toBe(2);
    await expect(answers(memberPage).nth(1).textContent()).resolves.toContain(ANSWER);
    await expect(
      question(memberPage).getByRole('button', { name: 'সহায়ক হিসেবে চিহ্নিত করুন' }).count(),
    ).resolves.toBe(0);
    await expect(question(memberPage).locator('.qa-meta').first().textContent()).resolves.toContain(
      '২টি উত্তর',
    );
    await expectAccessible(memberPage);
    await screenshot(memberPage, 'academy-qa-answer-bn');
  });

  it('lets the asker mark the answer helpful, which then comes first with a badge', async () => {
    await ownerPage.reload();
    await question(ownerPage).getByRole('button', { name: QUESTION }).waitFor();
    if (
      (await question(ownerPage).getByRole('button', { name: QUESTION }).getAttribute('aria-expanded')) !==
      'true'
    ) {
      await question(ownerPage).getByRole('button', { name: QUESTION }).click();
    }
    await expect.poll(() => answers(ownerPage).count()).toBe(2);
    const theirs = answers(ownerPage).filter({ hasText: ANSWER });
    await expect(answers(ownerPage).first().textContent()).resolves.toContain(OWN_NOTE);
    const mark = theirs.getByRole('button', { name: 'Mark as helpful' });
    expect(await mark.getAttribute('aria-pressed')).toBe('false');
    await mark.click();
    await expect
      .poll(() => theirs.getByRole('button', { name: 'Mark as helpful' }).getAttribute('aria-pressed'))
      .toBe('true');
    await theirs.getByText('Helpful', { exact: true }).waitFor();
    await expect(answers(ownerPage).first().textContent()).resolves.toContain(ANSWER);
    await question(ownerPage).getByText('Answered helpfully').waitFor();
    await expectAccessible(ownerPage);
    await screenshot(ownerPage, 'academy-qa-helpful-en');

    // The member sees the badge too, in Bengali.
    await memberPage.reload();
    await question(memberPage).getByText('সহায়ক উত্তর আছে').waitFor();
  });

  it('takes the mark back', async () => {
    const theirs = answers(ownerPage).filter({ hasText: ANSWER });
    await theirs.getByRole('button', { name: 'Mark as helpful' }).click();
    await expect
      .poll(() => theirs.getByRole('button', { name: 'Mark as helpful' }).getAttribute('aria-pressed'))
      .toBe('false');
    await expect(answers(ownerPage).first().textContent()).resolves.toContain(OWN_NOTE);
    await expect(question(ownerPage).getByText('Answered helpfully').count()).resolves.toBe(0);
  });
});
