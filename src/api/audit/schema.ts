import { z } from 'zod';
import { uuidParam } from '../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';
const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} cannot be empty; leave it out instead.`)
    .max(max, `${what} can be at most ${max} characters.`)
    .refine(noNul, NUL_MESSAGE);
const INSTANT_MESSAGE =
  'Give the time as an ISO 8601 date-time with its offset, such as 2026-12-01T00:00:00+06:00.';
const instant = z.iso
  .datetime({ offset: true, message: INSTANT_MESSAGE })
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), INSTANT_MESSAGE)
  // PostgreSQL reads no year before 1 in the form JavaScript writes it.
  .refine((date) => date.getUTCFullYear() >= 1, 'Give a time from the year 1 on.');

const filterFields = {
  action: text(100, 'The action').optional(),
  actionPrefix: text(100, 'The start of the action').optional(),
  actorId: uuidParam('The person').optional(),
  targetType: text(100, 'The target type').optional(),
  targetId: text(200, 'The target id').optional(),
  from: instant.optional(),
  to: instant.optional(),
};

// Zod runs refinements even after a field failed; they judge only a well-formed range.
const rangeInOrder = (q: { from?: unknown; to?: unknown }) =>
  !(q.from instanceof Date && q.to instanceof Date) || q.to > q.from;
const RANGE_PROBLEM = { message: 'The end of the range must be after its start.', path: ['to'] };

export const auditEventsQuery = z
  .object({
    ...filterFields,
    before: z.coerce
      .number('The cursor must be a number.')
      .int('The cursor must be a whole number.')
      .positive('The cursor must be positive.')
      .optional(),
    limit: z.coerce
      .number('The limit must be a number.')
      .int('The limit must be a whole number.')
      .min(1, 'The limit is at least 1.')
      .max(200, 'The limit is at most 200.')
      .optional(),
  })
  .strict()
  .refine(rangeInOrder, RANGE_PROBLEM);

export const auditCsvQuery = z.object(filterFields).strict().refine(rangeInOrder, RANGE_PROBLEM);

export const auditEventResponse = z.object({
  id: z.number(),
  at: z.date(),
  actor: z.object({ userId: z.string(), name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export const auditEventsResponse = z.object({
  events: z.array(auditEventResponse),
  nextCursor: z.number().nullable(),
});
