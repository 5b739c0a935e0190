// Where the migrated PGlite template for tests is kept between the global setup and the test files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATE_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../.test-data/pglite-template.tar',
);
