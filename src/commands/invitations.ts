// Invitations: an admin invites by link (anyone holding it) or by email (only that address may accept);
// accepting signs in an existing account or creates a new one.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { conflict, forbidden, gone, notFound } from '../core/appError.ts';
import { type Role, roleChangeRefusal } from '../core/roles.ts';
import { hashToken, newToken } from '../core/secretToken.ts';
import type { Queryable } from '../db/database.ts';
import { invitations, memberships, users, workspaces } from '../db/schema.ts';
import { SEND_MAIL } from '../jobs/sendMailJob.ts';
import { invitationMail } from '../mail/mailTemplates.ts';
import { recordAudit } from './audit.ts';
import type { ActorContext, CommandContext } from './context.ts';
import { hashPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import { requirePermission } from './workspaceAccess.ts';

export const INVITATION_DAYS = 7;

const invitationLink = (ctx: CommandContext, token: string) => `${ctx.config.publicUrl}/invite/${token}`;

export async function createInvitation(
  ctx: ActorContext,
  workspaceId: string,
  input: { role: Role; email?: string },
) {
  return ctx.database.transaction(async (tx, raw) => {
    const actorRole = await requirePermission(tx, workspaceId, ctx.actorId, 'invitations.manage');
    const refusal = roleChangeRefusal(actorRole, null, input.role);
    if (refusal) throw forbidden(refusal);
    const email = input.email?.trim().toLowerCase();
    if (email) {
      const [existing] = await tx
        .select({ userId: users.id })
        .from(users)
        .innerJoin(
          memberships,
          and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspaceId)),
        )
        .where(sql`lower(${users.email}) = ${email}`);
      if (existing)
        throw conflict(`${email} is already a member of this workspace.`, { email: 'Already a member.' });
    }
    const token = newToken();
    const [invitation] = await tx
      .insert(invitations)
      .values({
        workspaceId,
        email: email ?? null,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: ctx.actorId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000),
      })
      .returning();
    const link = invitationLink(ctx, token);
    if (email) {
      const [inviter] = await tx.select().from(users).where(eq(users.id, ctx.actorId));
      const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId));
      const locale = inviter?.locale === 'bn' ? 'bn' : 'en';
      await ctx.jobs.send(SEND_MAIL, invitationMail(email, link, inviter!.name, workspace!.name, locale), {
        in: raw,
      });
    }
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: invitation!.id,
      after: { email: email ?? null, role: input.role },
    });
    return {
      id: invitation!.id,
      email: email ?? null,
      role: input.role,
      expiresAt: invitation!.expiresAt,
      link,
    };
  });
}

export async function listInvitations(ctx: ActorContext, workspaceId: string) {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'invitations.manage');
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(
  ctx: ActorContext,
  workspaceId: string,
  invitationId: string,
): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'invitations.manage');
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.workspaceId, workspaceId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning();
    if (!revoked) throw notFound('That invitation');
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: invitationId,
      before: { email: revoked.email, role: revoked.role },
    });
  });
}

async function openInvitation(q: Queryable, token: string, forUpdate: boolean) {
  const query = q
    .select({ invitation: invitations, workspaceName: workspaces.name, inviterName: users.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashToken(token)));
  const [row] = forUpdate ? await query.for('update', { of: invitations }) : await query;
  if (!row || row.invitation.revokedAt) throw notFound('This invitation');
  if (row.invitation.acceptedAt) throw gone('This invitation was already used. Ask for a new one.');
  if (row.invitation.expiresAt <= new Date()) throw gone('This invitation has expired. Ask for a new one.');
  return row;
}

/** What a person opening an invitation link may see before signing in. */
export async function viewInvitation(ctx: CommandContext, token: string) {
  const row = await openInvitation(ctx.database.db, token, false);
  let accountExists = false;
  if (row.invitation.email) {
    const [user] = await ctx.database.db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${row.invitation.email}`);
    accountExists = Boolean(user);
  }
  return {
    workspaceName: row.workspaceName,
    inviterName: row.inviterName,
    role: row.invitation.role,
    email: row.invitation.email,
    accountExists,
    expiresAt: row.invitation.expiresAt,
  };
}

export type AcceptAs =
  | { userId: string }
  | { newAccount: { name: string; email: string; password: string; locale?: 'en' | 'bn' } };

export async function acceptInvitation(ctx: CommandContext, token: string, as: AcceptAs) {
  const passwordHash = 'newAccount' in as ? await hashPassword(as.newAccount.password) : undefined;
  return ctx.database.transaction(async (tx) => {
    const { invitation } = await openInvitation(tx, token, true);
    let userId: string;
    let session: { token: string; expiresAt: Date } | undefined;
    if ('userId' in as) {
      userId = as.userId;
      const [user] = await tx.select().from(users).where(eq(users.id, userId));
      if (invitation.email && user!.email.toLowerCase() !== invitation.email) {
        throw forbidden(
          `This invitation is for ${invitation.email}. Sign in with that account to accept it.`,
        );
      }
    } else {
      const email = as.newAccount.email.trim().toLowerCase();
      if (invitation.email && email !== invitation.email) {
        throw forbidden(`This invitation is for ${invitation.email}.`);
      }
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`);
      if (taken) {
        throw conflict(
          'An account with this email already exists. Sign in first, then open the link again.',
          {
            email: 'Already has an account.',
          },
        );
      }
      const [user] = await tx
        .insert(users)
        .values({
          email,
          name: as.newAccount.name,
          passwordHash: passwordHash!,
          locale: as.newAccount.locale ?? 'en',
        })
        .returning();
      userId = user!.id;
      session = await createSession(tx, userId);
    }
    const joined = await tx
      .insert(memberships)
      .values({ workspaceId: invitation.workspaceId, userId, role: invitation.role })
      .onConflictDoNothing()
      .returning();
    if (joined.length === 0) throw conflict('You are already a member of this workspace.');
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: userId })
      .where(eq(invitations.id, invitation.id));
    await tx.update(users).set({ lastWorkspaceId: invitation.workspaceId }).where(eq(users.id, userId));
    await recordAudit(tx, {
      workspaceId: invitation.workspaceId,
      actorId: userId,
      action: 'member.joined',
      targetType: 'user',
      targetId: userId,
      after: { role: invitation.role, invitationId: invitation.id },
    });
    return { userId, workspaceId: invitation.workspaceId, role: invitation.role, session };
  });
}
