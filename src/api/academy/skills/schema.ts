import { z } from 'zod';
import { SKILL_IDS } from '../../../core/academy/skills.ts';

/** Every skill, each 0–100 (or, for a change, −100 to +100). */
const skillScores = z.record(z.enum(SKILL_IDS), z.number());

export const questionsResponse = z.object({
  skills: z.array(z.enum(SKILL_IDS)),
  questions: z.array(z.object({ id: z.string(), skill: z.enum(SKILL_IDS) })),
});

export const takeAssessmentBody = z
  .object({
    answers: z.record(
      z.string().max(100, 'A statement id is at most 100 characters.'),
      z.number('Give each rating as a number from 1 to 5.'),
      'Send the ratings as an object of statement id → rating (1–5).',
    ),
  })
  .strict();

export const assessmentResponse = z.object({
  id: z.string(),
  createdAt: z.date(),
  answers: z.record(z.string(), z.number()),
  scores: skillScores,
  change: skillScores.nullable(),
});

export const assessmentsResponse = z.object({ assessments: z.array(assessmentResponse) });

export const learningPathQuery = z
  .object({
    language: z.enum(['en', 'bn'], 'Choose English (en) or Bengali (bn).').optional(),
  })
  .strict();

export const learningPathResponse = z.object({
  assessmentId: z.string().nullable(),
  steps: z.array(
    z.object({
      course: z.object({
        id: z.string(),
        title: z.string(),
        summary: z.string(),
        language: z.enum(['en', 'bn']),
        skills: z.array(z.string()),
      }),
      reason: z.object({ skill: z.enum(SKILL_IDS), score: z.number(), lowest: z.boolean() }),
    }),
  ),
});
