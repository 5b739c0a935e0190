// Reading the starter course folders: the test fixtures, a missing root, and the real content shipped in
// content/academy, every folder of which must be a valid course so no workspace silently misses one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadStarterCourses, readStarterFolders, STARTER_CONTENT_ROOT } from './starterCourses.ts';

const FIXTURE_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'academy');

describe('starter course folders', () => {
  it('reads every <language>/<slug> folder with its JSON and Markdown files', async () => {
    const folders = await readStarterFolders(FIXTURE_ROOT);
    expect(folders.map((f) => f.folder)).toEqual([
      'bn/fixture-basics-bn',
      'en/fixture-basics-en',
      'en/fixture-broken-en',
    ]);
    expect(Object.keys(folders[1]!.files).sort()).toEqual([
      'certification.json',
      'course.json',
      'lessons/01-hello.md',
    ]);
    expect(folders[1]!.files['lessons/01-hello.md']).toBe('# Hello\n\nA first lesson.\n');
  });

  it('parses the valid folders and says why the others were skipped', async () => {
    const { bundles, skipped } = await loadStarterCourses(FIXTURE_ROOT);
    expect(bundles.map((b) => b.slug)).toEqual(['fixture-basics-bn', 'fixture-basics-en']);
    expect(bundles[1]!.certification?.slug).toBe('fixture-basics-en-exam');
    expect(skipped).toEqual([
      {
        folder: 'en/fixture-broken-en',
        problems: [
          'course.json: modules[0].items[0].file names lessons/missing.md, which is not in the folder',
        ],
      },
    ]);
  });

  it('finds no courses when the content folder does not exist', async () => {
    expect(await loadStarterCourses(path.join(FIXTURE_ROOT, 'nowhere'))).toEqual({
      bundles: [],
      skipped: [],
    });
  });

  it('ships only valid courses, with unique slugs, in the language of their folder', async () => {
    const folders = await readStarterFolders(STARTER_CONTENT_ROOT);
    const { bundles, skipped } = await loadStarterCourses(STARTER_CONTENT_ROOT);
    expect(skipped).toEqual([]);
    expect(bundles).toHaveLength(folders.length);
    expect(new Set(bundles.map((b) => b.slug)).size).toBe(bundles.length);
    folders.forEach((folder, i) => {
      expect(folder.folder).toBe(`${bundles[i]!.language}/${bundles[i]!.slug}`);
    });
  });
});
