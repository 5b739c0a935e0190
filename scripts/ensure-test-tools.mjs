// Makes sure the Debian packages the tests use are installed: Chromium for the browser tests and
// poppler-utils (pdftotext, pdftoppm) for reading generated PDFs back. Does nothing when they already are.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} exited with ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

const NEEDED = [
  { file: CHROMIUM, pkg: 'chromium' },
  { file: '/usr/bin/pdftotext', pkg: 'poppler-utils' },
];
const missing = NEEDED.filter((tool) => !existsSync(tool.file));
if (missing.length === 0) process.exit(0);
const packages = missing.map((tool) => tool.pkg);

// These come only from the system's package manager, which needs root.
if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  console.error(
    `Missing ${packages.join(', ')}. Install as root: apt-get update && apt-get install -y ${packages.join(' ')}`,
  );
  process.exit(1);
}

run('apt-get', ['update']);
run('apt-get', ['install', '-y', ...packages]);

for (const tool of missing) {
  if (!existsSync(tool.file)) {
    console.error(`apt-get finished but ${tool.file} is still missing`);
    process.exit(1);
  }
}
