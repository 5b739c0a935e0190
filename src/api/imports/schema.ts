import { z } from 'zod';
import { DATE_FORMATS } from '../../commands/imports/importDate.ts';
import { isTimeZone } from '../../core/zonedTime.ts';
import { POST_TARGET_STATUSES } from '../../db/schema.ts';

/** As the server's JSON body limit: a CSV larger than that cannot arrive anyway. */
const MAX_CSV_CHARACTERS = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const importBody = z
  .object({
    csv: z
      .string()
      .min(1, 'Choose a CSV file with at least one row.')
      .max(MAX_CSV_CHARACTERS, 'The file can be at most 256 KB; split it into several files.')
      .refine((s) => !s.includes('\u0000'), 'The file holds a NUL character, so it is not a text CSV file.'),
    timeZone: z
      .string()
      .max(100, 'Choose a time zone from the list, such as Asia/Dhaka.')
      .refine(isTimeZone, 'Choose a time zone from the list, such as Asia/Dhaka.'),
    dateFormat: z.enum(DATE_FORMATS, 'Choose the date order: DMY, MDY or YMD.'),
    // Checked as a whole, so a bad id is reported against accountIds itself.
    accountIds: z
      .array(z.string().max(100), 'Give the account ids as a list.')
      .max(50, 'A post can go to at most 50 accounts at once.')
      .refine((ids) => ids.every((id) => UUID.test(id)), 'One of the account ids is not a valid id.')
      .optional(),
    hasHeader: z.boolean('Say true or false: whether the first row names the columns.').optional(),
  })
  .strict();

const problem = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const importPlanResponse = z.object({
  hasHeader: z.boolean(),
  ignoredColumns: z.array(z.string()),
  problems: z.array(problem),
  rows: z.array(
    z.object({
      row: z.number(),
      scheduledAt: z.date().nullable(),
      text: z.string(),
      accounts: z.array(z.object({ id: z.string(), handle: z.string(), network: z.string() })),
      imageUrl: z.string().nullable(),
      imageAlt: z.string(),
      problems: z.array(problem),
    }),
  ),
  summary: z.object({
    rows: z.number(),
    rowsWithProblems: z.number(),
    posts: z.number(),
    targets: z.number(),
  }),
});

export const importResultResponse = z.object({
  posts: z.number(),
  targets: z.number(),
  status: z.enum(POST_TARGET_STATUSES),
  postIds: z.array(z.string()),
  firstAt: z.date(),
  lastAt: z.date(),
});
