// Streams in the browser against a local Bluesky network: a board with Home, Mentions, a List and a
// Search column made through the page, a like from a column that lands on the network, a reply written
// by someone else that waits under the Mentions column's "N new" pill without a reload, moving columns
// from the keyboard and by dragging, a reply sent from a column, and the board in English and Bengali.
import type { AtpAgent } from '@atproto/api';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../src/testing/atprotoNetwork.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { chooseLanguage, expectAccessible, launchChromium, saveScreenshot } from './browser.ts';
import { connectBluesky, eventually, nameAccount, setUpInstance, signIn } from './journeySteps.ts';

const owner = { name: 'Farhana Akter', email: 'farhana@example.org', password: 'correct horse battery' };
const LIST_NAME = 'Tea growers';
const texts = {
  nadiaFestival: 'The Srimangal tea festival opens on Friday with a tasting of first-flush leaves.',
  nadiaAuction: 'Auction prices at the Chittagong tea auction rose again this week.',
  farhanaHarvest: 'Planning a harvest series on the pickers of Sylhet. Who should we talk to?',
  rafiqReply: 'Start with the co-operative at Kamalganj, they keep good records.',
  nadiaReply: 'The estate school in Lakkatura would be worth a visit too.',
  farhanaAnswer: 'Thank you, we will visit Lakkatura next week.',
};

interface Board {
  id: string;
  name: string;
  columns: { id: string; kind: string; title: string; listId?: string; query?: string }[];
}

describe('streams in the browser', { timeout: 240_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let network: AtprotoNetwork;
  let farhana: AtprotoAccount;
  let nadia: AtprotoAccount;
  let nadiaAgent: AtpAgent;
  let harvestPost: { uri: string; cid: string };
  let page: Page;
  let workspaceId: string;
  let accountId: string;
  let boardId: string;

  beforeAll(async () => {
    [browser, network, app] = await Promise.all([
      launchChromium(),
      startAtprotoNetwork(),
      startApp({
        // The local PDS listens on 127.0.0.1, which Kolorob refuses unless the operator allows it;
        // columns are read every two seconds so live items arrive while the test waits.
        env: { KOLOROB_ALLOW_PRIVATE_FETCH: 'true', KOLOROB_STREAM_POLL_MS: '2000' },
      }),
    ]);
    let rafiq: AtprotoAccount;
    [farhana, nadia, rafiq] = await Promise.all([
      network.createAccount('farhana'),
      network.createAccount('nadia'),
      network.createAccount('rafiq'),
    ]);
    const [farhanaAgent, rafiqAgent] = await Promise.all([signIn(network, farhana), signIn(network, rafiq)]);
    nadiaAgent = await signIn(network, nadia);
    await nameAccount(farhanaAgent, farhana.did, 'Farhana Akter');
    await nameAccount(nadiaAgent, nadia.did, 'Nadia Chowdhury');
    await nameAccount(rafiqAgent, rafiq.did, 'Rafiq Islam');
    await farhanaAgent.follow(nadia.did);
    await farhanaAgent.follow(rafiq.did);
    await nadiaAgent.post({
      text: texts.nadiaAuction,
      createdAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    });
    await nadiaAgent.post({
      text: texts.nadiaFestival,
      createdAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    });
    harvestPost = await farhanaAgent.post({ text: texts.farhanaHarvest });
    await network.processAll();
    const ref = { uri: harvestPost.uri, cid: harvestPost.cid };
    await rafiqAgent.post({ text: texts.rafiqReply, reply: { root: ref, parent: ref } });
    await network.processAll();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
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

  async function boards(): Promise<Board[]> {
    const response = await page.request.get(`${app.url}/api/workspaces/${workspaceId}/boards`);
    expect(response.status(), await response.text()).toBe(200);
    return ((await response.json()) as { boards: Board[] }).boards;
  }

  const column = (title: string): Locator =>
    page
      .getByTestId('stream-column')
      .filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
  const itemIn = (columnLocator: Locator, text: string): Locator =>
    columnLocator.getByTestId('stream-item').filter({ hasText: text });

  async function addColumn(kind: RegExp, fill?: (dialog: Locator) => Promise<void>) {
    await page.getByTestId('add-column').click();
    const dialog = page.getByTestId('add-column-dialog');
    await dialog.getByRole('radio', { name: kind }).check();
    await fill?.(dialog);
    await dialog.getByRole('button', { name: 'Add column', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('opens Streams with an empty first board that points to "Add column", Lists and Settings', async () => {
    workspaceId = await setUpInstance(page, app.url, owner, 'Sylhet Tea Desk');
    await page.getByRole('heading', { name: 'Streams', level: 1 }).waitFor();
    // No account yet: the page says where to connect one.
    const noAccounts = page.getByTestId('streams-no-accounts');
    await noAccounts.waitFor();
    expect(await noAccounts.getByRole('link').getAttribute('href')).toBe(
      `/w/${workspaceId}/settings/accounts`,
    );
    await connectBluesky(page, app.url, workspaceId, network, farhana);
    const accounts = await (
      await page.request.get(`${app.url}/api/workspaces/${workspaceId}/accounts`)
    ).json();
    accountId = accounts.accounts[0].id;

    await page.goto(`${app.url}/w/${workspaceId}/streams`);
    const empty = page.getByTestId('streams-empty');
    await empty.waitFor();
    expect(await empty.getByRole('heading').textContent()).toBe('This board has no columns yet');
    await expect(empty.getByRole('button', { name: 'Add column' }).isVisible()).resolves.toBe(true);
    expect(await page.getByTestId('lists-link').getAttribute('href')).toBe(`/w/${workspaceId}/lists`);
    const [first] = await boards();
    expect(first?.name).toBe('My streams');
    await page.waitForURL(new RegExp(`[?&]board=${first?.id}`));
    await expectAccessible(page);
  });

  it('creates a board with Home, Mentions, a List and a Search column through the page', async () => {
    const created = await page.request.post(
      `${app.url}/api/workspaces/${workspaceId}/accounts/${accountId}/lists`,
      { data: { name: LIST_NAME, description: 'Estates and co-operatives around Srimangal.' } },
    );
    expect(created.status(), await created.text()).toBe(201);
    const list = (await created.json()) as { id: string };
    const member = await page.request.post(
      `${app.url}/api/workspaces/${workspaceId}/accounts/${accountId}/lists/${encodeURIComponent(list.id)}/members`,
      { data: { actorId: nadia.did } },
    );
    expect(member.status(), await member.text()).toBe(204);
    await network.processAll();

    await page.getByTestId('new-board').click();
    const nameDialog = page.getByTestId('board-name-dialog');
    await nameDialog.getByLabel('Board name').fill('Tea desk');
    await nameDialog.getByRole('button', { name: 'Create board' }).click();
    // The new board is the one shown.
    await page.getByTestId('board-tabs').locator('a[aria-current="page"]', { hasText: 'Tea desk' }).waitFor();
    boardId = (await boards()).find((board) => board.name === 'Tea desk')!.id;
    await page.waitForURL(new RegExp(`[?&]board=${boardId}`));

    // The dialog's own refusal: a search needs words.
    await page.getByTestId('add-column').click();
    const dialog = page.getByTestId('add-column-dialog');
    await dialog.getByRole('radio', { name: /^Search/ }).check();
    await dialog.getByRole('button', { name: 'Add column', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Enter what to search for.' }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'streams-add-column');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await addColumn(/^Home/);
    await addColumn(/^Mentions/);
    await addColumn(/^List /, async (open) => {
      await open.getByLabel('List', { exact: true }).selectOption({ label: LIST_NAME });
    });
    await addColumn(/^Search/, async (open) => {
      await open.getByLabel('Search for').fill('festival');
    });

    const board = (await boards()).find((candidate) => candidate.id === boardId)!;
    expect(board.columns.map((entry) => entry.kind)).toEqual(['home', 'mentions', 'list', 'search']);
    expect(board.columns[2]?.listId).toBe(list.id);
    expect(board.columns[3]?.query).toBe('festival');
    await expect(page.getByTestId('stream-column').count()).resolves.toBe(4);

    // Each column fills from the network: timelines, the reply in Mentions, the list, the search.
    await itemIn(column('Home'), texts.nadiaFestival).waitFor({ timeout: 30_000 });
    await itemIn(column('Home'), texts.nadiaAuction).waitFor();
    await itemIn(column('Mentions'), texts.rafiqReply).waitFor({ timeout: 30_000 });
    await itemIn(column(LIST_NAME), texts.nadiaAuction).waitFor({ timeout: 30_000 });
    await itemIn(column('festival'), texts.nadiaFestival).waitFor({ timeout: 30_000 });
    const festival = itemIn(column('Home'), texts.nadiaFestival);
    expect(await festival.getByText('Nadia Chowdhury', { exact: true }).isVisible()).toBe(true);
    expect(await festival.getByText(`@${nadia.handle}`).isVisible()).toBe(true);
    expect(await festival.locator('time').textContent()).toMatch(/^\d+ min ago$/);
    await expect(
      itemIn(column('Mentions'), texts.rafiqReply).getByText('Replied to you').isVisible(),
    ).resolves.toBe(true);
    await expectAccessible(page);
    // The whole board from its first column, without the last notice.
    await page.getByTestId('streams-notice').getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('streams-board').evaluate((board) => board.scrollTo({ left: 0 }));
    await saveScreenshot(page, 'streams-board-en');
  });

  it('likes a post from a column, shows it at once, and the like is on the network', async () => {
    const festival = itemIn(column('Home'), texts.nadiaFestival);
    await festival.getByRole('button', { name: 'Like', exact: true }).click();
    await festival.getByRole('button', { name: 'Unlike', exact: true }).waitFor();
    // The same post in the Search column is read by the same account and shows the like too.
    await itemIn(column('festival'), texts.nadiaFestival).getByRole('button', { name: 'Unlike' }).waitFor();

    const liked = await eventually(async () => {
      await network.processAll();
      const feed = await network.appView.app.bsky.feed.getAuthorFeed({ actor: nadia.did });
      const post = feed.data.feed.find(
        (entry) => (entry.post.record as { text?: string }).text === texts.nadiaFestival,
      );
      const likes = post ? await network.appView.app.bsky.feed.getLikes({ uri: post.post.uri }) : undefined;
      return likes?.data.likes.some((like) => like.actor.did === farhana.did) ? true : undefined;
    }, 20_000);
    expect(liked).toBe(true);
  });

  it('holds a reply written by someone else under the Mentions pill until it is asked for', async () => {
    const mentions = column('Mentions');
    const before = await mentions.getByTestId('stream-item').count();
    const ref = { uri: harvestPost.uri, cid: harvestPost.cid };
    await nadiaAgent.post({ text: texts.nadiaReply, reply: { root: ref, parent: ref } });
    await network.processAll();

    const pill = mentions.getByTestId('stream-new-pill');
    await pill.waitFor({ timeout: 30_000 });
    // The arrow is drawn for the eye; the button's name is the sentence.
    await mentions.getByRole('button', { name: '1 new post', exact: true }).waitFor();
    expect(await mentions.getByTestId('stream-column-announcement').textContent()).toContain(
      '1 new post in Mentions',
    );
    // Nothing moved: the reply is not on screen until the person asks for it.
    await expect(itemIn(mentions, texts.nadiaReply).count()).resolves.toBe(0);
    await expect(mentions.getByTestId('stream-item').count()).resolves.toBe(before);
    await expectAccessible(page);

    await pill.click();
    await itemIn(mentions, texts.nadiaReply).waitFor();
    await expect(mentions.getByTestId('stream-item').first().textContent()).resolves.toContain(
      texts.nadiaReply,
    );
    await expect(pill.count()).resolves.toBe(0);
  });

  it('replies from a column as the connected account', async () => {
    const item = itemIn(column('Mentions'), texts.nadiaReply);
    await item.getByRole('button', { name: 'Reply', exact: true }).click();
    const dialog = page.getByTestId('reply-dialog');
    await dialog.getByRole('heading', { name: 'Reply to Nadia Chowdhury' }).waitFor();
    await expectAccessible(page);
    await dialog.getByLabel('Your reply').fill(texts.farhanaAnswer);
    await saveScreenshot(page, 'streams-reply');
    await dialog.getByRole('button', { name: 'Send reply' }).click();
    await expect(dialog.getByTestId('reply-outcome').textContent()).resolves.toBe(
      'Sent. It is being published now.',
    );
    await dialog.getByRole('button', { name: 'Close' }).click();

    const answered = await eventually(async () => {
      await network.processAll();
      const feed = await network.appView.app.bsky.feed.getAuthorFeed({ actor: farhana.did });
      const reply = feed.data.feed.find(
        (entry) => (entry.post.record as { text?: string }).text === texts.farhanaAnswer,
      );
      return (reply?.post.record as { reply?: { parent: { uri: string } } } | undefined)?.reply?.parent.uri;
    }, 30_000);
    expect(answered).toContain(nadia.did);
  });

  it('moves columns from the column menu and by dragging a header', async () => {
    const order = async () =>
      (await boards()).find((board) => board.id === boardId)!.columns.map((entry) => entry.kind);

    const home = column('Home');
    await home.getByTestId('stream-column-menu').click();
    await home.getByRole('button', { name: 'Move right' }).click();
    await page.getByTestId('streams-notice').filter({ hasText: '“Home” is now column 2 of 4.' }).waitFor();
    expect(await order()).toEqual(['mentions', 'home', 'list', 'search']);
    // Focus stays with the moved column.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Home');

    // Dragged as a person does: pressed on one header, moved, released on the other.
    await column('Mentions')
      .getByTestId('stream-column-header')
      .hover({ position: { x: 80, y: 20 } });
    await page.mouse.down();
    const box = (await column('Mentions').getByTestId('stream-column-header').boundingBox())!;
    await page.mouse.move(box.x + 100, box.y + 24, { steps: 3 });
    await column('Home')
      .getByTestId('stream-column-header')
      .hover({ position: { x: 80, y: 20 } });
    await page.mouse.up();
    await eventually(async () => {
      const kinds = await order();
      return kinds.join() === 'home,mentions,list,search' ? kinds : undefined;
    }, 10_000);
    const titles = await page.locator('.stream-column-title').allTextContents();
    expect(titles).toEqual(['Home', 'Mentions', LIST_NAME, 'festival']);
  });

  it('renames a board and deletes one after asking', async () => {
    await page.getByTestId('board-menu').click();
    await page.getByRole('button', { name: 'Rename board' }).click();
    const nameDialog = page.getByTestId('board-name-dialog');
    await nameDialog.getByLabel('Board name').fill('Sylhet tea desk');
    await nameDialog.getByRole('button', { name: 'Save name' }).click();
    await page
      .getByTestId('board-tabs')
      .getByRole('link', { name: /^Sylhet tea desk/ })
      .waitFor();

    await page
      .getByTestId('board-tabs')
      .getByRole('link', { name: /^My streams/ })
      .click();
    await page.getByTestId('streams-empty').waitFor();
    await page.getByTestId('board-menu').click();
    await page.getByRole('button', { name: 'Delete board' }).click();
    const confirm = page.getByTestId('delete-board-dialog');
    await confirm.getByRole('heading', { name: 'Delete the board “My streams”?' }).waitFor();
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Delete board' }).click();
    await page
      .getByTestId('streams-notice')
      .filter({ hasText: 'The board “My streams” was deleted.' })
      .waitFor();
    expect((await boards()).map((board) => board.name)).toEqual(['Sylhet tea desk']);
    await page.waitForURL(new RegExp(`[?&]board=${boardId}`));
    await column('Mentions').waitFor();
  });

  it('copies the link of a post and opens the composer with it to schedule a post about it', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const item = itemIn(column('Home'), texts.nadiaAuction);
    await item.getByRole('button', { name: /^More actions for the post by Nadia Chowdhury/ }).click();
    const openThread = item.getByRole('link', { name: /^Open thread/ });
    expect(await openThread.getAttribute('target')).toBe('_blank');
    const postUrl = (await openThread.getAttribute('href'))!;
    expect(postUrl).toMatch(/^https:\/\/bsky\.app\/profile\/.+\/post\/.+/);
    await item.getByRole('button', { name: 'Copy link' }).click();
    await page.getByTestId('streams-notice').filter({ hasText: 'The link was copied.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(postUrl);

    await item.getByRole('button', { name: /^More actions/ }).click();
    await item.getByRole('button', { name: 'Schedule a post about this' }).click();
    await page.waitForURL(/\/compose\?text=/);
    expect(new URL(page.url()).searchParams.get('text')).toBe(postUrl);
    await expect(page.locator('textarea.composer-textarea').first().inputValue()).resolves.toBe(postUrl);
    await page.goBack();
    await column('Home').waitFor();
  });

  it('reads wholly in Bengali, with Bengali digits', async () => {
    await chooseLanguage(page, 'bn');
    await page.getByRole('heading', { name: 'স্ট্রিম', level: 1 }).waitFor();
    const home = column('হোম');
    await home.waitFor();
    await column('উল্লেখ').waitFor();
    const time = await itemIn(home, texts.nadiaFestival).locator('time').textContent();
    expect(time).toMatch(/^[০-৯]+ মিনিট আগে$/);
    await expect(
      itemIn(home, texts.nadiaFestival).getByRole('button', { name: 'পছন্দ ফিরিয়ে নিন' }).isVisible(),
    ).resolves.toBe(true);
    await expectAccessible(page);
    await page.getByTestId('streams-board').evaluate((board) => board.scrollTo({ left: 0 }));
    await saveScreenshot(page, 'streams-board-bn');
    await chooseLanguage(page, 'en');
  });

  it('keeps the board usable at a narrow width', async () => {
    await page.setViewportSize({ width: 420, height: 800 });
    await column('Home').waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'streams-board-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
