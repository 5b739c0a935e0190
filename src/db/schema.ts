// The Drizzle schema: one source for the SQL migrations that run on both PGlite and PostgreSQL.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PostingSlot } from '../core/postingSlots.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Instance-wide facts, such as "setup is done"; a row per key. */
export const instanceFacts = pgTable('instance_facts', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('en'),
    lastWorkspaceId: uuid('last_workspace_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** When set, every image in a post needs alt text before the post can be saved. */
  requireAltText: boolean('require_alt_text').notNull().default(false),
  /** When the Academy's starter courses were added (once, the first time anyone opened the Academy). */
  academySeededAt: timestamp('academy_seeded_at', { withTimezone: true }),
  /** Days Listening keeps mentions and counts. */
  listeningRetentionDays: integer('listening_retention_days').notNull().default(90),
  /** Set while the workspace is in crisis mode: nothing scheduled is published (see crisis_periods). */
  crisisStartedAt: timestamp('crisis_started_at', { withTimezone: true }),
  crisisReason: text('crisis_reason'),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'admin', 'editor', 'contributor', 'viewer'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email'),
    role: text('role', { enum: ['owner', 'admin', 'editor', 'contributor', 'viewer'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_workspace_idx').on(t.workspaceId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value; the cookie itself is never stored. */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** Failed sign-ins, counted per account and per address to slow down guessing. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_email_idx').on(t.email, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_events_workspace_idx').on(t.workspaceId, t.at)],
);

export const NETWORKS = ['bluesky', 'mastodon', 'x', 'threads', 'linkedin'] as const;

/** A connected account on a network. Credentials are sealed with the instance secret (AES-256-GCM). */
export const socialAccounts = pgTable(
  'social_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    network: text('network', { enum: NETWORKS }).notNull(),
    remoteId: text('remote_id').notNull(),
    handle: text('handle').notNull(),
    displayName: text('display_name').notNull(),
    avatarUrl: text('avatar_url'),
    /** Where the account lives: a PDS URL on Bluesky, the instance URL on Mastodon. */
    serviceUrl: text('service_url').notNull(),
    credentialsSealed: text('credentials_sealed').notNull(),
    status: text('status', { enum: ['connected', 'needs_reconnect'] })
      .notNull()
      .default('connected'),
    statusReason: text('status_reason'),
    /** Posting slots for the queue: [{ day: 0-6 (Sunday 0), time: 'HH:MM' }] in timeZone. */
    postingSlots: jsonb('posting_slots').$type<PostingSlot[]>().notNull().default([]),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** The server's own post length limit, when it reports one (Mastodon instances do). */
    textLimit: integer('text_limit'),
    connectedBy: uuid('connected_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('social_accounts_remote_key').on(t.workspaceId, t.network, t.remoteId)],
);

/** A Mastodon OAuth connection under way: the app registered on the instance and the state sent along. */
export const oauthStates = pgTable('oauth_states', {
  state: text('state').primaryKey(),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  network: text('network', { enum: NETWORKS }).notNull(),
  serviceUrl: text('service_url').notNull(),
  clientSealed: text('client_sealed').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

/** The Mastodon connector's record of publish attempts, for servers that ignore Idempotency-Key. */
export const mastodonPublishLog = pgTable(
  'mastodon_publish_log',
  {
    publishKey: text('publish_key').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    textHash: text('text_hash').notNull(),
    inReplyToId: text('in_reply_to_id'),
    imageCount: integer('image_count').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    statusId: text('status_id'),
    statusUrl: text('status_url'),
  },
  (t) => [uniqueIndex('mastodon_publish_log_status_key').on(t.statusId)],
);

/** Raw bytes: PostgreSQL's bytea, handed to and from the drivers as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** What a person writes once; each of its targets is that post on one account. */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    /** Grows when an edit restarts the approval chains; decisions of earlier rounds no longer count. */
    approvalRound: integer('approval_round').notNull().default(1),
    /** Why the post was sent back to its author, and by whom (cleared when it is sent for approval again). */
    rejectionReason: text('rejection_reason'),
    rejectedBy: uuid('rejected_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('posts_workspace_idx').on(t.workspaceId, t.createdAt)],
);

export const POST_TARGET_STATUSES = [
  'draft',
  'pending_approval',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'paused',
  'cancelled',
  'expired',
] as const;

/** A post on a network, as the publish request names it. */
export interface RemoteRef {
  id: string;
  url: string;
  cid?: string;
}

export interface TargetMedia {
  mediaId: string;
  alt: string;
}

/**
 * One post on one account. `version` grows with every reschedule, edit or cancel: a publish job
 * carries the version it was enqueued for and does nothing when the row has moved on.
 */
export const postTargets = pgTable(
  'post_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    /** The version of the post for this network. */
    text: text('text').notNull(),
    media: jsonb('media').$type<TargetMedia[]>().notNull().default([]),
    /** In a thread: the target this one replies to, on the same account. */
    replyToTargetId: uuid('reply_to_target_id'),
    /** A reply from Streams or the inbox: the post on the network it answers, and its thread's first post. */
    replyToRemote: jsonb('reply_to_remote').$type<{ parent: RemoteRef; root: RemoteRef }>(),
    /** A quote from Streams: the post on the network it quotes. */
    quoteOf: jsonb('quote_of').$type<RemoteRef>(),
    threadPosition: integer('thread_position').notNull().default(0),
    status: text('status', { enum: POST_TARGET_STATUSES }).notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    /** Chosen with the account's connector before the first attempt and never changed. */
    publishKey: text('publish_key').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    publishingSince: timestamp('publishing_since', { withTimezone: true }),
    remoteId: text('remote_id'),
    remoteUrl: text('remote_url'),
    remoteCid: text('remote_cid'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Paused because the workspace went into crisis mode (not by a person): resumed or reviewed with it. */
    pausedByCrisis: boolean('paused_by_crisis').notNull().default(false),
    /** An admin chose to publish this one during crisis mode, after a second confirmation. */
    crisisOverride: boolean('crisis_override').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('post_targets_schedule_idx').on(t.workspaceId, t.scheduledAt),
    index('post_targets_status_idx').on(t.status, t.publishingSince),
    index('post_targets_post_idx').on(t.postId),
    uniqueIndex('post_targets_publish_key').on(t.accountId, t.publishKey),
  ],
);

/** Uploaded images, kept in the database so a backup of it is a backup of everything. */
export const media = pgTable(
  'media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    mimeType: text('mime_type').notNull(),
    bytes: bytea('bytes').notNull(),
    alt: text('alt').notNull().default(''),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('media_workspace_idx').on(t.workspaceId)],
);

/** Every time the worker calls a network for a target, and how it ended. */
export const publishAttempts = pgTable(
  'publish_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => postTargets.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** published | retry | failed | found (by the reconciler); empty while running or after a crash. */
    outcome: text('outcome'),
    error: text('error'),
  },
  (t) => [index('publish_attempts_target_idx').on(t.targetId, t.startedAt)],
);

// The Academy's tables live in their own file.
export * from './academySchema.ts';
export * from './listeningSchema.ts';
export * from './streamsSchema.ts';
export * from './teamSchema.ts';
