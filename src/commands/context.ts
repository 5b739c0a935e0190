// What every command receives: the database, the job queue, settings, and who is acting.
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';

export interface CommandContext {
  database: Database;
  jobs: JobQueue;
  config: Pick<Config, 'publicUrl'>;
}

/** A command run on behalf of a signed-in person. */
export interface ActorContext extends CommandContext {
  actorId: string;
}
