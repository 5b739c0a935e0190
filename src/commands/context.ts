// What every command receives: the database, the job queue, the box that seals network credentials,
// settings, and who is acting.
import type { Config } from '../config.ts';
import type { SecretBox } from '../core/secretBox.ts';
import type { Database } from '../db/database.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';

export interface CommandContext {
  database: Database;
  jobs: JobQueue;
  secretBox: SecretBox;
  config: Pick<Config, 'publicUrl' | 'allowPrivateFetch'>;
}

/** A command run on behalf of a signed-in person. */
export interface ActorContext extends CommandContext {
  actorId: string;
}
