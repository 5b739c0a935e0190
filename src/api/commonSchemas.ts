// Request pieces shared by several resources.
import { z } from 'zod';
import { ROLES } from '../core/roles.ts';

export const emailSchema = z.email('Enter a valid email address.').max(254);
// PostgreSQL text cannot hold U+0000; refuse it here rather than fail at the database.
const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters.')
  .refine(noNul, NUL_MESSAGE);
export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a workspace name.')
  .max(80, 'Use at most 80 characters.')
  .refine(noNul, NUL_MESSAGE);
export const localeSchema = z.enum(['en', 'bn'], 'Choose English (en) or Bengali (bn).');
export const roleSchema = z.enum(ROLES, `Choose one of: ${ROLES.join(', ')}.`);
export const uuidParam = (what: string) => z.uuid(`${what} is not a valid id.`);

export const workspaceParams = z.object({ workspaceId: uuidParam('The workspace') }).strict();

export const errorResponse = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});

export const meResponse = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: localeSchema }),
  workspaces: z.array(
    z.object({ id: z.string(), name: z.string(), requireAltText: z.boolean(), role: roleSchema }),
  ),
  currentWorkspaceId: z.string().nullable(),
});
