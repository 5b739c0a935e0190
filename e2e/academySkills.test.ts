// The skills self-assessment in the browser: taking it with the mouse and the keyboard, refusing a
// statement left out, the radar chart and scores, a retake with the change since the first result and the
// chart over time, the learning path from the starter courses, in English and in Bengali, checked by axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKILL_QUESTIONS } from '../src/core/academy/skills.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { chooseLanguage, expectAccessible, launchChromium, saveScreenshot } from './browser.ts';
import { setUpInstance } from './journeySteps.ts';

const owner = { name: 'Rumana Chowdhury', email: 'rumana@example.org', password: 'correct horse battery' };

/** A rating per skill; every statement of the skill gets it. */
type Ratings = Record<string, number>;
const FIRST: Ratings = { crisis: 1, analytics: 2 };
const SECOND: Ratings = { crisis: 3, analytics: 4 };
const OTHERWISE = 4;
const rating = (ratings: Ratings, skill: string) => ratings[skill] ?? OTHERWISE;

interface PathStep {
  course: { id: string; title: string; language: string };
  reason: { skill: string; score: number; lowest: boolean };
}

describe('the skills self-assessment in the browser', { timeout: 180_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchChromium(), startApp()]);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Asia/Dhaka',
    });
    page = await context.newPage();
    workspaceId = await setUpInstance(page, app.url, owner, 'Jamuna Digital');
    // The first listing of the workspace's courses adds the starter courses the learning path draws on.
    const listed = await page.request.get(`${app.url}/api/workspaces/${workspaceId}/academy/courses`);
    expect(listed.status(), await listed.text()).toBe(200);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const statement = (id: string) => page.locator(`[data-question-id="${id}"]`);
  /** The radio for a rating, named by its number and word, such as "4 Well". */
  const radio = (id: string, value: number) =>
    statement(id).getByRole('radio', { name: new RegExp(`^${value} `) });
  const scoreRow = (skill: string) => page.getByTestId('skills-scores').locator(`tr[data-skill="${skill}"]`);

  async function learningPathFromApi(language: 'en' | 'bn'): Promise<PathStep[]> {
    const response = await page.request.get(
      `${app.url}/api/workspaces/${workspaceId}/academy/skills/learning-path?language=${language}`,
    );
    expect(response.status()).toBe(200);
    return (await response.json()).steps;
  }

  async function expectLearningPathShown(language: 'en' | 'bn') {
    const steps = await learningPathFromApi(language);
    expect(steps.length).toBeGreaterThan(0);
    const cards = page.getByTestId('skills-path-course');
    await expect.poll(() => cards.count()).toBe(steps.length);
    for (const [index, step] of steps.entries()) {
      const link = cards.nth(index).getByRole('link', { name: step.course.title });
      expect(await link.getAttribute('href')).toBe(`/w/${workspaceId}/academy/courses/${step.course.id}`);
    }
    return steps;
  }

  it('starts with an introduction and a button to take the assessment', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/academy/skills`);
    await page.getByRole('heading', { name: 'Skills self-assessment', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'See where you stand', level: 2 }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Take the assessment' }).click();
    await page.getByRole('heading', { name: 'Your self-assessment', level: 2 }).waitFor();
    await expect(page.getByTestId('skills-progress').textContent()).resolves.toBe('0 of 28 answered');
    await expectAccessible(page);
  });

  it('rates with the mouse and the keyboard, and names a statement left out', async () => {
    const last = SKILL_QUESTIONS.at(-1)!;
    for (const question of SKILL_QUESTIONS.slice(0, -1)) {
      const value = rating(FIRST, question.skill);
      if (question.id === 'content-calendar') {
        // Keyboard: the first radio takes focus, the arrow keys move the choice along the scale.
        await statement(question.id).getByRole('radio').first().focus();
        await page.keyboard.press('Space');
        for (let step = 1; step < value; step += 1) await page.keyboard.press('ArrowRight');
      } else {
        await radio(question.id, value).check();
      }
      expect(await radio(question.id, value).isChecked()).toBe(true);
    }
    await expect(page.getByTestId('skills-progress').textContent()).resolves.toBe('27 of 28 answered');
    await page.getByRole('button', { name: 'See my result' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'One statement has no rating yet: “I can turn what people say online into insights',
    );
    await statement(last.id).getByText('Choose a rating from 1 to 5.').waitFor();
    // The first statement without a rating takes the focus.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      last.id,
    );
    await expectAccessible(page);
    await saveScreenshot(page, 'academy-skills-questionnaire-missing-en', {
      at: statement(last.id),
      block: 'center',
    });
    await statement(last.id)
      .getByRole('radio', { name: `${OTHERWISE} Well` })
      .check();
    await expect(page.getByTestId('skills-progress').textContent()).resolves.toBe('28 of 28 answered');
  });

  it('shows the result as a radar chart with its scores, and a learning path for the weakest skills', async () => {
    await page.getByRole('button', { name: 'See my result' }).click();
    const result = page.getByTestId('skills-result');
    await result.getByRole('heading', { name: 'Your result' }).waitFor();
    const radar = result.getByRole('img', { name: /Radar chart of your skill scores/ });
    await radar.waitFor();
    await expect.poll(() => radar.locator('svg path').count()).toBeGreaterThan(5);
    // Crisis rated 1 everywhere → 0; analytics 2 → 25; the rest 4 → 75.
    await expect(scoreRow('crisis').locator('td').textContent()).resolves.toBe('0');
    await expect(scoreRow('analytics').locator('td').textContent()).resolves.toBe('25');
    await expect(scoreRow('brand').locator('td').textContent()).resolves.toBe('75');
    await expect(page.getByTestId('skills-history').count()).resolves.toBe(0);

    const steps = await expectLearningPathShown('en');
    expect(steps[0]!.reason).toEqual({ skill: 'crisis', score: 0, lowest: true });
    expect(steps[0]!.course.title).toBe('Crisis communication on social media');
    const first = page.getByTestId('skills-path-course').first();
    await expect(first.textContent()).resolves.toContain('For crisis communication, your lowest skill (0)');
    expect(steps.some((s) => s.reason.skill === 'analytics')).toBe(true);
    await expectAccessible(page);
    await page.waitForTimeout(600);
    await saveScreenshot(page, 'academy-skills-first-result-en');
  });

  it('retakes from the last ratings and shows the change and each skill over time', async () => {
    await page.getByRole('button', { name: 'Take it again' }).click();
    await page.getByText('Your ratings from last time are filled in.').waitFor();
    await expect(page.getByTestId('skills-progress').textContent()).resolves.toBe('28 of 28 answered');
    for (const question of SKILL_QUESTIONS) {
      const before = rating(FIRST, question.skill);
      const after = rating(SECOND, question.skill);
      expect(await radio(question.id, before).isChecked()).toBe(true);
      if (after !== before) await radio(question.id, after).check();
    }
    await expectAccessible(page);
    await page.getByRole('button', { name: 'See my result' }).click();

    const result = page.getByTestId('skills-result');
    await result.getByRole('img', { name: /latest skill scores over your previous ones/ }).waitFor();
    await expect(scoreRow('crisis').locator('td').first().textContent()).resolves.toBe('50');
    await expect(scoreRow('crisis').getByTestId('skills-change').textContent()).resolves.toBe('+50');
    await expect(scoreRow('analytics').getByTestId('skills-change').textContent()).resolves.toBe('+50');
    await expect(scoreRow('brand').getByTestId('skills-change').textContent()).resolves.toBe('±0');
    // The radar shows both results, named in its legend.
    await result
      .locator('svg')
      .getByText(/^Previous \(/)
      .waitFor();

    const history = page.getByTestId('skills-history');
    await history.getByRole('heading', { name: 'Over time' }).waitFor();
    await history.getByRole('img', { name: /Line chart of each skill over your 2 results/ }).waitFor();
    const crisisRow = history.getByRole('row', { name: /Crisis communication/ });
    await expect(crisisRow.locator('td').allTextContents()).resolves.toEqual(['0', '50']);

    const steps = await expectLearningPathShown('en');
    // Only crisis communication is below 60 now.
    expect(steps.every((s) => s.reason.skill === 'crisis')).toBe(true);
    await expect(page.getByTestId('skills-path-course').first().textContent()).resolves.toContain(
      'For crisis communication, your lowest skill (50)',
    );
    await expectAccessible(page);
    await page.waitForTimeout(600);
    await saveScreenshot(page, 'academy-skills-retake-en');
  });

  it('reads in Bengali, with Bengali digits and Bengali courses first', async () => {
    await chooseLanguage(page, 'bn');
    await page.getByRole('heading', { name: 'দক্ষতার স্ব-মূল্যায়ন', level: 1 }).waitFor();
    await expect(scoreRow('crisis').getByTestId('skills-change').textContent()).resolves.toBe('+৫০');
    await expect(scoreRow('crisis').locator('td').first().textContent()).resolves.toBe('৫০');
    const steps = await expectLearningPathShown('bn');
    expect(steps[0]!.course.language).toBe('bn');
    await expect(page.getByTestId('skills-path-course').first().textContent()).resolves.toContain(
      'সংকটকালীন যোগাযোগ দক্ষতা বাড়াতে; এটি আপনার সবচেয়ে কম স্কোরের দক্ষতা (৫০)',
    );
    await page.getByTestId('skills-history').locator('svg').getByText('সংকটকালীন যোগাযোগ').first().waitFor();
    await expectAccessible(page);
    await page.waitForTimeout(600);
    await saveScreenshot(page, 'academy-skills-result-bn');

    await page.getByRole('button', { name: 'আবার যাচাই করুন' }).click();
    await page.getByRole('heading', { name: 'আপনার স্ব-মূল্যায়ন', level: 2 }).waitFor();
    await expect(page.getByTestId('skills-progress').textContent()).resolves.toBe(
      '২৮টির মধ্যে ২৮টির উত্তর দেওয়া হয়েছে',
    );
    await expectAccessible(page);
    await saveScreenshot(page, 'academy-skills-questionnaire-bn', {
      at: statement('crisis-holding'),
      block: 'center',
    });
    await page.getByRole('button', { name: 'বাতিল' }).click();
    await chooseLanguage(page, 'en');
  });
});
