// Certificates: the actor's own, every one in the workspace for admins, the PDF, revocation with a reason,
// and the public check by code that needs no sign-in.
import { and, desc, eq } from 'drizzle-orm';
import { normalizeCertificateCode } from '../../../core/academy/certificateCode.ts';
import { AppError, badRequest, conflict, forbidden, gone, notFound } from '../../../core/appError.ts';
import { can } from '../../../core/roles.ts';
import { certificates, workspaces } from '../../../db/schema.ts';
import { certificatePdf } from '../../../pdf/certificatePdf.ts';
import { recordAudit } from '../../audit.ts';
import type { ActorContext, CommandContext } from '../../context.ts';
import { memberRole, requirePermission } from '../../workspaceAccess.ts';
import { MANAGE_MESSAGE } from './certificationAccess.ts';
import { type CertificateView, certificateView, verifyUrl } from './certificationViews.ts';

/** The actor's certificates in the workspace, or with `all` every one issued there (owners and admins). */
export async function listCertificates(
  ctx: ActorContext,
  workspaceId: string,
  options: { all?: boolean } = {},
): Promise<CertificateView[]> {
  const { db } = ctx.database;
  const role = await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  if (options.all && !can(role, 'academy.manage')) {
    throw forbidden('Only owners and admins can see every certificate in the workspace.');
  }
  const rows = await db
    .select()
    .from(certificates)
    .where(
      options.all
        ? eq(certificates.workspaceId, workspaceId)
        : and(eq(certificates.workspaceId, workspaceId), eq(certificates.userId, ctx.actorId)),
    )
    .orderBy(desc(certificates.issuedAt), desc(certificates.id));
  return rows.map((row) => certificateView(ctx.config, row));
}

/** The certificate as a PDF, for its holder and for the workspace's owners and admins. */
export async function certificateDocument(
  ctx: ActorContext,
  certificateId: string,
): Promise<{ filename: string; bytes: Buffer }> {
  const { db } = ctx.database;
  const [row] = await db.select().from(certificates).where(eq(certificates.id, certificateId));
  if (!row) throw notFound('The certificate');
  if (row.userId !== ctx.actorId) {
    const role = await memberRole(db, row.workspaceId, ctx.actorId);
    if (!role) throw notFound('The certificate');
    if (!can(role, 'academy.manage')) {
      throw forbidden('Only the holder and the workspace’s owners and admins can download this certificate.');
    }
  }
  if (row.revokedAt) {
    throw gone(
      `This certificate was revoked on ${row.revokedAt.toISOString().slice(0, 10)}: ${row.revokedReason}`,
    );
  }
  const bytes = await certificatePdf({
    code: row.code,
    holderName: row.holderName,
    title: row.title,
    language: row.language,
    issuedAt: row.issuedAt,
    verifyUrl: verifyUrl(ctx.config, row.code),
  });
  return { filename: `kolorob-certificate-${row.code}.pdf`, bytes };
}

/** Revokes a certificate for a stated reason; the verification page says so from then on. */
export async function revokeCertificate(
  ctx: ActorContext,
  certificateId: string,
  reason: string,
): Promise<CertificateView> {
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(certificates)
      .where(eq(certificates.id, certificateId))
      .for('update');
    const role = row ? await memberRole(tx, row.workspaceId, ctx.actorId) : undefined;
    if (!row || !role) throw notFound('The certificate');
    if (!can(role, 'academy.manage')) throw forbidden(MANAGE_MESSAGE);
    if (row.revokedAt) {
      throw conflict(`This certificate was already revoked on ${row.revokedAt.toISOString().slice(0, 10)}.`);
    }
    const [revoked] = await tx
      .update(certificates)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(eq(certificates.id, certificateId))
      .returning();
    await recordAudit(tx, {
      workspaceId: row.workspaceId,
      actorId: ctx.actorId,
      action: 'academy.certificate.revoked',
      targetType: 'certificate',
      targetId: row.id,
      before: { code: row.code, revokedAt: null },
      after: { code: row.code, revokedAt: revoked!.revokedAt, reason },
    });
    return certificateView(ctx.config, revoked!);
  });
}

export interface Verification {
  code: string;
  valid: boolean;
  holderName: string;
  title: string;
  language: 'en' | 'bn';
  issuedAt: Date;
  /** The workspace that issued it. */
  issuer: string;
  revokedAt?: Date;
  revokedReason?: string;
}

/** What anyone may learn about a certificate from its code, signed in or not. */
export async function verifyCertificate(ctx: CommandContext, input: string): Promise<Verification> {
  const code = normalizeCertificateCode(input);
  if (!code) {
    throw badRequest(
      'A certificate code looks like KLR-7Q2M-XK4P: KLR and two groups of four letters or digits.',
      {
        code: 'Not a certificate code.',
      },
    );
  }
  const [row] = await ctx.database.db
    .select({ certificate: certificates, issuer: workspaces.name })
    .from(certificates)
    .innerJoin(workspaces, eq(workspaces.id, certificates.workspaceId))
    .where(eq(certificates.code, code));
  if (!row) {
    throw new AppError(
      404,
      'not_found',
      `No certificate has the code ${code}. Check it against the certificate; the letters O and I and the digits 0 and 1 never occur in codes.`,
    );
  }
  const { certificate } = row;
  return {
    code,
    valid: certificate.revokedAt === null,
    holderName: certificate.holderName,
    title: certificate.title,
    language: certificate.language,
    issuedAt: certificate.issuedAt,
    issuer: row.issuer,
    ...(certificate.revokedAt
      ? { revokedAt: certificate.revokedAt, revokedReason: certificate.revokedReason ?? '' }
      : {}),
  };
}
