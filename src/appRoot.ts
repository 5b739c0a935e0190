// The folder Kolorob is installed in (where its package.json is), found the same way whether the code
// runs from src/ through tsx or from the bundle in dist/server/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findAppRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'kolorob')
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('Cannot find the Kolorob installation folder (package.json named kolorob)');
    dir = parent;
  }
}

export const APP_ROOT = findAppRoot();
