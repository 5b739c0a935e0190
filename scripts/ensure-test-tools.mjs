// Makes sure Debian's Chromium is installed for the browser tests; does nothing when it already is.
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

if (existsSync(CHROMIUM)) process.exit(0);

// The browser comes only from the system's package manager, which needs root.
if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  console.error(`${CHROMIUM} is missing. Install it as root: apt-get update && apt-get install -y chromium`);
  process.exit(1);
}

run('apt-get', ['update']);
run('apt-get', ['install', '-y', 'chromium']);

if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing`);
  process.exit(1);
}
