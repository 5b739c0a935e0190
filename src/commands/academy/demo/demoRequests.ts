// Demo requests: anyone may ask through the public form (a few times an hour per address); the owners and
// admins of the instance's first workspace get an email and see the list.
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../../core/appError.ts';
import type { Queryable } from '../../../db/database.ts';
import { demoRequests, memberships, users, workspaces } from '../../../db/schema.ts';
import { SEND_MAIL } from '../../../jobs/sendMailJob.ts';
import { demoRequestMail } from '../../../mail/demoRequestMail.ts';
import type { ActorContext, CommandContext } from '../../context.ts';
import { requirePermission } from '../../workspaceAccess.ts';

export const TEAM_SIZES = ['1', '2-10', '11-50', '51-200', '201+'] as const;
export type TeamSize = (typeof TEAM_SIZES)[number];

/** Requests kept per sender address in any hour; more are refused until the oldest is an hour old. */
export const DEMO_REQUESTS_PER_HOUR = 5;
const HOUR_MS = 3_600_000;
export const DEMO_REQUEST_PAGE = 50;

export interface DemoRequestInput {
  name: string;
  email: string;
  company: string;
  teamSize: TeamSize;
  message: string;
  /** The form's hidden field: people leave it empty, form-filling robots do not. */
  website?: string;
}

/** Refusal when an address sent too many requests; carries how long to wait, for Retry-After. */
export class DemoRequestLimitError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      429,
      'too_many_requests',
      `${DEMO_REQUESTS_PER_HOUR} demo requests were already sent from your address in the last hour. ` +
        `Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    );
  }
}

/** The instance's first workspace (the oldest), where demo requests arrive; none before setup. */
export async function firstWorkspaceId(q: Queryable): Promise<string | undefined> {
  const [row] = await q
    .select({ id: workspaces.id })
    .from(workspaces)
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id))
    .limit(1);
  return row?.id;
}

/**
 * Stores a request and emails the first workspace's owners and admins, in one transaction. A filled
 * hidden field gets the same answer as a real request but nothing is stored or sent.
 */
export async function submitDemoRequest(
  ctx: CommandContext,
  input: DemoRequestInput,
  ip: string,
): Promise<void> {
  if (input.website && input.website.trim() !== '') return;
  await ctx.database.transaction(async (tx, raw) => {
    // Two requests from one address at the same moment are counted one after the other.
    await raw.executeSql('SELECT pg_advisory_xact_lock(hashtext($1))', [`demo-request:${ip}`]);
    const recent = await tx
      .select({ createdAt: demoRequests.createdAt })
      .from(demoRequests)
      .where(and(eq(demoRequests.ip, ip), gt(demoRequests.createdAt, new Date(Date.now() - HOUR_MS))))
      .orderBy(asc(demoRequests.createdAt));
    if (recent.length >= DEMO_REQUESTS_PER_HOUR) {
      const freedAt = recent[recent.length - DEMO_REQUESTS_PER_HOUR]!.createdAt.getTime() + HOUR_MS;
      throw new DemoRequestLimitError(Math.max(1, Math.ceil((freedAt - Date.now()) / 1000)));
    }
    const details = {
      name: input.name,
      email: input.email,
      company: input.company,
      teamSize: input.teamSize,
      message: input.message,
    };
    await tx.insert(demoRequests).values({ ...details, ip });
    const workspaceId = await firstWorkspaceId(tx);
    if (!workspaceId) return;
    const recipients = await tx
      .select({ email: users.email, locale: users.locale })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, ['owner', 'admin'])))
      .orderBy(asc(users.email));
    const link = `${ctx.config.publicUrl}/w/${workspaceId}/settings/demo-requests`;
    for (const recipient of recipients) {
      const locale = recipient.locale === 'bn' ? 'bn' : 'en';
      await ctx.jobs.send(SEND_MAIL, demoRequestMail(recipient.email, details, link, locale), { in: raw });
    }
  });
}

export interface DemoRequestView {
  id: string;
  name: string;
  email: string;
  company: string;
  teamSize: string;
  message: string;
  createdAt: Date;
}

/**
 * The requests, newest first, a page at a time (`before` is the id of the last one already shown). Only
 * the first workspace receives them; owners and admins of any other see an empty list saying so.
 */
export async function listDemoRequests(
  ctx: ActorContext,
  workspaceId: string,
  options: { before?: string; limit?: number },
): Promise<{ receivesRequests: boolean; requests: DemoRequestView[]; nextCursor: string | null }> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'academy.manage');
  if ((await firstWorkspaceId(db)) !== workspaceId) {
    return { receivesRequests: false, requests: [], nextCursor: null };
  }
  const limit = options.limit ?? DEMO_REQUEST_PAGE;
  const rows = await db
    .select({
      id: demoRequests.id,
      name: demoRequests.name,
      email: demoRequests.email,
      company: demoRequests.company,
      teamSize: demoRequests.teamSize,
      message: demoRequests.message,
      createdAt: demoRequests.createdAt,
    })
    .from(demoRequests)
    .where(
      options.before
        ? sql`(${demoRequests.createdAt}, ${demoRequests.id}) < (SELECT created_at, id FROM demo_requests WHERE id = ${options.before})`
        : undefined,
    )
    .orderBy(desc(demoRequests.createdAt), desc(demoRequests.id))
    .limit(limit + 1);
  const requests = rows.slice(0, limit);
  return {
    receivesRequests: true,
    requests,
    nextCursor: rows.length > limit ? requests[requests.length - 1]!.id : null,
  };
}
