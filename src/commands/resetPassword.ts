// Sets a new password from a reset link and signs the person out everywhere else.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { gone } from '../core/appError.ts';
import { hashToken } from '../core/secretToken.ts';
import { passwordResets, sessions, users } from '../db/schema.ts';
import { recordAudit } from './audit.ts';
import type { CommandContext } from './context.ts';
import { hashPassword } from './passwords.ts';
import { createSession } from './sessions.ts';

export async function resetPassword(ctx: CommandContext, input: { token: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return ctx.database.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResets.tokenHash, hashToken(input.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!reset) throw gone('This reset link has expired or was already used. Ask for a new one.');
    await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId));
    await tx.delete(sessions).where(eq(sessions.userId, reset.userId));
    await recordAudit(tx, {
      workspaceId: null,
      actorId: reset.userId,
      action: 'user.password_reset',
      targetType: 'user',
      targetId: reset.userId,
    });
    const session = await createSession(tx, reset.userId);
    return { userId: reset.userId, session };
  });
}
