import { z } from 'zod';
import { RESUME_TEMPLATES } from '../../../pdf/resumePdf.ts';
import { localeSchema } from '../../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';

const text = (max: number) =>
  z.string().trim().max(max, `Use at most ${max} characters.`).refine(noNul, NUL_MESSAGE);
const required = (max: number, message: string) =>
  z.string().trim().min(1, message).max(max, `Use at most ${max} characters.`).refine(noNul, NUL_MESSAGE);

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().trim().regex(MONTH, 'Give the month as YYYY-MM, such as 2021-03.');

export const MAX_EXPERIENCE = 20;
export const MAX_EDUCATION = 20;
export const MAX_SKILLS = 30;
export const MAX_CONTACT_LINES = 8;

export const experienceSchema = z
  .object({
    role: required(120, 'Enter the role.'),
    organisation: text(120).default(''),
    start: month,
    end: z
      .string()
      .trim()
      .refine(
        (value) => value === '' || value === 'present' || MONTH.test(value),
        'Give the month as YYYY-MM, "present", or leave it empty.',
      )
      .default(''),
    description: text(1500).default(''),
  })
  .strict()
  .refine((job) => !MONTH.test(job.end) || job.end >= job.start, {
    message: 'The end cannot be before the start.',
    path: ['end'],
  });

export const educationSchema = z
  .object({
    course: required(150, 'Enter the course or degree.'),
    institution: text(150).default(''),
    year: z
      .string()
      .trim()
      .regex(/^(\d{4})?$/, 'Give the year as four digits, such as 2016, or leave it empty.')
      .default(''),
  })
  .strict();

export const resumeProfileBody = z
  .object({
    headline: text(120).default(''),
    summary: text(2000).default(''),
    location: text(100).default(''),
    contact: text(300)
      .refine(
        (value) => value.split(/\r?\n/).length <= MAX_CONTACT_LINES,
        `Use at most ${MAX_CONTACT_LINES} lines.`,
      )
      .default(''),
    experience: z
      .array(experienceSchema)
      .max(MAX_EXPERIENCE, `List at most ${MAX_EXPERIENCE} positions.`)
      .default([]),
    education: z
      .array(educationSchema)
      .max(MAX_EDUCATION, `List at most ${MAX_EDUCATION} courses.`)
      .default([]),
    skills: z
      .array(required(50, 'Enter the skill.'))
      .max(MAX_SKILLS, `List at most ${MAX_SKILLS} skills.`)
      .default([]),
  })
  .strict();

export const resumeCertificateResponse = z.object({
  id: z.string(),
  title: z.string(),
  code: z.string(),
  issuedAt: z.date(),
  verifyUrl: z.string(),
});

export const resumeResponse = z.object({
  name: z.string(),
  email: z.string(),
  profile: z.object({
    headline: z.string(),
    summary: z.string(),
    location: z.string(),
    contact: z.string(),
    experience: z.array(
      z.object({
        role: z.string(),
        organisation: z.string(),
        start: z.string(),
        end: z.string(),
        description: z.string(),
      }),
    ),
    education: z.array(z.object({ course: z.string(), institution: z.string(), year: z.string() })),
    skills: z.array(z.string()),
  }),
  /** When the profile was last saved; null until it first is. */
  updatedAt: z.date().nullable(),
  certificates: z.array(resumeCertificateResponse),
});

export const resumePdfQuery = z
  .object({
    template: z.enum(RESUME_TEMPLATES, `Choose one of: ${RESUME_TEMPLATES.join(', ')}.`).default('classic'),
    language: localeSchema.optional(),
  })
  .strict();
