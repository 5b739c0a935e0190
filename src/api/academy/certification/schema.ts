import { z } from 'zod';
import { uuidParam } from '../../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';
const MAX_ANSWERS = 200;

export const certificationParams = z.object({ certificationId: uuidParam('The certification') }).strict();
export const attemptParams = z.object({ attemptId: uuidParam('The exam attempt') }).strict();
export const certificateParams = z.object({ certificateId: uuidParam('The certificate') }).strict();
export const codeParams = z
  .object({
    code: z
      .string()
      .max(40, 'A certificate code has 13 characters, such as KLR-7Q2M-XK4P.')
      .regex(
        /^[A-Za-z0-9 -]+$/,
        'A certificate code has KLR and two groups of four letters or digits, such as KLR-7Q2M-XK4P.',
      ),
  })
  .strict();

export const certificatesQuery = z
  .object({
    all: z
      .enum(['true', 'false'], 'Use all=true for every certificate in the workspace.')
      .optional()
      .transform((value) => value === 'true'),
  })
  .strict();

export const submitBody = z
  .object({
    answers: z
      .record(
        z.string().max(40, 'A question id has at most 40 characters.'),
        z.array(z.string().max(40, 'An option id has at most 40 characters.')).max(20, 'Too many options.'),
      )
      .refine((answers) => Object.keys(answers).length <= MAX_ANSWERS, 'Too many answers.'),
  })
  .strict();

export const revokeBody = z
  .object({
    reason: z
      .string('Give the reason for revoking the certificate.')
      .trim()
      .min(3, 'Give the reason for revoking the certificate.')
      .max(500, 'Use at most 500 characters.')
      .refine(noNul, NUL_MESSAGE),
  })
  .strict();

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number(`Give ${what} as a whole number.`)
    .int(`Give ${what} as a whole number.`)
    .min(min, `Use at least ${min}.`)
    .max(max, `Use at most ${max}.`);

export const examSettingsBody = z
  .object({
    drawCount: wholeNumber('the number of questions', 1, 500).optional(),
    timeLimitMinutes: wholeNumber('the time limit in minutes', 1, 600).optional(),
    passPercent: wholeNumber('the pass mark in percent', 1, 100).optional(),
    maxAttempts: wholeNumber('the number of attempts', 1, 100).optional(),
    cooldownHours: wholeNumber('the pause in hours', 0, 8760).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one setting to change.');

export const certificateResponse = z.object({
  id: z.string(),
  code: z.string(),
  certificationId: z.string(),
  userId: z.string(),
  holderName: z.string(),
  title: z.string(),
  language: z.enum(['en', 'bn']),
  issuedAt: z.date(),
  revokedAt: z.date().nullable(),
  revokedReason: z.string().nullable(),
  verifyUrl: z.string(),
});

export const certificationResponse = z.object({
  id: z.string(),
  courseId: z.string().nullable(),
  slug: z.string(),
  language: z.enum(['en', 'bn']),
  title: z.string(),
  description: z.string(),
  status: z.enum(['draft', 'published']),
  drawCount: z.number(),
  poolSize: z.number(),
  timeLimitMinutes: z.number(),
  passPercent: z.number(),
  maxAttempts: z.number(),
  cooldownHours: z.number(),
  attemptsUsed: z.number(),
  attemptsLeft: z.number(),
  cooldownUntil: z.date().nullable(),
  runningAttempt: z.object({ id: z.string(), deadlineAt: z.date() }).nullable(),
  lastResult: z
    .object({ scorePercent: z.number().nullable(), passed: z.boolean(), submittedAt: z.date().nullable() })
    .nullable(),
  certificate: certificateResponse.nullable(),
});

export const certificationListResponse = z.object({
  canManage: z.boolean(),
  certifications: z.array(certificationResponse),
});

export const attemptResponse = z.object({
  id: z.string(),
  certificationId: z.string(),
  title: z.string(),
  language: z.enum(['en', 'bn']),
  status: z.enum(['running', 'passed', 'failed']),
  startedAt: z.date(),
  deadlineAt: z.date(),
  serverNow: z.date(),
  timeLimitMinutes: z.number(),
  passPercent: z.number(),
  questions: z.array(
    z.object({
      id: z.string(),
      prompt: z.string(),
      kind: z.enum(['single', 'multiple']),
      options: z.array(z.object({ id: z.string(), text: z.string() })),
    }),
  ),
  result: z
    .object({
      scorePercent: z.number().nullable(),
      passed: z.boolean(),
      reason: z.enum(['time_ran_out']).nullable(),
      submittedAt: z.date().nullable(),
      certificate: z.object({ id: z.string(), code: z.string() }).nullable(),
    })
    .nullable(),
});

export const examSettingsResponse = z.object({
  id: z.string(),
  poolSize: z.number(),
  drawCount: z.number(),
  timeLimitMinutes: z.number(),
  passPercent: z.number(),
  maxAttempts: z.number(),
  cooldownHours: z.number(),
});

export const verificationResponse = z.object({
  code: z.string(),
  valid: z.boolean(),
  holderName: z.string(),
  title: z.string(),
  language: z.enum(['en', 'bn']),
  issuedAt: z.date(),
  issuer: z.string(),
  revokedAt: z.date().optional(),
  revokedReason: z.string().optional(),
});
