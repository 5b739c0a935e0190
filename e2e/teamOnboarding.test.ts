// The first-day journey in a real browser against the real server: setup, sign-in, inviting a teammate by link,
// their sign-up, switching to Bengali and signing out, with accessibility checks and screenshots along the way.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from './appProcess.ts';
import { launchChromium, saveScreenshot, seriousAccessibilityProblems } from './browser.ts';

const owner = { name: 'Nusrat Jahan', email: 'nusrat@example.org', password: 'correct horse battery' };
const teammate = { name: 'Arif Hossain', email: 'arif@example.org', password: 'staple paper clips' };
const workspaceName = 'Dhaka Daily Desk';

const BENGALI_NAV = ['স্ট্রিম', 'প্রকাশক', 'ইনবক্স', 'বিশ্লেষণ', 'একাডেমি', 'সেটিংস'];
const BENGALI_DIGIT = /[০-৯]/;

describe('team onboarding in the browser', { timeout: 60_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let ownerContext: BrowserContext;
  let teammateContext: BrowserContext;
  let ownerPage: Page;
  let teammatePage: Page;
  let invitationLink = '';

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
    ownerContext = await browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'en-GB' });
    teammateContext = await browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'en-GB' });
    ownerPage = await ownerContext.newPage();
    teammatePage = await teammateContext.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function expectAccessible(page: Page) {
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  }

  async function chooseLanguage(page: Page, locale: 'en' | 'bn') {
    await page.getByTestId(`language-${locale}`).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  }

  async function signOut(page: Page) {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in$/);
  }

  it('sends a fresh instance to setup, where the owner creates the first workspace', async () => {
    const page = ownerPage;
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/setup$/);
    await page.getByRole('heading', { name: 'Set up Kolorob' }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'setup-en');
    await chooseLanguage(page, 'bn');
    await page.getByRole('heading', { name: 'Kolorob চালু করুন' }).waitFor();
    await saveScreenshot(page, 'setup-bn');
    await chooseLanguage(page, 'en');

    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(owner.password);
    await page.getByLabel('Workspace name').fill(workspaceName);
    await page.getByRole('button', { name: 'Create account and workspace' }).click();

    await page.waitForURL(/\/w\/[^/]+\/streams(\?.*)?$/);
    await page.getByRole('heading', { name: 'Streams', level: 1 }).waitFor();
    await expect(page.getByTestId('workspace-switcher').textContent()).resolves.toContain(workspaceName);
    await expectAccessible(page);
    await saveScreenshot(page, 'shell-en');
  });

  it('signs the owner out and back in', async () => {
    const page = ownerPage;
    await signOut(page);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'sign-in-en');
    await chooseLanguage(page, 'bn');
    await saveScreenshot(page, 'sign-in-bn');
    await chooseLanguage(page, 'en');

    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/\w/);

    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/w\/[^/]+\/streams(\?.*)?$/);
  });

  it('lets the owner create an invitation link on the members page', async () => {
    const page = ownerPage;
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.waitForURL(/\/settings\/members$/);
    await page.getByTestId('member-row').first().waitFor();
    expect(await page.getByTestId('member-row').count()).toBe(1);
    await expect(page.getByTestId('member-count').textContent()).resolves.toBe('1 member');

    await page.getByLabel('Role', { exact: true }).selectOption('editor');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const linkField = page.getByTestId('invitation-link');
    await linkField.waitFor();
    invitationLink = await linkField.inputValue();
    expect(invitationLink).toMatch(/\/invite\/[^/]+$/);
    await page.getByTestId('invitation-row').first().waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'members-en');
  });

  it('lets the invited person open the link in another browser and create their account', async () => {
    const page = teammatePage;
    await page.goto(invitationLink);
    const summary = page.getByTestId('invitation-summary');
    await summary.waitFor();
    const text = await summary.textContent();
    expect(text).toContain(workspaceName);
    expect(text).toContain(owner.name);
    expect(text).toContain('Editor');
    await expectAccessible(page);
    await saveScreenshot(page, 'invite-en');
    await chooseLanguage(page, 'bn');
    await expect(summary.textContent()).resolves.toContain('সম্পাদক');
    await saveScreenshot(page, 'invite-bn');
    await chooseLanguage(page, 'en');

    await page.getByLabel('Your name').fill(teammate.name);
    await page.getByLabel('Email address').fill(teammate.email);
    await page.getByLabel('Password').fill(teammate.password);
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await page.waitForURL(/\/w\/[^/]+\/streams(\?.*)?$/);
    await expect(page.getByTestId('workspace-switcher').textContent()).resolves.toContain(workspaceName);
  });

  it('switches the new member to Bengali and remembers it on their account', async () => {
    const page = teammatePage;
    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/api/me') && response.request().method() === 'PATCH',
    );
    await chooseLanguage(page, 'bn');
    expect((await saved).status()).toBe(200);

    const nav = page.getByTestId('main-nav');
    for (const label of BENGALI_NAV) await nav.getByRole('link', { name: label }).waitFor();
    await page.getByRole('heading', { name: 'স্ট্রিম' }).waitFor();

    // Without the browser's own note of the choice, the account alone must bring Bengali back.
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await nav.getByRole('link', { name: 'সেটিংস' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('bn');
    await expectAccessible(page);
    await saveScreenshot(page, 'shell-bn');

    await nav.getByRole('link', { name: 'সেটিংস' }).click();
    await page.waitForURL(/\/settings\/members$/);
    await page.getByTestId('member-row').nth(1).waitFor();
    await expect(page.getByTestId('member-count').textContent()).resolves.toBe('২ জন সদস্য');
    const joined = await page.getByTestId('member-row').first().locator('td').nth(2).textContent();
    expect(joined).toMatch(BENGALI_DIGIT);
    // An editor sees the members but cannot manage them.
    expect(await page.getByRole('button', { name: 'আমন্ত্রণ তৈরি করুন' }).count()).toBe(0);
    await expectAccessible(page);
    await saveScreenshot(page, 'members-bn');
  });

  it('shows the owner the new member, in Bengali too', async () => {
    const page = ownerPage;
    await page.reload();
    await page.getByTestId('member-row').nth(1).waitFor();
    await expect(page.getByTestId('member-count').textContent()).resolves.toBe('2 members');
    await chooseLanguage(page, 'bn');
    await expect(page.getByTestId('member-count').textContent()).resolves.toBe('২ জন সদস্য');
    await expectAccessible(page);
    await saveScreenshot(page, 'members-owner-bn');
    await chooseLanguage(page, 'en');
  });

  it('signs the new member out', async () => {
    const page = teammatePage;
    await signOut(page);
    await page.getByRole('heading', { name: 'সাইন ইন' }).waitFor();
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/sign-in$/);
  });

  it('lets the new member reset a forgotten password from the emailed link', async () => {
    const page = teammatePage;
    await page.getByRole('link', { name: 'পাসওয়ার্ড ভুলে গেছেন?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await chooseLanguage(page, 'en');
    await page.getByLabel('Email address').fill(teammate.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').waitFor();

    // Without SMTP the server writes the email to its log, which is where the link is read from.
    const line = await app.waitForLogLine(/reset-password\?token=/);
    const link = line.match(/https?:\/\/[^\s"\\]+\/reset-password\?token=[\w-]+/)?.[0];
    expect(link).toBeDefined();
    await page.goto(link ?? '');
    await page.getByLabel('New password').fill('a brand new password');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await page.waitForURL(/\/w\/[^/]+\/streams(\?.*)?$/);
    // Signing in brings back the language saved on the account.
    await page.getByTestId('main-nav').getByRole('link', { name: 'স্ট্রিম' }).waitFor();
  });
});
