import { z } from 'zod';
import { DEMO_REQUEST_PAGE, TEAM_SIZES } from '../../../commands/academy/demo/demoRequests.ts';
import { emailSchema, personNameSchema, uuidParam } from '../../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';

export const demoRequestBody = z
  .object({
    name: personNameSchema,
    email: z.string().trim().pipe(emailSchema),
    company: z
      .string()
      .trim()
      .min(1, 'Enter the company or organisation.')
      .max(120, 'Use at most 120 characters.')
      .refine(noNul, NUL_MESSAGE),
    teamSize: z.enum(TEAM_SIZES, `Choose one of: ${TEAM_SIZES.join(', ')}.`),
    message: z
      .string()
      .trim()
      .max(2000, 'Use at most 2000 characters.')
      .refine(noNul, NUL_MESSAGE)
      .default(''),
    /** Left empty by people; see submitDemoRequest. */
    website: z.string().max(500).optional(),
  })
  .strict();

export const demoRequestsQuery = z
  .object({
    before: uuidParam('The cursor').optional(),
    limit: z.coerce
      .number()
      .int('Give a whole number.')
      .min(1, 'Ask for at least 1.')
      .max(DEMO_REQUEST_PAGE, `Ask for at most ${DEMO_REQUEST_PAGE}.`)
      .optional(),
  })
  .strict();

export const demoRequestResponse = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  company: z.string(),
  teamSize: z.string(),
  message: z.string(),
  createdAt: z.date(),
});

export const demoRequestListResponse = z.object({
  /** False in every workspace but the instance's first, where requests arrive. */
  receivesRequests: z.boolean(),
  requests: z.array(demoRequestResponse),
  nextCursor: z.string().nullable(),
});
