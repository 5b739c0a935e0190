// Starts Kolorob: database, job queue and workers, and the HTTP server, in the roles asked for.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApi } from './api/app.ts';
import { APP_ROOT } from './appRoot.ts';
import type { CommandContext } from './commands/context.ts';
import { startInboxPolling } from './commands/inbox/inboxHub.ts';
import type { Config } from './config.ts';
import { createSecretBox, type SecretBox } from './core/secretBox.ts';
import { type Database, openDatabase } from './db/database.ts';
import type { DataLock } from './db/dataLock.ts';
import { instanceSecret } from './instanceSecret.ts';
import { scheduleApprovalExpiry, workApprovalExpiry } from './jobs/approvalExpiryJob.ts';
import { type JobQueue, startJobQueue } from './jobs/jobQueue.ts';
import { workListeningAlerts } from './jobs/listeningAlertsJob.ts';
import { workListeningBackfill } from './jobs/listeningBackfillJob.ts';
import { workListeningPurge } from './jobs/listeningPurgeJob.ts';
import { readPublishingSettings } from './jobs/publishingSettings.ts';
import { type AccountConnectionHandle, workPublishTarget } from './jobs/publishTargetJob.ts';
import { workPurgeExpired } from './jobs/purgeExpiredJob.ts';
import { workReconcilePublishing } from './jobs/reconcilePublishingJob.ts';
import { workSendMail } from './jobs/sendMailJob.ts';
import { type ListeningIngest, startListeningIngest } from './listening/ingestWorker.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { openAccountConnection } from './networks/accountConnections.ts';
import { connectorOf } from './networks/networkConnectors.ts';

export type ServerRole = 'all' | 'api' | 'worker';

export interface RunningServer {
  database: Database;
  jobs: JobQueue;
  secretBox: SecretBox;
  mailer: Mailer;
  api: FastifyInstance | undefined;
  url: string | undefined;
  stop(): Promise<void>;
}

/** The built web app; KOLOROB_WEB_ROOT serves another build (a test's own, or a customised one). */
export const WEB_ROOT = process.env.KOLOROB_WEB_ROOT || path.join(APP_ROOT, 'dist', 'web');

export interface StartOptions {
  role?: ServerRole;
  /** Replace the mailer (tests capture mail this way when they do not run an SMTP server). */
  mailer?: Mailer;
  /** Open an already-prepared database instead of the configured one. */
  database?: Database;
  pollingIntervalSeconds?: number;
  /** The embedded data folder's lock, taken before the app was loaded. */
  dataLock?: DataLock;
}

/** The publish worker and the reconciler, signing in to stored accounts as they need them. */
async function workPublishing(ctx: CommandContext): Promise<{ stop(): void }> {
  const settings = readPublishingSettings();
  const connectionFor = async (accountId: string): Promise<AccountConnectionHandle> => {
    const opened = await openAccountConnection(ctx, accountId);
    return { connector: connectorOf(opened.network), connection: opened.connection };
  };
  const deps = { database: ctx.database, jobs: ctx.jobs, connectionFor, publicUrl: ctx.config.publicUrl };
  await workPublishTarget(deps, { batchSize: settings.publishBatchSize, loops: settings.publishLoops });
  return workReconcilePublishing(deps, {
    stuckAfterSeconds: settings.reconcileAfterSeconds,
    lostAfterSeconds: settings.lostJobAfterSeconds,
    everySeconds: settings.reconcileEverySeconds,
  });
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const role = options.role ?? 'all';
  if (role !== 'all' && !config.databaseUrl && !options.database) {
    throw new Error(`--role ${role} needs DATABASE_URL: the embedded database serves one process only.`);
  }
  const log = pino({ level: config.logLevel });
  const secretBox = createSecretBox(instanceSecret(config.secret, config.dataDir));
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      dataLock: options.dataLock,
    }));
  let jobs: JobQueue | undefined;
  let api: FastifyInstance | undefined;
  let stopPublishing = () => {};
  let stopInbox = () => {};
  let listening: ListeningIngest | undefined;
  try {
    jobs = await startJobQueue(database, {
      pollingIntervalSeconds: options.pollingIntervalSeconds,
      supervise: role !== 'api',
    });
    const mailer = options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
    const ctx: CommandContext = { database, jobs, secretBox, config };
    // Every process reads inboxes; a claim per account in the database keeps two from reading one at once.
    stopInbox = startInboxPolling(ctx).stop;
    if (role !== 'api') {
      await workSendMail(jobs, mailer);
      await workPurgeExpired(jobs, database.db);
      stopPublishing = (await workPublishing(ctx)).stop;
      await workListeningBackfill(jobs, ctx);
      await workListeningAlerts(jobs, ctx);
      await workListeningPurge(jobs, database);
      await workApprovalExpiry(ctx);
      await scheduleApprovalExpiry(jobs);
      listening = await startListeningIngest(ctx);
    }
    let url: string | undefined;
    if (role !== 'worker') {
      api = await buildApi({
        ctx,
        cookieSecure: config.cookieSecure,
        webRoot: WEB_ROOT,
        logger: { level: config.logLevel },
      });
      url = await api.listen({ port: config.port, host: config.host });
      log.info(
        `Kolorob is ready at ${config.publicUrl} (${database.engine}${config.databaseUrl ? '' : `, data in ${config.dataDir}`})`,
      );
    }
    const running: RunningServer = {
      database,
      jobs,
      secretBox,
      mailer,
      api,
      url,
      async stop() {
        stopPublishing();
        stopInbox();
        await listening?.stop();
        await api?.close();
        await jobs?.stop();
        await database.close();
      },
    };
    return running;
  } catch (err) {
    stopInbox();
    await listening?.stop().catch(() => {});
    await api?.close().catch(() => {});
    await jobs?.stop().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
}
