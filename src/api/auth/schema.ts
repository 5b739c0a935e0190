import { z } from 'zod';
import { passwordSchema } from '../../commands/passwords.ts';
import { emailSchema } from '../commonSchemas.ts';

export const signInBody = z
  .object({ email: emailSchema, password: z.string().min(1, 'Enter your password.').max(200) })
  .strict();
export const resetRequestBody = z.object({ email: emailSchema }).strict();
export const resetConfirmBody = z
  .object({ token: z.string().min(10, 'The reset link is incomplete.').max(200), password: passwordSchema })
  .strict();
export const emptyBody = z.object({}).strict().nullish();
