// Request and response shapes of Streams: boards, columns, their items, and acting on items.
import { z } from 'zod';
import { COLUMN_KINDS } from '../../../core/streams/streamTypes.ts';
import { uuidParam } from '../../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';
const text = (max: number, what: string) =>
  z.string().max(max, `${what} can be at most ${max} characters.`).refine(noNul, NUL_MESSAGE);

export const boardParams = z
  .object({ workspaceId: uuidParam('The workspace'), boardId: uuidParam('The board') })
  .strict();
export const columnParams = z
  .object({
    workspaceId: uuidParam('The workspace'),
    boardId: uuidParam('The board'),
    columnId: uuidParam('The column'),
  })
  .strict();

export const boardNameBody = z
  .object({
    name: text(60, 'A board name')
      .transform((s) => s.trim())
      .refine((s) => s.length > 0, 'Give the board a name.'),
  })
  .strict();

export const addColumnBody = z
  .object({
    kind: z.enum(COLUMN_KINDS, `Choose one of: ${COLUMN_KINDS.join(', ')}.`),
    accountId: uuidParam('The account').optional(),
    listId: text(300, 'A list id').optional(),
    listName: text(100, 'A list name').optional(),
    query: text(200, 'A search').optional(),
    feedUrl: text(2000, 'A feed address').optional(),
    queryId: uuidParam('The listening query').optional(),
  })
  .strict();

export const columnOrderBody = z
  .object({ columnIds: z.array(uuidParam('A column')).max(10, 'A board holds at most 10 columns.') })
  .strict();

const author = z.object({
  id: z.string().optional(),
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().optional(),
  url: z.string(),
});
const ref = z.object({ id: z.string(), cid: z.string().optional(), url: z.string().optional() });

export const streamItemSchema = z.object({
  id: z.string(),
  network: z.enum(['bluesky', 'mastodon', 'rss']),
  kind: z.enum(['post', 'mention', 'reply', 'quote', 'like', 'repost', 'follow', 'article', 'scheduled']),
  postId: z.string().optional(),
  postCid: z.string().optional(),
  url: z.string(),
  text: z.string(),
  title: z.string().optional(),
  author,
  createdAt: z.string(),
  repostedBy: z.object({ handle: z.string(), displayName: z.string() }).optional(),
  inReplyTo: ref.optional(),
  threadRoot: ref.optional(),
  images: z.array(z.object({ url: z.string(), alt: z.string() })).optional(),
  counts: z.object({ replies: z.number(), reposts: z.number(), likes: z.number() }).optional(),
  viewer: z.object({ liked: z.boolean(), reposted: z.boolean() }).optional(),
  sentiment: z.enum(['positive', 'negative', 'neutral']).optional(),
  lang: z.string().optional(),
  scheduledAt: z.string().optional(),
  status: z.string().optional(),
});

export const columnSchema = z.object({
  id: z.string(),
  position: z.number(),
  kind: z.enum(COLUMN_KINDS),
  accountId: z.string().nullable(),
  account: z
    .object({
      id: z.string(),
      network: z.string(),
      handle: z.string(),
      displayName: z.string(),
      avatarUrl: z.string().nullable(),
    })
    .nullable(),
  listId: z.string().optional(),
  listName: z.string().optional(),
  query: z.string().optional(),
  feedUrl: z.string().optional(),
  queryId: z.string().optional(),
  title: z.string(),
});

export const boardSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  columns: z.array(columnSchema),
});

export const boardsResponse = z.object({ boards: z.array(boardSchema) });

export const boardItemsResponse = z.object({
  columns: z.array(
    z.object({
      columnId: z.string(),
      items: z.array(streamItemSchema),
      cursor: z.string().nullable(),
      error: z.string().nullable(),
      loading: z.boolean(),
    }),
  ),
});

export const olderItemsQuery = z
  .object({ cursor: text(500, 'A cursor').refine((s) => s.length > 0, 'Give the cursor of the last page.') })
  .strict();
export const olderItemsResponse = z.object({
  items: z.array(streamItemSchema),
  cursor: z.string().nullable(),
});

export const boardEventsQuery = z
  .object({
    timeout: z.coerce
      .number('The timeout is a number of seconds.')
      .int('The timeout is a whole number of seconds.')
      .min(0, 'The timeout cannot be negative.')
      .max(3600, 'The timeout is at most 3600 seconds.')
      .default(600),
  })
  .strict();

const postRef = text(500, 'A post id').refine((s) => s.length > 0, 'Name the post.');
const cidRef = text(200, 'A content id').optional();
const urlRef = text(2000, 'A post address');

export const engageBody = z
  .object({
    accountId: uuidParam('The account'),
    action: z.enum(['like', 'unlike', 'repost', 'unrepost'], 'Choose like, unlike, repost or unrepost.'),
    postId: postRef,
    postCid: cidRef,
  })
  .strict();

export const replyBody = z
  .object({
    accountId: uuidParam('The account'),
    text: text(10_000, 'A reply')
      .transform((s) => s.trim())
      .refine((s) => s.length > 0, 'Write the reply first.'),
    kind: z.enum(['reply', 'quote'], 'Choose reply or quote.'),
    postId: postRef,
    postCid: cidRef,
    postUrl: urlRef,
    rootId: text(500, 'A post id').optional(),
    rootCid: cidRef,
    rootUrl: urlRef.optional(),
  })
  .strict();

export const replyResponse = z.object({ postId: z.string(), status: z.string() });
