// A person's resume profile (one per person, across workspaces) and the certificates it shows: every
// certificate they hold that is not revoked, each with its public verification address.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ResumeEducation, ResumeExperience } from '../../../core/academy/academyTypes.ts';
import type { Queryable } from '../../../db/database.ts';
import { certificates, resumeProfiles, users } from '../../../db/schema.ts';
import type { ActorContext, CommandContext } from '../../context.ts';

export interface ResumeProfileInput {
  headline: string;
  summary: string;
  location: string;
  contact: string;
  experience: ResumeExperience[];
  education: ResumeEducation[];
  skills: string[];
}

export interface ResumeCertificateView {
  id: string;
  title: string;
  code: string;
  issuedAt: Date;
  verifyUrl: string;
}

const EMPTY_PROFILE: ResumeProfileInput = {
  headline: '',
  summary: '',
  location: '',
  contact: '',
  experience: [],
  education: [],
  skills: [],
};

export function verifyUrl(ctx: CommandContext, code: string): string {
  return `${ctx.config.publicUrl}/verify/${encodeURIComponent(code)}`;
}

/** The holder's valid certificates, newest first. */
export async function validCertificates(
  ctx: CommandContext,
  q: Queryable,
  userId: string,
): Promise<ResumeCertificateView[]> {
  const rows = await q
    .select({
      id: certificates.id,
      title: certificates.title,
      code: certificates.code,
      issuedAt: certificates.issuedAt,
    })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), isNull(certificates.revokedAt)))
    .orderBy(desc(certificates.issuedAt), certificates.code);
  return rows.map((row) => ({ ...row, verifyUrl: verifyUrl(ctx, row.code) }));
}

/** Skills listed once each, in the order first given (the same word in other capitals counts as the same). */
function distinctSkills(skills: string[]): string[] {
  const seen = new Set<string>();
  return skills.filter((skill) => {
    const key = skill.toLocaleLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function readResume(ctx: ActorContext, q: Queryable = ctx.database.db) {
  const [user] = await q
    .select({ name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(eq(users.id, ctx.actorId));
  const [row] = await q.select().from(resumeProfiles).where(eq(resumeProfiles.userId, ctx.actorId));
  const profile: ResumeProfileInput = row
    ? {
        headline: row.headline,
        summary: row.summary,
        location: row.location,
        contact: row.contact,
        experience: row.experience,
        education: row.education,
        skills: row.skills,
      }
    : EMPTY_PROFILE;
  return {
    name: user!.name,
    email: user!.email,
    locale: user!.locale === 'bn' ? ('bn' as const) : ('en' as const),
    profile,
    updatedAt: row?.updatedAt ?? null,
    certificates: await validCertificates(ctx, q, ctx.actorId),
  };
}

export async function saveResume(ctx: ActorContext, input: ResumeProfileInput) {
  return ctx.database.transaction(async (tx) => {
    const values = {
      headline: input.headline,
      summary: input.summary,
      location: input.location,
      contact: input.contact,
      experience: input.experience.map((job) => ({
        role: job.role,
        organisation: job.organisation,
        start: job.start,
        end: job.end,
        description: job.description,
      })),
      education: input.education.map((entry) => ({
        course: entry.course,
        institution: entry.institution,
        year: entry.year,
      })),
      skills: distinctSkills(input.skills),
      updatedAt: new Date(),
    };
    await tx
      .insert(resumeProfiles)
      .values({ userId: ctx.actorId, ...values })
      .onConflictDoUpdate({ target: resumeProfiles.userId, set: values });
    return readResume(ctx, tx);
  });
}
