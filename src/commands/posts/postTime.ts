// The database's clock, which every process shares, and the refusal of a publishing time already past.
import { badRequest } from '../../core/appError.ts';
import type { SqlExecutor } from '../../db/database.ts';

export async function databaseNow(sql: SqlExecutor): Promise<Date> {
  const [row] = (await sql.executeSql('SELECT now() AS now')).rows as { now: Date | string }[];
  return new Date(row!.now);
}

export function refusePastTime(scheduledAt: Date, now: Date): void {
  if (scheduledAt <= now) {
    throw badRequest('The time to publish has already passed. Choose a later time, or publish now.', {
      scheduledAt: 'In the past.',
    });
  }
}
