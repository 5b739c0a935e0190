// Request and response shapes of Listening: queries, preview, statistics, mentions, alerts, retention.
import { z } from 'zod';
import { MAX_FEED_URLS, MAX_MASTODON_INSTANCES } from '../../commands/listening/queries.ts';
import { INTERVALS } from '../../commands/listening/queryStats.ts';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../commands/listening/retention.ts';
import { QUERY_LIMITS } from '../../core/listening/queryAst.ts';
import { uuidParam } from '../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';
const text = (max: number, what: string) =>
  z.string().max(max, `${what} can be at most ${max} characters.`).refine(noNul, NUL_MESSAGE);
const number = (min: number, max: number, what: string) =>
  z
    .number(`${what} must be a number.`)
    .min(min, `${what} must be at least ${min}.`)
    .max(max, `${what} can be at most ${max}.`);
const wholeNumber = (min: number, max: number, what: string) =>
  number(min, max, what).int(`${what} must be a whole number.`);

export const queryParams = z
  .object({ workspaceId: uuidParam('The workspace'), queryId: uuidParam('The listening query') })
  .strict();
export const alertParams = z
  .object({ workspaceId: uuidParam('The workspace'), alertId: uuidParam('The alert') })
  .strict();

const queryFields = {
  name: text(100, 'A query name')
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, 'Give the query a name.'),
  // The parser checks the text itself (and its length) and says where a mistake is.
  query: z
    .string()
    .max(QUERY_LIMITS.maxLength * 2, 'The query is too long.')
    .refine(noNul, NUL_MESSAGE),
  active: z.boolean(),
  ownBrand: z.boolean(),
  mastodonInstances: z
    .array(text(500, 'An instance address'))
    .max(MAX_MASTODON_INSTANCES, `A query can read at most ${MAX_MASTODON_INSTANCES} Mastodon instances.`),
  feedUrls: z
    .array(text(2000, 'A feed address'))
    .max(MAX_FEED_URLS, `A query can read at most ${MAX_FEED_URLS} feeds.`),
  spikeSigma: number(0.5, 20, 'The spike sensitivity'),
  spikeMinCount: wholeNumber(1, 1_000_000, 'The fewest mentions for an alert'),
  negativeJumpPoints: number(1, 100, 'The rise of the negative share'),
  alertCooldownMinutes: wholeNumber(1, 10_080, 'The minutes between alerts'),
  alertEmail: z.boolean(),
};

export const createQueryBody = z
  .object({
    ...queryFields,
    active: queryFields.active.optional(),
    ownBrand: queryFields.ownBrand.optional(),
    mastodonInstances: queryFields.mastodonInstances.optional(),
    feedUrls: queryFields.feedUrls.optional(),
    spikeSigma: queryFields.spikeSigma.optional(),
    spikeMinCount: queryFields.spikeMinCount.optional(),
    negativeJumpPoints: queryFields.negativeJumpPoints.optional(),
    alertCooldownMinutes: queryFields.alertCooldownMinutes.optional(),
    alertEmail: queryFields.alertEmail.optional(),
  })
  .strict();

export const updateQueryBody = z.object(queryFields).partial().strict();

export const querySchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  active: z.boolean(),
  ownBrand: z.boolean(),
  mastodonInstances: z.array(z.string()),
  feedUrls: z.array(z.string()),
  spikeSigma: z.number(),
  spikeMinCount: z.number(),
  negativeJumpPoints: z.number(),
  alertCooldownMinutes: z.number(),
  alertEmail: z.boolean(),
  backfilledAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const queriesResponse = z.object({ queries: z.array(querySchema) });

export const previewBody = z.object({ query: queryFields.query }).strict();

export const mentionSchema = z.object({
  id: z.number(),
  queryIds: z.array(z.string()),
  source: z.enum(['bluesky', 'mastodon', 'rss']),
  remoteId: z.string(),
  url: z.string(),
  authorHandle: z.string(),
  authorName: z.string(),
  text: z.string(),
  lang: z.string(),
  sentiment: z.enum(['positive', 'negative', 'neutral']),
  sentimentScore: z.number(),
  hashtags: z.array(z.string()),
  postedAt: z.date(),
});
export const previewResponse = z.object({
  count: z.number(),
  scanned: z.number(),
  mentions: z.array(mentionSchema),
});

// PostgreSQL reads no year before 1 or after 9999 in the form JavaScript writes it.
const dateQuery = (what: string) =>
  z.coerce
    .date(`${what} must be a date and time (ISO 8601).`)
    .refine(
      (d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999,
      `${what} must fall between the years 1 and 9999.`,
    );
const rangeQuery = { from: dateQuery('"from"').optional(), to: dateQuery('"to"').optional() };

export const mentionsQuery = z
  .object({
    ...rangeQuery,
    sentiment: z
      .enum(['positive', 'negative', 'neutral'], 'Choose positive, negative or neutral.')
      .optional(),
    lang: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'A language is a code such as en or bn.')
      .optional(),
    source: z.enum(['bluesky', 'mastodon', 'rss'], 'Choose bluesky, mastodon or rss.').optional(),
    contains: text(200, 'The text to look for').optional(),
    before: z.coerce.number('The cursor must be a number.').int().positive().optional(),
    limit: z.coerce.number('The limit must be a number.').int().min(1).max(100).optional(),
  })
  .strict();
export const mentionsResponse = z.object({
  mentions: z.array(mentionSchema),
  nextCursor: z.number().nullable(),
});

export const timelineQuery = z
  .object({
    ...rangeQuery,
    interval: z.enum(INTERVALS, `Choose one of: ${INTERVALS.join(', ')}.`).default('hour'),
    timeZone: text(64, 'A time zone').optional(),
  })
  .strict();
export const timelineResponse = z.object({
  from: z.date(),
  to: z.date(),
  interval: z.enum(INTERVALS),
  buckets: z.array(
    z.object({
      at: z.date(),
      total: z.number(),
      positive: z.number(),
      negative: z.number(),
      neutral: z.number(),
    }),
  ),
});

export const topQuery = z
  .object({
    ...rangeQuery,
    limit: z.coerce.number('The limit must be a number.').int().min(1).max(50).optional(),
  })
  .strict();
export const topResponse = z.object({
  from: z.date(),
  to: z.date(),
  total: z.number(),
  authors: z.array(z.object({ handle: z.string(), name: z.string(), count: z.number() })),
  hashtags: z.array(z.object({ tag: z.string(), count: z.number() })),
  terms: z.array(z.object({ term: z.string(), count: z.number() })),
  languages: z.array(z.object({ lang: z.string(), count: z.number() })),
});

export const shareOfVoiceQuery = z
  .object({
    ...rangeQuery,
    queryIds: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(uuidParam('A listening query'))
          .min(1, 'Name at least one query.')
          .max(20, 'Compare at most 20 queries.'),
      ),
  })
  .strict();
export const shareOfVoiceResponse = z.object({
  from: z.date(),
  to: z.date(),
  total: z.number(),
  queries: z.array(z.object({ queryId: z.string(), name: z.string(), total: z.number(), share: z.number() })),
});

export const alertsQuery = z
  .object({
    unread: z
      .enum(['true', 'false'], 'Use true or false.')
      .transform((s) => s === 'true')
      .optional(),
    queryId: uuidParam('The listening query').optional(),
    limit: z.coerce.number('The limit must be a number.').int().min(1).max(200).optional(),
  })
  .strict();
export const alertsResponse = z.object({
  unread: z.number(),
  alerts: z.array(
    z.object({
      id: z.string(),
      queryId: z.string(),
      queryName: z.string(),
      kind: z.enum(['volume', 'negative']),
      windowStart: z.date(),
      windowEnd: z.date(),
      count: z.number(),
      mean: z.number(),
      stdDev: z.number(),
      negativeShare: z.number().nullable(),
      baselineShare: z.number().nullable(),
      read: z.boolean(),
      createdAt: z.date(),
      suggestCrisisMode: z.boolean(),
    }),
  ),
});

export const retentionBody = z
  .object({
    days: wholeNumber(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS, 'The number of days'),
  })
  .strict();
export const retentionResponse = z.object({ days: z.number() });
