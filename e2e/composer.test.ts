// The composer in a real browser against the real server and a local AT Protocol network: a Bluesky
// account connected through Settings → Accounts, a Bengali post counted like the server counts it, the
// buttons held back past the limit, an image uploaded with its description, a preview, publishing now
// and reading the post back from the AppView; then the queue without and with posting slots, a time
// from the address, a past time refused, and a workspace that asks for image descriptions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppBskyEmbedImages, type AppBskyFeedDefs } from '@atproto/api';
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
import { connectBluesky, eventually, setUpInstance } from './journeySteps.ts';

const _repoRoot = fileURLToPath(new URL('..', import.meta.url));
const owner = { name: 'Nusrat Jahan', email: 'nusrat@example.org', password: 'correct horse battery' };
// Conjuncts (ক্ষ, স্ত্র, জ্ঞ), an emoji and a line break: each conjunct and the emoji is one grapheme.
const bengaliText = 'ক্ষমা, স্ত্রী আর জ্ঞান — কলরব থেকে শুভেচ্ছা 🎉\nদ্বিতীয় লাইন';
const altText = 'একটি ধূসর আয়তক্ষেত্র (a grey rectangle)';

describe('the composer in the browser', { timeout: 120_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let network: AtprotoNetwork;
  let bluesky: AtprotoAccount;
  let page: Page;
  let workDir: string;
  let workspaceId: string;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'kolorob-composer-'));
    [browser, network, app] = await Promise.all([
      launchChromium(),
      startAtprotoNetwork(),
      // The local PDS listens on 127.0.0.1, which Kolorob refuses unless the operator allows it.
      startApp({ env: { KOLOROB_ALLOW_PRIVATE_FETCH: 'true' } }),
    ]);
    bluesky = await network.createAccount('nusrat');
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Asia/Dhaka',
    });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await network?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  async function expectAccessible() {
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  }

  async function chooseLanguage(locale: 'en' | 'bn') {
    await page.getByTestId(`language-${locale}`).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  }

  const mainText = () => page.getByLabel('Text for all networks');
  const publishNow = () => page.getByRole('button', { name: 'Publish now', exact: true });
  const saveDraft = () => page.getByRole('button', { name: 'Save as draft' });
  const counter = () => page.getByTestId('counter-bluesky');

  async function api(method: 'PATCH' | 'GET', apiPath: string, data?: unknown) {
    const response = await page.request.fetch(`${app.url}/api${apiPath}`, { method, data });
    expect(response.status(), await response.text()).toBe(200);
    return response.json();
  }

  it('sets up the instance and connects a Bluesky account in Settings → Accounts', async () => {
    workspaceId = await setUpInstance(page, app.url, owner, 'Sylhet Newsroom');
    await connectBluesky(page, app.url, workspaceId, network, bluesky);
  });

  it('opens from the header’s “Create post” and lists the account to choose', async () => {
    await page.getByTestId('create-post').click();
    await page.waitForURL(/\/compose$/);
    await page.getByRole('heading', { name: 'Create post', level: 1 }).waitFor();
    const account = page.getByRole('checkbox', { name: new RegExp(`@${bluesky.handle}`) });
    await account.waitFor();
    expect(await account.isChecked()).toBe(false);
    await expect(page.getByTestId('composer-blockers').textContent()).resolves.toContain(
      'Choose at least one account to post to.',
    );
    expect(await publishNow().isDisabled()).toBe(true);
    await expectAccessible();
  });

  it('counts a Bengali text in graphemes, as the server does, and holds the buttons back past 300', async () => {
    await page.getByRole('checkbox', { name: new RegExp(`@${bluesky.handle}`) }).check();
    await page.getByRole('tab', { name: 'Bluesky' }).waitFor();
    await mainText().fill(bengaliText);

    const graphemes = await page.evaluate(
      (text) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length,
      bengaliText,
    );
    // Graphemes, not UTF-16 code units: the conjuncts and the emoji make the difference.
    expect(graphemes).toBeLessThan(bengaliText.length - 5);
    await expect(counter().textContent()).resolves.toBe(`Bluesky ${graphemes} of 300`);
    expect(await counter().getAttribute('data-over')).toBe('false');
    expect(await publishNow().isEnabled()).toBe(true);

    // The line break is one grapheme too: 301 in all.
    const tooLong = `${bengaliText}\n${'অ'.repeat(300 - graphemes)}`;
    await mainText().fill(tooLong);
    await expect(counter().textContent()).resolves.toBe('Bluesky 301 of 300 — over the limit by 1');
    expect(await counter().getAttribute('data-over')).toBe('true');
    expect(await publishNow().isDisabled()).toBe(true);
    expect(await saveDraft().isDisabled()).toBe(true);
    await expect(page.getByTestId('composer-blockers').textContent()).resolves.toContain(
      'Bluesky allows 300 characters; this text has 301. Remove 1.',
    );
    // Said in words on the tab too, not only in red.
    await expect(page.getByRole('tab', { name: /Bluesky.*over the limit/ }).count()).resolves.toBe(1);
    await expectAccessible();

    await mainText().fill(bengaliText);
    expect(await counter().getAttribute('data-over')).toBe('false');
    expect(await publishNow().isEnabled()).toBe(true);
  });

  it('gives a network its own text in its tab, and resets it to the main text', async () => {
    await page.getByRole('tab', { name: 'Bluesky' }).click();
    const blueskyText = page.getByLabel('Text for Bluesky');
    expect(await blueskyText.inputValue()).toBe(bengaliText);
    await blueskyText.fill('শুধু ব্লুস্কাইয়ের জন্য');
    await expect(page.getByTestId('preview-bluesky').textContent()).resolves.toContain('শুধু ব্লুস্কাইয়ের জন্য');
    await page.getByRole('button', { name: 'Reset to main text' }).click();
    expect(await blueskyText.inputValue()).toBe(bengaliText);
    // Arrow keys move between the tabs.
    await page.getByRole('tab', { name: 'Bluesky' }).press('ArrowLeft');
    expect(await page.getByRole('tab', { name: 'All networks' }).getAttribute('aria-selected')).toBe('true');
  });

  it('uploads an image, takes its description and shows both in the preview', async () => {
    const file = path.join(workDir, 'rectangle.png');
    writeFileSync(file, png(60, 40));
    await page.getByLabel('Add images').setInputFiles(file);
    const thumbnail = page.getByTestId('composer-image').locator('img');
    await thumbnail.waitFor();
    await page.getByLabel('Description of image 1 (alt text)').fill(altText);

    const preview = page.getByTestId('preview-bluesky');
    await preview.getByRole('img', { name: altText }).waitFor();
    expect(
      await preview.getByRole('img', { name: altText }).evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBe(60);
    expect(await preview.textContent()).toContain(`@${bluesky.handle}`);
    // The line break is drawn in the preview: the rendered text keeps it.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is being checked.
    expect(await preview.locator('.post-preview-text').innerText()).toBe(bengaliText);
    await expectAccessible();
    await saveScreenshot(page, 'composer-en');
  });

  it('shows the composer in Bengali with Bengali digits in the counter', async () => {
    await chooseLanguage('bn');
    await page.getByRole('heading', { name: 'পোস্ট তৈরি করুন', level: 1 }).waitFor();
    await expect(counter().textContent()).resolves.toMatch(/^ব্লুস্কাই ৩০০-এর মধ্যে [০-৯]+$/);
    // Nothing typed is lost when the language changes.
    expect(await page.getByLabel('সব নেটওয়ার্কের লেখা').inputValue()).toBe(bengaliText);
    await expectAccessible();
    await saveScreenshot(page, 'composer-bn');
    await chooseLanguage('en');
  });

  it('publishes now, confirms it, resets, and the post with its image description reaches Bluesky', async () => {
    await publishNow().click();
    const outcome = page.getByTestId('composer-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain(`Publishing now on @${bluesky.handle}.`);
    expect(await outcome.getByRole('link', { name: 'Open the planner' }).getAttribute('href')).toBe(
      `/w/${workspaceId}/publisher`,
    );
    expect(await mainText().inputValue()).toBe('');
    expect(await page.getByTestId('composer-image').count()).toBe(0);
    // The chosen account stays chosen for the next post.
    expect(await page.getByRole('checkbox', { name: new RegExp(`@${bluesky.handle}`) }).isChecked()).toBe(
      true,
    );

    const post = await eventually(async () => {
      await network.processAll();
      const { data } = await network.appView.app.bsky.feed.getAuthorFeed({ actor: bluesky.did });
      return data.feed
        .map((item) => item.post)
        .find((view: AppBskyFeedDefs.PostView) => (view.record as { text?: string }).text === bengaliText);
    }, 90_000);
    expect(AppBskyEmbedImages.isView(post.embed)).toBe(true);
    const images = (post.embed as AppBskyEmbedImages.View).images;
    expect(images.map((image) => image.alt)).toEqual([altText]);
  });

  it('shows the server’s error when the account has no posting slots, keeping the text, then queues', async () => {
    const text = 'সারিতে রাখা পোস্ট';
    await mainText().fill(text);
    await page.getByRole('radio', { name: /Add to queue/ }).check();
    await page.getByRole('button', { name: 'Add to queue', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`@${bluesky.handle} has no free posting slot.`);
    expect(await mainText().inputValue()).toBe(text);

    const { accounts } = (await api('GET', `/workspaces/${workspaceId}/accounts`)) as {
      accounts: { id: string }[];
    };
    await api('PATCH', `/workspaces/${workspaceId}/accounts/${accounts[0]!.id}`, {
      timeZone: 'Asia/Dhaka',
      postingSlots: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, time: '09:00' })),
    });
    await page.getByRole('button', { name: 'Add to queue', exact: true }).click();
    const outcome = page.getByTestId('composer-outcome');
    await outcome.getByText('Added to the queue.').waitFor();
    // "Scheduled for Fri 27 Nov, 09:30" in en-GB, in the browser's zone (the slot's zone too).
    expect(await outcome.textContent()).toMatch(
      new RegExp(
        `Scheduled for [A-Z][a-z]{2},? \\d{1,2} [A-Z][a-z]{2}( \\d{4})?, 09:00 on @${bluesky.handle}\\.`,
      ),
    );
  });

  it('takes the time and text from the address, names the time zone, and refuses a past time', async () => {
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCHours(4, 30, 0, 0); // 10:30 in Dhaka (UTC+6, no daylight saving)
    const text = 'ঠিক সময়ে প্রকাশ';
    await page.goto(
      `${app.url}/w/${workspaceId}/compose?at=${encodeURIComponent(at.toISOString())}&text=${encodeURIComponent(text)}`,
    );
    await mainText().waitFor();
    expect(await mainText().inputValue()).toBe(text);
    expect(await page.getByRole('radio', { name: /^Schedule/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Time', { exact: true }).inputValue()).toBe('10:30');
    await expect(page.getByTestId('composer-time-zone').textContent()).resolves.toBe(
      'Times are in your time zone, Asia/Dhaka.',
    );
    await page.getByRole('checkbox', { name: new RegExp(`@${bluesky.handle}`) }).check();
    const schedule = page.getByRole('button', { name: 'Schedule', exact: true });

    const dateInput = page.getByLabel('Date', { exact: true });
    const chosenDate = await dateInput.inputValue();
    const yesterday = new Date(Date.now() - 86_400_000 + 6 * 3_600_000).toISOString().slice(0, 10);
    await dateInput.fill(yesterday);
    await page
      .getByText('That time has already passed. Choose a later time, or publish now.')
      .first()
      .waitFor();
    expect(await schedule.isDisabled()).toBe(true);
    await dateInput.fill(chosenDate);
    expect(await schedule.isEnabled()).toBe(true);
    await expectAccessible();

    await schedule.click();
    const outcome = page.getByTestId('composer-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(
      new RegExp(`Scheduled for .*, 10:30 on @${bluesky.handle}\\.`),
    );
    // The composer starts afresh: the address no longer asks for that text and time.
    await page.waitForURL(/\/compose$/);
    // The address changes a moment before the fresh composer renders.
    await expect.poll(() => mainText().inputValue()).toBe('');
    expect(await page.getByRole('radio', { name: /^Publish now/ }).isChecked()).toBe(true);
  });

  it('holds a post back until every image is described when the workspace asks for it', async () => {
    await api('PATCH', `/workspaces/${workspaceId}`, { requireAltText: true });
    await page.goto(`${app.url}/w/${workspaceId}/compose`);
    await page.getByRole('checkbox', { name: new RegExp(`@${bluesky.handle}`) }).check();
    await mainText().fill('ছবির বিবরণ চাই');
    const file = path.join(workDir, 'square.png');
    writeFileSync(file, png(20, 20));
    await page.getByLabel('Add images').setInputFiles(file);
    await page.getByTestId('composer-image').locator('img').waitFor();
    await expect(page.getByTestId('composer-blockers').textContent()).resolves.toContain(
      'This workspace asks for a description of every image: describe image 1.',
    );
    expect(await saveDraft().isDisabled()).toBe(true);
    await page.getByLabel('Description of image 1 (alt text) (required)').fill('একটি ছোট বর্গ');
    expect(await saveDraft().isEnabled()).toBe(true);
    await saveDraft().click();
    await page
      .getByTestId('composer-outcome')
      .getByText(`Saved as a draft for @${bluesky.handle}.`)
      .waitFor();
  });

  it('shows the upload error of an image over 1 MB', async () => {
    const file = path.join(workDir, 'huge.png');
    // A real PNG header with 1.2 MB after it: the server looks at the size first.
    writeFileSync(file, Buffer.concat([png(20, 20), Buffer.alloc(1_200_000)]));
    await page.getByLabel('Add images').setInputFiles(file);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'huge.png was not added: The image is 1.2 MB; images can be at most 1 MB.',
    );
    expect(await page.getByTestId('composer-image').count()).toBe(0);
  });
});
