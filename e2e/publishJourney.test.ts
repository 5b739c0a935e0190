// The publishing journey end to end, as a social media manager goes through it in a real browser:
// a Bluesky account of the local AT Protocol network connected, a Bengali post with an image written
// in the composer and scheduled a minute or two ahead, found on the planner, turning "published"
// there without a reload, and read back through the network's AppView with its image description.
// Then a Mastodon account on a local snac2 connected through its own sign-in page, and a post
// published at once and read back from the server.
import type { AppBskyEmbedImages, AppBskyFeedDefs } from '@atproto/api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../src/testing/atprotoNetwork.ts';
import { type Snac2Server, startSnac2 } from '../src/testing/snac2Server.ts';
import { png } from '../src/testing/testImages.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { launchChromium, saveScreenshot, seriousAccessibilityProblems } from './browser.ts';
import { connectBluesky, eventually, setUpInstance, wallTime } from './journeySteps.ts';

const owner = { name: 'Rumana Chowdhury', email: 'rumana@example.org', password: 'correct horse battery' };
const ZONE = 'Asia/Dhaka';
const dhakaWallTime = (instant: Date) => wallTime(instant, ZONE);
// Conjuncts ক্ষ, স্ত্র and জ্ঞ, each one grapheme.
const scheduledText = 'বইমেলার প্রস্তুতি: ক্ষুদে লেখক, স্ত্রী-পুরুষ সবার জন্য জ্ঞানের উৎসব';
const altText = 'বইমেলার মঞ্চের একটি ধূসর ছবি';
const mastodonText = 'Kolorob থেকে সরাসরি: আজকের সংবাদ সম্মেলন বিকেল চারটায়';

describe('publishing from the composer to Bluesky and Mastodon', { timeout: 120_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let network: AtprotoNetwork;
  let snac: Snac2Server;
  let bluesky: AtprotoAccount;
  let page: Page;
  let workspaceId: string;

  beforeAll(async () => {
    [browser, network, snac, app] = await Promise.all([
      launchChromium(),
      startAtprotoNetwork(),
      startSnac2({ users: ['alice'] }),
      // The local networks listen on 127.0.0.1, which Kolorob refuses unless the operator allows it.
      startApp({ env: { KOLOROB_ALLOW_PRIVATE_FETCH: 'true' } }),
    ]);
    bluesky = await network.createAccount('rumana');
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      locale: 'en-GB',
      timezoneId: ZONE,
    });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await network?.close();
    await snac?.close();
  });

  const account = (handle: string) => page.getByRole('checkbox', { name: new RegExp(`@${handle}`) });

  it('connects a Bluesky account of the local network', async () => {
    workspaceId = await setUpInstance(page, app.url, owner, 'Dhaka Book Fair');
    await connectBluesky(page, app.url, workspaceId, network, bluesky);
  });

  it('schedules a Bengali post with a described image a minute or two ahead', async () => {
    await page.getByTestId('create-post').click();
    await page.waitForURL(/\/compose$/);
    await account(bluesky.handle).check();
    await page.getByLabel('Text for all networks').fill(scheduledText);
    await page.getByLabel('Add images').setInputFiles({
      name: 'stage.png',
      mimeType: 'image/png',
      buffer: Buffer.from(png(64, 48)),
    });
    await page.getByLabel('Description of image 1 (alt text)').fill(altText);
    await page.getByRole('radio', { name: /^Schedule/ }).check();
    // The next minute but one: far enough ahead that it is still ahead when the button is pressed.
    const due = dhakaWallTime(new Date(Date.now() + 120_000));
    await page.getByLabel('Date', { exact: true }).fill(due.date);
    await page.getByLabel('Time', { exact: true }).fill(due.time);
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    const outcome = page.getByTestId('composer-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('Scheduled for');
    expect(await outcome.textContent()).toContain(due.time);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('shows the post on the planner and turns it published there without a reload', {
    timeout: 300_000,
  }, async () => {
    await page.getByTestId('composer-outcome').getByRole('link', { name: 'Open the planner' }).click();
    await page.waitForURL(/\/publisher$/);
    const chip = page.getByTestId('planner-chip').filter({ hasText: 'বইমেলার প্রস্তুতি' });
    await chip.waitFor();
    expect(await chip.getAttribute('data-status')).toBe('scheduled');
    await saveScreenshot(page, 'journey-planner-scheduled');
    // A reload would clear this mark.
    await page.evaluate(() => {
      (window as unknown as { journeyMark: boolean }).journeyMark = true;
    });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="planner-chip"]')].some(
          (element) =>
            element.textContent?.includes('বইমেলার প্রস্তুতি') &&
            element.getAttribute('data-status') === 'published',
        ),
      undefined,
      { timeout: 280_000, polling: 500 },
    );
    expect(await page.evaluate(() => (window as unknown as { journeyMark?: boolean }).journeyMark)).toBe(
      true,
    );
    await saveScreenshot(page, 'journey-planner-published');
  });

  it('finds the post with its image description through the AppView', async () => {
    const post = await eventually(async () => {
      await network.processAll();
      const { data } = await network.appView.app.bsky.feed.getAuthorFeed({ actor: bluesky.did });
      return data.feed
        .map((item) => item.post)
        .find((view: AppBskyFeedDefs.PostView) => (view.record as { text?: string }).text === scheduledText);
    }, 60_000);
    const images = (post.embed as AppBskyEmbedImages.View).images;
    expect(images.map((image) => image.alt)).toEqual([altText]);
  });

  it('connects a Mastodon account through the server’s own sign-in page', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/settings/accounts`);
    const form = page.getByTestId('mastodon-form');
    await form.getByLabel('Your server').fill(snac.instanceUrl);
    await form.getByRole('button', { name: 'Continue to your server' }).click();
    // snac2's authorize page: its login form, as a person fills it in.
    await page.waitForURL((url) => url.href.startsWith(snac.instanceUrl));
    await page.locator('input[name="login"]').fill('alice');
    await page.locator('input[name="passwd"]').fill(snac.users.alice!.password);
    await page.locator('input[name="passwd"]').press('Enter');
    await page.waitForURL(new RegExp(`/w/${workspaceId}/settings/accounts`));
    await page.getByTestId('account-row').filter({ hasText: 'Mastodon' }).waitFor();
  });

  it('publishes a post now on Mastodon and the server has it', async () => {
    await page.getByTestId('create-post').click();
    await page.waitForURL(/\/compose$/);
    const alice = page.getByRole('checkbox', { name: /alice/ });
    await alice.check();
    expect(await account(bluesky.handle).isChecked()).toBe(false);
    await page.getByLabel('Text for all networks').fill(mastodonText);
    await page.getByRole('button', { name: 'Publish now', exact: true }).click();
    await page.getByTestId('composer-outcome').waitFor();
    await saveScreenshot(page, 'journey-mastodon-published');

    const token = snac.users.alice!.accessToken;
    const call = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${snac.instanceUrl}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    };
    const me = await call<{ id: string }>('/api/v1/accounts/verify_credentials');
    const status = await eventually(async () => {
      const statuses = await call<{ content: string }[]>(`/api/v1/accounts/${me.id}/statuses`);
      return statuses.find((s) => s.content.includes('আজকের সংবাদ সম্মেলন'));
    }, 60_000);
    expect(status.content).toContain('Kolorob থেকে সরাসরি');
  });
});
