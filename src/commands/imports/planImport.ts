// The dry run of a bulk import: reads the CSV and lists every row with the post it would make and its
// problems (a date that cannot be read or has passed, a text over a chosen network's limit, a duplicate
// of another row or of a post already planned, an unknown account, an empty message, a bad image
// address), before anything is written. The import itself runs the same plan first.
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { badRequest } from '../../core/appError.ts';
import { textRuleFor } from '../../core/textRules/index.ts';
import { isTimeZone } from '../../core/zonedTime.ts';
import { postTargets, socialAccounts, workspaces } from '../../db/schema.ts';
import type { NetworkId } from '../../networks/connector.ts';
import { networkName } from '../../networks/networkConnectors.ts';
import { checkOutboundUrl, OutboundUrlError } from '../../networks/outboundUrl.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';
import {
  type ColumnLayout,
  cellsOf,
  headerLayout,
  looksLikeHeader,
  POSITIONAL_COLUMNS,
  type RowCells,
} from './importColumns.ts';
import { DATE_FORMAT_PATTERNS, type DateFormat, parseImportDate } from './importDate.ts';
import { CsvSyntaxError, parseCsv } from './parseCsv.ts';

export const MAX_IMPORT_ROWS = 1000;

export interface ImportInput {
  csv: string;
  /** The person's time zone: dates without an offset are read in it. */
  timeZone: string;
  dateFormat: DateFormat;
  /** The accounts for rows that name none. */
  accountIds?: string[];
  /** Whether the first row names the columns; guessed when not given. */
  hasHeader?: boolean;
}

export type ImportProblemCode =
  | 'too_many_rows'
  | 'date_missing'
  | 'date_unparseable'
  | 'in_past'
  | 'empty_message'
  | 'link_invalid'
  | 'unknown_account'
  | 'no_account'
  | 'over_limit'
  | 'duplicate_in_file'
  | 'duplicate_scheduled'
  | 'image_url_invalid'
  | 'image_refused'
  | 'image_unusable'
  | 'alt_required'
  | 'extra_columns';

export interface ImportProblem {
  code: ImportProblemCode;
  /** A sentence for the person, in English; `params` lets the web app say it in their language. */
  message: string;
  params: Record<string, string | number>;
}

export interface ImportAccount {
  id: string;
  handle: string;
  network: string;
}

export interface PlannedRow {
  /** The line of the file the row starts on, as a spreadsheet numbers it. */
  row: number;
  scheduledAt: Date | null;
  /** The message with the link after it. */
  text: string;
  accounts: ImportAccount[];
  imageUrl: string | null;
  imageAlt: string;
  problems: ImportProblem[];
}

export interface ImportPlan {
  hasHeader: boolean;
  /** Header names Kolorob does not read. */
  ignoredColumns: string[];
  /** Problems of the file as a whole. */
  problems: ImportProblem[];
  rows: PlannedRow[];
  summary: { rows: number; rowsWithProblems: number; posts: number; targets: number };
}

/** Statuses of a target that will still go out, or has: a new post at the same time with the same text repeats it. */
const PLANNED_STATUSES = ['pending_approval', 'scheduled', 'publishing', 'published', 'paused'] as const;

const problem = (
  code: ImportProblemCode,
  message: string,
  params: Record<string, string | number> = {},
): ImportProblem => ({ code, message, params });

const minuteOf = (d: Date) => Math.floor(d.getTime() / 60_000);

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export async function planImport(
  ctx: ActorContext,
  workspaceId: string,
  input: ImportInput,
  now = new Date(),
): Promise<ImportPlan> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'posts.write');
  if (!isTimeZone(input.timeZone)) {
    throw badRequest('Choose a time zone from the list, such as Asia/Dhaka.', {
      timeZone: 'Unknown time zone.',
    });
  }

  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(input.csv).filter((r) => r.fields.some((f) => f.trim() !== ''));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw badRequest(error.message, { csv: error.message });
    throw error;
  }
  if (records.length === 0) throw badRequest('The file has no rows.', { csv: 'The file is empty.' });

  const readDate = (value: string) => parseImportDate(value, input.dateFormat, input.timeZone);
  const hasHeader = input.hasHeader ?? looksLikeHeader(records[0], (v) => readDate(v) !== undefined);
  let layout: ColumnLayout;
  if (hasHeader) {
    const found = headerLayout(records[0]!);
    if ('problem' in found) throw badRequest(found.problem, { csv: found.problem });
    layout = found;
  } else {
    layout = { hasHeader: false, columns: POSITIONAL_COLUMNS, ignored: [] };
  }
  const dataRecords = hasHeader ? records.slice(1) : records;
  if (dataRecords.length === 0) {
    throw badRequest('The file has a header row but no posts.', { csv: 'No rows under the header.' });
  }

  const [workspace] = await db
    .select({ requireAltText: workspaces.requireAltText })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const accounts = await db
    .select({
      id: socialAccounts.id,
      handle: socialAccounts.handle,
      network: socialAccounts.network,
      textLimit: socialAccounts.textLimit,
    })
    .from(socialAccounts)
    .where(eq(socialAccounts.workspaceId, workspaceId));
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const accountByHandle = new Map(accounts.map((a) => [a.handle.toLowerCase(), a]));
  const defaults = [...new Set(input.accountIds ?? [])].map((id) => {
    const account = accountById.get(id);
    if (!account) {
      throw badRequest('One of the chosen accounts is not connected to this workspace.', {
        accountIds: 'Unknown account.',
      });
    }
    return account;
  });

  const problems: ImportProblem[] = [];
  if (dataRecords.length > MAX_IMPORT_ROWS) {
    problems.push(
      problem(
        'too_many_rows',
        `The file has ${dataRecords.length} rows; an import can have at most ${MAX_IMPORT_ROWS}. Split it into several files.`,
        { count: dataRecords.length, max: MAX_IMPORT_ROWS },
      ),
    );
  }

  const imageChecks = new Map<string, Promise<string | undefined>>();
  const checkImageAddress = (url: string) => {
    let check = imageChecks.get(url);
    if (!check) {
      check = checkOutboundUrl(url, { allowPrivate: ctx.config.allowPrivateFetch }, 'The image address').then(
        () => undefined,
        (error: unknown) =>
          error instanceof OutboundUrlError ? error.message : 'The image address cannot be used.',
      );
      imageChecks.set(url, check);
    }
    return check;
  };

  const rows: PlannedRow[] = await Promise.all(
    dataRecords.map(async (record, index) => {
      const cells = cellsOf(record, layout);
      const row = planRow(record.line, cells, {
        readDate,
        dateFormat: input.dateFormat,
        now,
        defaults,
        accountByHandle,
        requireAltText: workspace?.requireAltText ?? false,
      });
      if (index >= MAX_IMPORT_ROWS) {
        row.problems.unshift(
          problem(
            'too_many_rows',
            `An import can have at most ${MAX_IMPORT_ROWS} rows; this is one too many.`,
            {
              max: MAX_IMPORT_ROWS,
            },
          ),
        );
      }
      if (row.imageUrl && !row.problems.some((p) => p.code === 'image_url_invalid')) {
        const refusal = await checkImageAddress(row.imageUrl);
        if (refusal) row.problems.push(problem('image_refused', refusal));
      }
      return row;
    }),
  );

  markDuplicatesInFile(rows);
  await markDuplicatesOfPlannedPosts(ctx, workspaceId, rows);

  const good = rows.filter((r) => r.problems.length === 0);
  return {
    hasHeader,
    ignoredColumns: layout.ignored,
    problems,
    rows,
    summary: {
      rows: rows.length,
      rowsWithProblems: rows.length - good.length,
      posts: good.length,
      targets: good.reduce((sum, r) => sum + r.accounts.length, 0),
    },
  };
}

interface WorkspaceAccount {
  id: string;
  handle: string;
  network: NetworkId;
  textLimit: number | null;
}

interface RowContext {
  readDate: (value: string) => Date | undefined;
  dateFormat: DateFormat;
  now: Date;
  defaults: WorkspaceAccount[];
  accountByHandle: Map<string, WorkspaceAccount>;
  requireAltText: boolean;
}

function planRow(line: number, cells: RowCells, context: RowContext): PlannedRow {
  const problems: ImportProblem[] = [];

  let scheduledAt: Date | null = null;
  if (cells.when === '') {
    problems.push(problem('date_missing', 'The row has no date and time.'));
  } else {
    scheduledAt = context.readDate(cells.when) ?? null;
    if (!scheduledAt) {
      const pattern = DATE_FORMAT_PATTERNS[context.dateFormat];
      problems.push(
        problem(
          'date_unparseable',
          `"${cells.when}" is not a date and time in the form ${pattern} (24-hour) or ISO 8601.`,
          { value: cells.when, pattern },
        ),
      );
    } else if (scheduledAt <= context.now) {
      problems.push(problem('in_past', `${cells.when} has already passed.`, { value: cells.when }));
    }
  }

  if (cells.link !== '' && !isWebAddress(cells.link)) {
    problems.push(
      problem(
        'link_invalid',
        `"${cells.link}" in the link column is not a web address. If the message has commas, put it in double quotes.`,
        { value: cells.link },
      ),
    );
  }
  const text = [cells.message, cells.link].filter((part) => part !== '').join(' ');
  if (text === '' && cells.image === '') problems.push(problem('empty_message', 'The message is empty.'));
  if (cells.extra > 0) {
    problems.push(
      problem(
        'extra_columns',
        'The row has more columns than date, message, link, accounts, image and alt. If the message has commas, put it in double quotes.',
      ),
    );
  }

  const named = cells.accounts
    .split(/[\s,;]+/)
    .map((token) => token.replace(/^@/, ''))
    .filter((token) => token !== '');
  const chosen = new Map<string, WorkspaceAccount>();
  for (const handle of named) {
    const account = context.accountByHandle.get(handle.toLowerCase());
    if (account) chosen.set(account.id, account);
    else {
      problems.push(
        problem('unknown_account', `@${handle} is not an account connected to this workspace.`, { handle }),
      );
    }
  }
  if (named.length === 0) for (const account of context.defaults) chosen.set(account.id, account);
  if (chosen.size === 0 && named.length === 0) {
    problems.push(
      problem('no_account', 'Choose the accounts to post to, or name them in the accounts column.'),
    );
  }

  for (const account of chosen.values()) {
    const count = textRuleFor(account.network, { mastodonLimit: account.textLimit ?? undefined }).count(text);
    if (count.over) {
      problems.push(
        problem('over_limit', `For @${account.handle}: ${count.problem}`, {
          handle: account.handle,
          network: networkName(account.network),
          used: count.used,
          limit: count.limit,
        }),
      );
    }
  }

  let imageUrl: string | null = null;
  if (cells.image !== '') {
    imageUrl = cells.image;
    if (!isWebAddress(cells.image)) {
      problems.push(
        problem(
          'image_url_invalid',
          `"${cells.image}" in the image column is not a web address starting with https:// or http://.`,
          { value: cells.image },
        ),
      );
    } else if (context.requireAltText && cells.alt === '') {
      problems.push(
        problem(
          'alt_required',
          'This workspace asks for a description (alt text) of every image; add it in an alt column.',
        ),
      );
    }
  }

  return {
    row: line,
    scheduledAt,
    text,
    accounts: [...chosen.values()].map(({ id, handle, network }) => ({ id, handle, network })),
    imageUrl,
    imageAlt: cells.alt,
    problems,
  };
}

/** A row with the same text at the same minute as an earlier row, on an account they share. */
function markDuplicatesInFile(rows: PlannedRow[]): void {
  const earlier = new Map<string, PlannedRow[]>();
  for (const row of rows) {
    if (!row.scheduledAt) continue;
    const key = `${minuteOf(row.scheduledAt)}\n${row.text}`;
    const same = earlier.get(key) ?? [];
    const ids = new Set(row.accounts.map((a) => a.id));
    const first = same.find((other) => other.accounts.some((a) => ids.has(a.id)));
    if (first) {
      row.problems.push(
        problem('duplicate_in_file', `The same message at the same time as row ${first.row}.`, {
          row: first.row,
        }),
      );
    }
    same.push(row);
    earlier.set(key, same);
  }
}

/** A row whose text is already planned for one of its accounts at the same minute. */
async function markDuplicatesOfPlannedPosts(
  ctx: ActorContext,
  workspaceId: string,
  rows: PlannedRow[],
): Promise<void> {
  const timed = rows.filter((r) => r.scheduledAt && r.accounts.length > 0);
  if (timed.length === 0) return;
  const times = timed.map((r) => minuteOf(r.scheduledAt!));
  const first = times.reduce((a, b) => Math.min(a, b));
  const last = times.reduce((a, b) => Math.max(a, b));
  const accountIds = [...new Set(timed.flatMap((r) => r.accounts.map((a) => a.id)))];
  const existing = await ctx.database.db
    .select({ accountId: postTargets.accountId, text: postTargets.text, at: postTargets.scheduledAt })
    .from(postTargets)
    .where(
      and(
        eq(postTargets.workspaceId, workspaceId),
        inArray(postTargets.accountId, accountIds),
        eq(postTargets.threadPosition, 0),
        inArray(postTargets.status, [...PLANNED_STATUSES]),
        gte(postTargets.scheduledAt, new Date(first * 60_000)),
        lte(postTargets.scheduledAt, new Date(last * 60_000 + 59_999)),
      ),
    );
  const planned = new Set(existing.map((t) => `${t.accountId}\n${minuteOf(t.at!)}\n${t.text}`));
  for (const row of timed) {
    for (const account of row.accounts) {
      if (planned.has(`${account.id}\n${minuteOf(row.scheduledAt!)}\n${row.text}`)) {
        row.problems.push(
          problem(
            'duplicate_scheduled',
            `@${account.handle} already has this message planned at this time.`,
            { handle: account.handle },
          ),
        );
      }
    }
  }
}
