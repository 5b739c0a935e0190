// The team's tools in the browser, two people in two browser contexts: the notification bell (unread
// badge, the list, opening one goes to its link, "Mark all read"), comments on an inbox item with an
// @mention picked from the keyboard that notifies the teammate, and Settings → Audit log (filtered by
// kind, the inbox and comment events with readable before and after, the CSV export, and the sentence a
// non-admin sees instead). English and Bengali, axe on every state.
import { readFileSync } from 'node:fs';
import { AtpAgent, RichText } from '@atproto/api';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../src/testing/atprotoNetwork.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { chooseLanguage, expectAccessible, launchChromium, saveScreenshot } from './browser.ts';
import { connectBluesky, setUpInstance } from './journeySteps.ts';

const owner = { name: 'Nasima Begum', email: 'nasima@example.org', password: 'correct horse battery' };
const teammate = { name: 'Rubel Sarkar', email: 'rubel@example.org', password: 'staple paper clips' };
const mentionText = 'is the Padma bridge toll changing next month? Nobody at the plaza knows.';

describe('notifications, comments and the audit log in the browser', { timeout: 240_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let network: AtprotoNetwork;
  let desk: AtprotoAccount;
  let page: Page;
  let teammatePage: Page;
  let workspaceId: string;
  let itemId: string;

  beforeAll(async () => {
    [browser, network, app] = await Promise.all([
      launchChromium(),
      startAtprotoNetwork(),
      startApp({ env: { KOLOROB_ALLOW_PRIVATE_FETCH: 'true', KOLOROB_INBOX_POLL_MS: '2000' } }),
    ]);
    let jamal: AtprotoAccount;
    [desk, jamal] = await Promise.all([network.createAccount('bridgedesk'), network.createAccount('jamal')]);
    const jamalAgent = new AtpAgent({ service: network.pdsUrl });
    await jamalAgent.login({ identifier: jamal.handle, password: jamal.password });
    const mention = new RichText({ text: `@${desk.handle} ${mentionText}` });
    await mention.detectFacets(jamalAgent);
    await jamalAgent.post({ text: mention.text, facets: mention.facets });
    await network.processAll();
    const options = { viewport: { width: 1280, height: 860 }, locale: 'en-GB', timezoneId: 'Asia/Dhaka' };
    page = await (await browser.newContext(options)).newPage();
    teammatePage = await (await browser.newContext(options)).newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await network?.close();
  });

  const bell = (on: Page): Locator => on.getByTestId('notification-bell');
  const panel = (on: Page): Locator => on.getByTestId('notification-panel');
  const comments = (on: Page): Locator => on.getByRole('region', { name: 'Comments' });
  const auditRows = (on: Page): Locator => on.locator('.audit-table tbody tr');

  it('sets up the workspace with a contributor and an inbox item from the network', async () => {
    workspaceId = await setUpInstance(page, app.url, owner, 'Padma Bridge Desk');
    await connectBluesky(page, app.url, workspaceId, network, desk);
    await page.goto(`${app.url}/w/${workspaceId}/settings/members`);
    await page.getByLabel('Role', { exact: true }).selectOption('contributor');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const link = await page.getByTestId('invitation-link').inputValue();
    await teammatePage.goto(link);
    await teammatePage.getByLabel('Your name').fill(teammate.name);
    await teammatePage.getByLabel('Email address').fill(teammate.email);
    await teammatePage.getByLabel('Password').fill(teammate.password);
    await teammatePage.getByRole('button', { name: 'Create account and join' }).click();
    await teammatePage.waitForURL(/\/w\/[^/]+\/streams(\?.*)?$/);

    await page.goto(`${app.url}/w/${workspaceId}/inbox`);
    const row = page
      .getByRole('region', { name: 'Inbox items' })
      .getByRole('button', { name: /Padma bridge/ });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.waitForURL(/[?&]item=/);
    itemId = new URL(page.url()).searchParams.get('item')!;
  });

  it('shows an empty bell until something happens', async () => {
    await expect(bell(teammatePage).getAttribute('aria-label')).resolves.toBe('Notifications');
    await bell(teammatePage).click();
    await panel(teammatePage)
      .getByText('Nothing new. You will see approvals, mentions and alerts here.')
      .waitFor();
    await expect(
      panel(teammatePage).getByRole('button', { name: 'Mark all read' }).isDisabled(),
    ).resolves.toBe(true);
    await expectAccessible(teammatePage);
    await teammatePage.keyboard.press('Escape');
    await panel(teammatePage).waitFor({ state: 'hidden' });
    // Escape gives the focus back to the bell.
    await expect(bell(teammatePage).evaluate((element) => element === document.activeElement)).resolves.toBe(
      true,
    );
  });

  it('puts an assignment under the teammate’s bell; opening it goes to the item', async () => {
    await page.getByRole('region', { name: 'The chosen item' }).getByLabel('Assigned to').selectOption({
      label: teammate.name,
    });
    await page.getByRole('region', { name: 'Inbox items' }).getByText(teammate.name).waitFor();

    await teammatePage.reload();
    await expect.poll(() => bell(teammatePage).getAttribute('aria-label')).toBe('Notifications, 1 unread');
    await expect(bell(teammatePage).textContent()).resolves.toBe('1');
    await expectAccessible(teammatePage);
    await saveScreenshot(teammatePage, 'bell-unread-en', { at: bell(teammatePage), block: 'start' });

    await bell(teammatePage).click();
    const entry = panel(teammatePage).getByRole('button', {
      name: `Unread: ${owner.name} assigned you a message from ${`jamal.test`}`,
    });
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain(mentionText);
    await expectAccessible(teammatePage);
    await saveScreenshot(teammatePage, 'bell-panel-en');
    // Choosing the language is a click outside the list, which closes it.
    await chooseLanguage(teammatePage, 'bn');
    await panel(teammatePage).waitFor({ state: 'hidden' });
    await bell(teammatePage).click();
    await panel(teammatePage).getByRole('heading', { name: 'বিজ্ঞপ্তি' }).waitFor();
    await expect(bell(teammatePage).textContent()).resolves.toBe('১');
    await expectAccessible(teammatePage);
    await saveScreenshot(teammatePage, 'bell-panel-bn');
    await chooseLanguage(teammatePage, 'en');

    await bell(teammatePage).click();
    await panel(teammatePage)
      .getByRole('button', { name: /assigned you a message/ })
      .click();
    await teammatePage.waitForURL(new RegExp(`/w/${workspaceId}/inbox\\?item=${itemId}$`));
    await teammatePage
      .getByRole('region', { name: 'The chosen item' })
      .getByRole('heading', { name: /mentioned you/, level: 2 })
      .waitFor();
    await expect.poll(() => bell(teammatePage).getAttribute('aria-label')).toBe('Notifications');
    await expect(bell(teammatePage).textContent()).resolves.toBe('');
  });

  it('writes a comment that mentions the teammate, picked with the keyboard', async () => {
    const thread = comments(page);
    await thread.getByText('No comments yet.').waitFor();
    const box = thread.getByLabel('Write a comment');
    await box.click();
    await box.pressSequentially('Could @ru');
    const options = thread.getByRole('listbox', { name: 'Teammates to mention' });
    await options.waitFor();
    await expect(options.getByRole('option').allTextContents()).resolves.toEqual([
      expect.stringContaining(teammate.name),
    ]);
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(
      await options.getByRole('option').first().getAttribute('id'),
    );
    await expectAccessible(page);
    await saveScreenshot(page, 'comments-mention-picker-en', { at: thread, block: 'center' });
    await box.press('Enter');
    await options.waitFor({ state: 'hidden' });
    await expect(box.inputValue()).resolves.toBe(`Could @${teammate.name} `);
    await box.pressSequentially('check the toll notice before we answer?');
    await box.press('Control+Enter');

    const comment = thread.locator('.comment').filter({ hasText: 'check the toll notice' });
    await comment.waitFor();
    await expect(comment.locator('mark').textContent()).resolves.toBe(`@${teammate.name}`);
    await expect(box.inputValue()).resolves.toBe('');
    await expectAccessible(page);
    await saveScreenshot(page, 'comments-thread-en', { at: thread, block: 'center' });
  });

  it('tells the teammate they were mentioned; "Mark all read" clears the badge', async () => {
    await teammatePage.reload();
    await expect.poll(() => bell(teammatePage).getAttribute('aria-label')).toBe('Notifications, 1 unread');
    await bell(teammatePage).click();
    const entry = panel(teammatePage).getByRole('button', {
      name: new RegExp(`^Unread: ${owner.name} mentioned you`),
    });
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain(`@${teammate.name} check the toll notice`);
    // The assignment read earlier is still listed, without the unread mark.
    await panel(teammatePage)
      .getByRole('button', { name: /^Nasima Begum assigned you/ })
      .waitFor();
    await panel(teammatePage).getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell(teammatePage).getAttribute('aria-label')).toBe('Notifications');
    // The badge and the list refresh separately: wait for the list too.
    await expect.poll(() => panel(teammatePage).getByText('Unread:').count()).toBe(0);
    await expectAccessible(teammatePage);

    // The teammate's own comment shows in the owner's thread, in Bengali too.
    await teammatePage.keyboard.press('Escape');
    const thread = comments(teammatePage);
    await thread.locator('.comment').first().waitFor();
    const box = thread.getByLabel('Write a comment');
    await box.fill('The notice goes up on Monday; I will reply then.');
    await thread.getByRole('button', { name: 'Post comment' }).click();
    await thread.locator('.comment').nth(1).waitFor();

    await page.reload();
    await comments(page).locator('.comment').nth(1).waitFor();
    await chooseLanguage(page, 'bn');
    const bengaliThread = page.getByRole('region', { name: 'মন্তব্য' });
    await bengaliThread.getByRole('heading', { name: 'মন্তব্য' }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'comments-thread-bn', { at: bengaliThread, block: 'center' });
    await chooseLanguage(page, 'en');
  });

  it('shows admins the audit log, filtered by kind, with readable before and after', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/settings/members`);
    await page.getByTestId('settings-nav').getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(/\/settings\/audit$/);
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await auditRows(page).first().waitFor();
    const actions = await page.locator('.audit-table tbody td code:not(.audit-id)').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['comment.created', 'inbox.assigned', 'member.joined']));
    await expectAccessible(page);
    await saveScreenshot(page, 'audit-all-en');

    await page.getByLabel('Kind of change').selectOption({ label: 'Inbox' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(() => page.locator('.audit-table tbody td code:not(.audit-id)').allTextContents())
      .toEqual(['inbox.assigned']);
    const assigned = auditRows(page).first();
    await expect(assigned.locator('.person-name').textContent()).resolves.toBe(owner.name);
    await expect(assigned.locator('dt').textContent()).resolves.toBe('Assigned to');
    await expect(assigned.locator('del').textContent()).resolves.toBe('Before: nobody');
    await expect(assigned.locator('ins').textContent()).resolves.toBe(`After: ${teammate.name}`);
    await expectAccessible(page);
    await saveScreenshot(page, 'audit-inbox-en');

    await page.getByLabel('Kind of change').selectOption({ label: 'Comments' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => auditRows(page).count()).toBe(2);
    const mentioned = auditRows(page).filter({ hasText: 'check the toll notice' });
    const change = (field: string) =>
      mentioned.locator('.audit-change').filter({ has: page.locator('dt', { hasText: field }) });
    await expect(change('Text').locator('ins').textContent()).resolves.toBe(
      `After: Could @${teammate.name} check the toll notice before we answer?`,
    );
    await expect(change('Mentioned').locator('ins').textContent()).resolves.toBe(`After: ${teammate.name}`);

    await chooseLanguage(page, 'bn');
    await page.getByRole('heading', { name: 'অডিট লগ', level: 1 }).waitFor();
    await expect(page.getByLabel('পরিবর্তনের ধরন').inputValue()).resolves.toBe('comment.');
    await expectAccessible(page);
    await saveScreenshot(page, 'audit-comments-bn');
    await chooseLanguage(page, 'en');
  });

  it('exports the filtered log as CSV', async () => {
    const link = page.getByRole('link', { name: 'Export CSV' });
    const href = (await link.getAttribute('href'))!;
    expect(href).toContain('actionPrefix=comment.');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((line) => line.includes('comment.created'))).toBe(true);
    expect(csv).toContain('check the toll notice');

    // The same address answers the whole log when unfiltered.
    const all = await page.request.get(`${app.url}${href.replace(/\?.*$/, '')}`);
    expect(all.status()).toBe(200);
    expect(all.headers()['content-type']).toContain('text/csv');
    const everything = await all.text();
    expect(everything).toContain('inbox.assigned');
    expect(everything).toContain('member.joined');
  });

  it('tells a non-admin that only owners and admins read the audit log', async () => {
    await teammatePage.goto(`${app.url}/w/${workspaceId}/settings/audit`);
    await teammatePage.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await teammatePage.getByText('Only owners and admins can read the audit log.').waitFor();
    await expect(teammatePage.locator('.audit-table').count()).resolves.toBe(0);
    await expect(teammatePage.getByRole('link', { name: 'Export CSV' }).count()).resolves.toBe(0);
    const refused = await teammatePage.request.get(`${app.url}/api/workspaces/${workspaceId}/audit-events`);
    expect(refused.status()).toBe(403);
    await expectAccessible(teammatePage);
    await saveScreenshot(teammatePage, 'audit-not-admin-en');
    await chooseLanguage(teammatePage, 'bn');
    await teammatePage.getByText('শুধু মালিক ও অ্যাডমিনরা অডিট লগ পড়তে পারেন।').waitFor();
    await saveScreenshot(teammatePage, 'audit-not-admin-bn');
    await chooseLanguage(teammatePage, 'en');
  });
});
