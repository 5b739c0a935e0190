// Request and response shapes of crisis mode: its state, starting and ending it, the posts it holds,
// the decisions after it, and publishing a post anyway during it.
import { z } from 'zod';
import { uuidParam, workspaceParams } from '../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';
const INSTANT_MESSAGE =
  'Give the time as an ISO 8601 date-time with its offset, such as 2026-12-01T09:30:00+06:00.';
const instant = z.iso
  .datetime({ offset: true, message: INSTANT_MESSAGE })
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), INSTANT_MESSAGE);

export { workspaceParams };

export const startCrisisBody = z
  .object({
    reason: z
      .string('Say why publishing is paused.')
      .trim()
      .min(3, 'Say why publishing is paused, in at least 3 characters.')
      .max(500, 'Keep the reason to 500 characters at most.')
      .refine(noNul, NUL_MESSAGE),
  })
  .strict();

export const reviewParams = z
  .object({ workspaceId: uuidParam('The workspace'), postId: uuidParam('The post') })
  .strict();

export const reviewBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('reschedule'), scheduledAt: instant }).strict(),
    z.object({ action: z.literal('publish_now') }).strict(),
    z.object({ action: z.literal('discard') }).strict(),
  ],
  'Choose reschedule (with scheduledAt), publish_now or discard.',
);

export const postParams = z.object({ postId: uuidParam('The post') }).strict();

export const publishAnywayBody = z
  .object({
    confirm: z.literal(true, 'Confirm that this post should be published during crisis mode.'),
  })
  .strict();

const person = z.object({ id: z.string(), name: z.string() });

export const crisisStateResponse = z.object({
  active: z.boolean(),
  reason: z.string().nullable(),
  startedAt: z.string().nullable(),
  startedBy: person.nullable(),
  pausedTargets: z.number(),
  pausedPosts: z.number(),
});

export const startCrisisResponse = z.object({
  periodId: z.string(),
  startedAt: z.string(),
  pausedTargets: z.number(),
});

export const endCrisisResponse = z.object({ resumedTargets: z.number(), awaitingReview: z.number() });

export const heldPostResponse = z.object({
  postId: z.string(),
  text: z.string(),
  authorName: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  overdue: z.boolean(),
  targets: z.array(
    z.object({
      id: z.string(),
      accountId: z.string(),
      network: z.string(),
      handle: z.string(),
      scheduledAt: z.string().nullable(),
      threadPosition: z.number(),
    }),
  ),
});

const changedTarget = z.object({
  id: z.string(),
  status: z.string(),
  version: z.number(),
  scheduledAt: z.string().nullable(),
});

export const decisionResponse = z.object({
  postId: z.string(),
  action: z.enum(['reschedule', 'publish_now', 'discard']),
  targets: z.array(changedTarget),
});

export const publishAnywayResponse = z.object({ postId: z.string(), targets: z.array(changedTarget) });

export const crisisPeriodResponse = z.object({
  id: z.string(),
  reason: z.string(),
  startedAt: z.string(),
  startedBy: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
});
