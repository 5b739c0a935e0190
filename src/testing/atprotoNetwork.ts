// A real AT Protocol network on 127.0.0.1 for tests: PLC directory, PDS, AppView and Ozone from
// @atproto/dev-env, on the machine's PostgreSQL in schemas of its own that are dropped on close.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import { TestNetwork } from '@atproto/dev-env';
import pg from 'pg';

const DEFAULT_DB_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface AtprotoAccount {
  did: string;
  handle: string;
  /** The account's own password. */
  password: string;
  /** An app password, the credential a person gives Kolorob. */
  appPassword: string;
}

export interface AtprotoNetwork {
  /** URL of the PDS accounts live on, as a person would enter it. */
  pdsUrl: string;
  /** URL of the AppView, where posts become readable after `processAll()`. */
  appViewUrl: string;
  /** Unauthenticated agent on the AppView, for reading back what was published. */
  appView: AtpAgent;
  /** Creates an account; `name` becomes the handle `<name>.test`. */
  createAccount(name: string): Promise<AtprotoAccount>;
  /** Waits until the AppView has indexed every write made so far. */
  processAll(): Promise<void>;
  close(): Promise<void>;
  /** The underlying dev-env network, for what this wrapper does not cover. */
  network: TestNetwork;
}

function randomLetters(count: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(count), (byte) => letters[byte % letters.length]).join('');
}

async function dropSchemas(dbUrl: string, schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    // A connection the network failed to close may still hold a lock; give up rather than hang the run.
    await client.query("SET lock_timeout = '10s'");
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export interface AtprotoNetworkOptions {
  /** Turn on the PDS's rate limits (off by default in dev-env), e.g. 30 sign-ins per 5 minutes. */
  rateLimits?: boolean;
}

export async function startAtprotoNetwork(options: AtprotoNetworkOptions = {}): Promise<AtprotoNetwork> {
  const dbUrl = process.env.TEST_ATPROTO_DB_URL ?? DEFAULT_DB_URL;
  // Letters only: the AppView refuses any other schema name.
  const schema = `kolorob${randomLetters(10)}`;
  // dev-env names its schemas after the one it is given.
  const schemas = [schema, `appview_${schema}`, `ozone_${schema}`];
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolorob-atproto-'));

  // The PDS puts its SQLite files and blobs, and the AppView its image cache, under os.tmpdir(), read
  // once while the network starts; pointing it at a folder of our own lets close() remove all of it.
  const previousTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = tempDir;
  // The AppView insists on a Redis host setting but connects to none in this setup.
  process.env.REDIS_HOST ??= '127.0.0.1:6379';
  let network: TestNetwork;
  try {
    network = await TestNetwork.create({
      dbPostgresUrl: dbUrl,
      dbPostgresSchema: schema,
      pds: { rateLimitsEnabled: options.rateLimits ?? false },
    });
  } catch (error) {
    await dropSchemas(dbUrl, schemas).catch(() => undefined);
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw error;
  } finally {
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
  }

  const appView = new AtpAgent({ service: network.bsky.url });
  let closed = false;

  return {
    pdsUrl: network.pds.url,
    appViewUrl: network.bsky.url,
    appView,
    network,
    async createAccount(name) {
      const handle = `${name}.test`;
      const password = `pw-${randomLetters(16)}`;
      const agent = new AtpAgent({ service: network.pds.url });
      const created = await agent.createAccount({ handle, email: `${name}@example.test`, password });
      const appPassword = await agent.com.atproto.server.createAppPassword({ name: 'kolorob' });
      return {
        did: created.data.did,
        handle: created.data.handle,
        password,
        appPassword: appPassword.data.password,
      };
    },
    async processAll() {
      await network.processAll();
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        // On a loaded machine the network's servers have been seen not to finish closing; the test
        // process ends soon after anyway, so wait a bounded time.
        await Promise.race([network.close(), new Promise((resolve) => setTimeout(resolve, 20_000).unref())]);
      } finally {
        await dropSchemas(dbUrl, schemas).catch((err: Error) => {
          process.emitWarning(`Could not drop the local AT Protocol network's schemas: ${err.message}`);
        });
        fs.rmSync(tempDir, { recursive: true, force: true });
      }
    },
  };
}
