// The tables of Streams and Lists: each person's boards and their columns, the items fetched for each
// column source (kept so a board opens from the database and pages further back from the network), the
// state of polling each source, and the workspace's "people to learn from" list templates.
// Re-exported by schema.ts.
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { StreamItem } from '../core/streams/streamTypes.ts';
import { COLUMN_KINDS } from '../core/streams/streamTypes.ts';
import { socialAccounts, users, workspaces } from './schema.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });

/** What a column shows beyond its kind and account. */
export interface ColumnConfig {
  /** list: the list on the network and its name when the column was made. */
  listId?: string;
  listName?: string;
  /** search: a keyword, a phrase or a #hashtag. */
  query?: string;
  /** rss: the feed's address. */
  feedUrl?: string;
  /** listening: the workspace's listening query and its name when the column was made. */
  queryId?: string;
  queryName?: string;
}

export const streamBoards = pgTable(
  'stream_boards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('stream_boards_owner_idx').on(t.workspaceId, t.userId, t.position)],
);

export const streamColumns = pgTable(
  'stream_columns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    boardId: uuid('board_id')
      .notNull()
      .references(() => streamBoards.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: COLUMN_KINDS }).notNull(),
    accountId: uuid('account_id').references(() => socialAccounts.id, { onDelete: 'cascade' }),
    config: jsonb('config').$type<ColumnConfig>().notNull().default({}),
    /** Where the column's items come from; columns showing the same thing share one source. */
    sourceKey: text('source_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('stream_columns_board_idx').on(t.boardId, t.position)],
);

/** One fetched item of one source, newest first by `sort_at`. */
export const streamItems = pgTable(
  'stream_items',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sourceKey: text('source_key').notNull(),
    itemId: text('item_id').notNull(),
    sortAt: at('sort_at').notNull(),
    item: jsonb('item').$type<StreamItem>().notNull(),
    fetchedAt: at('fetched_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.sourceKey, t.itemId] }),
    index('stream_items_page_idx').on(t.workspaceId, t.sourceKey, t.sortAt),
  ],
);

/** Polling state of a source: cursors, conditional-request validators, backoff. */
export const streamSources = pgTable(
  'stream_sources',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sourceKey: text('source_key').notNull(),
    kind: text('kind', { enum: COLUMN_KINDS }).notNull(),
    accountId: uuid('account_id').references(() => socialAccounts.id, { onDelete: 'cascade' }),
    config: jsonb('config').$type<ColumnConfig>().notNull().default({}),
    /** The network's cursor past the oldest item kept, for paging further back; null at the end. */
    olderCursor: text('older_cursor'),
    /** True once the network said there is nothing older. */
    reachedEnd: integer('reached_end').notNull().default(0),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastPolledAt: at('last_polled_at'),
    nextPollAt: at('next_poll_at').notNull().defaultNow(),
    failures: integer('failures').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.sourceKey] }),
    index('stream_sources_due_idx').on(t.nextPollAt),
  ],
);

export interface TemplateMember {
  network: 'bluesky' | 'mastodon';
  handle: string;
}

/** A workspace's curated "people to learn from": turned into a real list on an account in one click. */
export const listTemplates = pgTable(
  'list_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    members: jsonb('members').$type<TemplateMember[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('list_templates_workspace_idx').on(t.workspaceId)],
);
