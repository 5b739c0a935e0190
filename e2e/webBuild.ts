// The built web app the browser tests load: `npm test` builds it before the tests run; a browser test
// run on its own rebuilds it first when any source under src/ is newer. A lock folder keeps two test
// files from building at the same time.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const INDEX = path.join(repoRoot, 'dist', 'web', 'index.html');
const LOCK = path.join(repoRoot, '.test-data', 'web-build.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const stale = () =>
  !fs.existsSync(INDEX) || fs.statSync(INDEX).mtimeMs < newestSource(path.join(repoRoot, 'src'));

export async function ensureWebBuild(): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (!stale()) return;
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building; a lock older than the deadline was left by a killed run.
      if (Date.now() > deadline || Date.now() - fs.statSync(LOCK).mtimeMs > 300_000) {
        fs.rmSync(LOCK, { recursive: true, force: true });
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    if (stale()) {
      await promisify(execFile)(
        process.execPath,
        [path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
        // vitest sets NODE_ENV=test, which would give a build with React's development code.
        { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } },
      );
    }
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
