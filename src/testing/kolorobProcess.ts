// Runs the real `kolorob` command as a child process, for tests and benchmarks of whole-process behaviour.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface KolorobProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Where the command runs from: the TypeScript sources through tsx, or the bundle `npm start` runs. */
export type KolorobEntry = 'sources' | 'bundle';

const ENTRY_ARGS: Record<KolorobEntry, string[]> = {
  sources: ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/main.ts')],
  bundle: [path.join(REPO_ROOT, 'dist/server/main.js')],
};

export async function spawnKolorob(
  args: string[],
  env: Record<string, string | undefined>,
  entry: KolorobEntry = 'sources',
): Promise<KolorobProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(process.execPath, [...ENTRY_ARGS[entry], ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls /api/health until it answers 200; returns the milliseconds it took from `since`. */
export async function waitForHealth(
  proc: KolorobProcess,
  since: number,
  timeoutMs = 60_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(`Kolorob exited with ${proc.child.exitCode}:\n${proc.output()}`);
    try {
      const response = await fetch(`${proc.url}/api/health`);
      if (response.status === 200) return Date.now() - since;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Kolorob did not become healthy within ${timeoutMs} ms:\n${proc.output()}`);
}
