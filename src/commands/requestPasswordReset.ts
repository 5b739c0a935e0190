// Emails a one-hour reset link. The answer is the same whether or not the account exists.
import { sql } from 'drizzle-orm';
import { hashToken, newToken } from '../core/secretToken.ts';
import { passwordResets, users } from '../db/schema.ts';
import { SEND_MAIL } from '../jobs/sendMailJob.ts';
import { passwordResetMail } from '../mail/mailTemplates.ts';
import type { CommandContext } from './context.ts';

export async function requestPasswordReset(ctx: CommandContext, input: { email: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  await ctx.database.transaction(async (tx, raw) => {
    const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = ${email}`);
    if (!user) return;
    const token = newToken();
    await tx
      .insert(passwordResets)
      .values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + 3600_000) });
    const link = `${ctx.config.publicUrl}/reset-password?token=${token}`;
    await ctx.jobs.send(SEND_MAIL, passwordResetMail(user.email, link, user.locale === 'bn' ? 'bn' : 'en'), {
      in: raw,
    });
  });
}
