// Requests and answers of the approval routes: account chains, the approvers' queue, one post's
// approval state, and decisions.
import { z } from 'zod';
import { roleSchema, uuidParam } from '../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';

export const chainParams = z
  .object({ workspaceId: uuidParam('The workspace'), accountId: uuidParam('The account') })
  .strict();
export const postApprovalParams = z.object({ postId: uuidParam('The post') }).strict();

export const chainStepInput = z
  .object({
    approverUserId: uuidParam('The teammate').nullish(),
    approverRole: roleSchema.nullish(),
  })
  .strict();

export const putChainBody = z
  .object({
    steps: z.array(chainStepInput).max(3, 'A chain can have at most 3 steps.'),
  })
  .strict();

export const queueQuery = z
  .object({
    all: z
      .enum(['true', 'false'], 'Use all=true to see every post waiting for approval.')
      .optional()
      .transform((value) => value === 'true'),
  })
  .strict();

export const decisionBody = z
  .object({
    accountId: uuidParam('The account').optional(),
    decision: z.enum(['approved', 'rejected'], 'Choose approved or rejected.'),
    comment: z
      .string('Write a comment (it may be empty when approving).')
      .max(2000, 'A comment can be at most 2000 characters.')
      .refine(noNul, NUL_MESSAGE)
      .default(''),
    step: z
      .number('Give the step as a number from 1 to 3.')
      .int('Give the step as a number from 1 to 3.')
      .min(1, 'Give the step as a number from 1 to 3.')
      .max(3, 'Give the step as a number from 1 to 3.')
      .optional(),
  })
  .strict();

const chainStepResponse = z.object({
  position: z.number(),
  approverUserId: z.string().nullable(),
  approverRole: roleSchema.nullable(),
  approverName: z.string().nullable(),
});

export const accountChainResponse = z.object({
  accountId: z.string(),
  handle: z.string(),
  network: z.string(),
  displayName: z.string(),
  implicit: z.boolean(),
  steps: z.array(chainStepResponse),
});

const accountApprovalResponse = z.object({
  accountId: z.string(),
  handle: z.string(),
  network: z.string(),
  state: z.enum(['waiting', 'approved', 'rejected', 'none']),
  text: z.string(),
  scheduledAt: z.date().nullable(),
  currentStep: z.number().nullable(),
  of: z.number(),
  steps: z.array(
    z.object({
      step: z.number(),
      approverUserId: z.string().nullable(),
      approverName: z.string().nullable(),
      approverRole: z.string().nullable(),
      decision: z
        .object({
          decision: z.enum(['approved', 'rejected']),
          comment: z.string(),
          decidedBy: z.string().nullable(),
          decidedByName: z.string().nullable(),
          decidedAt: z.date(),
        })
        .nullable(),
    }),
  ),
  deciders: z.array(z.object({ userId: z.string(), name: z.string() })),
  canDecide: z.boolean(),
});

export const postApprovalResponse = z.object({
  postId: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  round: z.number(),
  text: z.string(),
  createdAt: z.date(),
  rejectionReason: z.string().nullable(),
  rejectedBy: z.object({ userId: z.string(), name: z.string().nullable() }).nullable(),
  accounts: z.array(accountApprovalResponse),
  canDecide: z.boolean(),
});

export const queueResponse = z.object({ items: z.array(postApprovalResponse), count: z.number() });

export const decisionResponse = z.object({
  postId: z.string(),
  decision: z.enum(['approved', 'rejected']),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      step: z.number(),
      of: z.number(),
      state: z.enum(['waiting', 'approved', 'rejected']),
    }),
  ),
  targets: z.array(
    z.object({ id: z.string(), status: z.string(), version: z.number(), scheduledAt: z.date().nullable() }),
  ),
});
