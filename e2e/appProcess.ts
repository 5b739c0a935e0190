// Runs the real Kolorob server as a child process on a free port with a fresh data folder, for browser tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from './webBuild.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface AppProcess {
  /** Base address of the running app, without a trailing slash. */
  url: string;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr so far. */
  log(): string;
  /** Resolves with the first log line matching `pattern`, waiting for it to appear if needed. */
  waitForLogLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Kolorob exited with code ${child.exitCode} before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`Kolorob did not answer /api/health within ${timeoutMs} ms:\n${output()}`);
}

export async function startApp(options: { env?: Record<string, string>; readyTimeoutMs?: number } = {}) {
  await ensureWebBuild();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kolorob-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KOLOROB_DATA: dataDir,
      KOLOROB_PUBLIC_URL: url,
      // Mail goes to the log, where a test can read links from it.
      SMTP_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, () => output, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }

  const app: AppProcess = {
    url,
    dataDir,
    log: () => output,
    stop,
    waitForLogLine(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = output.split('\n').find((candidate) => pattern.test(candidate));
          if (line === undefined) return false;
          clearTimeout(timer);
          waiters.delete(onOutput);
          resolve(line);
          return true;
        };
        const onOutput = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(onOutput);
          reject(new Error(`No log line matched ${pattern} within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(onOutput);
      });
    },
  };
  return app;
}
