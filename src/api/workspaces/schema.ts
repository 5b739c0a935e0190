import { z } from 'zod';
import { roleSchema, workspaceNameSchema } from '../commonSchemas.ts';

export const workspaceBody = z.object({ name: workspaceNameSchema }).strict();
export const workspaceChangesBody = z
  .object({ name: workspaceNameSchema.optional(), requireAltText: z.boolean().optional() })
  .strict()
  .refine((body) => body.name !== undefined || body.requireAltText !== undefined, {
    message: 'Give a new name or a setting to change.',
    path: ['name'],
  });
export const workspaceResponse = z.object({
  id: z.string(),
  name: z.string(),
  requireAltText: z.boolean(),
  role: roleSchema,
});
