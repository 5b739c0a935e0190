// The `kolorob` command: start (the server, in one or several roles) and migrate.
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { acquireDataLock, DataFolderLockedError } from '../db/dataLock.ts';
import type { ServerRole } from '../server.ts';

const USAGE = `Usage: kolorob <command>

Commands:
  start [--role all|api|worker]   Start Kolorob (default role: all, in one process)
  migrate                         Apply database migrations and exit
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = readConfig();
  if (command === 'start') {
    const { values } = parseArgs({ args: rest, options: { role: { type: 'string', default: 'all' } } });
    const role = values.role as ServerRole;
    if (!['all', 'api', 'worker'].includes(role)) {
      process.stderr.write(`Unknown role "${values.role}". Use all, api or worker.\n`);
      return 2;
    }
    // Take the embedded folder's lock before loading the rest of the app, so a second process on the
    // same folder is turned away at once.
    const dataLock = config.databaseUrl ? undefined : acquireDataLock(config.dataDir);
    const { startServer } = await import('../server.ts');
    const server = await startServer(config, { role, dataLock });
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`Received ${signal}, stopping Kolorob...\n`);
      await server.stop();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    return -1;
  }
  if (command === 'migrate') {
    const { openDatabase } = await import('../db/database.ts');
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await database.close();
    process.stdout.write('Migrations applied.\n');
    return 0;
  }
  process.stdout.write(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof DataFolderLockedError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(3);
    }
    process.stderr.write(
      `Kolorob could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
