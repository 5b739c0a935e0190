// The Lists pages in the browser against a local Bluesky network: a list made in Kolorob appears on the
// network, a person found by search joins it there, the list opens as a Streams column, and the starter
// list template, with one person added to it, becomes a real list on the account.
import { AtpAgent } from '@atproto/api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../src/testing/atprotoNetwork.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { chooseLanguage, expectAccessible, launchChromium, saveScreenshot } from './browser.ts';
import { connectBluesky, eventually, setUpInstance } from './journeySteps.ts';

const owner = { name: 'Farhana Akter', email: 'farhana@example.org', password: 'correct horse battery' };
const listName = 'Tea growers of Sylhet';
const listDescription = 'Estates, pickers and co-operatives around Srimangal.';
const STARTER = 'People to learn from';

interface Board {
  id: string;
  name: string;
  columns: { kind: string; listId?: string; listName?: string; title: string }[];
}

/** Gives a local account the display name a person would have set on Bluesky. */
async function nameAccount(network: AtprotoNetwork, account: AtprotoAccount, displayName: string) {
  const agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: account.handle, password: account.password });
  await agent.com.atproto.repo.putRecord({
    repo: account.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', displayName },
  });
}

describe('lists in the browser', { timeout: 180_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let network: AtprotoNetwork;
  let farhana: AtprotoAccount;
  let nadia: AtprotoAccount;
  let rafiq: AtprotoAccount;
  let page: Page;
  let workspaceId: string;
  let listUri: string;

  beforeAll(async () => {
    [browser, network, app] = await Promise.all([
      launchChromium(),
      startAtprotoNetwork(),
      // The local PDS listens on 127.0.0.1, which Kolorob refuses unless the operator allows it.
      startApp({ env: { KOLOROB_ALLOW_PRIVATE_FETCH: 'true' } }),
    ]);
    [farhana, nadia, rafiq] = await Promise.all([
      network.createAccount('farhana'),
      network.createAccount('nadia'),
      network.createAccount('rafiq'),
    ]);
    await nameAccount(network, nadia, 'Nadia Chowdhury');
    await nameAccount(network, rafiq, 'Rafiq Islam');
    await network.processAll();
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'en-GB' });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await network?.close();
  });

  async function boards(): Promise<Board[]> {
    const response = await page.request.get(`${app.url}/api/workspaces/${workspaceId}/boards`);
    expect(response.status(), await response.text()).toBe(200);
    return ((await response.json()) as { boards: Board[] }).boards;
  }

  async function listsOnNetwork() {
    await network.processAll();
    const { data } = await network.appView.app.bsky.graph.getLists({ actor: farhana.did });
    return data.lists;
  }

  it('sets up the instance and connects a Bluesky account', async () => {
    workspaceId = await setUpInstance(page, app.url, owner, 'Sylhet Tea Desk');
    await connectBluesky(page, app.url, workspaceId, network, farhana);
  });

  it('makes a list in the page that the network then has', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/lists`);
    await page.getByRole('heading', { name: 'Lists', level: 1 }).waitFor();
    const chooser = page.getByLabel('Account', { exact: true });
    expect(await chooser.locator('option:checked').textContent()).toBe('Bluesky · @farhana.test');
    await page.getByTestId('lists-empty').waitFor();

    await page.getByRole('button', { name: 'New list' }).click();
    const form = page.getByTestId('list-form');
    // Bluesky lists have a description, unlike Mastodon's.
    await form.getByLabel('Name').fill(listName);
    await form.getByLabel('Description (optional)').fill(listDescription);
    await form.getByRole('button', { name: 'Make list' }).click();
    await page.getByText(`The list “${listName}” is made.`).waitFor();
    const row = page.getByTestId('list-row').filter({ hasText: listName });
    await row.waitFor();
    expect(await row.textContent()).toContain('0 people');

    const onNetwork = (await listsOnNetwork()).find((list) => list.name === listName);
    expect(onNetwork?.description).toBe(listDescription);
    expect(onNetwork?.purpose).toBe('app.bsky.graph.defs#curatelist');
    listUri = onNetwork?.uri ?? '';
    expect(
      await row.getByRole('link', { name: `Open on Bluesky: ${listName}` }).getAttribute('href'),
    ).toMatch(/^https:\/\/bsky\.app\/profile\/.+\/lists\/.+$/);
  });

  it('adds a person found by search, and the list on the network has them', async () => {
    await page.getByRole('link', { name: listName, exact: true }).click();
    const detail = page.getByTestId('list-detail');
    await detail.getByRole('heading', { name: listName, level: 2 }).waitFor();
    expect(new URL(page.url()).searchParams.get('list')).toBe(listUri);
    await detail.getByTestId('list-members-empty').waitFor();

    await detail.getByLabel('Find people on Bluesky').fill('nadia');
    const result = detail.getByTestId('people-result').filter({ hasText: '@nadia.test' });
    await result.waitFor();
    expect(await result.textContent()).toContain('Nadia Chowdhury');
    await detail.getByText('1 person found.').waitFor();
    await result.getByRole('button', { name: 'Add @nadia.test' }).click();

    const member = detail.getByTestId('list-member').filter({ hasText: '@nadia.test' });
    await member.waitFor();
    expect(await member.textContent()).toContain('Nadia Chowdhury');
    await result.getByText('In the list').waitFor();
    expect(await page.getByTestId('list-row').filter({ hasText: listName }).textContent()).toContain(
      '1 person',
    );

    const members = await eventually(async () => {
      await network.processAll();
      const { data } = await network.appView.app.bsky.graph.getList({ list: listUri });
      return data.items.length > 0 ? data.items : undefined;
    }, 20_000);
    expect(members.map((item) => item.subject.did)).toEqual([nadia.did]);

    // A fresh page reads the member back from the network.
    await page.reload();
    await page.getByTestId('list-member').filter({ hasText: '@nadia.test' }).waitFor();
    await detail.getByLabel('Find people on Bluesky').fill('nadia');
    await result.waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'lists-en');
  });

  it('opens the list as a column on a Streams board', async () => {
    const detail = page.getByTestId('list-detail');
    expect(await detail.getByLabel('Board', { exact: true }).locator('option:checked').textContent()).toBe(
      'My streams',
    );
    await detail.getByRole('button', { name: 'Open as column' }).click();
    const opened = detail.getByTestId('column-opened');
    await opened.getByText(`“${listName}” is now a column on the board “My streams”.`).waitFor();

    const [board] = await boards();
    expect(board?.columns).toEqual([
      expect.objectContaining({ kind: 'list', listId: listUri, listName, title: listName }),
    ]);
    expect(
      await opened.getByRole('link', { name: 'Go to “My streams” in Streams' }).getAttribute('href'),
    ).toBe(`/w/${workspaceId}/streams?board=${board?.id}`);
  });

  it('shows the Lists page in Bengali', async () => {
    await chooseLanguage(page, 'bn');
    await page.getByRole('heading', { name: 'তালিকা', level: 1 }).waitFor();
    await page.getByTestId('list-detail').getByRole('heading', { name: 'এই তালিকার মানুষ' }).waitFor();
    expect(await page.getByTestId('list-row').filter({ hasText: listName }).textContent()).toContain('১ জন');
    await expectAccessible(page);
    await saveScreenshot(page, 'lists-bn');
    await chooseLanguage(page, 'en');
  });

  it('adds a person to the starter template and makes a list from it on the account and the board', async () => {
    await page.getByTestId('lists-nav').getByRole('link', { name: 'List templates' }).click();
    await page.waitForURL(/\/lists\/templates$/);
    const card = page.getByTestId('template-card').filter({ hasText: STARTER });
    await card.getByRole('heading', { name: STARTER, level: 2 }).waitFor();
    expect(await card.textContent()).toContain('@bsky.app');
    await expectAccessible(page);
    await saveScreenshot(page, 'list-templates-en');

    await card.getByRole('button', { name: `Edit “${STARTER}”` }).click();
    const form = page.getByTestId('template-form');
    const rows = form.getByTestId('template-member-row');
    const before = await rows.count();
    await form.getByRole('button', { name: 'Add a person' }).click();
    const handle = form.getByLabel(`Handle of person ${before + 1}`);
    await expect(handle.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    // A new row takes the network of the row above it, which in the starter template is Mastodon.
    await form.getByLabel(`Network of person ${before + 1}`).selectOption({ label: 'Bluesky' });
    await handle.fill('@rafiq.test');
    await saveScreenshot(page, 'list-template-form-en', { at: form, block: 'start' });
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`The template “${STARTER}” is saved.`).waitFor();
    expect(await card.getByTestId('template-group-bluesky').textContent()).toContain('@rafiq.test');

    await card.getByRole('button', { name: `Use this template: ${STARTER}` }).click();
    const apply = card.getByTestId('apply-template');
    await apply.getByLabel('Also open it as a column on').selectOption({ label: 'My streams' });
    await expectAccessible(page);
    await apply.getByRole('button', { name: 'Make the list' }).click();
    const result = apply.getByTestId('apply-result');
    await result.getByText(`The list “${STARTER}” is made on @farhana.test.`).waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('1 person added.');
    const notFound = result.getByTestId('apply-not-found');
    expect(await notFound.textContent()).toContain('@bsky.app');
    expect(await notFound.textContent()).toContain('@atproto.com');
    // The template's Mastodon person is for Mastodon accounts only.
    expect(await notFound.textContent()).not.toContain('Mastodon@mastodon.social');
    await saveScreenshot(page, 'list-template-applied-en', { at: card, block: 'start' });

    const made = (await listsOnNetwork()).find((list) => list.name === STARTER);
    expect(made).toBeDefined();
    const { data } = await network.appView.app.bsky.graph.getList({ list: made?.uri ?? '' });
    expect(data.items.map((item) => item.subject.did)).toEqual([rafiq.did]);
    const [board] = await boards();
    expect(board?.columns.map((column) => column.listId)).toEqual([listUri, made?.uri]);
    expect(await result.getByRole('link', { name: 'Go to the board in Streams' }).getAttribute('href')).toBe(
      `/w/${workspaceId}/streams?board=${board?.id}`,
    );

    await result.getByRole('link', { name: `Open “${STARTER}”` }).click();
    await page.getByTestId('list-detail').getByRole('heading', { name: STARTER, level: 2 }).waitFor();
    await page.getByTestId('list-member').filter({ hasText: '@rafiq.test' }).waitFor();
  });

  it('renames a list, and deletes one only after the confirmation', async () => {
    const renamed = 'Sylhet tea growers';
    const row = page.getByTestId('list-row').filter({ hasText: listName });
    await row.getByRole('button', { name: `Edit “${listName}”` }).click();
    const form = page.getByTestId('list-form');
    await form.getByLabel('Name').fill(renamed);
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`The list “${renamed}” is saved.`).waitFor();
    const onNetwork = await eventually(async () => {
      const list = (await listsOnNetwork()).find((candidate) => candidate.uri === listUri);
      return list?.name === renamed ? list : undefined;
    }, 20_000);
    expect(onNetwork.description).toBe(listDescription);

    const starter = page.getByTestId('list-row').filter({ hasText: STARTER });
    await starter.getByRole('button', { name: `Delete “${STARTER}”` }).click();
    await starter.getByText(`Delete “${STARTER}” from Bluesky?`).waitFor();
    await starter.getByRole('button', { name: 'Cancel' }).click();
    await starter.getByRole('button', { name: `Delete “${STARTER}”` }).click();
    await starter.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText(`The list “${STARTER}” is deleted.`).waitFor();
    // The open list was the one deleted, so the page goes back to the account's lists.
    expect(new URL(page.url()).searchParams.get('list')).toBeNull();
    await page.getByTestId('list-detail').waitFor({ state: 'detached' });
    await eventually(async () => {
      const names = (await listsOnNetwork()).map((list) => list.name);
      return names.includes(STARTER) ? undefined : names;
    }, 20_000).then((names) => expect(names).toEqual([renamed]));
  });
});
