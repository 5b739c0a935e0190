// The bulk import over the real test database and a local image server: all rows or none, one publish
// job per scheduled target, contributors' posts held for approval, and images fetched once per address.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/appError.ts';
import { type JobQueue, startJobQueue } from '../../jobs/jobQueue.ts';
import { PUBLISH_TARGET } from '../../jobs/publishQueue.ts';
import {
  actorContext,
  addMember,
  createPublishingWorkspace,
  storeBlueskyAccount,
} from '../../testing/publishingFixtures.ts';
import { openTestDatabase, type TestDatabase } from '../../testing/testDatabase.ts';
import { png } from '../../testing/testImages.ts';
import type { ActorContext } from '../context.ts';
import { fetchImportImage } from './importImage.ts';
import type { ImportInput } from './planImport.ts';
import { runImport } from './runImport.ts';

let database: TestDatabase;
let jobs: JobQueue;
let owner: ActorContext;
let workspaceId: string;
let accountId: string;
let images: Server;
let imageBase: string;
const imageRequests: string[] = [];
const CAT = png(4, 3);

beforeAll(async () => {
  database = await openTestDatabase();
  jobs = await startJobQueue(database, { supervise: false });
  const ws = await createPublishingWorkspace(database.db);
  workspaceId = ws.workspaceId;
  owner = actorContext(database, jobs, ws.userId);
  accountId = await storeBlueskyAccount(database.db, owner.secretBox, workspaceId, 'http://127.0.0.1:9', {
    did: 'did:plc:importer',
    handle: 'importer.test',
    appPassword: 'x',
  });
  images = createServer((request, response) => {
    imageRequests.push(request.url ?? '');
    switch (request.url) {
      case '/cat.png':
        response.writeHead(200, { 'content-type': 'image/png' }).end(CAT);
        return;
      case '/moved':
        response.writeHead(302, { location: '/cat.png' }).end();
        return;
      case '/page.html':
        response.writeHead(200, { 'content-type': 'text/html' }).end('<p>not an image</p>');
        return;
      case '/huge.png':
        // No length announced: the reader has to stop on its own.
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end(Buffer.concat([Buffer.from(CAT), Buffer.alloc(1_100_000)]));
        return;
      default:
        response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => images?.close(resolve));
  await jobs?.stop();
  await database?.close();
});

const rows = async (sql: string) => (await database.executor.executeSql(sql)).rows;
const counts = async () =>
  (
    await rows(
      `SELECT (SELECT count(*)::int FROM posts) AS posts, (SELECT count(*)::int FROM post_targets) AS targets,
              (SELECT count(*)::int FROM media) AS media,
              (SELECT count(*)::int FROM pgboss.job WHERE name = '${PUBLISH_TARGET}') AS jobs`,
    )
  )[0] as { posts: number; targets: number; media: number; jobs: number };

let day = 0;
/** Rows at distinct minutes of a future day no other test uses. */
function csvOf(count: number, line: (time: string, i: number) => string): string {
  day += 1;
  const date = `${String(day).padStart(2, '0')}/06/2099`;
  return Array.from({ length: count }, (_, i) => {
    const time = `${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    return line(`${date} ${time}`, i);
  }).join('\n');
}

const input = (csv: string): ImportInput => ({
  csv,
  timeZone: 'UTC',
  dateFormat: 'DMY',
  accountIds: [accountId],
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('runImport', { timeout: 180_000 }, () => {
  it('schedules 200 rows as 200 posts, each with its publish job', async () => {
    const before = await counts();
    const result = await runImport(
      owner,
      workspaceId,
      input(csvOf(200, (when, i) => `${when},Post number ${i}`)),
    );
    expect(result).toMatchObject({ posts: 200, targets: 200, status: 'scheduled' });
    expect(result.firstAt).toEqual(new Date(`2099-06-${String(day).padStart(2, '0')}T00:00:00Z`));
    expect(await counts()).toEqual({
      ...before,
      posts: before.posts + 200,
      targets: before.targets + 200,
      jobs: before.jobs + 200,
    });
    const jobsForImport = await rows(
      `SELECT count(*)::int AS n FROM pgboss.job j JOIN post_targets t ON t.id::text = j.data->>'targetId'
       WHERE j.name = '${PUBLISH_TARGET}' AND t.post_id = ANY('{${result.postIds.join(',')}}'::uuid[])
         AND j.start_after = t.scheduled_at AND t.status = 'scheduled'`,
    );
    expect(jobsForImport).toEqual([{ n: 200 }]);
  });

  it('writes nothing when one row of many has a problem, and names the row', async () => {
    const csv = csvOf(50, (when, i) => (i === 37 ? `${when},${'x'.repeat(301)}` : `${when},Fine ${i}`));
    const before = await counts();
    const error = await refusal(runImport(owner, workspaceId, input(csv)));
    expect(error.status).toBe(422);
    expect(error.code).toBe('import_has_problems');
    expect(error.message).toBe(
      'Nothing was imported. 1 of 50 rows has problems. Row 38: For @importer.test: Bluesky allows 300 characters; this post has 301.',
    );
    expect(error.fields).toEqual({
      'rows.38': 'For @importer.test: Bluesky allows 300 characters; this post has 301.',
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses 1,001 rows, writing nothing', async () => {
    const before = await counts();
    const error = await refusal(
      runImport(owner, workspaceId, input(csvOf(1001, (when, i) => `${when},Many ${i}`))),
    );
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/The file has 1001 rows; an import can have at most 1000/);
    expect(await counts()).toEqual(before);
  });

  it('holds a contributor’s imported posts for approval, without jobs', async () => {
    const contributor = actorContext(
      database,
      jobs,
      await addMember(database.db, workspaceId, 'contributor'),
    );
    const before = await counts();
    const result = await runImport(
      contributor,
      workspaceId,
      input(csvOf(3, (when, i) => `${when},Please ${i}`)),
    );
    expect(result).toMatchObject({ posts: 3, status: 'pending_approval' });
    expect(await counts()).toEqual({ ...before, posts: before.posts + 3, targets: before.targets + 3 });
    // The owner, who may approve, hears of the three in one notification that opens the queue.
    const told = await rows(
      `SELECT user_id, data, link FROM notifications WHERE kind = 'approval_requested' AND data ? 'count'`,
    );
    expect(told).toEqual([
      {
        user_id: owner.actorId,
        data: { authorName: expect.any(String), postText: 'Please 0', count: 3 },
        link: `/w/${workspaceId}/publisher/approvals`,
      },
    ]);
  });

  it('fetches each image address once and attaches it with its description', async () => {
    imageRequests.length = 0;
    const csv = csvOf(3, (when, i) =>
      i < 2 ? `${when},Cat ${i},,,${imageBase}/cat.png,A grey cat` : `${when},Moved,,,${imageBase}/moved`,
    );
    const before = await counts();
    const result = await runImport(owner, workspaceId, input(csv));
    expect(imageRequests.sort()).toEqual(['/cat.png', '/cat.png', '/moved']);
    expect(await counts()).toMatchObject({ media: before.media + 2, posts: before.posts + 3 });
    const targets = await rows(
      `SELECT media FROM post_targets WHERE post_id = ANY('{${result.postIds.join(',')}}'::uuid[]) ORDER BY scheduled_at`,
    );
    expect(targets[0].media).toEqual([{ mediaId: expect.any(String), alt: 'A grey cat' }]);
    expect(targets[1].media).toEqual(targets[0].media);
    expect(targets[2].media).toEqual([{ mediaId: expect.any(String), alt: '' }]);
    const [stored] = await rows(`SELECT bytes FROM media WHERE id = '${targets[0].media[0].mediaId}'`);
    expect(Buffer.from(stored.bytes)).toEqual(Buffer.from(CAT));
  });

  it('writes nothing, and keeps no image, when one image cannot be used', async () => {
    const csv = csvOf(
      3,
      (when, i) => `${when},Row ${i},,,${imageBase}/${['cat.png', 'page.html', 'missing.png'][i]}`,
    );
    const before = await counts();
    const error = await refusal(runImport(owner, workspaceId, input(csv)));
    expect(error.status).toBe(422);
    expect(error.fields).toEqual({
      'rows.2': `The address ${imageBase}/page.html is not a PNG, JPEG, GIF or WebP image (the server says text/html).`,
      'rows.3': `The image at ${imageBase}/missing.png could not be fetched (HTTP 404).`,
    });
    expect(error.message).toMatch(
      /^Nothing was imported\. 2 of 3 rows have an image that cannot be used\. Row 2:/,
    );
    expect(await counts()).toEqual(before);
  });
});

describe('fetchImportImage', () => {
  it('stops reading an image over 1 MB', async () => {
    await expect(fetchImportImage(`${imageBase}/huge.png`, { allowPrivate: true })).rejects.toThrow(
      /is larger than 1 MB/,
    );
  });

  it('refuses an address on a private network unless the operator allows it', async () => {
    await expect(fetchImportImage(`${imageBase}/cat.png`, { allowPrivate: false })).rejects.toThrow(
      /private or local network address/,
    );
    const fetched = await fetchImportImage(`${imageBase}/cat.png`, { allowPrivate: true });
    expect(fetched.contentType).toBe('image/png');
  });
});
