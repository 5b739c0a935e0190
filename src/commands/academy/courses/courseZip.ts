// A course folder as a .zip, for import and export over HTTP. The zip may hold the folder's files at its
// top or inside one folder (as zipping a folder does); export writes them inside a folder named by slug.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { COURSE_FILE, parseCourseFolder, serializeCourseFolder } from '../../../core/academy/courseFolder.ts';
import { AppError, badRequest } from '../../../core/appError.ts';
import { recordAudit } from '../../audit.ts';
import type { ActorContext } from '../../context.ts';
import { requirePermission } from '../../workspaceAccess.ts';
import { lockCourseForChange } from './courseAccess.ts';
import { readCourseBundle, writeCourseBundle } from './courseBundleStore.ts';

export const MAX_ZIP_BYTES = 5 * 1024 * 1024;
/** Unpacked, a course folder is text; more than this is not a course. */
const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
export const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'] as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The course folder's text files from a zip, by path inside the folder. */
export function readCourseZip(data: Uint8Array): Record<string, string> {
  if (data.length === 0) throw badRequest('The file is empty. Choose a course .zip file.');
  let entries: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    entries = unzipSync(data, {
      filter: (file) => {
        if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/')) return false;
        if (!/\.(json|md)$/i.test(file.name)) return false;
        unpacked += file.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw new RangeError('too large');
        return true;
      },
    });
  } catch (err) {
    if (err instanceof RangeError && err.message === 'too large')
      throw badRequest(
        'The course folder in the zip is larger than 20 MB of text; that is not a course folder.',
      );
    throw badRequest(
      'The file is not a .zip archive that can be read. Export the course again, or zip its folder.',
    );
  }
  const names = Object.keys(entries).map((name) => name.replaceAll('\\', '/'));
  const courseFiles = names.filter((name) => name === COURSE_FILE || name.endsWith(`/${COURSE_FILE}`));
  let prefix: string;
  if (courseFiles.includes(COURSE_FILE)) prefix = '';
  else if (courseFiles.length === 1 && courseFiles[0]!.split('/').length === 2)
    prefix = courseFiles[0]!.slice(0, -COURSE_FILE.length);
  else if (courseFiles.length > 1)
    throw badRequest(`The zip holds more than one ${COURSE_FILE}; import one course at a time.`);
  else throw badRequest(`The zip has no ${COURSE_FILE} at its top or in a single folder.`);

  const files: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(entries)) {
    const path = name.replaceAll('\\', '/');
    if (!path.startsWith(prefix)) continue;
    const inside = path.slice(prefix.length);
    try {
      files[inside] = utf8.decode(bytes);
    } catch {
      throw badRequest(`${inside} is not UTF-8 text.`);
    }
  }
  return files;
}

export function writeCourseZip(folderName: string, files: Record<string, string>): Uint8Array {
  const zippable: Record<string, Uint8Array> = {};
  for (const name of Object.keys(files).sort()) zippable[`${folderName}/${name}`] = strToU8(files[name]!);
  // A fixed time keeps the same course giving the same bytes.
  return zipSync(zippable, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

export interface ImportedCourse {
  id: string;
  slug: string;
  title: string;
  status: 'draft' | 'published';
  created: boolean;
  certificationId: string | null;
}

/**
 * Imports a course folder zip: a new course (a draft) or, when the workspace has a course with the
 * same slug, that course's content replaced. All or nothing: a problem anywhere writes nothing.
 */
export async function importCourseZip(
  ctx: ActorContext,
  workspaceId: string,
  data: Uint8Array | undefined,
): Promise<ImportedCourse> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'academy.manage');
  if (!data)
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the course as a .zip file, with Content-Type application/zip.',
    );
  if (data.length > MAX_ZIP_BYTES)
    throw new AppError(413, 'body_too_large', 'A course zip can be at most 5 MB.');
  const parsed = parseCourseFolder(readCourseZip(data));
  if (!parsed.ok) {
    const shown = parsed.problems.slice(0, 10).map((problem) => problem.replace(/\.$/, ''));
    const more = parsed.problems.length - shown.length;
    throw badRequest(
      `The course was not imported. ${shown.join('; ')}${more > 0 ? `; and ${more} more problems` : ''}.`,
    );
  }
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'academy.manage');
    const written = await writeCourseBundle(tx, workspaceId, ctx.actorId, parsed.bundle, 'draft');
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'academy.course.imported',
      targetType: 'course',
      targetId: written.course.id,
      after: {
        slug: written.course.slug,
        created: written.created,
        certificationId: written.certificationId,
      },
    });
    return {
      id: written.course.id,
      slug: written.course.slug,
      title: written.course.title,
      status: written.course.status,
      created: written.created,
      certificationId: written.certificationId,
    };
  });
}

/** The course as a folder zip, named by its slug. */
export async function exportCourseZip(ctx: ActorContext, courseId: string) {
  return ctx.database.transaction(async (tx) => {
    const course = await lockCourseForChange(tx, courseId, ctx.actorId);
    const files = serializeCourseFolder(await readCourseBundle(tx, course));
    return { fileName: `${course.slug}.zip`, bytes: writeCourseZip(course.slug, files) };
  });
}
