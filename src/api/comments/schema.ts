import { z } from 'zod';
import { uuidParam } from '../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';

export const COMMENT_MAX = 5000;
const commentBody = z
  .string('Write the comment as text.')
  .trim()
  .min(1, 'Write a comment first.')
  .max(COMMENT_MAX, `A comment can be at most ${COMMENT_MAX} characters.`)
  .refine(noNul, NUL_MESSAGE);

const subjectType = z.enum(['post', 'inbox_item'], 'Choose post or inbox_item as the subject type.');

export const commentsQuery = z
  .object({
    subjectType,
    subjectId: uuidParam('The post or inbox item'),
    after: z.string().max(200, 'The cursor is not valid.').optional(),
    limit: z.coerce
      .number('The limit must be a number.')
      .int('The limit must be a whole number.')
      .min(1, 'The limit is at least 1.')
      .max(200, 'The limit is at most 200.')
      .optional(),
  })
  .strict();

export const createCommentBody = z
  .object({ subjectType, subjectId: uuidParam('The post or inbox item'), body: commentBody })
  .strict();
export const editCommentBody = z.object({ body: commentBody }).strict();
export const commentParams = z.object({ commentId: uuidParam('The comment') }).strict();

export const commentResponse = z.object({
  id: z.string(),
  subjectType,
  subjectId: z.string(),
  author: z.object({ userId: z.string(), name: z.string() }).nullable(),
  body: z.string(),
  mentions: z.array(z.object({ userId: z.string(), name: z.string() })),
  createdAt: z.date(),
  editedAt: z.date().nullable(),
});
export const commentsResponse = z.object({
  comments: z.array(commentResponse),
  nextCursor: z.string().nullable(),
});
