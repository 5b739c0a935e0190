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
/** Empty when signed in; name, email and password together to accept with a new account. */
export const acceptBody = z
  .object({
    name: personNameSchema.optional(),
    email: emailSchema.optional(),
    password: passwordSchema.optional(),
    locale: localeSchema.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (Object.values(body).every((v) => v === undefined)) return;
    const labels = { name: 'your name', email: 'your email', password: 'a password' } as const;
    for (const key of ['name', 'email', 'password'] as const) {
      if (body[key] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `Enter ${labels[key]} to create your account.`,
        });
      }
    }
  })
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
