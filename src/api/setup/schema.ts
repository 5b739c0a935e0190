import { z } from 'zod';
import { passwordSchema } from '../../commands/passwords.ts';
import { emailSchema, localeSchema, personNameSchema, workspaceNameSchema } from '../commonSchemas.ts';

export const setupBody = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    password: passwordSchema,
    workspaceName: workspaceNameSchema,
    locale: localeSchema.optional(),
  })
  .strict();
