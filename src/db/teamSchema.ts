// The tables of teamwork: approval chains and decisions, comments with mentions, notifications, crisis
// mode and its playbooks, and the unified inbox. Re-exported by schema.ts.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RemoteRef } from './schema.ts';
import { posts, socialAccounts, users, workspaces } from './schema.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });
const workspaceRef = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

const ROLE_ENUM = ['owner', 'admin', 'editor', 'contributor', 'viewer'] as const;

/**
 * One step of an account's approval chain (positions 1 to 3, in order). A step names a person, or a
 * role: anyone with that role or a higher one may approve it. An account without steps is approved in
 * one step by any editor or higher.
 */
export const approvalSteps = pgTable(
  'approval_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    approverUserId: uuid('approver_user_id').references(() => users.id, { onDelete: 'cascade' }),
    approverRole: text('approver_role', { enum: ROLE_ENUM }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('approval_steps_account_position_key').on(t.accountId, t.position)],
);

/**
 * A decision on one step of one account's chain for a post, in the post's current approval round
 * (`posts.approval_round`, which grows when an approved or rejected post is edited, restarting its chains).
 */
export const postApprovals = pgTable(
  'post_approvals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: workspaceRef(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    position: integer('position').notNull(),
    decision: text('decision', { enum: ['approved', 'rejected'] }).notNull(),
    comment: text('comment').notNull().default(''),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('post_approvals_step_key').on(t.postId, t.accountId, t.round, t.position),
    index('post_approvals_post_idx').on(t.postId, t.round),
  ],
);

/** A teammate's comment or internal note on a post or an inbox item; `mentions` are the users it names. */
export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    subjectType: text('subject_type', { enum: ['post', 'inbox_item'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    editedAt: at('edited_at'),
  },
  (t) => [index('comments_subject_idx').on(t.subjectType, t.subjectId, t.createdAt)],
);

export const NOTIFICATION_KINDS = [
  'approval_requested',
  'approval_decided',
  'post_expired',
  'post_failed',
  'comment_mention',
  'inbox_assigned',
  'crisis_started',
  'crisis_ended',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** An in-app notification for one person; the web app words it from kind and data in their language. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** A path inside the web app, such as /w/<id>/publisher?post=<id>. */
    link: text('link').notNull(),
    readAt: at('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Each time a workspace was put in crisis mode, by whom and why, and when it was resumed. */
export const crisisPeriods = pgTable(
  'crisis_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    reason: text('reason').notNull(),
    startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedBy: uuid('ended_by').references(() => users.id, { onDelete: 'set null' }),
    endedAt: at('ended_at'),
  },
  (t) => [
    index('crisis_periods_workspace_idx').on(t.workspaceId, t.startedAt),
    // At most one open crisis per workspace.
    uniqueIndex('crisis_periods_open_key').on(t.workspaceId).where(sql`ended_at IS NULL`),
  ],
);

/** A pre-approved holding statement, loaded into the composer in one click during a crisis. */
export const holdingStatements = pgTable(
  'holding_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('holding_statements_workspace_idx').on(t.workspaceId)],
);

/** Who to tell when a crisis starts: the playbook's stakeholder list. */
export const stakeholderContacts = pgTable(
  'stakeholder_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    role: text('role').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('stakeholder_contacts_workspace_idx').on(t.workspaceId)],
);

export const INBOX_KINDS = ['mention', 'reply', 'quote', 'dm'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** Something said to one of the workspace's accounts, to be answered or resolved by the team. */
export const inboxItems = pgTable(
  'inbox_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => socialAccounts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: INBOX_KINDS }).notNull(),
    /** The post (or message) on the network. */
    remoteId: text('remote_id').notNull(),
    remoteUrl: text('remote_url'),
    remoteCid: text('remote_cid'),
    /** What a reply to it answers: the post itself and its thread's first post. */
    replyRef: jsonb('reply_ref').$type<{ parent: RemoteRef; root: RemoteRef }>(),
    /** Direct messages: the conversation on the network. */
    conversationId: text('conversation_id'),
    authorRemoteId: text('author_remote_id').notNull(),
    authorHandle: text('author_handle').notNull(),
    authorName: text('author_name').notNull().default(''),
    authorAvatarUrl: text('author_avatar_url'),
    text: text('text').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    state: text('state', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: at('resolved_at'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbox_items_remote_key').on(t.accountId, t.remoteId),
    index('inbox_items_workspace_idx').on(t.workspaceId, t.state, t.receivedAt),
    index('inbox_items_assignee_idx').on(t.workspaceId, t.assigneeId, t.state),
  ],
);

/** Where polling each account's inbox got to, and its backoff after failures. */
export const inboxSources = pgTable('inbox_sources', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => socialAccounts.id, { onDelete: 'cascade' }),
  workspaceId: workspaceRef(),
  /** The network's cursor or newest id seen, per feed of the account (notifications, conversations). */
  cursors: jsonb('cursors').$type<Record<string, string>>().notNull().default({}),
  lastPolledAt: at('last_polled_at'),
  nextPollAt: at('next_poll_at'),
  failures: integer('failures').notNull().default(0),
  lastError: text('last_error'),
});

/** A reply the team writes once and uses often. */
export const savedReplies = pgTable(
  'saved_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('saved_replies_workspace_idx').on(t.workspaceId)],
);
