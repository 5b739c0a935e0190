import { z } from 'zod';
import { SLOT_TIME } from '../../core/postingSlots.ts';
import { isTimeZone } from '../../core/zonedTime.ts';
import { uuidParam } from '../commonSchemas.ts';

// PostgreSQL text cannot hold U+0000; refuse it here rather than fail at the database.
const text = (empty: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(max, `Use at most ${max} characters.`)
    .refine((s) => !s.includes('\u0000'), 'Remove the invisible NUL character.');

export const connectBlueskyBody = z
  .object({
    service: z
      .string()
      .trim()
      .max(500, 'Use at most 500 characters.')
      .refine((s) => !s.includes('\u0000'), 'Remove the invisible NUL character.')
      .optional(),
    identifier: text('Enter the handle or email of the Bluesky account.', 254),
    appPassword: text(
      'Enter an app password from Bluesky (Settings → Privacy and security → App passwords).',
      200,
    ),
  })
  .strict();

export const connectMastodonBody = z
  .object({ instanceUrl: text('Enter the address of your Mastodon server, e.g. mastodon.social.', 500) })
  .strict();

export const accountParams = z
  .object({ workspaceId: uuidParam('The workspace'), accountId: uuidParam('The account') })
  .strict();

/** What a Mastodon-API server sends back to the redirect URI: a code, or an error when the person declined. */
export const mastodonCallbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(500).optional(),
  error_description: z.string().max(2000).optional(),
});

export const accountResponse = z.object({
  id: z.string(),
  network: z.string(),
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  serviceUrl: z.string(),
  status: z.enum(['connected', 'needs_reconnect']),
  statusReason: z.string().nullable(),
  postingSlots: z.array(z.object({ day: z.number(), time: z.string() })),
  timeZone: z.string(),
  textLimit: z.number().nullable(),
  createdAt: z.date(),
});

export const accountScheduleBody = z
  .object({
    timeZone: z
      .string()
      .max(100)
      .refine(isTimeZone, 'Choose a time zone from the list, such as Asia/Dhaka.')
      .optional(),
    postingSlots: z
      .array(
        z
          .object({
            day: z
              .number()
              .int()
              .min(0, 'Days go from 0 (Sunday) to 6 (Saturday).')
              .max(6, 'Days go from 0 (Sunday) to 6 (Saturday).'),
            time: z.string().regex(SLOT_TIME, 'Write the time as HH:MM, 24-hour, such as 09:30.'),
          })
          .strict(),
      )
      .max(70, 'An account can have at most 70 posting slots a week.')
      .optional(),
  })
  .strict()
  .refine((b) => b.timeZone !== undefined || b.postingSlots !== undefined, {
    message: 'Give posting slots or a time zone to change.',
  });
