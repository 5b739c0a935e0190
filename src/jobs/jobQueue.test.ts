import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceFacts } from '../db/schema.ts';
import { eventually } from '../testing/testApp.ts';
import { openTestDatabase, type TestDatabase, testEngine } from '../testing/testDatabase.ts';
import { type JobQueue, startJobQueue } from './jobQueue.ts';

let database: TestDatabase;
let jobs: JobQueue;
const ran = new Map<string, number>();

beforeAll(async () => {
  database = await openTestDatabase();
  jobs = await startJobQueue(database, { pollingIntervalSeconds: 1 });
  await jobs.work<{ key: string }>('test-job', async ({ key }) => {
    ran.set(key, Date.now());
  });
});
afterAll(async () => {
  await jobs?.stop();
  await database?.close();
});

describe(`job queue on ${testEngine()}`, () => {
  it('runs a delayed job within 2 s of its time, and not before', async () => {
    const due = Date.now() + 3000;
    await jobs.send('test-job', { key: 'delayed' }, { startAfter: new Date(due) });
    const at = await eventually(() => ran.get('delayed'), 10_000);
    expect(at).toBeGreaterThanOrEqual(due - 50);
    expect(at - due).toBeLessThan(2000);
  });

  it('drops a job enqueued in a transaction that rolls back, and runs one that commits', async () => {
    await expect(
      database.transaction(async (tx, raw) => {
        await tx.insert(instanceFacts).values({ key: 'rolled-back', value: {} });
        await jobs.send('test-job', { key: 'rolled-back' }, { in: raw });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await database.transaction(async (tx, raw) => {
      await tx.insert(instanceFacts).values({ key: 'committed', value: {} });
      await jobs.send('test-job', { key: 'committed' }, { in: raw });
    });
    await eventually(() => ran.get('committed'), 10_000);
    // Give the rolled-back one every chance to appear.
    await new Promise((r) => setTimeout(r, 1500));
    expect(ran.has('rolled-back')).toBe(false);
    const facts = await database.db
      .select()
      .from(instanceFacts)
      .where(sql`${instanceFacts.key} = 'rolled-back'`);
    expect(facts).toEqual([]);
  });

  it('parses int8 as a number on this engine', async () => {
    const { rows } = await database.executor.executeSql('SELECT count(*) AS n FROM instance_facts');
    expect(typeof rows[0].n).toBe('number');
  });
});
