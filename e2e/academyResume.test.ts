// The resume builder and the demo form in the browser: the owner fills in their profile (positions added,
// moved and removed, skills as chips), saves it and downloads PDFs in English and Bengali whose text is read
// back; a visitor who is not signed in asks for a demo, is told to wait after too many requests, and the
// owner finds the request in Settings → Demo requests. Every page is checked with axe and photographed in
// English and Bengali.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfToText } from '../src/testing/pdfTools.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { chooseLanguage, expectAccessible, launchChromium, saveScreenshot } from './browser.ts';
import { setUpInstance } from './journeySteps.ts';

const owner = { name: 'Rumana Akter', email: 'rumana@example.org', password: 'correct horse battery' };
const BENGALI_LINE = 'ঢাকার একটি সংবাদমাধ্যমের সামাজিক যোগাযোগ মাধ্যম পরিচালনা করেছি';
const words = (text: string) => text.replace(/\s+/g, ' ');

describe('resume builder and demo requests in the browser', { timeout: 120_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let page: Page;
  let visitorContext: BrowserContext;
  let visitor: Page;
  let workspaceId: string;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchChromium(), startApp()]);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Asia/Dhaka',
      acceptDownloads: true,
    });
    page = await context.newPage();
    visitorContext = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
    visitor = await visitorContext.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const position = (index: number) => page.getByTestId('experience-item').nth(index);

  it('fills in the profile: positions added, moved and removed, education and skills, then saves it', async () => {
    workspaceId = await setUpInstance(page, app.url, owner, 'Padma Desk');
    await page.goto(`${app.url}/w/${workspaceId}/academy/resume`);
    await page.getByRole('heading', { level: 1, name: 'Resume' }).waitFor();
    // Before the first save the account's email stands in as the contact.
    expect(await page.getByLabel('Contact details').inputValue()).toBe(owner.email);
    expect(await page.getByRole('button', { name: 'Download PDF' }).isDisabled()).toBe(true);

    await page.getByLabel('Headline').fill('Social media manager');
    await page.getByLabel('Location').fill('Dhaka, Bangladesh');
    await page.getByLabel('Contact details').fill(`${owner.email}\n+880 1711 000000`);
    await page.getByLabel('Summary').fill('Eight years of running social channels for newsrooms in Dhaka.');

    await page.getByRole('button', { name: 'Add a position' }).click();
    await position(0).getByLabel('Role').fill('Community manager');
    await position(0).getByLabel('Organisation').fill('Jamuna Foundation');
    await position(0).getByLabel('Started').fill('2017-01');
    await position(0).getByLabel('Ended').fill('2021-02');
    await page.getByRole('button', { name: 'Add a position' }).click();
    await position(1).getByLabel('Role').fill('Head of social media');
    await position(1).getByLabel('Organisation').fill('Padma News');
    await position(1).getByLabel('Started').fill('2021-03');
    await position(1).getByLabel('I work here now').check();
    expect(await position(1).getByLabel('Ended').count()).toBe(0);
    await position(1).getByLabel('What you did').fill(BENGALI_LINE);
    await page.getByRole('button', { name: 'Add a position' }).click();
    await position(2).getByLabel('Role').fill('Intern');
    await page.getByRole('button', { name: 'Remove: Position 3' }).click();
    expect(await page.getByTestId('experience-item').count()).toBe(2);
    await page.getByRole('button', { name: 'Move up: Position 2' }).click();
    expect(await position(0).getByLabel('Role').inputValue()).toBe('Head of social media');
    expect(await position(1).getByLabel('Role').inputValue()).toBe('Community manager');

    await page.getByRole('button', { name: 'Add a course' }).click();
    const course = page.getByTestId('education-item').first();
    await course.getByLabel('Course or degree').fill('BSS in Mass Communication');
    await course.getByLabel('Institution').fill('University of Dhaka');
    await course.getByLabel('Year').fill('2016');

    const skill = page.getByLabel('Add a skill');
    await skill.fill('Content planning');
    await skill.press('Enter');
    await skill.fill('কমিউনিটি ব্যবস্থাপনা');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await skill.fill('Typing');
    await skill.press('Enter');
    await page.getByRole('button', { name: 'Remove Typing' }).click();
    expect(await page.getByTestId('skill-chip').allTextContents()).toEqual([
      'Content planning',
      'কমিউনিটি ব্যবস্থাপনা',
    ]);

    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Your profile is saved.').waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'resume-page-en');

    // What was saved comes back after a reload, in the order it was arranged.
    await page.reload();
    await position(0).waitFor();
    expect(await position(0).getByLabel('Role').inputValue()).toBe('Head of social media');
    expect(await position(0).getByLabel('I work here now').isChecked()).toBe(true);
    expect(await position(1).getByLabel('Ended').inputValue()).toBe('2021-02');
    expect(await page.getByTestId('skill-chip').count()).toBe(2);
    expect(await page.getByText('You have no certificates yet.').count()).toBe(1);
  });

  it('says what is wrong beside the field when the server refuses', async () => {
    await position(1).getByLabel('Ended').fill('2016-05');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await position(1).getByText('The end cannot be before the start.').waitFor();
    expect(await position(1).getByLabel('Ended').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await position(1).getByLabel('Ended').fill('2021-02');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Your profile is saved.').waitFor();
  });

  async function download(template: string, language: 'English' | 'বাংলা') {
    await page.getByTestId(`template-${template}`).click();
    await page.getByRole('radio', { name: language }).check();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download PDF|PDF নামিয়ে নিন/ }).click(),
    ]);
    return { name: file.suggestedFilename(), text: words(await pdfToText(readFileSync(await file.path()))) };
  }

  it('downloads the resume as a PDF in English and in Bengali', async () => {
    const english = await download('modern', 'English');
    expect(english.name).toBe('rumana-akter-resume-modern-en.pdf');
    expect(english.text).toContain(owner.name);
    expect(english.text).toContain(BENGALI_LINE);
    expect(english.text).toContain('Mar 2021 – Present');
    expect(english.text.toUpperCase()).toContain('EXPERIENCE');

    const bengali = await download('compact', 'বাংলা');
    expect(bengali.name).toBe('rumana-akter-resume-compact-bn.pdf');
    expect(bengali.text).toContain(owner.name);
    expect(bengali.text).toContain(BENGALI_LINE);
    expect(bengali.text).toContain('অভিজ্ঞতা');
    expect(bengali.text).toContain('মার্চ ২০২১ – বর্তমান');
    expect(bengali.text).toContain('কমিউনিটি ব্যবস্থাপনা');
  });

  it('shows the builder in Bengali', async () => {
    await chooseLanguage(page, 'bn');
    await page.getByRole('heading', { level: 1, name: 'জীবনবৃত্তান্ত' }).waitFor();
    expect(await page.getByRole('heading', { name: 'অভিজ্ঞতা' }).count()).toBe(1);
    expect(await position(0).locator('legend').textContent()).toBe('পদ ১');
    await expectAccessible(page);
    await saveScreenshot(page, 'resume-page-bn');
    await chooseLanguage(page, 'en');
  });

  it('lets a visitor who is not signed in ask for a demo', async () => {
    await visitor.goto(`${app.url}/demo`);
    await visitor.getByRole('heading', { level: 1, name: 'Ask for a demo' }).waitFor();
    // The robot trap is out of sight, out of the tab order and hidden from screen readers.
    const trap = visitor.locator('input[name="website"]');
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    expect(await trap.getAttribute('autocomplete')).toBe('off');
    expect(await trap.evaluate((input) => input.closest('[aria-hidden="true"]') !== null)).toBe(true);
    const box = await trap.boundingBox();
    expect(box === null || box.x + box.width <= 0).toBe(true);
    await expectAccessible(visitor);
    await saveScreenshot(visitor, 'demo-request-en');
    await chooseLanguage(visitor, 'bn');
    await visitor.getByRole('heading', { level: 1, name: 'ডেমোর জন্য অনুরোধ করুন' }).waitFor();
    await expectAccessible(visitor);
    await saveScreenshot(visitor, 'demo-request-bn');
    await chooseLanguage(visitor, 'en');

    await visitor.getByRole('button', { name: 'Ask for a demo' }).click();
    await visitor.getByText('Choose the size of your team.').waitFor();

    await visitor.getByLabel('Your name').fill('Tanvir Hasan');
    await visitor.getByLabel('Work email').fill('tanvir@meghna.example');
    await visitor.getByLabel('Company or organisation').fill('Meghna Foods');
    await visitor.getByLabel('Team size').selectOption('11-50');
    await visitor.getByLabel('What would you like to see? (optional)').fill('Scheduling for three brands.');
    await visitor.getByRole('button', { name: 'Ask for a demo' }).click();
    await visitor.getByTestId('demo-request-sent').waitFor();
    expect(await visitor.getByTestId('demo-request-sent').textContent()).toContain('tanvir@meghna.example');
    await expectAccessible(visitor);
    await saveScreenshot(visitor, 'demo-request-sent-en');
  });

  it('tells the visitor when to try again after too many requests from one address', async () => {
    for (let i = 0; i < 4; i += 1) {
      const response = await visitor.request.post(`${app.url}/api/demo-requests`, {
        data: { name: 'Tanvir Hasan', email: 'tanvir@meghna.example', company: `Try ${i}`, teamSize: '1' },
      });
      expect(response.status()).toBe(202);
    }
    await visitor.getByRole('button', { name: 'Send another request' }).click();
    await visitor.getByLabel('Your name').fill('Tanvir Hasan');
    await visitor.getByLabel('Work email').fill('tanvir@meghna.example');
    await visitor.getByLabel('Company or organisation').fill('Meghna Foods');
    await visitor.getByLabel('Team size').selectOption('1');
    await visitor.getByRole('button', { name: 'Ask for a demo' }).click();
    const alert = visitor.getByTestId('demo-too-many');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Please try again in (59|60) minutes\./);
    await expectAccessible(visitor);
  });

  it('shows the request to the owner in Settings → Demo requests', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/settings/members`);
    await page.getByTestId('settings-nav').getByRole('link', { name: 'Demo requests' }).click();
    await page.waitForURL(/\/settings\/demo-requests$/);
    const rows = page.getByTestId('demo-request-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(5);
    const meghna = rows.filter({ hasText: 'Meghna Foods' });
    expect(await meghna.count()).toBe(1);
    expect(await meghna.textContent()).toContain('tanvir@meghna.example');
    expect(await meghna.textContent()).toContain('11–50 people');
    expect(await meghna.textContent()).toContain('Scheduling for three brands.');
    expect(await page.getByText('Try 3').count()).toBe(1);
    await expectAccessible(page);
    await saveScreenshot(page, 'demo-requests-en');
    await chooseLanguage(page, 'bn');
    await page.getByRole('heading', { level: 1, name: 'ডেমোর অনুরোধ' }).waitFor();
    expect(await meghna.textContent()).toContain('১১–৫০ জন');
    await expectAccessible(page);
    await saveScreenshot(page, 'demo-requests-bn');
    await chooseLanguage(page, 'en');
  });

  it('explains that requests arrive in the first workspace when another workspace is open', async () => {
    const created = await page.request.post(`${app.url}/api/workspaces`, { data: { name: 'Second Desk' } });
    expect(created.status()).toBe(201);
    const other = (await created.json()).id;
    await page.goto(`${app.url}/w/${other}/settings/demo-requests`);
    await page.getByTestId('demo-requests-elsewhere').waitFor();
    expect(await page.getByTestId('demo-request-row').count()).toBe(0);
    await expectAccessible(page);
  });
});
