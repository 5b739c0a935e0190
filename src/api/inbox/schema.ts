// Request and response shapes of the unified inbox: items and their filters, assigning, tagging,
// resolving, replying in place, counts per member, live events, and saved replies.
import { z } from 'zod';
import { INBOX_KINDS } from '../../db/schema.ts';
import { uuidParam } from '../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';
const text = (max: number, what: string) =>
  z
    .string(`${what} must be text.`)
    .max(max, `${what} can be at most ${max} characters.`)
    .refine(noNul, NUL_MESSAGE);
const required = (max: number, what: string, empty: string) =>
  text(max, what)
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, empty);

export const inboxParams = z.object({ workspaceId: uuidParam('The workspace') }).strict();
export const itemParams = z
  .object({ workspaceId: uuidParam('The workspace'), itemId: uuidParam('The inbox item') })
  .strict();
export const savedReplyParams = z
  .object({ workspaceId: uuidParam('The workspace'), replyId: uuidParam('The saved reply') })
  .strict();

export const itemsQuery = z
  .object({
    accountId: uuidParam('The account').optional(),
    kind: z.enum(INBOX_KINDS, `Choose one of: ${INBOX_KINDS.join(', ')}.`).optional(),
    state: z.enum(['open', 'resolved'], 'Choose open or resolved.').optional(),
    assignee: z
      .union([z.enum(['me', 'unassigned']), z.uuid()], {
        error: 'Choose me, unassigned, or a member’s id.',
      })
      .optional(),
    tag: text(40, 'A tag').optional(),
    q: text(200, 'A search')
      .transform((s) => s.trim())
      .optional(),
    cursor: text(200, 'A cursor').optional(),
    limit: z.coerce
      .number('The limit is a number.')
      .int('The limit is a whole number.')
      .min(1, 'Ask for at least one item.')
      .max(100, 'Ask for at most 100 items at a time.')
      .optional(),
  })
  .strict();

export const assignBody = z
  .object({ userId: uuidParam('The member').nullable() }, 'Say who to assign it to (userId, or null).')
  .strict();

const tagList = z.array(text(100, 'A tag'), 'List the tags.').max(20, 'Change at most 20 tags at a time.');
export const tagsBody = z
  .object({ add: tagList.optional(), remove: tagList.optional() })
  .strict()
  .refine((body) => (body.add?.length ?? 0) + (body.remove?.length ?? 0) > 0, 'Name a tag to add or remove.');

export const replyBody = z
  .object({
    text: required(10_000, 'A reply', 'Write the reply first.'),
    /** Resolve the item in the same step. */
    resolve: z.boolean('resolve is true or false.').optional(),
  })
  .strict();

export const eventsQuery = z
  .object({
    timeout: z.coerce
      .number('The timeout is a number of seconds.')
      .int('The timeout is a whole number of seconds.')
      .min(0, 'The timeout cannot be negative.')
      .max(3600, 'The timeout is at most 3600 seconds.')
      .default(600),
  })
  .strict();

export const savedReplyBody = z
  .object({
    title: required(80, 'A title', 'Give the saved reply a title.'),
    text: required(5000, 'A saved reply', 'Write the reply’s text.'),
  })
  .strict();

export const savedReplyPatchBody = z
  .object({
    title: required(80, 'A title', 'Give the saved reply a title.').optional(),
    text: required(5000, 'A saved reply', 'Write the reply’s text.').optional(),
  })
  .strict()
  .refine((body) => body.title !== undefined || body.text !== undefined, 'Change the title or the text.');

const person = z.object({ id: z.string(), name: z.string() });

export const inboxItemSchema = z.object({
  id: z.string(),
  account: z.object({
    id: z.string(),
    network: z.enum(['bluesky', 'mastodon']),
    handle: z.string(),
    displayName: z.string(),
  }),
  kind: z.enum(INBOX_KINDS),
  remoteId: z.string(),
  remoteUrl: z.string().nullable(),
  threadUrl: z.string().nullable(),
  conversationId: z.string().nullable(),
  author: z.object({
    remoteId: z.string(),
    handle: z.string(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
  }),
  text: z.string(),
  receivedAt: z.string(),
  state: z.enum(['open', 'resolved']),
  assignee: person.nullable(),
  tags: z.array(z.string()),
  resolvedBy: person.nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const itemsResponse = z.object({ items: z.array(inboxItemSchema), cursor: z.string().nullable() });

export const itemDetailSchema = inboxItemSchema.extend({
  network: z.enum(['bluesky', 'mastodon']),
  replyRefusal: z.string().nullable(),
  replies: z.array(
    z.object({
      postId: z.string(),
      status: z.string(),
      text: z.string(),
      authorName: z.string().nullable(),
      remoteUrl: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const replyResponse = z.object({ postId: z.string(), status: z.string(), item: inboxItemSchema });

export const countsResponse = z.object({
  members: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string(), open: z.number() })),
  unassigned: z.number(),
  open: z.number(),
});

export const sourcesResponse = z.object({
  sources: z.array(
    z.object({
      accountId: z.string(),
      network: z.string(),
      handle: z.string(),
      lastPolledAt: z.string().nullable(),
      lastError: z.string().nullable(),
      unavailable: z.array(z.object({ feed: z.string(), reason: z.string() })),
      textLimit: z.number(),
    }),
  ),
});

export const savedReplySchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  updatedAt: z.string(),
});
export const savedRepliesResponse = z.object({ savedReplies: z.array(savedReplySchema) });
