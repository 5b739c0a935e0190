import { z } from 'zod';
import { passwordSchema } from '../../commands/passwords.ts';
import { emailSchema, localeSchema, personNameSchema, roleSchema, uuidParam } from '../commonSchemas.ts';

export const createInvitationBody = z.object({ role: roleSchema, email: emailSchema.optional() }).strict();
export const invitationParams = z
  .object({ workspaceId: uuidParam('The workspace'), invitationId: uuidParam('The invitation') })
  .strict();
export const tokenParams = z
  .object({ token: z.string().min(10, 'The invitation link is incomplete.').max(200) })
  .strict();
export const acceptBody = z
  .union([
    z
      .object({
        name: personNameSchema,
        email: emailSchema,
        password: passwordSchema,
        locale: localeSchema.optional(),
      })
      .strict(),
    z.object({}).strict(),
  ])
  .nullish();
export const invitationResponse = z.object({
  id: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  expiresAt: z.date(),
  createdAt: z.date(),
});
export const createdInvitationResponse = invitationResponse
  .omit({ createdAt: true })
  .extend({ link: z.string() });
export const invitationViewResponse = z.object({
  workspaceName: z.string(),
  inviterName: z.string(),
  role: roleSchema,
  email: z.string().nullable(),
  accountExists: z.boolean(),
  expiresAt: z.date(),
});
