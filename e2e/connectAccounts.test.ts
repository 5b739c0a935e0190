// Connecting a Bluesky account in a real browser against the real server and a local AT Protocol
// network: setup, Settings → Accounts, the connect form with the PDS address under "Advanced", the
// account listed as connected, in English and Bengali, with accessibility checks and screenshots.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../src/testing/atprotoNetwork.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { launchChromium, saveScreenshot, seriousAccessibilityProblems } from './browser.ts';

const owner = { name: 'Tahmina Rahman', email: 'tahmina@example.org', password: 'correct horse battery' };

describe('connecting a Bluesky account in the browser', { timeout: 60_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let network: AtprotoNetwork;
  let bluesky: AtprotoAccount;
  let page: Page;

  beforeAll(async () => {
    [app, browser, network] = await Promise.all([
      // The local PDS listens on 127.0.0.1, which Kolorob refuses unless the operator allows it.
      startApp({ env: { KOLOROB_ALLOW_PRIVATE_FETCH: 'true' } }),
      launchChromium(),
      startAtprotoNetwork(),
    ]);
    bluesky = await network.createAccount('tahmina');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await network?.close();
  });

  async function expectAccessible() {
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  }

  async function chooseLanguage(locale: 'en' | 'bn') {
    await page.getByTestId(`language-${locale}`).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  }

  it('sets up the instance', async () => {
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/setup$/);
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(owner.password);
    await page.getByLabel('Workspace name').fill('Chattogram Desk');
    await page.getByRole('button', { name: 'Create account and workspace' }).click();
    await page.waitForURL(/\/w\/[^/]+\/streams(\?.*)?$/);
  });

  it('reaches Settings → Accounts from the navigation, with no accounts yet', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.waitForURL(/\/settings\/members$/);
    await page
      .getByRole('navigation', { name: 'Settings pages' })
      .getByRole('link', { name: 'Accounts' })
      .click();
    await page.waitForURL(/\/settings\/accounts$/);
    await page.getByRole('heading', { name: 'Connected accounts' }).waitFor();
    await page.getByTestId('no-accounts').waitFor();
    await expectAccessible();
  });

  it('refuses a wrong app password with a readable message', async () => {
    const form = page.getByTestId('bluesky-form');
    await form.getByLabel('Handle or email').fill(bluesky.handle);
    await form.getByLabel('App password').fill('aaaa-bbbb-cccc-dddd');
    await form.getByText('Advanced').click();
    await form.getByLabel('PDS address (optional)').fill(network.pdsUrl);
    await form.getByRole('button', { name: 'Connect Bluesky account' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toBe(
      'Bluesky did not accept that handle and app password.',
    );
    expect(await page.getByTestId('account-row').count()).toBe(0);
  });

  it('connects the account through the form and lists it as connected', async () => {
    const form = page.getByTestId('bluesky-form');
    await form.getByLabel('App password').fill(bluesky.appPassword);
    await form.getByRole('button', { name: 'Connect Bluesky account' }).click();
    await form.getByText(`@${bluesky.handle} is connected.`).waitFor();
    const row = page.getByTestId('account-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const text = await row.first().textContent();
    expect(text).toContain('Bluesky');
    expect(text).toContain(`@${bluesky.handle}`);
    await expect(row.first().getByTestId('account-status').textContent()).resolves.toBe('Connected');
    await expectAccessible();
    await saveScreenshot(page, 'accounts-en');
  });

  it('shows the page in Bengali', async () => {
    await chooseLanguage('bn');
    await page.getByRole('heading', { name: 'সংযুক্ত অ্যাকাউন্ট' }).waitFor();
    await expect(page.getByTestId('account-status').first().textContent()).resolves.toBe('সংযুক্ত');
    await expectAccessible();
    await saveScreenshot(page, 'accounts-bn');
    await chooseLanguage('en');
  });

  it('asks before disconnecting', async () => {
    await page.getByRole('button', { name: `Disconnect @${bluesky.handle}` }).click();
    await page.getByText(`Disconnect @${bluesky.handle}? Kolorob forgets its sign-in.`).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('account-row').count()).toBe(1);
  });
});
