// Startup benchmark: time from process start to the first 200 on /api/health on the embedded
// database (first start on an empty folder, then a second start), and resident memory once idle.
// Baseline, in the same run: a bare Node.js HTTP server answering the same way.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  type KolorobProcess,
  REPO_ROOT,
  spawnKolorob,
  waitForHealth,
} from '../src/testing/kolorobProcess.ts';
import type { BenchRow } from './benchRow.ts';

function residentMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

async function bareNodeBaseline(): Promise<{ startMs: number; rssMb: number }> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [
    '-e',
    `require('http').createServer((q,s)=>{s.setHeader('content-type','application/json');s.end('{"status":"ok"}')}).listen(${port},'127.0.0.1')`,
  ]);
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 10));
    }
    const startMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 2000));
    return { startMs, rssMb: residentMegabytes(child.pid!) };
  } finally {
    child.kill('SIGKILL');
  }
}

async function timedStart(dataDir: string): Promise<{ proc: KolorobProcess; ms: number }> {
  const started = Date.now();
  const proc = await spawnKolorob(
    ['start'],
    { KOLOROB_DATA: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    'bundle',
  );
  const ms = await waitForHealth(proc, started, 120_000);
  return { proc, ms };
}

export async function startupBench(): Promise<BenchRow[]> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist/server/main.js'))) {
    throw new Error('Run `npm run build` first: the benchmark starts Kolorob the way `npm start` does.');
  }
  const baseline = await bareNodeBaseline();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolorob-bench-'));
  try {
    const first = await timedStart(dataDir);
    await first.proc.stop('SIGTERM');
    const second = await timedStart(dataDir);
    // Let start-up work (queue maintenance, first polls) settle before reading memory.
    await new Promise((r) => setTimeout(r, 10_000));
    const rss = residentMegabytes(second.proc.child.pid!);
    await second.proc.stop('SIGTERM');
    return [
      {
        name: 'first start to /api/health 200 (empty folder)',
        value: first.ms,
        unit: 'ms',
        baseline: baseline.startMs,
      },
      {
        name: 'second start to /api/health 200',
        value: second.ms,
        unit: 'ms',
        baseline: baseline.startMs,
        target: 3000,
      },
      { name: 'resident memory once idle', value: rss, unit: 'MB', baseline: baseline.rssMb, target: 400 },
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
