// Listening in the browser: a query written in the editor (a syntax error shown with its column, then
// fixed), Bluesky posts arriving from a local Jetstream (matching and non-matching, English and
// Bengali), the mentions appearing live on the query's page with their language and sentiment, the
// volume chart with its table, the preview of a second query against the stored mentions, and the
// pages in English and Bengali, each checked with axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JetstreamEvent } from '../src/listening/sources/jetstreamSource.ts';
import { type JetstreamReplay, startJetstreamReplay } from '../src/testing/jetstreamReplay.ts';
import { type AppProcess, startApp } from './appProcess.ts';
import { chooseLanguage, expectAccessible, launchChromium, saveScreenshot } from './browser.ts';
import { eventually, setUpInstance } from './journeySteps.ts';

const owner = { name: 'Nusrat Jahan', email: 'nusrat@example.org', password: 'correct horse battery' };

const posts = {
  englishPraise: { text: 'Kolorob tea is good, the new blend is great', langs: ['en'] },
  bengaliComplaint: { text: 'কলরব চায়ের ডেলিভারি আবার দেরি, খুব খারাপ অভিজ্ঞতা 😡', langs: ['bn'] },
  englishOther: { text: 'The weather in Sylhet is lovely today', langs: ['en'] },
  bengaliOther: { text: 'আজ ঢাকায় সারাদিন বৃষ্টি হয়েছে', langs: ['bn'] },
};

let sequence = 0;
function postEvent(post: { text: string; langs: string[] }): JetstreamEvent {
  sequence += 1;
  const now = Date.now();
  return {
    did: `did:plc:listener${sequence}`,
    time_us: now * 1000 + sequence,
    kind: 'commit',
    commit: {
      rev: `3lrev${sequence}`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: `3lpost${sequence}`,
      cid: `bafyreipost${sequence}`,
      record: {
        $type: 'app.bsky.feed.post',
        text: post.text,
        langs: post.langs,
        createdAt: new Date(now).toISOString(),
      },
    },
  };
}

describe('listening in the browser', { timeout: 240_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let jetstream: JetstreamReplay;
  let page: Page;
  let workspaceId: string;
  let queryId: string;

  beforeAll(async () => {
    jetstream = await startJetstreamReplay();
    [browser, app] = await Promise.all([
      launchChromium(),
      startApp({
        // The replayed posts' authors are made up: no AppView knows them.
        env: { KOLOROB_LISTENING_JETSTREAM_URL: jetstream.url, KOLOROB_LISTENING_BLUESKY_APPVIEW_URL: 'off' },
      }),
    ]);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Asia/Dhaka',
    });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await jetstream?.close();
  });

  it('writes a query in the editor: a mistake is shown with its column, then fixed and saved', async () => {
    workspaceId = await setUpInstance(page, app.url, owner, 'Sylhet Tea House');
    await page.goto(`${app.url}/w/${workspaceId}/listening`);
    await page.getByRole('heading', { name: 'Listening', level: 1 }).waitFor();
    await page.getByTestId('listening-empty').waitFor();
    await page.getByTestId('new-query').click();
    await page.getByRole('heading', { name: 'New listening query', level: 1 }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Kolorob Tea');
    const queryBox = page.getByTestId('query-input');
    await queryBox.fill('kolorob OR (কলরব');
    const check = page.getByTestId('query-check');
    await check.locator('[data-state="invalid"]').waitFor();
    expect(await check.getByTestId('query-error-column').textContent()).toBe('Mistake at column 12:');
    expect(await check.textContent()).toContain('Unclosed parenthesis at column 12.');
    expect(await queryBox.getAttribute('aria-invalid')).toBe('true');
    // The marked character is the parenthesis the parser points at.
    expect(await check.locator('mark').textContent()).toBe('(');
    // The syntax help is beside the box, with English and Bengali examples.
    const help = page.getByTestId('syntax-help');
    expect(await help.textContent()).toContain('battery NEAR/3 hot');
    expect(await help.textContent()).toContain('ব্যাটারি NEAR/3 গরম');
    await expectAccessible(page);
    await saveScreenshot(page, 'listening-editor-en');

    // "Put the cursor at column 12" moves the caret to the mistake.
    await check.getByRole('button', { name: 'Put the cursor at column 12' }).click();
    expect(await queryBox.evaluate((box: HTMLTextAreaElement) => box.selectionStart)).toBe(11);

    await queryBox.fill('kolorob OR কলরব');
    await check.locator('[data-state="valid"]').waitFor();
    expect(await check.textContent()).toContain('kolorob OR কলরব');
    expect(await queryBox.getAttribute('aria-invalid')).toBeNull();
    // Nothing is stored yet, so the preview says there is nothing to try the query on.
    await page
      .getByTestId('query-preview')
      .getByText(/No mentions are stored yet/)
      .waitFor();
    await page.getByLabel(/This is our own brand/).check();

    await page.getByTestId('save-query').click();
    await page.waitForURL(/\/listening\/[0-9a-f-]{36}$/);
    queryId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('heading', { name: /Kolorob Tea/, level: 1 }).waitFor();
  });

  it('shows matching English and Bengali posts arriving live, with their language and sentiment', async () => {
    const mentions = page.getByTestId('mention-list').getByTestId('mention');
    await page.getByTestId('mentions-empty').waitFor();
    jetstream.publish([
      postEvent(posts.englishOther),
      postEvent(posts.englishPraise),
      postEvent(posts.bengaliOther),
      postEvent(posts.bengaliComplaint),
    ]);

    // No reload: the page reads the mentions again by itself.
    await eventually(async () => ((await mentions.count()) === 2 ? true : undefined), 30_000);
    const english = mentions.filter({ hasText: posts.englishPraise.text });
    const bengali = mentions.filter({ hasText: posts.bengaliComplaint.text });
    expect(await english.getByTestId('mention-lang').getAttribute('data-lang')).toBe('en');
    expect(await english.getByTestId('mention-lang').textContent()).toContain('English');
    expect(await english.getByTestId('mention-sentiment').textContent()).toContain('Positive');
    expect(await bengali.getByTestId('mention-lang').getAttribute('data-lang')).toBe('bn');
    expect(await bengali.getByTestId('mention-sentiment').textContent()).toContain('Negative');
    // Each mention links to its post.
    expect(await bengali.getByRole('link').getAttribute('href')).toMatch(
      /^https:\/\/bsky\.app\/profile\/did:plc:/,
    );
    // The posts that do not match stay out.
    expect(await page.getByText(posts.englishOther.text).count()).toBe(0);
    expect(await page.getByText(posts.bengaliOther.text).count()).toBe(0);

    // The totals, the volume chart and its figures.
    await eventually(
      async () => ((await page.getByTestId('summary-total').textContent()) === '2' ? true : undefined),
      20_000,
    );
    await page.getByTestId('volume-chart').locator('svg').waitFor();
    expect(await page.getByTestId('volume-chart').getAttribute('aria-label')).toContain('2 in all');
    await page.getByText('Show the figures as a table').first().click();
    const volumeTable = page.getByRole('table', { name: /Mentions over the last 7 days/ });
    expect(await volumeTable.locator('tbody td').first().textContent()).toBe('2');

    // Filters: only the negative one, then only English.
    const filters = page.getByTestId('listening-mentions');
    await filters.getByLabel('Sentiment').selectOption('negative');
    await eventually(async () => ((await mentions.count()) === 1 ? true : undefined), 10_000);
    expect(await mentions.first().textContent()).toContain(posts.bengaliComplaint.text);
    await filters.getByLabel('Sentiment').selectOption('');
    await filters.getByLabel('Language').selectOption('en');
    await eventually(
      async () =>
        (await mentions.count()) === 1 && (await mentions.first().textContent())?.includes('Kolorob tea')
          ? true
          : undefined,
      10_000,
    );
    await filters.getByLabel('Language').selectOption('');
    await eventually(async () => ((await mentions.count()) === 2 ? true : undefined), 10_000);

    // The 24-hour range.
    await page.getByRole('button', { name: '24 hours' }).click();
    expect(new URL(page.url()).searchParams.get('range')).toBe('24h');
    await page.getByRole('button', { name: '24 hours', pressed: true }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'listening-query-en');
  });

  it('shows the query page in Bengali, with Bengali digits and names', async () => {
    await chooseLanguage(page, 'bn');
    await page.getByRole('button', { name: '২৪ ঘণ্টা' }).waitFor();
    await eventually(
      async () => ((await page.getByTestId('summary-total').textContent()) === '২' ? true : undefined),
      10_000,
    );
    const bengali = page.getByTestId('mention').filter({ hasText: posts.bengaliComplaint.text });
    expect(await bengali.getByTestId('mention-lang').textContent()).toContain('বাংলা');
    expect(await bengali.getByTestId('mention-sentiment').textContent()).toContain('নেতিবাচক');
    await page.getByTestId('volume-chart').locator('svg').waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'listening-query-bn');
    await chooseLanguage(page, 'en');
  });

  it('lists the query with its last day of mentions, and previews a new query against them', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/listening`);
    const row = page.getByTestId('listening-query-row').filter({ hasText: 'Kolorob Tea' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Own brand');
    expect(await row.locator('code').textContent()).toBe('kolorob OR কলরব');
    await eventually(
      async () =>
        (await row.getByTestId('listening-query-volume').textContent()) === '2 mentions' ? true : undefined,
      20_000,
    );
    expect(await row.getByRole('switch').isChecked()).toBe(true);
    await expectAccessible(page);
    await saveScreenshot(page, 'listening-en');

    // A second query tried on what is stored: the Bengali brand name alone finds one of the two.
    await page.getByTestId('new-query').click();
    await page.getByTestId('query-input').fill('কলরব');
    const preview = page.getByTestId('query-preview');
    await preview
      .getByText('It would have matched 1 of the last 2 stored mentions.')
      .waitFor({ timeout: 15_000 });
    expect(await preview.getByTestId('mention').count()).toBe(1);
    expect(await preview.getByTestId('mention').textContent()).toContain(posts.bengaliComplaint.text);
    await expectAccessible(page);

    // The active switch pauses the query from the list.
    await page.goto(`${app.url}/w/${workspaceId}/listening`);
    const toggle = page
      .getByTestId('listening-query-row')
      .filter({ hasText: 'Kolorob Tea' })
      .getByRole('switch', { name: 'Listen with Kolorob Tea' });
    await toggle.click();
    await eventually(async () => {
      const response = await page.request.get(
        `${app.url}/api/workspaces/${workspaceId}/listening/queries/${queryId}`,
      );
      return ((await response.json()) as { active: boolean }).active === false ? true : undefined;
    }, 10_000);
    expect(await toggle.isChecked()).toBe(false);
  });

  it('adds the query to a Streams board as a column showing its mentions', async () => {
    await page.goto(`${app.url}/w/${workspaceId}/streams`);
    await page.getByTestId('add-column').click();
    const dialog = page.getByTestId('add-column-dialog');
    await dialog.getByRole('radio', { name: /^Listening / }).check();
    await dialog.getByLabel('Listening query').selectOption({ label: 'Kolorob Tea' });
    await dialog.getByRole('button', { name: 'Add column', exact: true }).click();
    const column = page
      .getByTestId('stream-column')
      .filter({ has: page.getByRole('heading', { name: 'Kolorob Tea', level: 2 }) });
    await column.getByText(posts.bengaliComplaint.text).waitFor();
    const complaint = column.getByTestId('stream-item').filter({ hasText: posts.bengaliComplaint.text });
    expect(await complaint.getByText('Negative', { exact: true }).count()).toBe(1);
    await expectAccessible(page);
    await saveScreenshot(page, 'streams-listening-column-en');
  });
});
