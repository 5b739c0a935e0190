// Runs once before the test files: migrates one in-memory PGlite (schema and job queue) and saves it,
// so each file starts from a copy in about a second instead of running initdb again.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/database.ts';
import { startJobQueue } from '../jobs/jobQueue.ts';
import { TEMPLATE_FILE } from './templateFile.ts';

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const database = await openDatabase({ memory: {} });
  const jobs = await startJobQueue(database, { supervise: false });
  await jobs.stop();
  const dump = await database.dumpTemplate?.();
  if (!dump) throw new Error('The embedded database cannot be dumped');
  fs.mkdirSync(path.dirname(TEMPLATE_FILE), { recursive: true });
  fs.writeFileSync(TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
  await database.close();
}
