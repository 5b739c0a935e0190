import { z } from 'zod';
import { roleSchema, uuidParam } from '../commonSchemas.ts';

export const memberParams = z
  .object({ workspaceId: uuidParam('The workspace'), userId: uuidParam('The member') })
  .strict();
export const changeRoleBody = z.object({ role: roleSchema }).strict();
export const memberResponse = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  joinedAt: z.date(),
});
