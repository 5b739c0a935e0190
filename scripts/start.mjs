// `npm start`: builds the web app and the server bundle when they are missing or older than the
// sources, then runs `kolorob start` from the bundle in this same process.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputs = [path.join(root, 'dist/web/index.html'), path.join(root, 'dist/server/main.js')];

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = outputs.every((f) => fs.existsSync(f));
const stale =
  !built || Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs)) < newestSource(path.join(root, 'src'));
if (stale) {
  console.log('Building Kolorob (web app and server)...');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  execFileSync(process.execPath, [path.join(root, 'scripts/build-server.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
}
process.argv = [process.argv[0], outputs[1], 'start', ...process.argv.slice(2)];
await import(outputs[1]);
