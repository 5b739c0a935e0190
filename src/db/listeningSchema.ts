// The tables of Listening: each workspace's queries, the posts they matched (one row per post and
// workspace, with every matching query), per-minute counts per query, spike alerts, and where each
// source stopped reading so a restart resumes without a gap or a double count. Re-exported by schema.ts.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { QueryNode } from '../core/listening/queryAst.ts';
import { users, workspaces } from './schema.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });

export const LISTENING_SOURCES = ['bluesky', 'mastodon', 'rss'] as const;
export const SENTIMENT_LABELS = ['positive', 'negative', 'neutral'] as const;

export const listeningQueries = pgTable(
  'listening_queries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The query as written. */
    query: text('query').notNull(),
    /** The parsed tree, kept so workers compile without parsing again. */
    tree: jsonb('tree').$type<QueryNode>().notNull(),
    active: boolean('active').notNull().default(true),
    /** The workspace's own brand: a spike offers to start crisis mode. */
    ownBrand: boolean('own_brand').notNull().default(false),
    /** Mastodon instances whose public timelines this query reads (besides the connected accounts'). */
    mastodonInstances: jsonb('mastodon_instances').$type<string[]>().notNull().default([]),
    /** RSS/Atom feeds this query reads. */
    feedUrls: jsonb('feed_urls').$type<string[]>().notNull().default([]),
    /** Volume spike: standard deviations above the hour-of-week baseline. */
    spikeSigma: real('spike_sigma').notNull().default(3),
    /** Volume spike: fewest mentions in the window for an alert. */
    spikeMinCount: integer('spike_min_count').notNull().default(10),
    /** Negative jump: rise of the negative share, in percentage points, for an alert. */
    negativeJumpPoints: real('negative_jump_points').notNull().default(20),
    /** Minutes after an alert before the same kind alerts again. */
    alertCooldownMinutes: integer('alert_cooldown_minutes').notNull().default(60),
    /** Email the workspace's owners and admins on an alert (in-app always). */
    alertEmail: boolean('alert_email').notNull().default(true),
    backfilledAt: at('backfilled_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('listening_queries_workspace_idx').on(t.workspaceId)],
);

/** A post some of a workspace's queries matched. */
export const listeningMentions = pgTable(
  'listening_mentions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    queryIds: uuid('query_ids').array().notNull(),
    source: text('source', { enum: LISTENING_SOURCES }).notNull(),
    /** The post's id on its source (at:// URI, status URL, feed entry id). */
    remoteId: text('remote_id').notNull(),
    url: text('url').notNull(),
    authorHandle: text('author_handle').notNull(),
    authorName: text('author_name').notNull().default(''),
    text: text('text').notNull(),
    lang: text('lang').notNull().default('und'),
    sentiment: text('sentiment', { enum: SENTIMENT_LABELS }).notNull(),
    sentimentScore: real('sentiment_score').notNull().default(0),
    hashtags: text('hashtags').array().notNull().default(sql`'{}'::text[]`),
    postedAt: at('posted_at').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('listening_mentions_post_key').on(t.workspaceId, t.source, t.remoteId),
    index('listening_mentions_time_idx').on(t.workspaceId, t.postedAt),
    index('listening_mentions_queries_idx').using('gin', t.queryIds),
  ],
);

/** Mentions per query per minute (UTC), by sentiment. */
export const listeningCounts = pgTable(
  'listening_counts',
  {
    queryId: uuid('query_id')
      .notNull()
      .references(() => listeningQueries.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    minute: at('minute').notNull(),
    total: integer('total').notNull().default(0),
    positive: integer('positive').notNull().default(0),
    negative: integer('negative').notNull().default(0),
    neutral: integer('neutral').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.queryId, t.minute] })],
);

export const listeningAlerts = pgTable(
  'listening_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    queryId: uuid('query_id')
      .notNull()
      .references(() => listeningQueries.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['volume', 'negative'] }).notNull(),
    windowStart: at('window_start').notNull(),
    windowEnd: at('window_end').notNull(),
    /** What was seen and what was expected, for the alert's sentence. */
    detail: jsonb('detail')
      .$type<{
        count: number;
        mean: number;
        stdDev: number;
        negativeShare?: number;
        baselineShare?: number;
      }>()
      .notNull(),
    readAt: at('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('listening_alerts_query_idx').on(t.queryId, t.createdAt)],
);

/** Where a source stopped: a firehose/Jetstream cursor, a timeline's newest id, a feed's validators. */
export const listeningCursors = pgTable('listening_cursors', {
  source: text('source').primaryKey(),
  cursor: text('cursor').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
