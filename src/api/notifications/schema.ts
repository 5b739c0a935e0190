import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../../db/teamSchema.ts';
import { uuidParam } from '../commonSchemas.ts';

export const notificationsQuery = z
  .object({
    before: z.string().max(200, 'The cursor is not valid.').optional(),
    limit: z.coerce
      .number('The limit must be a number.')
      .int('The limit must be a whole number.')
      .min(1, 'The limit is at least 1.')
      .max(100, 'The limit is at most 100.')
      .optional(),
    unread: z.enum(['true', 'false'], 'Say unread=true or unread=false.').optional(),
  })
  .strict();

export const notificationParams = z.object({ notificationId: uuidParam('The notification') }).strict();

export const notificationResponse = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  data: z.record(z.string(), z.unknown()),
  link: z.string(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});
export const notificationsResponse = z.object({
  notifications: z.array(notificationResponse),
  nextCursor: z.string().nullable(),
});
export const unreadCountResponse = z.object({ unread: z.number() });
export const markedReadResponse = z.object({ id: z.string(), readAt: z.date() });
export const markedAllReadResponse = z.object({ marked: z.number() });
