// Approvals and crisis mode in the browser, with three people in three browser contexts: the owner (an
// admin) sets up the workspace, a two-step approval chain (the editor by name, then any admin) and the
// crisis playbook; a contributor writes posts; an editor approves from the queue. A post published at
// once after both steps reaches the local Bluesky network and turns published on the contributor's
// planner without a reload; a rejected post comes back with its reason. Then crisis mode: the
// contributor sees the banner and a paused post without a reload, a holding statement opens in the
// composer, and after the crisis the post whose time passed waits for a decision. English and Bengali
// screenshots, axe on every new state.
import type { AppBskyFeedDefs } from '@atproto/api';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../src/testing/atprotoNetwork.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import {
  chooseLanguage,
  expectAccessible,
  launchChromium,
  type ScreenshotView,
  saveScreenshot,
} from './browser.ts';
import { connectBluesky, eventually, setUpInstance, wallTime } from './journeySteps.ts';

const ZONE = 'Asia/Dhaka';
const dhakaWallTime = (instant: Date) => wallTime(instant, ZONE);
const owner = { name: 'Shirin Akhter', email: 'shirin@example.org', password: 'correct horse battery' };
const contributor = { name: 'Tanvir Ahmed', email: 'tanvir@example.org', password: 'staple paper clips' };
const editor = { name: 'Mitu Rahman', email: 'mitu@example.org', password: 'purple monkey dishwasher' };

const texts = {
  approved: 'Flood relief update: two new shelters open in Sirajganj tonight',
  rejected: 'Relief numbers so far: 12,000 families reached (unchecked)',
  paused: 'Volunteer briefing at the Sirajganj shelter starts soon',
  later: 'Tomorrow: how to donate to the flood relief fund',
};
const approveComment = 'Checked the shelter list with the district office.';
const rejectReason = 'The family count is not confirmed yet; wait for the district figures.';
const crisisReason = 'The embankment at Kazipur broke; hold every post until we know more.';
const holding = {
  title: 'Embankment breach',
  text: 'We are following the news from Kazipur and will share verified information soon.',
};

describe('approvals and crisis mode in the browser', { timeout: 180_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let network: AtprotoNetwork;
  let bluesky: AtprotoAccount;
  let ownerPage: Page;
  let contributorPage: Page;
  let editorPage: Page;
  let workspaceId: string;
  /** When the post paused by the crisis is due; the crisis ends after it. */
  let pausedDueAt = 0;

  beforeAll(async () => {
    [browser, network, app] = await Promise.all([
      launchChromium(),
      startAtprotoNetwork(),
      // The local network listens on 127.0.0.1, which Kolorob refuses unless the operator allows it.
      startApp({ env: { KOLOROB_ALLOW_PRIVATE_FETCH: 'true' } }),
    ]);
    bluesky = await network.createAccount('reliefdesk');
    const options = { viewport: { width: 1360, height: 900 }, locale: 'en-GB', timezoneId: ZONE };
    const open = async () => (await browser.newContext(options)).newPage();
    [ownerPage, contributorPage, editorPage] = await Promise.all([open(), open(), open()]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await network?.close();
  });

  const url = (path: string) => `${app.url}/w/${workspaceId}${path}`;
  const chip = (page: Page, text: string): Locator =>
    page.getByTestId('planner-chip').filter({ hasText: text.slice(0, 30) });
  const queueItem = (page: Page, text: string): Locator =>
    page.getByTestId('approval-item').filter({ hasText: text });

  /** Screenshots of the page as it is, in English and in Bengali; back in English afterwards. */
  async function bothLanguages(
    page: Page,
    name: string,
    check?: (page: Page) => Promise<void>,
    view?: ScreenshotView,
  ) {
    await expectAccessible(page);
    await saveScreenshot(page, `${name}-en`, view);
    await chooseLanguage(page, 'bn');
    await check?.(page);
    await expectAccessible(page);
    await saveScreenshot(page, `${name}-bn`, view);
    await chooseLanguage(page, 'en');
  }

  async function invite(role: 'contributor' | 'editor', page: Page, person: typeof owner) {
    await ownerPage.goto(url('/settings/members'));
    await ownerPage.getByLabel('Role', { exact: true }).selectOption(role);
    await ownerPage.getByRole('button', { name: 'Create invitation' }).click();
    const link = await ownerPage.getByTestId('invitation-link').inputValue();
    await page.goto(link);
    await page.getByLabel('Your name').fill(person.name);
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await page.waitForURL(/\/w\/[^/]+\/streams(\?.*)?$/);
  }

  /** Writes a post for the Bluesky account in the composer: at once, or at a Dhaka wall time. */
  async function compose(page: Page, text: string, at?: { date: string; time: string }) {
    await page.goto(url('/compose'));
    await page.getByRole('checkbox', { name: new RegExp(`@${bluesky.handle}`) }).check();
    await page.getByLabel('Text for all networks').fill(text);
    if (at) {
      await page.getByRole('radio', { name: /^Schedule/ }).check();
      await page.getByLabel('Date', { exact: true }).fill(at.date);
      await page.getByLabel('Time', { exact: true }).fill(at.time);
      await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    } else {
      await page.getByRole('button', { name: 'Publish now', exact: true }).click();
    }
    await page.getByTestId('composer-outcome').waitFor();
  }

  /** Approves (or sends back) the post in this person's approval queue. */
  async function decide(page: Page, text: string, decision: 'approve' | 'reject', comment: string) {
    const item = queueItem(page, text);
    await item.waitFor();
    await item.getByTestId(`${decision}-button`).click();
    const dialog = page.getByTestId('decision-dialog');
    await dialog.getByRole('textbox').fill(comment);
    await dialog.getByTestId('decision-submit').click();
    await item.waitFor({ state: 'detached' });
  }

  async function onAuthorFeed(text: string): Promise<AppBskyFeedDefs.PostView> {
    return eventually(async () => {
      await network.processAll();
      const { data } = await network.appView.app.bsky.feed.getAuthorFeed({ actor: bluesky.did });
      return data.feed
        .map((item) => item.post)
        .find((view) => (view.record as { text?: string }).text === text);
    }, 90_000);
  }

  it('sets up the workspace with a Bluesky account, a contributor and an editor', async () => {
    workspaceId = await setUpInstance(ownerPage, app.url, owner, 'Flood Relief Desk');
    await connectBluesky(ownerPage, app.url, workspaceId, network, bluesky);
    await invite('contributor', contributorPage, contributor);
    await invite('editor', editorPage, editor);
  });

  it('lets the owner set a two-step approval chain: the editor, then any admin', async () => {
    await ownerPage.goto(url('/settings/approvals'));
    const form = ownerPage.getByRole('form', { name: `Approval chain of @${bluesky.handle}` });
    await form.getByText('No steps of its own').waitFor();
    await form.getByRole('button', { name: 'Add a step' }).click();
    await form.getByLabel('Step 1').selectOption({ label: editor.name });
    await form.getByRole('button', { name: 'Add a step' }).click();
    await form.getByLabel('Step 2').selectOption('role:admin');
    await form.getByRole('button', { name: 'Save chain' }).click();
    await form.getByText('Saved.').waitFor();
    await bothLanguages(ownerPage, 'approvals-chains', async (page) => {
      await page.getByRole('heading', { name: 'অনুমোদন-শৃঙ্খল', level: 1 }).waitFor();
    });

    // Everyone else reads the chain without changing it.
    await editorPage.goto(url('/settings/approvals'));
    await editorPage.getByTestId('chains-read-only').waitFor();
    const steps = editorPage.getByTestId('approval-chain').locator('.approval-step');
    await expect.poll(() => steps.allTextContents()).toEqual([editor.name, 'Any Admin or higher']);
  });

  it('sends the contributor’s post to approval, shown waiting on the planner', async () => {
    await compose(contributorPage, texts.approved);
    await expect(contributorPage.getByTestId('composer-outcome').textContent()).resolves.toContain(
      'waits for an editor',
    );
    await contributorPage
      .getByTestId('composer-outcome')
      .getByRole('link', { name: 'Open the planner' })
      .click();
    await contributorPage.waitForURL(/\/publisher$/);
    const waiting = chip(contributorPage, texts.approved);
    await waiting.waitFor();
    expect(await waiting.getAttribute('data-status')).toBe('pending_approval');
    await waiting.click();
    const panel = contributorPage.getByTestId('post-panel');
    await panel.getByTestId('post-approval').getByText('Step 1 of 2').waitFor();
    await expect(panel.getByTestId('post-approval').textContent()).resolves.toContain(editor.name);
    await expectAccessible(contributorPage);
    // A reload would clear this mark: the rest of the journey happens on this page as it is.
    await contributorPage.evaluate(() => {
      (window as unknown as { journeyMark: boolean }).journeyMark = true;
    });
  });

  it('tells the editor through the bell and shows the post in the approval queue', async () => {
    await editorPage.goto(url('/publisher'));
    await editorPage.getByRole('button', { name: 'Notifications, 1 unread' }).click();
    await editorPage
      .getByTestId('notification-panel')
      .getByRole('button', { name: new RegExp(`${contributor.name} asks you to approve a post`) })
      .click();
    await editorPage.waitForURL(/\/publisher\/approvals\?post=/);
    const item = queueItem(editorPage, texts.approved);
    await item.waitFor();
    await expect(item.getAttribute('class')).resolves.toContain('approval-card-highlighted');
    await expect(item.getByTestId('approval-step').textContent()).resolves.toBe('Step 1 of 2');
    await bothLanguages(editorPage, 'approvals-queue', async () => {
      await expect(item.getByTestId('approval-step').textContent()).resolves.toBe('২টির মধ্যে ধাপ ১');
    });
  });

  it('takes the editor’s approval with a comment, then the owner’s, and publishes on Bluesky', {
    timeout: 240_000,
  }, async () => {
    await decide(editorPage, texts.approved, 'approve', approveComment);
    await editorPage.getByText('Approved.').waitFor();
    await editorPage.getByTestId('approvals-empty').waitFor();

    // The contributor's open panel follows the chain: step 1 decided with its comment, step 2 open.
    const approval = contributorPage.getByTestId('post-panel').getByTestId('post-approval');
    await approval.getByText('Step 2 of 2').waitFor({ timeout: 30_000 });
    await expect(approval.textContent()).resolves.toContain(approveComment);
    await contributorPage
      .getByTestId('post-panel')
      .getByLabel('Write a comment')
      .fill('Photos of both shelters are in the shared folder.');
    await contributorPage.getByTestId('post-panel').getByRole('button', { name: 'Post comment' }).click();
    await contributorPage
      .getByTestId('post-panel')
      .getByText('Photos of both shelters are in the shared folder.')
      .last()
      .waitFor();
    await bothLanguages(contributorPage, 'approvals-post-panel', undefined, { at: approval, block: 'start' });

    await ownerPage.goto(url('/publisher'));
    await ownerPage.getByTestId('approvals-link').click();
    await ownerPage.waitForURL(/\/publisher\/approvals$/);
    await decide(ownerPage, texts.approved, 'approve', '');

    const post = await onAuthorFeed(texts.approved);
    expect((post.record as { text: string }).text).toBe(texts.approved);
    await contributorPage.waitForFunction(
      (text) =>
        [...document.querySelectorAll('[data-testid="planner-chip"]')].some(
          (element) =>
            element.textContent?.includes(text) && element.getAttribute('data-status') === 'published',
        ),
      texts.approved.slice(0, 30),
      { timeout: 60_000, polling: 500 },
    );
    expect(
      await contributorPage.evaluate(() => (window as unknown as { journeyMark?: boolean }).journeyMark),
    ).toBe(true);
  });

  it('opens the approved post on the planner from the contributor’s notification', async () => {
    await contributorPage.goto(url('/streams'));
    await contributorPage.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    await contributorPage
      .getByTestId('notification-panel')
      .getByRole('button', { name: new RegExp(`${owner.name} approved your post`) })
      .click();
    // The calendar moves to the post's day; the link's ?post= is used up.
    await contributorPage.waitForURL(/\/publisher\?date=\d{4}-\d{2}-\d{2}$/);
    const panel = contributorPage.getByTestId('post-panel');
    await panel.getByTestId('panel-text').getByText(texts.approved).waitFor();
    await expect(panel.getByTestId('status-pill').first().textContent()).resolves.toContain('Published');
    await expect(panel.getByTestId('post-approval').textContent()).resolves.toContain(
      `Approved by ${owner.name}`,
    );
    await contributorPage.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('says so when a link points to a post that is not there', async () => {
    await contributorPage.goto(url(`/publisher?post=${crypto.randomUUID()}`));
    await contributorPage
      .getByTestId('planner-notice')
      .getByText('was deleted or is not in this workspace')
      .waitFor();
    expect(new URL(contributorPage.url()).searchParams.has('post')).toBe(false);
    await expectAccessible(contributorPage);
  });

  it('returns a rejected post to the contributor with the reason', async () => {
    await compose(contributorPage, texts.rejected);
    await editorPage.goto(url('/publisher/approvals'));
    await decide(editorPage, texts.rejected, 'reject', rejectReason);
    await editorPage.getByText('Sent back to its author.').waitFor();

    await contributorPage.goto(url('/publisher'));
    const draft = chip(contributorPage, texts.rejected);
    await draft.waitFor();
    expect(await draft.getAttribute('data-status')).toBe('draft');
    await draft.click();
    const reason = contributorPage.getByTestId('post-panel').getByTestId('rejection-reason');
    await reason.waitFor();
    await expect(reason.textContent()).resolves.toContain(rejectReason);
    await expect(reason.textContent()).resolves.toContain(`Sent back by ${editor.name}`);
    await bothLanguages(contributorPage, 'approvals-post-rejected', undefined, {
      at: contributorPage.getByTestId('post-panel').getByTestId('post-approval'),
      block: 'start',
    });
    await contributorPage.keyboard.press('Escape');
  });

  it('schedules an approved post a few minutes ahead and the editor’s post for tomorrow', async () => {
    // Far enough ahead for two approvals and the start of the crisis, near enough to wait for.
    const due = new Date(Math.ceil((Date.now() + 150_000) / 60_000) * 60_000);
    pausedDueAt = due.getTime();
    await compose(contributorPage, texts.paused, dhakaWallTime(due));
    await editorPage.goto(url('/publisher/approvals'));
    await decide(editorPage, texts.paused, 'approve', 'Fine to go.');
    await ownerPage.goto(url('/publisher/approvals'));
    await decide(ownerPage, texts.paused, 'approve', '');

    const tomorrow = dhakaWallTime(new Date(Date.now() + 24 * 3_600_000));
    await compose(editorPage, texts.later, { date: tomorrow.date, time: '10:00' });
    await expect(editorPage.getByTestId('composer-outcome').textContent()).resolves.toContain(
      'Scheduled for',
    );

    await contributorPage.goto(url('/publisher'));
    const scheduled = chip(contributorPage, texts.paused);
    await scheduled.waitFor();
    await contributorPage.waitForFunction(
      (text) =>
        [...document.querySelectorAll('[data-testid="planner-chip"]')].some(
          (element) =>
            element.textContent?.includes(text) && element.getAttribute('data-status') === 'scheduled',
        ),
      texts.paused.slice(0, 30),
      { timeout: 20_000, polling: 500 },
    );
    await contributorPage.evaluate(() => {
      (window as unknown as { journeyMark: boolean }).journeyMark = true;
    });
  });

  it('lets the owner prepare the playbook and start crisis mode after a confirmation', async () => {
    await ownerPage.goto(url('/settings/crisis'));
    await ownerPage.getByRole('heading', { name: 'Crisis mode is off' }).waitFor();
    await ownerPage.getByRole('button', { name: 'Add statement' }).click();
    await ownerPage.getByRole('textbox', { name: 'Title', exact: true }).fill(holding.title);
    await ownerPage.getByRole('textbox', { name: 'Statement', exact: true }).fill(holding.text);
    await ownerPage.getByRole('button', { name: 'Save', exact: true }).click();
    await ownerPage.getByRole('heading', { name: holding.title }).waitFor();
    await ownerPage.getByRole('button', { name: 'Add contact' }).click();
    await ownerPage.getByRole('textbox', { name: 'Name', exact: true }).fill('Abdul Karim');
    await ownerPage.getByRole('textbox', { name: 'Role', exact: true }).fill('District relief officer');
    await ownerPage.getByRole('textbox', { name: 'Email', exact: true }).fill('karim@example.org');
    await ownerPage.getByRole('textbox', { name: 'Phone', exact: true }).fill('+880 1711 000000');
    await ownerPage.getByRole('button', { name: 'Save', exact: true }).click();
    await ownerPage.getByRole('rowheader', { name: 'Abdul Karim' }).waitFor();
    await expectAccessible(ownerPage);

    await ownerPage.getByLabel('Why is publishing paused?').fill(crisisReason);
    await ownerPage.getByRole('button', { name: 'Start crisis mode' }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'Start crisis mode?' });
    await dialog.getByText(crisisReason).waitFor();
    await expectAccessible(ownerPage);
    await dialog.getByRole('button', { name: 'Pause all publishing' }).click();
    await ownerPage.getByRole('heading', { name: 'Crisis mode is on' }).waitFor();
    expect(Date.now()).toBeLessThan(pausedDueAt);
    const held = ownerPage.getByTestId('crisis-held-post');
    await held.filter({ hasText: texts.paused }).waitFor();
    await held.filter({ hasText: texts.later }).waitFor();
    await ownerPage.getByText('2 posts paused').waitFor();
    await bothLanguages(ownerPage, 'crisis-active');
  });

  it('shows the contributor the banner and the paused post without a reload', async () => {
    const banner = contributorPage.getByTestId('crisis-banner');
    await banner.waitFor({ timeout: 30_000 });
    await expect(banner.textContent()).resolves.toContain(crisisReason);
    await contributorPage.waitForFunction(
      (text) =>
        [...document.querySelectorAll('[data-testid="planner-chip"]')].some(
          (element) =>
            element.textContent?.includes(text) && element.getAttribute('data-status') === 'paused',
        ),
      texts.paused.slice(0, 30),
      { timeout: 30_000, polling: 500 },
    );
    expect(
      await contributorPage.evaluate(() => (window as unknown as { journeyMark?: boolean }).journeyMark),
    ).toBe(true);
    await bothLanguages(contributorPage, 'crisis-banner-planner', async (page) => {
      await expect(page.getByTestId('crisis-banner').textContent()).resolves.toContain('সংকট');
    });
    // A contributor reads the crisis page without its controls.
    await banner.getByRole('link', { name: 'Open crisis mode' }).click();
    await contributorPage.waitForURL(/\/settings\/crisis$/);
    await contributorPage.getByRole('heading', { name: 'Crisis mode is on' }).waitFor();
    expect(await contributorPage.getByRole('button', { name: 'End crisis mode' }).count()).toBe(0);
    expect(await contributorPage.getByRole('button', { name: 'Publish anyway' }).count()).toBe(0);
    await expectAccessible(contributorPage);
  });

  it('loads a holding statement into the composer with one click', async () => {
    await ownerPage.getByRole('link', { name: 'Use in composer' }).click();
    await ownerPage.waitForURL(/\/compose\?text=/);
    await expect(ownerPage.getByLabel('Text for all networks').inputValue()).resolves.toBe(holding.text);
    await ownerPage.getByTestId('crisis-banner').waitFor();
  });

  it('ends crisis mode: the later post resumes, the one whose time passed waits for a decision', {
    timeout: 300_000,
  }, async () => {
    await ownerPage.goto(url('/settings/crisis'));
    await ownerPage.getByRole('heading', { name: 'Crisis mode is on' }).waitFor();
    // Nothing is published while the crisis holds the post past its time.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, pausedDueAt - Date.now() + 5_000)));
    await network.processAll();
    const { data } = await network.appView.app.bsky.feed.getAuthorFeed({ actor: bluesky.did });
    expect(data.feed.map((item) => (item.post.record as { text?: string }).text)).not.toContain(texts.paused);

    await ownerPage.getByRole('button', { name: 'End crisis mode' }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'End crisis mode?' });
    await expectAccessible(ownerPage);
    await dialog.getByRole('button', { name: 'Resume publishing' }).click();
    await ownerPage.getByRole('heading', { name: 'Crisis mode is off' }).waitFor();
    await ownerPage.getByText(/1 scheduled item\(s\) resumed; 1 post\(s\) wait for a decision/).waitFor();
    await ownerPage.getByRole('heading', { name: 'Posts waiting for a decision' }).waitFor();
    const review = ownerPage.getByTestId('crisis-held-post');
    await expect.poll(() => review.allTextContents()).toEqual([expect.stringContaining(texts.paused)]);
    await ownerPage.getByRole('row', { name: /Still on/ }).waitFor({ state: 'detached' });
    await bothLanguages(ownerPage, 'crisis-review');

    await contributorPage.goto(url('/publisher'));
    await contributorPage.getByRole('heading', { name: 'Planner' }).waitFor();
    await contributorPage.getByTestId('crisis-banner').waitFor({ state: 'detached', timeout: 30_000 });

    await review.getByRole('button', { name: 'Publish now' }).click();
    await review.waitFor({ state: 'detached' });
    const published = await onAuthorFeed(texts.paused);
    expect((published.record as { text: string }).text).toBe(texts.paused);
  });
});
