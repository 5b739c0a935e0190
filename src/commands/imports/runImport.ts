// The bulk import: plans the file again (the dry run the person saw may be out of date), fetches the
// rows' images, then writes every post in one transaction. Any problem in any row writes nothing: the
// answer lists the problems instead.
import { inArray } from 'drizzle-orm';
import { AppError } from '../../core/appError.ts';
import type { TargetStatus } from '../../core/postTargetState.ts';
import { media } from '../../db/schema.ts';
import { preparePublishQueue } from '../../jobs/publishQueue.ts';
import { notifyApproversOfMany } from '../approvals/requestApproval.ts';
import type { ActorContext } from '../context.ts';
import { uploadMedia } from '../media/media.ts';
import { prepareNotify } from '../notifications/notify.ts';
import { insertPost } from '../posts/createPost.ts';
import { type FetchedImage, fetchImportImage, ImportImageError } from './importImage.ts';
import { type ImportInput, type ImportPlan, type PlannedRow, planImport } from './planImport.ts';

/** How many images are fetched at once. */
const IMAGE_CONCURRENCY = 4;
/** How many rows an error answer names one by one. */
const ROWS_NAMED = 50;

export interface ImportResult {
  posts: number;
  targets: number;
  /** scheduled, or pending_approval for a contributor's posts. */
  status: TargetStatus;
  postIds: string[];
  firstAt: Date;
  lastAt: Date;
}

export interface RunImportOptions {
  /** Fetches an image by address; the real fetch unless a test supplies its own. */
  fetchImage?: (address: string) => Promise<FetchedImage>;
}

export async function runImport(
  ctx: ActorContext,
  workspaceId: string,
  input: ImportInput,
  options: RunImportOptions = {},
): Promise<ImportResult> {
  const plan = await planImport(ctx, workspaceId, input);
  refuseIfProblems(plan);

  const uploaded = await fetchImages(ctx, workspaceId, plan.rows, options);
  try {
    await preparePublishQueue(ctx.jobs);
    await prepareNotify(ctx.jobs);
    const created = await ctx.database.transaction(async (tx, sql) => {
      const posts = [];
      for (const row of plan.rows) {
        const mediaId = row.imageUrl ? uploaded.get(row.imageUrl) : undefined;
        try {
          posts.push(
            await insertPost(ctx, tx, sql, workspaceId, {
              text: row.text,
              targets: row.accounts.map((account) => ({
                accountId: account.id,
                ...(mediaId ? { media: [{ mediaId, alt: row.imageAlt }] } : {}),
              })),
              mode: 'schedule',
              scheduledAt: row.scheduledAt!,
            }),
          );
        } catch (error) {
          // The post's own check (a time that passed since the plan, say) names the row it failed on.
          if (
            error instanceof AppError &&
            error.status < 500 &&
            error.status !== 403 &&
            error.status !== 404
          ) {
            throw importRefused(`Nothing was imported. Row ${row.row}: ${error.message}`, {
              [`rows.${row.row}`]: error.message,
            });
          }
          throw error;
        }
      }
      // A contributor's posts wait for approval: those who decide hear of them once, in the same
      // transaction.
      const waiting = posts.filter((post) => post.targets.some((t) => t.status === 'pending_approval'));
      if (waiting.length > 0) {
        await notifyApproversOfMany(
          ctx,
          tx,
          sql,
          workspaceId,
          waiting.map((post) => post.id),
          { actorId: ctx.actorId },
        );
      }
      return posts;
    });
    const times = plan.rows.map((r) => r.scheduledAt!.getTime());
    return {
      posts: created.length,
      targets: created.reduce((sum, post) => sum + post.targets.length, 0),
      status: created[0]!.targets[0]!.status,
      postIds: created.map((post) => post.id),
      firstAt: new Date(times.reduce((a, b) => Math.min(a, b))),
      lastAt: new Date(times.reduce((a, b) => Math.max(a, b))),
    };
  } catch (error) {
    await forgetImages(ctx, [...uploaded.values()]);
    throw error;
  }
}

function importRefused(message: string, fields: Record<string, string>): AppError {
  return new AppError(422, 'import_has_problems', message, fields);
}

function refuseIfProblems(plan: ImportPlan): void {
  const withProblems = plan.rows.filter((r) => r.problems.length > 0);
  if (plan.problems.length === 0 && withProblems.length === 0) return;
  const fields: Record<string, string> = {};
  if (plan.problems.length > 0) fields.csv = plan.problems.map((p) => p.message).join(' ');
  for (const row of withProblems.slice(0, ROWS_NAMED)) {
    fields[`rows.${row.row}`] = row.problems.map((p) => p.message).join(' ');
  }
  const first = withProblems[0];
  const summary =
    plan.problems.length > 0
      ? plan.problems[0]!.message
      : `${withProblems.length} of ${plan.rows.length} rows ${withProblems.length === 1 ? 'has' : 'have'} problems. Row ${first!.row}: ${first!.problems[0]!.message}`;
  throw importRefused(`Nothing was imported. ${summary}`, fields);
}

/**
 * Fetches each image address once and keeps it as an uploaded image of the workspace; a row whose
 * image cannot be used refuses the import, after the images already kept are forgotten again.
 */
async function fetchImages(
  ctx: ActorContext,
  workspaceId: string,
  rows: PlannedRow[],
  options: RunImportOptions,
): Promise<Map<string, string>> {
  const fetchImage =
    options.fetchImage ??
    ((address: string) => fetchImportImage(address, { allowPrivate: ctx.config.allowPrivateFetch }));
  const addresses = [...new Set(rows.flatMap((r) => (r.imageUrl ? [r.imageUrl] : [])))];
  const uploaded = new Map<string, string>();
  const failed = new Map<string, string>();
  let next = 0;
  let unexpected: unknown;
  const worker = async () => {
    while (next < addresses.length) {
      const address = addresses[next]!;
      next += 1;
      try {
        const image = await fetchImage(address);
        const kept = await uploadMedia(ctx, workspaceId, {
          data: image.data,
          declaredType: image.contentType,
        });
        uploaded.set(address, kept.id);
      } catch (error) {
        if (error instanceof ImportImageError) failed.set(address, error.message);
        else if (error instanceof AppError && error.status !== 403 && error.status !== 404) {
          failed.set(address, `The image at ${address} cannot be used: ${error.message}`);
        } else {
          unexpected ??= error;
          next = addresses.length;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IMAGE_CONCURRENCY, addresses.length) }, worker));
  if (unexpected !== undefined) {
    await forgetImages(ctx, [...uploaded.values()]);
    throw unexpected;
  }
  if (failed.size === 0) return uploaded;

  await forgetImages(ctx, [...uploaded.values()]);
  const fields: Record<string, string> = {};
  const failedRows = rows.filter((r) => r.imageUrl && failed.has(r.imageUrl));
  for (const row of failedRows.slice(0, ROWS_NAMED)) fields[`rows.${row.row}`] = failed.get(row.imageUrl!)!;
  const first = failedRows[0]!;
  throw importRefused(
    `Nothing was imported. ${failedRows.length} of ${rows.length} rows have an image that cannot be used. Row ${first.row}: ${failed.get(first.imageUrl!)}`,
    fields,
  );
}

async function forgetImages(ctx: ActorContext, ids: string[]): Promise<void> {
  if (ids.length > 0) await ctx.database.db.delete(media).where(inArray(media.id, ids));
}
