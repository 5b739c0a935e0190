import { z } from 'zod';
import { roleSchema, workspaceNameSchema } from '../commonSchemas.ts';

export const workspaceBody = z.object({ name: workspaceNameSchema }).strict();
export const workspaceResponse = z.object({ id: z.string(), name: z.string(), role: roleSchema });
