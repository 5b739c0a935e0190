// Changes a person's own name, language or current workspace.
import { eq } from 'drizzle-orm';
import { users } from '../db/schema.ts';
import type { ActorContext } from './context.ts';
import { requirePermission } from './workspaceAccess.ts';

export interface ProfileChanges {
  name?: string;
  locale?: 'en' | 'bn';
  currentWorkspaceId?: string;
}

export async function updateProfile(ctx: ActorContext, changes: ProfileChanges): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    if (changes.currentWorkspaceId) {
      await requirePermission(tx, changes.currentWorkspaceId, ctx.actorId, 'workspace.read');
    }
    const set: Partial<typeof users.$inferInsert> = {};
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.locale !== undefined) set.locale = changes.locale;
    if (changes.currentWorkspaceId !== undefined) set.lastWorkspaceId = changes.currentWorkspaceId;
    if (Object.keys(set).length > 0) await tx.update(users).set(set).where(eq(users.id, ctx.actorId));
  });
}
