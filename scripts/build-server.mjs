// Bundles the server into dist/server/main.js so `npm start` loads one file instead of transpiling
// the TypeScript sources at every start. Packages stay external and load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/server',
  bundle: true,
  // Keeps the app behind the CLI's dynamic import in its own chunk, so the data-folder lock is taken
  // before the heavy packages load.
  splitting: true,
  entryNames: '[name]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
