// Posting slots and the bulk import in a real browser against the real server and a local AT Protocol
// network: a Bluesky account connected, its weekly slots set through the dialog in Settings → Accounts,
// then a CSV with bad rows checked, fixed and imported, with the posts read back through the API. In
// English and Bengali, with accessibility checks and screenshots.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../src/testing/atprotoNetwork.ts';
import { png } from '../src/testing/testImages.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { launchChromium, saveScreenshot, seriousAccessibilityProblems } from './browser.ts';
import { setUpInstance } from './journeySteps.ts';

const _repoRoot = fileURLToPath(new URL('..', import.meta.url));
const owner = { name: 'Sabina Yasmin', email: 'sabina@example.org', password: 'correct horse battery' };
const ZONE = 'Asia/Dhaka';
/** Dhaka keeps UTC+6 all year. */
const DHAKA_OFFSET_HOURS = 6;

/** A day a few days ahead, as Dhaka's calendar has it. */
function dayAhead(days: number): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date(Date.now() + days * 86_400_000))
      .map((p) => [p.type, p.value]),
  );
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAY = dayAhead(3);
const dmy = (time: string) => `${pad(DAY.day)}/${pad(DAY.month)}/${DAY.year} ${time}`;
const instant = (time: string) => {
  const [hour, minute] = time.split(':').map(Number);
  return new Date(
    Date.UTC(DAY.year, DAY.month - 1, DAY.day, hour! - DHAKA_OFFSET_HOURS, minute),
  ).toISOString();
};

describe('posting slots and bulk import in the browser', { timeout: 90_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let network: AtprotoNetwork;
  let bluesky: AtprotoAccount;
  let page: Page;
  /** Serves the poster a row names by address, slowly enough to see the import's progress. */
  let images: Server;
  let posterUrl = '';
  let ws = '';
  let accountId = '';

  beforeAll(async () => {
    [browser, network, app] = await Promise.all([
      launchChromium(),
      startAtprotoNetwork(),
      // The local PDS listens on 127.0.0.1, which Kolorob refuses unless the operator allows it.
      startApp({ env: { KOLOROB_ALLOW_PRIVATE_FETCH: 'true' } }),
    ]);
    bluesky = await network.createAccount('sabina');
    images = createServer((_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'image/png' }).end(png(40, 30)), 2000);
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    posterUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}/poster.png`;
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: ZONE,
      acceptDownloads: true,
    });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await network?.close();
    await new Promise((resolve) => images?.close(resolve));
  });

  async function expectAccessible() {
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  }

  async function chooseLanguage(locale: 'en' | 'bn') {
    await page.getByTestId(`language-${locale}`).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  }

  /** The API as the signed-in page would call it, with the page's own cookies. */
  async function apiGet(path: string) {
    const response = await page.request.get(`${app.url}/api${path}`);
    expect(response.status(), await response.text()).toBe(200);
    return response.json();
  }

  async function chooseCsv(name: string, lines: string[]) {
    await page.getByTestId('import-file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'),
    });
    await page.getByTestId('import-chosen').getByText(name).waitFor();
  }

  it('sets up the instance and connects a Bluesky account', async () => {
    ws = await setUpInstance(page, app.url, owner, 'Sylhet Social');
    const connected = await page.request.post(`${app.url}/api/workspaces/${ws}/accounts/bluesky`, {
      data: { service: network.pdsUrl, identifier: bluesky.handle, appPassword: bluesky.appPassword },
    });
    expect(connected.status(), await connected.text()).toBe(200);
    accountId = (await connected.json()).id;
  });

  it('sets the account’s posting slots in the dialog, and the server keeps them', async () => {
    await page.goto(`${app.url}/w/${ws}/settings/accounts`);
    await page.getByTestId('account-row').first().waitFor();
    await page
      .getByRole('button', { name: new RegExp(`^Posting slots \\d+ a week for @${bluesky.handle}$`) })
      .click();
    const dialog = page.getByRole('dialog', { name: `Posting slots for @${bluesky.handle}` });
    await dialog.waitFor();
    await dialog.getByLabel('Time zone').selectOption(ZONE);
    const monday = dialog.getByTestId('slots-day-1');
    await monday.getByLabel('New slot time on Monday').fill('09:30');
    await monday.getByRole('button', { name: 'Add a slot on Monday' }).click();
    await monday.getByLabel('New slot time on Monday').fill('18:00');
    await monday.getByLabel('New slot time on Monday').press('Enter');
    await monday
      .getByRole('button', { name: 'Copy to weekdays, Monday to Friday: the times of Monday' })
      .click();
    await dialog.getByRole('button', { name: 'Remove the slot at 18:00 on Wednesday' }).click();
    const saturday = dialog.getByTestId('slots-day-6');
    await saturday.getByLabel('New slot time on Saturday').fill('11:15');
    await saturday.getByRole('button', { name: 'Add a slot on Saturday' }).click();
    await expect(dialog.getByTestId('slots-count').textContent()).resolves.toBe('10 slots a week.');
    await expectAccessible();
    await saveScreenshot(page, 'posting-slots-en');

    await dialog.getByRole('button', { name: 'Save slots' }).click();
    await page.getByText(`The posting slots of @${bluesky.handle} are saved.`).waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await page.getByRole('button', { name: `Posting slots 10 a week for @${bluesky.handle}` }).waitFor();
    await saveScreenshot(page, 'posting-slots-saved-en');
    const { accounts } = await apiGet(`/workspaces/${ws}/accounts`);
    expect(accounts).toHaveLength(1);
    expect(accounts[0].timeZone).toBe(ZONE);
    expect(accounts[0].postingSlots).toEqual([
      { day: 1, time: '09:30' },
      { day: 1, time: '18:00' },
      { day: 2, time: '09:30' },
      { day: 2, time: '18:00' },
      { day: 3, time: '09:30' },
      { day: 4, time: '09:30' },
      { day: 4, time: '18:00' },
      { day: 5, time: '09:30' },
      { day: 5, time: '18:00' },
      { day: 6, time: '11:15' },
    ]);
  });

  it('shows the slots dialog in Bengali, with the saved slots', async () => {
    await chooseLanguage('bn');
    await page.getByRole('button', { name: `পোস্টের সময়সূচি ১০টি সপ্তাহে, @${bluesky.handle}-এর জন্য` }).click();
    const dialog = page.getByTestId('posting-slots-dialog');
    await dialog.getByRole('heading', { name: `@${bluesky.handle}-এর পোস্টের সময়সূচি` }).waitFor();
    await expect(dialog.getByTestId('slots-count').textContent()).resolves.toBe('সপ্তাহে ১০টি সময়।');
    await expect(dialog.getByTestId('slots-day-1').textContent()).resolves.toContain('০৯:৩০');
    await expectAccessible();
    await saveScreenshot(page, 'posting-slots-bn');
    await dialog.getByRole('button', { name: 'বাতিল' }).click();
    expect(await dialog.isVisible()).toBe(false);
    await chooseLanguage('en');
  });

  it('offers an example file that reads back as three posts', async () => {
    await page.goto(`${app.url}/w/${ws}/publisher/import`);
    await page.getByRole('heading', { name: 'Bulk import' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download an example file' }).click(),
    ]);
    const example = readFileSync((await download.path())!, 'utf8');
    expect(example.split('\r\n')[0]).toBe('\uFEFFdate,message,link,accounts,image,alt');
    await chooseCsv(
      'example.csv',
      example
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    );
    await page.getByTestId('import-check').click();
    await expect(page.getByTestId('import-summary').textContent()).resolves.toBe(
      'Rows: 3. Ready: 3. With problems: 0.',
    );
  });

  it('lists each row of a file with its problems and refuses to schedule it', async () => {
    await chooseCsv('campaign.csv', [
      'date,message,link,accounts',
      `${dmy('09:00')},"Eid sale starts today, 20% off",https://example.com/eid,`,
      `${dmy('12:30')},Lunch menu is up,,@ghost.test`,
      `31/02/${DAY.year} 18:00,Evening reminder,,`,
    ]);
    await page.getByTestId('import-check').click();
    await expect(page.getByTestId('import-summary').textContent()).resolves.toBe(
      'Rows: 3. Ready: 1. With problems: 2.',
    );
    const rows = page.getByTestId('import-row');
    expect(await rows.count()).toBe(3);
    await expect(rows.nth(0).getByTestId('import-row-problems').textContent()).resolves.toBe('Ready');
    await expect(rows.nth(1).getByTestId('import-row-problems').textContent()).resolves.toBe(
      '@ghost.test is not an account of this workspace.',
    );
    await expect(rows.nth(2).getByTestId('import-row-problems').textContent()).resolves.toBe(
      `“31/02/${DAY.year} 18:00” is not a date and time in the form DD/MM/YYYY HH:mm (24-hour) or ISO 8601.`,
    );
    expect(await page.getByTestId('import-schedule').isDisabled()).toBe(true);
    await expectAccessible();
    await saveScreenshot(page, 'bulk-import-problems-en');

    await chooseLanguage('bn');
    await expect(page.getByTestId('import-summary').textContent()).resolves.toBe(
      'সারি: ৩। প্রস্তুত: ১। সমস্যাসহ: ২।',
    );
    await expect(rows.nth(1).getByTestId('import-row-problems').textContent()).resolves.toBe(
      '@ghost.test এই ওয়ার্কস্পেসের কোনো অ্যাকাউন্ট নয়।',
    );
    await expectAccessible();
    await saveScreenshot(page, 'bulk-import-problems-bn');
    await chooseLanguage('en');

    const { posts } = await apiGet(`/workspaces/${ws}/posts?from=${instant('00:00')}&to=${instant('23:59')}`);
    expect(posts).toEqual([]);
  });

  it('imports the fixed file and the posts are scheduled at their times', async () => {
    await chooseCsv('campaign.csv', [
      'date,message,link,accounts,image,alt',
      `${dmy('09:00')},"Eid sale starts today, 20% off",https://example.com/eid,,,`,
      `${dmy('12:30')},Lunch menu is up,,@${bluesky.handle},,`,
      `${dmy('18:00')},Evening reminder,,,${posterUrl},The festival poster`,
    ]);
    // A new file needs a new check before anything can be scheduled.
    await page.getByTestId('import-results').waitFor({ state: 'detached' });
    await page.getByTestId('import-check').click();
    await page.getByText('Every row is ready.').waitFor();
    await page.getByRole('button', { name: 'Schedule 3 posts' }).click();
    // The poster takes two seconds to arrive: long enough to see the progress.
    await page.getByTestId('import-progress').getByText('Scheduling 3 posts…').waitFor();
    await saveScreenshot(page, 'bulk-import-progress-en');
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-done').getByRole('status').textContent()).resolves.toMatch(
      /^3 posts are scheduled, from /,
    );
    await expectAccessible();
    await saveScreenshot(page, 'bulk-import-done-en');

    const { posts } = await apiGet(`/workspaces/${ws}/posts?from=${instant('00:00')}&to=${instant('23:59')}`);
    expect(
      posts.map(
        (p: { text: string; targets: { accountId: string; status: string; scheduledAt: string }[] }) => ({
          text: p.text,
          targets: p.targets.map((t) => ({
            accountId: t.accountId,
            status: t.status,
            scheduledAt: t.scheduledAt,
          })),
        }),
      ),
    ).toEqual([
      {
        text: 'Eid sale starts today, 20% off https://example.com/eid',
        targets: [{ accountId, status: 'scheduled', scheduledAt: instant('09:00') }],
      },
      {
        text: 'Lunch menu is up',
        targets: [{ accountId, status: 'scheduled', scheduledAt: instant('12:30') }],
      },
      {
        text: 'Evening reminder',
        targets: [{ accountId, status: 'scheduled', scheduledAt: instant('18:00') }],
      },
    ]);
    const poster = posts[2].targets[0].media;
    expect(poster).toEqual([{ mediaId: expect.any(String), alt: 'The festival poster' }]);
    const image = await page.request.get(`${app.url}/api/workspaces/${ws}/media/${poster[0].mediaId}`);
    expect(Buffer.from(await image.body())).toEqual(Buffer.from(png(40, 30)));

    await page.getByRole('link', { name: 'Open the planner' }).click();
    await page.waitForURL(new RegExp(`/publisher\\?date=${DAY.year}-${pad(DAY.month)}-${pad(DAY.day)}$`));
  });
});
