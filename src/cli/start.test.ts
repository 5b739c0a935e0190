import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type KolorobProcess, spawnKolorob, waitForHealth } from '../testing/kolorobProcess.ts';

const folders: string[] = [];
const processes: KolorobProcess[] = [];

afterAll(async () => {
  for (const p of processes) await p.stop('SIGKILL');
  for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kolorob-start-'));
  folders.push(folder);
  return folder;
}

describe('kolorob start on the embedded database', () => {
  it('serves health and keeps a second process off the same data folder; a killed holder leaves a lock that is taken over', async () => {
    const data = tempFolder();
    const first = await spawnKolorob(['start'], { KOLOROB_DATA: data, DATABASE_URL: '' });
    processes.push(first);
    await waitForHealth(first, Date.now());
    expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({ status: 'ok' });
    expect(fs.existsSync(path.join(data, 'secret.key'))).toBe(true);

    const started = Date.now();
    const second = await spawnKolorob(['start'], { KOLOROB_DATA: data, DATABASE_URL: '' });
    processes.push(second);
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(second.output()).toContain(data);
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    // The refused process did not disturb the running one.
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

    await first.stop('SIGKILL');
    expect(fs.existsSync(path.join(data, 'kolorob.lock'))).toBe(true);
    const third = await spawnKolorob(['start'], { KOLOROB_DATA: data, DATABASE_URL: '' });
    processes.push(third);
    await waitForHealth(third, Date.now());
    const lock = JSON.parse(fs.readFileSync(path.join(data, 'kolorob.lock'), 'utf8'));
    expect(lock.pid).toBe(third.child.pid);
    expect(await third.stop('SIGTERM')).toBe(0);
    expect(fs.existsSync(path.join(data, 'kolorob.lock'))).toBe(false);
  }, 120_000);
});

const postgresServer = process.env.TEST_DATABASE_URL;
if (postgresServer) {
  describe('kolorob start on PostgreSQL', () => {
    it('starts an api and two worker processes at once on one fresh database; migrations run once', async () => {
      const { default: pg } = await import('pg');
      const name = `kolorob_start_${Date.now()}`;
      const admin = new pg.Client({ connectionString: postgresServer });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(postgresServer);
      url.pathname = `/${name}`;
      try {
        const env = {
          DATABASE_URL: url.toString(),
          KOLOROB_DATA: tempFolder(),
          KOLOROB_SECRET: 'a-shared-secret-for-all',
        };
        const started = Date.now();
        const [api, workerA, workerB] = await Promise.all([
          spawnKolorob(['start', '--role', 'api'], env),
          spawnKolorob(['start', '--role', 'worker'], env),
          spawnKolorob(['start', '--role', 'worker'], env),
        ]);
        processes.push(api!, workerA!, workerB!);
        await waitForHealth(api!, started);
        await new Promise((r) => setTimeout(r, 3000));
        for (const worker of [workerA!, workerB!]) expect(worker.child.exitCode, worker.output()).toBeNull();
        const db = new pg.Client({ connectionString: url.toString() });
        await db.connect();
        const { rows } = await db.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
        await db.end();
        const files = fs
          .readdirSync(path.resolve(import.meta.dirname, '../db/migrations'))
          .filter((f) => f.endsWith('.sql'));
        expect(rows[0].n).toBe(files.length);
        for (const p of [api!, workerA!, workerB!]) expect(await p.stop('SIGTERM')).toBe(0);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }, 120_000);
  });
}
