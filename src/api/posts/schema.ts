import { z } from 'zod';
import { POST_TARGET_STATUSES } from '../../db/schema.ts';
import { uuidParam } from '../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';
/** Longer than any network allows; the network's own rule gives the exact message. */
const postText = z
  .string()
  .max(10_000, 'A post can be at most 10,000 characters.')
  .refine(noNul, NUL_MESSAGE);
const INSTANT_MESSAGE =
  'Give the time as an ISO 8601 date-time with its offset, such as 2026-12-01T09:30:00+06:00.';
const instant = z.iso
  .datetime({ offset: true, message: INSTANT_MESSAGE })
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), INSTANT_MESSAGE);

export const targetMediaSchema = z
  .object({
    mediaId: uuidParam('The image'),
    alt: z.string().max(2000, 'A description can be at most 2000 characters.').refine(noNul, NUL_MESSAGE),
  })
  .strict();

export const createPostBody = z
  .object({
    text: postText,
    targets: z
      .array(
        z
          .object({
            accountId: uuidParam('The account'),
            text: postText.optional(),
            media: z.array(targetMediaSchema).max(4, 'A post can have at most 4 images.').optional(),
          })
          .strict(),
      )
      .min(1, 'Choose at least one account to post to.')
      .max(50, 'A post can go to at most 50 accounts at once.'),
    thread: z
      .array(z.object({ text: postText, media: z.array(targetMediaSchema).max(4).optional() }).strict())
      .max(24, 'A thread can have at most 25 posts.')
      .optional(),
    mode: z.enum(['draft', 'now', 'schedule', 'queue'], 'Choose draft, now, schedule or queue.'),
    scheduledAt: instant.optional(),
    tags: z
      .array(
        z.string().trim().min(1).max(50, 'A tag can be at most 50 characters.').refine(noNul, NUL_MESSAGE),
      )
      .max(20, 'A post can have at most 20 tags.')
      .optional(),
  })
  .strict();

export const listPostsQuery = z
  .object({
    from: instant,
    to: instant,
    status: z
      .union([z.enum(POST_TARGET_STATUSES), z.array(z.enum(POST_TARGET_STATUSES))])
      .optional()
      .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
    accountId: z
      .union([uuidParam('The account'), z.array(uuidParam('The account'))])
      .optional()
      .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
    tag: z.string().max(50).refine(noNul, NUL_MESSAGE).optional(),
  })
  .strict()
  // Zod runs these even after a field failed; they judge only a well-formed range.
  .refine((q) => !(q.from instanceof Date && q.to instanceof Date) || q.to > q.from, {
    message: 'The end of the range must be after its start.',
    path: ['to'],
  })
  .refine(
    (q) =>
      !(q.from instanceof Date && q.to instanceof Date) ||
      q.to.getTime() - q.from.getTime() <= 400 * 86_400_000,
    { message: 'Ask for at most 400 days at a time.', path: ['to'] },
  );

export const postParams = z.object({ postId: uuidParam('The post') }).strict();
export const targetParams = z.object({ targetId: uuidParam('The post target') }).strict();
export const mediaParams = z
  .object({ workspaceId: uuidParam('The workspace'), mediaId: uuidParam('The image') })
  .strict();

export const rescheduleBody = z.object({ scheduledAt: instant }).strict();
export const scheduleDraftBody = z
  .object({
    mode: z.enum(['now', 'schedule', 'queue'], 'Choose now, schedule or queue.'),
    scheduledAt: instant.optional(),
  })
  .strict();
export const editTargetBody = z
  .object({
    text: postText.optional(),
    media: z.array(targetMediaSchema).max(4, 'A post can have at most 4 images.').optional(),
  })
  .strict()
  .refine((b) => b.text !== undefined || b.media !== undefined, { message: 'Give a new text or images.' });

export const uploadMediaQuery = z
  .object({
    alt: z
      .string()
      .max(2000, 'A description can be at most 2000 characters.')
      .refine(noNul, NUL_MESSAGE)
      .optional(),
  })
  .strict();

const targetStatus = z.enum(POST_TARGET_STATUSES);

export const targetChangeResponse = z.object({
  id: z.string(),
  status: targetStatus,
  version: z.number(),
  scheduledAt: z.date().nullable().optional(),
});

export const createdPostResponse = z.object({
  id: z.string(),
  targets: z.array(targetChangeResponse.extend({ accountId: z.string(), threadPosition: z.number() })),
});

export const postChangeResponse = z.object({ id: z.string(), targets: z.array(targetChangeResponse) });

export const plannedPostResponse = z.object({
  id: z.string(),
  text: z.string(),
  tags: z.array(z.string()),
  authorId: z.string().nullable(),
  targets: z.array(
    z.object({
      id: z.string(),
      accountId: z.string(),
      handle: z.string(),
      network: z.string(),
      text: z.string(),
      media: z.array(z.object({ mediaId: z.string(), alt: z.string() })),
      threadPosition: z.number(),
      replyToTargetId: z.string().nullable(),
      status: targetStatus,
      scheduledAt: z.date().nullable(),
      publishedAt: z.date().nullable(),
      remoteUrl: z.string().nullable(),
      lastError: z.string().nullable(),
      attempts: z.number(),
      version: z.number(),
    }),
  ),
});

export const uploadedMediaResponse = z.object({
  id: z.string(),
  mimeType: z.string(),
  size: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  alt: z.string(),
});

export const postEventsQuery = z
  .object({
    timeout: z.coerce
      .number('Give the timeout in seconds.')
      .int('Give the timeout in whole seconds.')
      .min(0, 'The timeout cannot be negative.')
      .max(3600, 'The timeout can be at most 3600 seconds.')
      .default(300),
  })
  .strict();
