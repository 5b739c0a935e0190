// Opens Kolorob's database: embedded PGlite in the data folder by default, PostgreSQL when a URL is given.
// Both run the same Drizzle queries and the same migrations.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { APP_ROOT } from '../appRoot.ts';
import { acquireDataLock, type DataLock } from './dataLock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
// biome-ignore lint/suspicious/noExplicitAny: rows of raw SQL are untyped, as pg-boss's Db interface has them.
type Row = any;
type QueryClient = { query(text: string, values?: unknown[]): Promise<{ rows: Row[] }> };
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: commands accept both. */
export type Queryable = Db | Tx;

/** The smallest SQL surface pg-boss needs; also used for raw statements inside a transaction. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
}

export interface Database {
  engine: 'pglite' | 'postgres';
  db: Db;
  /** Runs raw SQL outside any transaction (pg-boss uses this). */
  executor: SqlExecutor;
  /** Runs fn in one transaction and hands it both the Drizzle handle and a raw executor on the same connection. */
  transaction<T>(fn: (tx: Tx, sql: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Runs fn while no other Kolorob process runs startup work (migrations) on this database. */
  duringStartup<T>(fn: () => Promise<T>): Promise<T>;
  /** The embedded engine's whole data folder as a tarball (tests start from it); absent on PostgreSQL. */
  dumpTemplate?(): Promise<Blob>;
}

const migrationsFolder = path.join(APP_ROOT, 'src', 'db', 'migrations');
const INT8 = 20;
// One process, one session: PostgreSQL's default 128 MB of shared buffers mostly sits idle here.
const EMBEDDED_SETTINGS = ['shared_buffers=32MB', 'wal_buffers=1MB'];
const STARTUP_LOCK_KEY = 0x6b6f6c6f; // "kolo"

// Drizzle keeps the driver's connection on the transaction's session; pg-boss needs it to enqueue
// a job inside the same transaction as the row it belongs to.
function transactionClient(tx: Tx): { query(text: string, values?: unknown[]): Promise<{ rows: Row[] }> } {
  return (tx as unknown as { session: { client: QueryClient } }).session.client;
}

function clientExecutor(client: {
  query(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
}): SqlExecutor {
  return {
    async executeSql(text, values) {
      const result = await client.query(text, values ?? []);
      return { rows: result.rows };
    },
  };
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded engine is used. */
  databaseUrl?: string;
  /** The folder's lock, when the caller took it early (before loading the rest of the app). */
  dataLock?: DataLock;
  /** Folder of the embedded database; the lock file lives here too. */
  dataDir?: string;
  /** Open the embedded engine in memory, from an optional data-folder dump (tests). */
  memory?: { loadDataDir?: Blob };
  poolSize?: number;
  migrate?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : await openPglite(options);
  if (options.migrate !== false) await database.migrate();
  return database;
}

async function openPglite(options: OpenOptions): Promise<Database & { migrate(): Promise<void> }> {
  let lock: DataLock | undefined;
  let client: PGlite;
  if (options.memory) {
    client = await PGlite.create({ parsers: { [INT8]: Number }, loadDataDir: options.memory.loadDataDir });
  } else {
    if (!options.dataDir) throw new Error('openDatabase needs a dataDir for the embedded engine');
    lock = options.dataLock ?? acquireDataLock(options.dataDir);
    try {
      client = await PGlite.create(path.join(options.dataDir, 'pglite'), {
        parsers: { [INT8]: Number },
        postgresqlconf: EMBEDDED_SETTINGS,
      });
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const executor: SqlExecutor = {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
      try {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      } catch (err) {
        // A failed multi-statement script leaves PGlite's single session inside its transaction.
        if (client.isInTransaction()) await client.exec('ROLLBACK');
        throw err;
      }
    },
  };
  return {
    engine: 'pglite',
    db,
    executor,
    transaction: (fn) => db.transaction((tx) => fn(tx, clientExecutor(transactionClient(tx)))),
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    dumpTemplate: () => client.dumpDataDir('none'),
    // The data-folder lock already makes this the only process.
    duringStartup: (fn) => fn(),
    async close() {
      await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database & { migrate(): Promise<void> }> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next query.
  });
  const db = drizzlePg(pool, { schema });
  // A session lock held on its own connection while fn runs on the pool.
  const duringStartup = async <T>(fn: () => Promise<T>): Promise<T> => {
    const conn = await pool.connect();
    try {
      await conn.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
      try {
        return await fn();
      } finally {
        await conn.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
      }
    } finally {
      conn.release();
    }
  };
  return {
    engine: 'postgres',
    db: db as unknown as Db,
    executor: clientExecutor(pool),
    transaction: (fn) =>
      db.transaction((tx) => fn(tx as unknown as Tx, clientExecutor(transactionClient(tx as unknown as Tx)))),
    duringStartup,
    // Several processes may start at once: one migrates, the others wait and find nothing left to do.
    migrate: () => duringStartup(() => migratePg(db, { migrationsFolder })),
    close: () => pool.end(),
  };
}
