import type { AppBskyFeedDefs } from '@atproto/api';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../src/testing/atprotoNetwork.ts';
import { png } from '../src/testing/testImages.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { ensureRendering, launchChromium, saveScreenshot, seriousAccessibilityProblems } from './browser.ts';
import { connectBluesky, eventually, setUpInstance } from './journeySteps.ts';

const owner = { name: 'Farhana Akter', email: 'farhana@example.org', password: 'correct horse battery' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Dhaka keeps UTC+6 all year, so the test can work out days and hours there without a time-zone library.
const DHAKA_OFFSET = 6 * HOUR;

const texts = {
  soon: 'Launch day: the Sylhet tea festival opens at noon',
  later: 'Day-after-tomorrow recap, with the festival poster',
  dated: 'Draft with a time: interview with the tea pickers',
  undated: 'Undated draft: ideas for the harvest series',
};

/** The day ('YYYY-MM-DD') and hour an instant falls on in Dhaka. */
function inDhaka(instant: number): { day: string; hour: number } {
  const shifted = new Date(instant + DHAKA_OFFSET);
  return { day: shifted.toISOString().slice(0, 10), hour: shifted.getUTCHours() };
}

/** The instant of a wall time in Dhaka. */
function dhakaInstant(day: string, hour: number, minute = 0): number {
  return Date.parse(`${day}T00:00:00Z`) + hour * HOUR + minute * 60_000 - DHAKA_OFFSET;
}

interface Target {
  id: string;
  status: string;
  scheduledAt: string | null;
  publishedAt: string | null;
  remoteUrl: string | null;
  text: string;
}

describe('the planner in the browser', { timeout: 120_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let network: AtprotoNetwork;
  let bluesky: AtprotoAccount;
  let page: Page;
  let workspaceId: string;
  let accountId: string;
  const postIds: Record<keyof typeof texts, string> = { soon: '', later: '', dated: '', undated: '' };
  let laterAt = 0;
  let datedAt = 0;

  beforeAll(async () => {
    [browser, network, app] = await Promise.all([
      launchChromium(),
      startAtprotoNetwork(),
      // The local PDS listens on 127.0.0.1, which Kolorob refuses unless the operator allows it.
      startApp({ env: { KOLOROB_ALLOW_PRIVATE_FETCH: 'true' } }),
    ]);
    bluesky = await network.createAccount('farhana');
    const context = await browser.newContext({
      viewport: { width: 1440, height: 960 },
      locale: 'en-GB',
      timezoneId: 'Asia/Dhaka',
    });
    page = await context.newPage();
  }, 300_000);

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

  async function apiPost(apiPath: string, data: unknown, status = 201) {
    const response = await page.request.post(`${app.url}/api${apiPath}`, { data });
    expect(response.status(), await response.text()).toBe(status);
    return response.json();
  }

  async function targetOf(postId: string): Promise<Target> {
    const from = new Date(Date.now() - 2 * DAY).toISOString();
    const to = new Date(Date.now() + 10 * DAY).toISOString();
    const response = await page.request.get(
      `${app.url}/api/workspaces/${workspaceId}/posts?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    expect(response.status()).toBe(200);
    const { posts } = (await response.json()) as { posts: { id: string; targets: Target[] }[] };
    const post = posts.find((candidate) => candidate.id === postId);
    if (!post) throw new Error(`Post ${postId} is not listed`);
    return post.targets[0]!;
  }

  const chip = (postId: string) => page.locator(`[data-testid="planner-chip"][data-post-id="${postId}"]`);
  const slot = (day: string, hour: number) =>
    page.locator(`[data-testid="week-slot"][data-day="${day}"][data-hour="${hour}"]`);

  /**
   * Drags a chip onto a slot as a person does: the drag starts under the pointer, then the calendar
   * scrolls to where it goes. (Scrolling first, as `dragTo` does, cancels a drag before it starts.)
   */
  async function dragChip(chipLocator: Locator, target: Locator) {
    await chipLocator.hover();
    await page.mouse.down();
    const box = (await chipLocator.boundingBox())!;
    await page.mouse.move(box.x + 12, box.y + 12, { steps: 3 });
    await target.hover({ position: { x: 10, y: 2 } });
    await page.mouse.up();
  }

  /** Opens the planner's week around `day` (Dhaka), as a person would with the address. */
  async function openWeek(day?: string) {
    await page.goto(`${app.url}/w/${workspaceId}/publisher${day ? `?date=${day}` : ''}`);
    await page.getByTestId('week-view').waitFor();
  }

  it('sets up the instance and connects a Bluesky account in Settings → Accounts', async () => {
    workspaceId = await setUpInstance(page, app.url, owner, 'Sylhet Tea Desk');
    await connectBluesky(page, app.url, workspaceId, network, bluesky);
    const accounts = await (
      await page.request.get(`${app.url}/api/workspaces/${workspaceId}/accounts`)
    ).json();
    accountId = accounts.accounts[0].id;
  });

  it('opens from Publisher with an empty week that points to the composer and to bulk import', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Publisher' })
      .click();
    await page.waitForURL(/\/publisher$/);
    await page.getByRole('heading', { name: 'Planner', level: 1 }).waitFor();
    const empty = page.getByTestId('planner-empty');
    await empty.waitFor();
    expect(await empty.getByRole('heading').textContent()).toBe('Nothing planned this week');
    expect(await empty.getByRole('link', { name: 'Create a post' }).getAttribute('href')).toBe(
      `/w/${workspaceId}/compose`,
    );
    expect(await page.getByTestId('bulk-import-link').getAttribute('href')).toBe(
      `/w/${workspaceId}/publisher/import`,
    );
    await expect(page.getByTestId('planner-zone').textContent()).resolves.toBe('Times in Asia/Dhaka (GMT+6)');
    await expectAccessible();
  });

  it('shows posts made through the API at their time, and the undated draft in the drafts list', async () => {
    const media = await page.request.post(
      `${app.url}/api/workspaces/${workspaceId}/media?alt=${encodeURIComponent('The festival poster')}`,
      { headers: { 'content-type': 'image/png' }, data: Buffer.from(png(120, 80)) },
    );
    expect(media.status(), await media.text()).toBe(201);
    const mediaId = (await media.json()).id as string;

    // Two days ahead, on the hour so that the move below is easy to predict.
    laterAt = Math.ceil((Date.now() + 2 * DAY) / HOUR) * HOUR;
    // The dated draft, three hours before, is read on the same week's page: keep it on the same day.
    if (inDhaka(laterAt).hour < 4) laterAt += 4 * HOUR;
    datedAt = laterAt - 3 * HOUR;
    postIds.later = (
      await apiPost(`/workspaces/${workspaceId}/posts`, {
        text: texts.later,
        targets: [{ accountId, media: [{ mediaId, alt: 'The festival poster' }] }],
        mode: 'schedule',
        scheduledAt: new Date(laterAt).toISOString(),
        tags: ['festival'],
      })
    ).id;
    postIds.dated = (
      await apiPost(`/workspaces/${workspaceId}/posts`, {
        text: texts.dated,
        targets: [{ accountId }],
        mode: 'draft',
        scheduledAt: new Date(datedAt).toISOString(),
      })
    ).id;
    postIds.undated = (
      await apiPost(`/workspaces/${workspaceId}/posts`, {
        text: texts.undated,
        targets: [{ accountId }],
        mode: 'draft',
      })
    ).id;

    const later = inDhaka(laterAt);
    await openWeek(later.day);
    const laterChip = chip(postIds.later);
    await laterChip.waitFor();
    expect(await laterChip.getAttribute('data-status')).toBe('scheduled');
    // Its name says when, where, in what state and what, in that order.
    // The clock writes hours before ten with one digit or two, depending on the ICU version.
    const hour = `0?${later.hour}`;
    const name = new RegExp(`^${hour}:00 ?, Bluesky @${bluesky.handle} ?, Scheduled ?: ${texts.later}$`);
    expect(await page.getByRole('button', { name }).getAttribute('data-post-id')).toBe(postIds.later);
    // In the slot of its hour on its day, where the person is.
    expect(await slot(later.day, later.hour).locator(`[data-post-id="${postIds.later}"]`).count()).toBe(1);
    expect(await chip(postIds.dated).getAttribute('data-status')).toBe('draft');
    await expect(chip(postIds.dated).textContent()).resolves.toContain('Draft');
    const drafts = page.getByTestId('planner-drafts');
    await drafts.locator(`[data-post-id="${postIds.undated}"]`).waitFor();
    await expect(drafts.textContent()).resolves.toContain(texts.undated);
    expect(await page.getByTestId('planner-empty').count()).toBe(0);
    await expectAccessible();
  });

  it('moves a post to another day by dragging it, and the server has the new time', async () => {
    const later = inDhaka(laterAt);
    const columns = await page
      .locator('[data-testid="week-slot"][data-hour="0"]')
      .evaluateAll((slots) => slots.map((element) => (element as HTMLElement).dataset.day ?? ''));
    const column = columns.indexOf(later.day);
    // The day before, unless the post is on the week's first day; either is in the future.
    const targetDay = columns[column === 0 ? 1 : column - 1]!;
    await dragChip(chip(postIds.later), slot(targetDay, later.hour));

    const expected = new Date(dhakaInstant(targetDay, later.hour)).toISOString();
    await page
      .getByTestId('planner-notice')
      .getByText(/^Moved to /)
      .waitFor();
    // Shown in the new place at once, and kept there once the server has answered.
    await slot(targetDay, later.hour).locator(`[data-post-id="${postIds.later}"]`).waitFor();
    const target = await eventually(async () => {
      const found = await targetOf(postIds.later);
      return found.scheduledAt === expected ? found : undefined;
    }, 20_000);
    expect(target.status).toBe('scheduled');
    laterAt = Date.parse(expected);
  });

  it('shows several posts in the week, with the soon one scheduled, in a screenshot', async () => {
    const soonAt = Date.now() + 80_000;
    postIds.soon = (
      await apiPost(`/workspaces/${workspaceId}/posts`, {
        text: `${texts.soon}\nSecond line stays out of the chip`,
        targets: [{ accountId }],
        mode: 'schedule',
        scheduledAt: new Date(soonAt).toISOString(),
        tags: ['festival', 'launch'],
      })
    ).id;
    await openWeek();
    const soonChip = chip(postIds.soon);
    await soonChip.waitFor();
    expect(await soonChip.getAttribute('data-status')).toBe('scheduled');
    await expect(soonChip.textContent()).resolves.toContain(texts.soon);
    await expect(soonChip.textContent()).resolves.not.toContain('Second line');
    await expectAccessible();
    await saveScreenshot(page, 'planner-week-en');
  });

  it('refuses to drag a post into the past and says why', async () => {
    const today = inDhaka(Date.now()).day;
    // Midnight today has passed (this test does not run at exactly 00:00:00).
    await dragChip(chip(postIds.soon), slot(today, 0));
    await expect(page.getByTestId('planner-notice').textContent()).resolves.toContain(
      'A post cannot be moved into the past.',
    );
    const target = await targetOf(postIds.soon);
    expect(target.scheduledAt).not.toBe(new Date(dhakaInstant(today, 0)).toISOString());
    await page.getByTestId('planner-notice').getByRole('button', { name: 'Dismiss' }).click();
  });

  it('opens the side panel of the soon post and, without a reload, sees it published', {
    timeout: 300_000,
  }, async () => {
    // A reload would clear this mark.
    await page.evaluate(() => {
      (window as unknown as { plannerMark: boolean }).plannerMark = true;
    });
    await chip(postIds.soon).click();
    const panel = page.getByTestId('post-panel');
    await panel.waitFor();
    await expect(panel.getByTestId('panel-text').textContent()).resolves.toBe(
      `${texts.soon}\nSecond line stays out of the chip`,
    );
    expect(await panel.getByTestId('status-pill').first().textContent()).toBe('Scheduled');
    await expect(panel.textContent()).resolves.toContain('#launch');
    // Focus moves into the panel for keyboard and screen-reader users.
    expect(
      await page.evaluate(() => document.activeElement?.closest('[data-testid="post-panel"]') !== null),
    ).toBe(true);

    await page.waitForFunction(
      (postId) =>
        document
          .querySelector(`[data-testid="planner-chip"][data-post-id="${postId}"]`)
          ?.getAttribute('data-status') === 'published',
      postIds.soon,
      { timeout: 240_000, polling: 500 },
    );
    expect(await page.evaluate(() => (window as unknown as { plannerMark?: boolean }).plannerMark)).toBe(
      true,
    );
    // The page sat idle for up to minutes; make sure it still draws before clicking and photographing.
    await ensureRendering(page);
    await expect(chip(postIds.soon).textContent()).resolves.toContain('Published');
    expect(await panel.getByTestId('status-pill').first().textContent()).toBe('Published');
    const link = panel.getByTestId('remote-link');
    await link.waitFor();
    const remoteUrl = await link.getAttribute('href');
    expect(remoteUrl).toContain(bluesky.handle);

    const published = await eventually(async () => {
      await network.processAll();
      const { data } = await network.appView.app.bsky.feed.getAuthorFeed({ actor: bluesky.did });
      return data.feed
        .map((item) => item.post)
        .find((view: AppBskyFeedDefs.PostView) =>
          (view.record as { text?: string }).text?.startsWith(texts.soon),
        );
    }, 60_000);
    expect((published.record as { text: string }).text).toBe(
      `${texts.soon}\nSecond line stays out of the chip`,
    );
    expect(remoteUrl).toContain(published.uri.split('/').pop());
    await expectAccessible();
    await saveScreenshot(page, 'planner-panel-en');
  });

  it('refuses to drag a published post and says why', async () => {
    await page.getByTestId('post-panel').getByRole('button', { name: 'Close' }).click();
    const now = inDhaka(Date.now());
    // The drag is refused as it starts, so where it would have gone does not matter.
    await dragChip(chip(postIds.soon), slot(now.day, (now.hour + 1) % 24));
    await expect(page.getByTestId('planner-notice').textContent()).resolves.toContain(
      'A post that is “Published” can no longer be moved.',
    );
    expect((await targetOf(postIds.soon)).status).toBe('published');
  });

  it('shows the month and the list, and filters by status through the address', async () => {
    await page.getByTestId('view-month').click();
    await page.getByTestId('month-view').waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('month');
    await chip(postIds.soon).waitFor();
    expect(await page.getByTestId('month-day').count()).toBeGreaterThanOrEqual(28);
    await expectAccessible();
    await saveScreenshot(page, 'planner-month-en');

    await page.getByTestId('view-list').click();
    await page.getByTestId('list-view').waitFor();
    await chip(postIds.soon).waitFor();
    expect(
      await page.getByTestId('list-view').getByRole('heading', { level: 3 }).count(),
    ).toBeGreaterThanOrEqual(1);
    await expectAccessible();
    await saveScreenshot(page, 'planner-list-en');

    await page.getByTestId('filter-statuses').click();
    // The box is ticked once the address has the filter, a moment after the click.
    await page.getByRole('checkbox', { name: 'Published' }).click();
    await page.waitForURL(/status=published/);
    await expect.poll(() => page.getByRole('checkbox', { name: 'Published' }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('list-view').getByTestId('planner-chip').count()).toBe(1);
    // The filter is still there after a reload.
    await page.reload();
    await chip(postIds.soon).waitFor();
    expect(await page.getByTestId('list-view').getByTestId('planner-chip').count()).toBe(1);
    expect(await page.getByTestId('filter-statuses').textContent()).toContain('Status (1)');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.waitForURL((url) => !url.searchParams.has('status'));
    await page.getByTestId('view-week').click();
    await page.getByTestId('week-view').waitFor();
  });

  it('edits a draft’s text and deletes a draft after asking', async () => {
    await page.getByTestId('planner-drafts').locator(`[data-post-id="${postIds.undated}"]`).click();
    const panel = page.getByTestId('post-panel');
    await panel.getByRole('button', { name: 'Edit text' }).click();
    await panel
      .getByLabel(`Text for @${bluesky.handle}`)
      .fill('Harvest series: five stories from the gardens');
    await panel.getByRole('button', { name: 'Save text' }).click();
    await expect
      .poll(async () => (await targetOf(postIds.undated)).text)
      .toBe('Harvest series: five stories from the gardens');
    await panel
      .getByTestId('panel-text')
      .getByText('Harvest series: five stories from the gardens')
      .waitFor();

    await panel.getByRole('button', { name: 'Delete post' }).click();
    await panel.getByText('Delete this post on every account?').waitFor();
    await panel.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByTestId('planner-notice').getByText('Post deleted.').waitFor();
    expect(await page.getByTestId('post-panel').count()).toBe(0);
    await expect.poll(() => chip(postIds.undated).count()).toBe(0);
  });

  it('moves a post with the keyboard through the side panel, and Escape gives focus back', async () => {
    await openWeek(inDhaka(laterAt).day);
    await chip(postIds.later).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('post-panel');
    await panel.getByRole('heading', { name: 'Reschedule' }).waitFor();
    const moved = inDhaka(laterAt + HOUR);
    await panel.getByLabel('Date', { exact: true }).fill(moved.day);
    await panel.getByLabel('Time', { exact: true }).fill(`${String(moved.hour).padStart(2, '0')}:30`);
    await expectAccessible();
    await saveScreenshot(page, 'planner-panel-scheduled-en');
    await panel.getByRole('button', { name: 'Move post' }).click();
    await page
      .getByTestId('planner-notice')
      .getByText(/^Moved to /)
      .waitFor();
    const expected = new Date(dhakaInstant(moved.day, moved.hour, 30)).toISOString();
    await expect.poll(async () => (await targetOf(postIds.later)).scheduledAt).toBe(expected);
    laterAt = Date.parse(expected);

    await page.keyboard.press('Escape');
    expect(await page.getByTestId('post-panel').count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-post-id')))
      .toBe(postIds.later);
  });

  it('schedules a draft at its time from the side panel', async () => {
    await openWeek(inDhaka(datedAt).day);
    await chip(postIds.dated).click();
    const panel = page.getByTestId('post-panel');
    await panel.getByRole('group', { name: 'Schedule this draft' }).waitFor();
    expect(await panel.getByRole('radio', { name: 'At a time' }).isChecked()).toBe(true);
    await panel.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.getByTestId('planner-notice').getByText('Scheduled.').waitFor();
    await expect.poll(async () => (await targetOf(postIds.dated)).status).toBe('scheduled');
    expect((await targetOf(postIds.dated)).scheduledAt).toBe(new Date(datedAt).toISOString());
    await expect.poll(() => chip(postIds.dated).getAttribute('data-status')).toBe('scheduled');
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('shows the week and the side panel in Bengali, with Bengali digits', async () => {
    // The week of the published post: the draft scheduled above may fall in the next one.
    const soon = await targetOf(postIds.soon);
    await openWeek(inDhaka(Date.parse(soon.scheduledAt!)).day);
    await chooseLanguage('bn');
    await page.getByRole('heading', { name: 'পরিকল্পনা', level: 1 }).waitFor();
    await expect(page.getByTestId('planner-range').textContent()).resolves.toMatch(/[০-৯]/);
    await expect(chip(postIds.soon).textContent()).resolves.toContain('প্রকাশিত');
    await expectAccessible();
    await saveScreenshot(page, 'planner-week-bn');
    await chip(postIds.soon).click();
    const panel = page.getByTestId('post-panel');
    await panel.getByRole('link', { name: 'প্রকাশিত পোস্টটি খুলুন' }).waitFor();
    await expectAccessible();
    await saveScreenshot(page, 'planner-panel-bn');
    await panel.getByRole('button', { name: 'বন্ধ করুন' }).click();
    await chooseLanguage('en');
  });

  it('starts a post in the composer at the time of an empty slot', async () => {
    const tomorrow = inDhaka(Date.now() + DAY).day;
    // Six hours away from the posts made above, so the slot is empty.
    const hour = (inDhaka(laterAt).hour + 6) % 24;
    await openWeek(tomorrow);
    await slot(tomorrow, hour).click({ position: { x: 5, y: 2 } });
    await page.waitForURL(/\/compose\?at=/);
    expect(new URL(page.url()).searchParams.get('at')).toBe(
      new Date(dhakaInstant(tomorrow, hour)).toISOString(),
    );
  });
});
