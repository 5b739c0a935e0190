// Images uploaded for posts: checked to be a real PNG, JPEG, GIF or WebP, kept in the database, and
// read back for previews and for the publish worker.
import { and, eq } from 'drizzle-orm';
import { AppError, badRequest, notFound } from '../../core/appError.ts';
import { media } from '../../db/schema.ts';
import { imageDimensions } from '../../networks/bluesky/imageDimensions.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
/** Bluesky takes images up to 1,000,000 bytes, the smallest limit of the networks Kolorob posts to. */
export const MAX_IMAGE_BYTES = 1_000_000;

function sniffType(data: Uint8Array): (typeof IMAGE_TYPES)[number] | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...data.subarray(from, to));
  if (data[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8) return 'image/jpeg';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

export interface UploadedMedia {
  id: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  alt: string;
}

export async function uploadMedia(
  ctx: ActorContext,
  workspaceId: string,
  input: { data: Uint8Array | undefined; declaredType: string; alt?: string },
): Promise<UploadedMedia> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'posts.write');
  if (!input.data) {
    throw new AppError(
      415,
      'unsupported_media_type',
      `Send the image itself as the body, with Content-Type ${IMAGE_TYPES.join(', ')}.`,
    );
  }
  const data = input.data;
  if (data.length === 0) throw badRequest('The image is empty.');
  if (data.length > MAX_IMAGE_BYTES) {
    throw new AppError(
      413,
      'payload_too_large',
      `The image is ${(data.length / 1_000_000).toFixed(1)} MB; images can be at most 1 MB.`,
    );
  }
  const mimeType = sniffType(data);
  if (!mimeType) throw badRequest('The file is not a PNG, JPEG, GIF or WebP image.');
  if (mimeType !== input.declaredType) {
    throw badRequest(`The file is a ${mimeType} image but was sent as ${input.declaredType}.`);
  }
  const alt = (input.alt ?? '').trim();
  if (alt.length > 2000) throw badRequest('The description (alt text) can be at most 2000 characters.');
  const [row] = await db
    .insert(media)
    .values({ workspaceId, mimeType, bytes: Buffer.from(data), alt, uploadedBy: ctx.actorId })
    .returning({ id: media.id });
  const size = imageDimensions(data);
  return {
    id: row!.id,
    mimeType,
    size: data.length,
    width: size?.width ?? null,
    height: size?.height ?? null,
    alt,
  };
}

export async function readMedia(ctx: ActorContext, workspaceId: string, mediaId: string) {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  const [row] = await db
    .select({ mimeType: media.mimeType, bytes: media.bytes })
    .from(media)
    .where(and(eq(media.workspaceId, workspaceId), eq(media.id, mediaId)));
  if (!row) throw notFound('The image');
  return row;
}
