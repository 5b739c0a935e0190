// The starter courses shipped with Kolorob, one folder each under content/academy/<language>/<slug>/.
// A workspace gets them, published, the first time anyone lists its courses; the workspace row is
// locked while that happens so two first visits at once add them only once.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { APP_ROOT } from '../../../appRoot.ts';
import { type CourseBundle, parseCourseFolder } from '../../../core/academy/courseFolder.ts';
import type { Database } from '../../../db/database.ts';
import { courses, workspaces } from '../../../db/schema.ts';
import { writeCourseBundle } from './courseBundleStore.ts';

export const STARTER_CONTENT_ROOT = path.join(APP_ROOT, 'content', 'academy');

export interface StarterFolder {
  /** The folder's path under the content root, such as "en/foundations-en". */
  folder: string;
  files: Record<string, string>;
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** The .json and .md files of a folder and its subfolders, by path relative to it. */
async function textFiles(dir: string, prefix = ''): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, await textFiles(full, relative));
    else if (/\.(json|md)$/i.test(entry.name)) files[relative] = await readFile(full, 'utf8');
  }
  return files;
}

/** Every course folder under root/<language>/<slug>/; none when the root does not exist. */
export async function readStarterFolders(root: string = STARTER_CONTENT_ROOT): Promise<StarterFolder[]> {
  const folders: StarterFolder[] = [];
  for (const language of await subfolders(root)) {
    for (const slug of await subfolders(path.join(root, language))) {
      folders.push({
        folder: `${language}/${slug}`,
        files: await textFiles(path.join(root, language, slug)),
      });
    }
  }
  return folders;
}

export interface StarterCourses {
  bundles: CourseBundle[];
  /** Folders that could not be read as a course, with why. */
  skipped: { folder: string; problems: string[] }[];
}

export async function loadStarterCourses(root: string = STARTER_CONTENT_ROOT): Promise<StarterCourses> {
  const result: StarterCourses = { bundles: [], skipped: [] };
  for (const { folder, files } of await readStarterFolders(root)) {
    const parsed = parseCourseFolder(files);
    if (parsed.ok) result.bundles.push(parsed.bundle);
    else result.skipped.push({ folder, problems: parsed.problems });
  }
  return result;
}

/**
 * Adds the starter courses to the workspace once. Returns the slugs added, none when the workspace had
 * them already. A course whose slug the workspace already uses is left as it is.
 */
export async function seedStarterCourses(
  database: Database,
  workspaceId: string,
  root: string = STARTER_CONTENT_ROOT,
): Promise<string[]> {
  // Read before the transaction, so the lock is held only for the writing.
  const { bundles } = await loadStarterCourses(root);
  return database.transaction(async (tx) => {
    const [workspace] = await tx
      .select({ seededAt: workspaces.academySeededAt })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    if (!workspace || workspace.seededAt) return [];
    const taken = new Set(
      (await tx.select({ slug: courses.slug }).from(courses).where(eq(courses.workspaceId, workspaceId))).map(
        (c) => c.slug,
      ),
    );
    const added: string[] = [];
    for (const bundle of bundles) {
      if (taken.has(bundle.slug)) continue;
      await writeCourseBundle(tx, workspaceId, null, bundle, 'published');
      taken.add(bundle.slug);
      added.push(bundle.slug);
    }
    await tx.update(workspaces).set({ academySeededAt: new Date() }).where(eq(workspaces.id, workspaceId));
    return added;
  });
}
