// Every minute: looks at each active query with mentions in the last hour, compares the hour with the
// query's own baseline (see listening/spikeAlerts.ts), and stores an alert for each spike, emailing the
// workspace's owners and admins when the query asks for it. Each query is decided under its own lock,
// so two workers never raise the same alert twice.
import type { CommandContext } from '../commands/context.ts';
import {
  type AlertKind,
  BASELINE_WEEKS,
  evaluateSpikes,
  HOUR_MS,
  type HourCount,
  type SpikeFinding,
  WEEK_MS,
  WINDOW_MS,
} from '../listening/spikeAlerts.ts';
import { listeningAlertMail } from '../mail/listeningAlertMail.ts';
import type { JobQueue } from './jobQueue.ts';
import { SEND_MAIL } from './sendMailJob.ts';

export const LISTENING_ALERTS = 'listening-alerts';

interface ActiveQuery {
  id: string;
  workspace_id: string;
  workspace_name: string;
  name: string;
  own_brand: boolean;
  alert_email: boolean;
  spike_sigma: number;
  spike_min_count: number;
  negative_jump_points: number;
  alert_cooldown_minutes: number;
  created_at: Date | string;
  total: number;
  negative: number;
}

/** Checks every query with mentions in the last hour; returns the alerts raised. */
export async function checkListeningSpikes(
  ctx: Pick<CommandContext, 'database' | 'jobs' | 'config'>,
  now = new Date(),
): Promise<(SpikeFinding & { queryId: string })[]> {
  const sql = ctx.database.executor;
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const { rows } = await sql.executeSql(
    `SELECT q.id, q.workspace_id, w.name AS workspace_name, q.name, q.own_brand, q.alert_email,
       q.spike_sigma, q.spike_min_count, q.negative_jump_points, q.alert_cooldown_minutes, q.created_at,
       c.total, c.negative
     FROM (SELECT query_id, sum(total)::int AS total, sum(negative)::int AS negative FROM listening_counts
           WHERE minute >= $1 AND minute <= $2 GROUP BY query_id) c
     JOIN listening_queries q ON q.id = c.query_id AND q.active
     JOIN workspaces w ON w.id = q.workspace_id
     WHERE c.total >= q.spike_min_count`,
    [windowStart.toISOString(), now.toISOString()],
  );
  const raised: (SpikeFinding & { queryId: string })[] = [];
  for (const query of rows as ActiveQuery[]) {
    for (const finding of await checkQuery(ctx, query, now)) raised.push({ ...finding, queryId: query.id });
  }
  return raised;
}

async function checkQuery(
  ctx: Pick<CommandContext, 'database' | 'jobs' | 'config'>,
  query: ActiveQuery,
  now: Date,
): Promise<SpikeFinding[]> {
  const windowStart = now.getTime() - WINDOW_MS;
  const historyFrom = Math.floor(windowStart / HOUR_MS) * HOUR_MS - BASELINE_WEEKS * WEEK_MS;
  const historyEnd = Math.floor(windowStart / HOUR_MS) * HOUR_MS;
  await ctx.jobs.prepare(SEND_MAIL);
  return ctx.database.transaction(async (_tx, sql) => {
    await sql.executeSql('SELECT pg_advisory_xact_lock(hashtext($1))', [`listening-alerts:${query.id}`]);
    const [hours, first, last] = await Promise.all([
      sql.executeSql(
        `SELECT date_trunc('hour', minute, 'UTC') AS hour, sum(total)::int AS total, sum(negative)::int AS negative
         FROM listening_counts WHERE query_id = $1 AND minute >= $2 AND minute < $3 GROUP BY 1`,
        [query.id, new Date(historyFrom).toISOString(), new Date(historyEnd).toISOString()],
      ),
      sql.executeSql('SELECT min(minute) AS first FROM listening_counts WHERE query_id = $1', [query.id]),
      sql.executeSql(
        'SELECT kind, max(created_at) AS at FROM listening_alerts WHERE query_id = $1 GROUP BY kind',
        [query.id],
      ),
    ]);
    const hourly: HourCount[] = (hours.rows as { hour: string; total: number; negative: number }[]).map(
      (r) => ({
        hourStart: new Date(r.hour).getTime(),
        total: Number(r.total),
        negative: Number(r.negative),
      }),
    );
    const firstCount = (first.rows[0] as { first: string | null }).first;
    // Counting began when the query was made, or earlier where a backfill brought older mentions.
    const historyStart = new Date(
      Math.min(new Date(query.created_at).getTime(), firstCount ? new Date(firstCount).getTime() : Infinity),
    );
    const lastAlertAt: Partial<Record<AlertKind, Date>> = {};
    for (const r of last.rows as { kind: AlertKind; at: string }[]) lastAlertAt[r.kind] = new Date(r.at);
    const findings = evaluateSpikes({
      now,
      window: { total: Number(query.total), negative: Number(query.negative) },
      hourly,
      historyStart,
      lastAlertAt,
      settings: {
        spikeSigma: Number(query.spike_sigma),
        spikeMinCount: query.spike_min_count,
        negativeJumpPoints: Number(query.negative_jump_points),
        alertCooldownMinutes: query.alert_cooldown_minutes,
      },
    });
    if (findings.length === 0) return findings;
    const recipients = query.alert_email
      ? ((
          await sql.executeSql(
            `SELECT u.email, u.locale FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.workspace_id = $1 AND m.role IN ('owner', 'admin') ORDER BY u.email`,
            [query.workspace_id],
          )
        ).rows as { email: string; locale: string }[])
      : [];
    const link = `${ctx.config.publicUrl}/w/${query.workspace_id}/listening/${query.id}`;
    for (const finding of findings) {
      const detail = {
        count: finding.count,
        mean: finding.mean,
        stdDev: finding.stdDev,
        ...(finding.negativeShare === undefined
          ? {}
          : { negativeShare: finding.negativeShare, baselineShare: finding.baselineShare }),
      };
      await sql.executeSql(
        `INSERT INTO listening_alerts (workspace_id, query_id, kind, window_start, window_end, detail, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
        [
          query.workspace_id,
          query.id,
          finding.kind,
          finding.windowStart.toISOString(),
          finding.windowEnd.toISOString(),
          JSON.stringify(detail),
          now.toISOString(),
        ],
      );
      for (const recipient of recipients) {
        const mail = listeningAlertMail(
          recipient.email,
          {
            workspaceName: query.workspace_name,
            queryName: query.name,
            kind: finding.kind,
            count: finding.count,
            mean: finding.mean,
            negativeShare: finding.negativeShare,
            baselineShare: finding.baselineShare,
            ownBrand: query.own_brand,
          },
          link,
          recipient.locale === 'bn' ? 'bn' : 'en',
        );
        await ctx.jobs.send(SEND_MAIL, mail, { in: sql });
      }
    }
    return findings;
  });
}

export async function workListeningAlerts(
  jobs: JobQueue,
  ctx: Pick<CommandContext, 'database' | 'jobs' | 'config'>,
): Promise<void> {
  await jobs.work(LISTENING_ALERTS, async () => {
    await checkListeningSpikes(ctx);
  });
  await jobs.schedule(LISTENING_ALERTS, '* * * * *');
}
