// Request and response shapes of the crisis playbook: holding statements and stakeholder contacts.
import { z } from 'zod';
import { emailSchema, uuidParam, workspaceParams } from '../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';

export { workspaceParams };

const title = z
  .string('Give the statement a title.')
  .trim()
  .min(1, 'Give the statement a title.')
  .max(120, 'Use at most 120 characters for the title.')
  .refine(noNul, NUL_MESSAGE);
const statementText = z
  .string('Write the statement.')
  .trim()
  .min(1, 'Write the statement.')
  .max(5000, 'A holding statement can be at most 5000 characters.')
  .refine(noNul, NUL_MESSAGE);

export const holdingStatementBody = z.object({ title, text: statementText }).strict();
export const holdingStatementPatch = z
  .object({ title: title.optional(), text: statementText.optional() })
  .strict()
  .refine((body) => body.title !== undefined || body.text !== undefined, 'Change the title or the text.');

const optionalText = (max: number, what: string) =>
  z.string().trim().max(max, `Use at most ${max} characters for the ${what}.`).refine(noNul, NUL_MESSAGE);
const contactEmail = z
  .union([z.literal(''), emailSchema])
  .nullable()
  .transform((value) => (value ? value : null));
const contactPhone = z
  .string()
  .trim()
  .max(40, 'Use at most 40 characters for the phone number.')
  .regex(/^[+0-9 ()./-]*$/, 'Use only digits, spaces and + ( ) - . / in a phone number.')
  .nullable()
  .transform((value) => (value ? value : null));
const contactName = z
  .string('Enter the contact’s name.')
  .trim()
  .min(1, 'Enter the contact’s name.')
  .max(100, 'Use at most 100 characters for the name.')
  .refine(noNul, NUL_MESSAGE);

export const stakeholderContactBody = z
  .object({
    name: contactName,
    role: optionalText(100, 'role').default(''),
    email: contactEmail.default(null),
    phone: contactPhone.default(null),
    notes: optionalText(2000, 'notes').default(''),
  })
  .strict();

export const stakeholderContactPatch = z
  .object({
    name: contactName.optional(),
    role: optionalText(100, 'role').optional(),
    email: contactEmail.optional(),
    phone: contactPhone.optional(),
    notes: optionalText(2000, 'notes').optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Change at least one field.');

export const holdingStatementParams = z.object({ id: uuidParam('The holding statement') }).strict();
export const stakeholderContactParams = z.object({ id: uuidParam('The contact') }).strict();

export const holdingStatementResponse = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const stakeholderContactResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  notes: z.string(),
});
