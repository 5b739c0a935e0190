// Keeps a board's Listening columns live: while the board is open, mentions the listening pipeline
// stores for the columns' queries are read every few seconds (by their growing number, so each is
// sent once) and handed to the page as new items.
import { and, asc, sql as dsql, eq, gt } from 'drizzle-orm';
import type { StreamItem } from '../../core/streams/streamTypes.ts';
import type { Database } from '../../db/database.ts';
import { listeningMentions } from '../../db/schema.ts';
import { mentionItem } from './columnItems.ts';

const FOLLOW_MS = 3000;

export async function followMentions(
  database: Database,
  workspaceId: string,
  columns: { id: string; queryId?: string }[],
  send: (columnId: string, items: StreamItem[]) => void,
): Promise<() => void> {
  const [newest] = await database.db
    .select({ id: dsql<number | null>`max(${listeningMentions.id})` })
    .from(listeningMentions)
    .where(eq(listeningMentions.workspaceId, workspaceId));
  let after = Number(newest?.id ?? 0);
  let reading = false;
  const timer = setInterval(async () => {
    if (reading) return;
    reading = true;
    try {
      const rows = await database.db
        .select()
        .from(listeningMentions)
        .where(and(eq(listeningMentions.workspaceId, workspaceId), gt(listeningMentions.id, after)))
        .orderBy(asc(listeningMentions.id))
        .limit(500);
      if (rows.length === 0) return;
      after = rows.at(-1)!.id;
      for (const column of columns) {
        const items = rows
          .filter((row) => column.queryId && row.queryIds.includes(column.queryId))
          .reverse()
          .map(mentionItem);
        if (items.length > 0) send(column.id, items);
      }
    } catch {
      // The database was busy or closing; the next turn reads again from the same place.
    } finally {
      reading = false;
    }
  }, FOLLOW_MS);
  return () => clearInterval(timer);
}
