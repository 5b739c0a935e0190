// First start: creates the owner and the first workspace. Works exactly once per instance.
import { conflict } from '../core/appError.ts';
import { instanceFacts, memberships, users, workspaces } from '../db/schema.ts';
import { recordAudit } from './audit.ts';
import type { CommandContext } from './context.ts';
import { hashPassword } from './passwords.ts';
import { createSession } from './sessions.ts';

export interface SetupInput {
  name: string;
  email: string;
  password: string;
  workspaceName: string;
  locale?: 'en' | 'bn';
}

export async function isSetupNeeded(ctx: CommandContext): Promise<boolean> {
  const rows = await ctx.database.db.select({ key: instanceFacts.key }).from(instanceFacts).limit(1);
  return rows.length === 0;
}

export async function setupInstance(ctx: CommandContext, input: SetupInput) {
  const passwordHash = await hashPassword(input.password);
  return ctx.database.transaction(async (tx) => {
    // The primary key makes a second, concurrent setup fail here rather than create a second owner.
    const claimed = await tx
      .insert(instanceFacts)
      .values({ key: 'setup', value: { at: new Date().toISOString() } })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) throw conflict('Kolorob is already set up. Sign in instead.');
    const [workspace] = await tx.insert(workspaces).values({ name: input.workspaceName }).returning();
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        passwordHash,
        locale: input.locale ?? 'en',
        lastWorkspaceId: workspace!.id,
      })
      .returning();
    await tx.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id, role: 'owner' });
    await recordAudit(tx, {
      workspaceId: workspace!.id,
      actorId: user!.id,
      action: 'workspace.created',
      targetType: 'workspace',
      targetId: workspace!.id,
      after: { name: workspace!.name, owner: user!.email },
    });
    const session = await createSession(tx, user!.id);
    return { userId: user!.id, workspaceId: workspace!.id, session };
  });
}
