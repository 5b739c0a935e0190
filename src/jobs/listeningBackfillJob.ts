// Backfills a listening query after it was created, in the background, so creating it answers at once.
import type { CommandContext } from '../commands/context.ts';
import { backfillQuery } from '../listening/backfill.ts';
import type { JobQueue } from './jobQueue.ts';

export const LISTENING_BACKFILL = 'listening-backfill';

export interface ListeningBackfillJob {
  workspaceId: string;
  queryId: string;
}

export function workListeningBackfill(jobs: JobQueue, ctx: CommandContext): Promise<void> {
  return jobs.work<ListeningBackfillJob>(LISTENING_BACKFILL, async ({ workspaceId, queryId }) => {
    await backfillQuery(ctx, workspaceId, queryId);
  });
}
