// The dry run of a bulk import over the real test database: each kind of problem a row can have, the
// header row and Hootsuite's layout, the person's time zone, and the 1,000-row limit.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/appError.ts';
import { socialAccounts, workspaces } from '../../db/schema.ts';
import { type JobQueue, startJobQueue } from '../../jobs/jobQueue.ts';
import {
  actorContext,
  addMember,
  createPublishingWorkspace,
  storeBlueskyAccount,
} from '../../testing/publishingFixtures.ts';
import { openTestDatabase, type TestDatabase } from '../../testing/testDatabase.ts';
import type { ActorContext } from '../context.ts';
import { createPost } from '../posts/createPost.ts';
import { type ImportInput, type ImportPlan, planImport } from './planImport.ts';

let database: TestDatabase;
let jobs: JobQueue;
let owner: ActorContext;
let workspaceId: string;
let blueskyId: string;
let mastodonId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  jobs = await startJobQueue(database, { supervise: false });
  const ws = await createPublishingWorkspace(database.db);
  workspaceId = ws.workspaceId;
  owner = actorContext(database, jobs, ws.userId);
  blueskyId = await storeBlueskyAccount(database.db, owner.secretBox, workspaceId, 'http://127.0.0.1:9', {
    did: 'did:plc:alice',
    handle: 'alice.test',
    appPassword: 'x',
  });
  const [mastodon] = await database.db
    .insert(socialAccounts)
    .values({
      workspaceId,
      network: 'mastodon',
      remoteId: '1',
      handle: 'bob@snac.local',
      displayName: 'Bob',
      serviceUrl: 'http://snac.local',
      credentialsSealed: owner.secretBox.seal('{}'),
    })
    .returning({ id: socialAccounts.id });
  mastodonId = mastodon!.id;
});
afterAll(async () => {
  await jobs?.stop();
  await database?.close();
});

const dmy = (csv: string, extra: Partial<ImportInput> = {}): ImportInput => ({
  csv,
  timeZone: 'UTC',
  dateFormat: 'DMY',
  accountIds: [blueskyId],
  ...extra,
});

const codes = (plan: ImportPlan) => plan.rows.map((r) => r.problems.map((p) => p.code));

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('planImport', () => {
  it('lists every row with its problem, writing nothing', async () => {
    await createPost(owner, workspaceId, {
      text: 'Already planned',
      targets: [{ accountId: blueskyId }],
      mode: 'schedule',
      scheduledAt: new Date('2099-12-01T14:00:00Z'),
    });
    const csv = [
      '01/12/2099 09:30,Hello one,https://example.com/a,@alice.test',
      '31/02/2099 09:30,Not a day',
      '01/01/2020 09:30,Long gone',
      `01/12/2099 10:00,${'a'.repeat(301)},,@alice.test @bob@snac.local`,
      '01/12/2099 09:30,Hello one,https://example.com/a,@alice.test',
      '01/12/2099 11:00,Who is this?,,@nobody.test',
      '01/12/2099 12:00,,',
      '01/12/2099 13:00,Picture,,,ftp://example.com/x.png',
      '01/12/2099 14:00,Already planned',
      '01/12/2099 15:00,A link,not a link',
      '01/12/2099 16:00,Hello, world',
      '01/12/2099 17:00,Extra,,,,,,surprise',
      ',No date',
      '"02/12/2099 09:00","Fine, with a comma",https://example.com/b,"@alice.test, @bob@snac.local",https://example.com/i.png,A cat',
    ].join('\r\n');
    const count = async () =>
      (await database.executor.executeSql('SELECT count(*)::int AS n FROM post_targets')).rows[0].n;
    const before = await count();
    const plan = await planImport(owner, workspaceId, dmy(csv));
    expect(await count()).toBe(before);
    expect(plan.hasHeader).toBe(false);
    expect(plan.problems).toEqual([]);
    expect(codes(plan)).toEqual([
      [],
      ['date_unparseable'],
      ['in_past'],
      ['over_limit'],
      ['duplicate_in_file'],
      ['unknown_account'],
      ['empty_message'],
      ['image_url_invalid'],
      ['duplicate_scheduled'],
      ['link_invalid'],
      ['link_invalid'],
      ['extra_columns'],
      ['date_missing'],
      [],
    ]);
    const [first, , , long, duplicate, unknown, , , , , , , , last] = plan.rows;
    expect(first).toMatchObject({
      row: 1,
      scheduledAt: new Date('2099-12-01T09:30:00Z'),
      text: 'Hello one https://example.com/a',
      accounts: [{ id: blueskyId, handle: 'alice.test', network: 'bluesky' }],
      imageUrl: null,
    });
    // Over Bluesky's 300 but within Mastodon's 500: only the Bluesky account is named.
    expect(long!.problems[0]).toMatchObject({
      message: 'For @alice.test: Bluesky allows 300 characters; this post has 301.',
      params: { handle: 'alice.test', network: 'Bluesky', used: 301, limit: 300 },
    });
    expect(duplicate!.problems[0]!.params).toEqual({ row: 1 });
    expect(unknown!.problems[0]!.message).toBe('@nobody.test is not an account connected to this workspace.');
    expect(last).toMatchObject({
      text: 'Fine, with a comma https://example.com/b',
      accounts: [{ id: blueskyId }, { id: mastodonId }],
      imageUrl: 'https://example.com/i.png',
      imageAlt: 'A cat',
      problems: [],
    });
    expect(plan.summary).toEqual({ rows: 14, rowsWithProblems: 12, posts: 2, targets: 3 });
  });

  it('reads Hootsuite’s layout with a header, in the chosen order and the person’s time zone', async () => {
    const csv =
      '\uFEFFDate (required),Time,Message (required),Link (optional),Notes\n12/01/2099,09:30,Hi,,x\n';
    const plan = await planImport(owner, workspaceId, {
      csv,
      timeZone: 'Asia/Dhaka',
      dateFormat: 'MDY',
      accountIds: [mastodonId],
    });
    expect(plan.hasHeader).toBe(true);
    expect(plan.ignoredColumns).toEqual(['Notes']);
    expect(plan.rows).toMatchObject([
      { row: 2, scheduledAt: new Date('2099-12-01T03:30:00Z'), text: 'Hi', problems: [] },
    ]);
    // The same file read as DD/MM: 12 January.
    const dayFirst = await planImport(owner, workspaceId, {
      csv,
      timeZone: 'Asia/Dhaka',
      dateFormat: 'DMY',
      accountIds: [mastodonId],
    });
    expect(dayFirst.rows[0]!.scheduledAt).toEqual(new Date('2099-01-12T03:30:00Z'));
  });

  it('asks for accounts when a row names none and none are chosen', async () => {
    const plan = await planImport(owner, workspaceId, dmy('01/12/2099 09:30,Hello', { accountIds: [] }));
    expect(codes(plan)).toEqual([['no_account']]);
  });

  it('asks for a description of each image when the workspace requires one', async () => {
    await database.db.update(workspaces).set({ requireAltText: true }).where(eq(workspaces.id, workspaceId));
    try {
      const plan = await planImport(
        owner,
        workspaceId,
        dmy(
          '01/12/2099 09:30,Hi,,,https://example.com/a.png\n01/12/2099 09:40,Hi,,,https://example.com/a.png,A dog',
        ),
      );
      expect(codes(plan)).toEqual([['alt_required'], []]);
    } finally {
      await database.db
        .update(workspaces)
        .set({ requireAltText: false })
        .where(eq(workspaces.id, workspaceId));
    }
  });

  it('refuses image addresses on private networks unless the operator allows them', async () => {
    const csv = '01/12/2099 09:30,Hi,,,http://127.0.0.1:9/cat.png';
    const strict = { ...owner, config: { ...owner.config, allowPrivateFetch: false } };
    const refused = await planImport(strict, workspaceId, dmy(csv));
    expect(codes(refused)).toEqual([['image_refused']]);
    expect(refused.rows[0]!.problems[0]!.message).toMatch(
      /private or local network address \(127\.0\.0\.1\)/,
    );
    expect(codes(await planImport(owner, workspaceId, dmy(csv)))).toEqual([[]]);
  });

  it('refuses more than 1,000 rows, marking the rows over the limit', async () => {
    const line = (i: number) =>
      `01/12/2099 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},Post ${i}`;
    const plan = await planImport(
      owner,
      workspaceId,
      dmy(Array.from({ length: 1001 }, (_, i) => line(i)).join('\n')),
    );
    expect(plan.problems.map((p) => p.code)).toEqual(['too_many_rows']);
    expect(plan.problems[0]!.message).toBe(
      'The file has 1001 rows; an import can have at most 1000. Split it into several files.',
    );
    expect(plan.rows[999]!.problems).toEqual([]);
    expect(plan.rows[1000]!.problems.map((p) => p.code)).toEqual(['too_many_rows']);
    const thousand = await planImport(
      owner,
      workspaceId,
      dmy(Array.from({ length: 1000 }, (_, i) => line(i)).join('\n')),
    );
    expect(thousand.problems).toEqual([]);
    expect(thousand.summary.posts).toBe(1000);
  });

  it('refuses a file it cannot read, an unknown time zone or account, and viewers', async () => {
    const broken = await refusal(planImport(owner, workspaceId, dmy('01/12/2099 09:30,"never closed')));
    expect(broken).toMatchObject({
      status: 400,
      fields: { csv: expect.stringMatching(/line 1 is never closed/) },
    });
    const noMessage = await refusal(planImport(owner, workspaceId, dmy('date,link\n01/12/2099 09:30,x')));
    expect(noMessage.message).toMatch(/no message column/);
    const zone = await refusal(planImport(owner, workspaceId, dmy('x', { timeZone: 'Mars/Olympus' })));
    expect(zone.fields).toEqual({ timeZone: 'Unknown time zone.' });
    const account = await refusal(
      planImport(
        owner,
        workspaceId,
        dmy('01/12/2099 09:30,Hi', { accountIds: ['00000000-0000-4000-8000-000000000000'] }),
      ),
    );
    expect(account.fields).toEqual({ accountIds: 'Unknown account.' });
    const viewer = actorContext(database, jobs, await addMember(database.db, workspaceId, 'viewer'));
    expect((await refusal(planImport(viewer, workspaceId, dmy('01/12/2099 09:30,Hi')))).status).toBe(403);
  });
});
