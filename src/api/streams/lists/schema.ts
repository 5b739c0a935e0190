// Request and response shapes of the lists on the networks: a connected account's lists, their members,
// and the people search used to find members.
import { z } from 'zod';
import { uuidParam } from '../../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';

export const listNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the list a name.')
  .max(64, 'Use at most 64 characters for the list name.')
  .refine(noNul, NUL_MESSAGE);

export const listDescriptionSchema = z
  .string()
  .trim()
  .max(300, 'Use at most 300 characters for the description.')
  .refine(noNul, NUL_MESSAGE);

/** An at:// URI on Bluesky, a list id on Mastodon; sent URL-encoded in the path. */
const listIdSchema = z
  .string()
  .min(1, 'The list id is missing.')
  .max(300, 'The list id is too long.')
  .refine(noNul, NUL_MESSAGE);

/** A DID on Bluesky, an account id on Mastodon. */
export const actorIdSchema = z
  .string()
  .trim()
  .min(1, 'Choose a person to add.')
  .max(300, 'The person’s id is too long.')
  .refine(noNul, NUL_MESSAGE);

export const listBody = z
  .object({ name: listNameSchema, description: listDescriptionSchema.default('') })
  .strict();

export const memberBody = z.object({ actorId: actorIdSchema }).strict();

export const accountListsParams = z
  .object({ workspaceId: uuidParam('The workspace'), accountId: uuidParam('The account') })
  .strict();

export const listParams = accountListsParams.extend({ listId: listIdSchema }).strict();

export const memberParams = listParams.extend({ actorId: actorIdSchema }).strict();

export const actorQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1, 'Type a name or handle to search for.')
      .max(100, 'Use at most 100 characters.')
      .refine(noNul, NUL_MESSAGE),
  })
  .strict();

export const networkListResponse = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  memberCount: z.number().optional(),
  url: z.string().optional(),
});

export const networkActorResponse = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().optional(),
  description: z.string().optional(),
});
