import { z } from 'zod';
import { uuidParam } from '../../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';

export const courseParams = z.object({ courseId: uuidParam('The course') }).strict();
export const questionParams = z.object({ questionId: uuidParam('The question') }).strict();
export const answerParams = z.object({ answerId: uuidParam('The answer') }).strict();

export const askQuestionBody = z
  .object({
    title: z
      .string('Give the question a title.')
      .trim()
      .min(1, 'Give the question a title.')
      .max(200, 'Keep the title to at most 200 characters.')
      .refine(noNul, NUL_MESSAGE),
    body: z
      .string()
      .trim()
      .max(5000, 'Keep the details to at most 5000 characters.')
      .refine(noNul, NUL_MESSAGE)
      .default(''),
  })
  .strict();

export const answerBody = z
  .object({
    body: z
      .string('Write an answer.')
      .trim()
      .min(1, 'Write an answer.')
      .max(5000, 'Keep the answer to at most 5000 characters.')
      .refine(noNul, NUL_MESSAGE),
  })
  .strict();

export const helpfulBody = z
  .object({ helpful: z.boolean('Say whether the answer was helpful: true or false.') })
  .strict();

const person = z.object({ id: z.string(), name: z.string() });

export const questionSummary = z.object({
  id: z.string(),
  courseId: z.string(),
  title: z.string(),
  body: z.string(),
  author: person,
  createdAt: z.date(),
  answerCount: z.number(),
  helpfulCount: z.number(),
  canDelete: z.boolean(),
});

export const answerResponse = z.object({
  id: z.string(),
  questionId: z.string(),
  body: z.string(),
  author: person,
  helpful: z.boolean(),
  createdAt: z.date(),
  canDelete: z.boolean(),
});

export const questionResponse = questionSummary.extend({
  canMarkHelpful: z.boolean(),
  answers: z.array(answerResponse),
});
