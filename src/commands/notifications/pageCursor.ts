// Keyset paging over rows ordered by (timestamp, uuid). The cursor carries the timestamp as PostgreSQL
// wrote it, to the microsecond, because a JavaScript Date keeps only milliseconds and would skip or
// repeat rows that share one.
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { badRequest } from '../../core/appError.ts';

export interface PageCursor {
  time: string;
  id: string;
}

/** The column's value in UTC with microseconds, for a cursor. */
export function keysetTime(column: PgColumn): SQL<string> {
  return sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeCursor(time: string, id: string): string {
  return Buffer.from(JSON.stringify([time, id]), 'utf8').toString('base64url');
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A time on the calendar from the year 1 on: the shape alone lets 2030-02-30 or hour 25 through to PostgreSQL. */
function onTheCalendar(time: string): boolean {
  const date = new Date(time);
  return (
    !Number.isNaN(date.getTime()) &&
    date.getUTCFullYear() >= 1 &&
    date.toISOString().slice(0, 23) === time.slice(0, 23)
  );
}

export function decodeCursor(cursor: string): PageCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      TIME.test(value[0]) &&
      onTheCalendar(value[0]) &&
      typeof value[1] === 'string' &&
      UUID.test(value[1])
    ) {
      return { time: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw badRequest('The cursor is not valid. Start again from the first page.', {
    cursor: 'Not a cursor this server gave out.',
  });
}
