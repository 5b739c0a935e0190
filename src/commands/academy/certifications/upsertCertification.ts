// Creates a workspace's certification from its definition, or updates the one with the same slug
// (importing a course folder again replaces its exam, keeping certificates already issued).
import { sql } from 'drizzle-orm';
import type { CertificationDefinition } from '../../../core/academy/academyTypes.ts';
import type { Queryable } from '../../../db/database.ts';
import { certifications } from '../../../db/schema.ts';

export async function upsertCertification(
  tx: Queryable,
  workspaceId: string,
  courseId: string | null,
  language: 'en' | 'bn',
  definition: CertificationDefinition,
): Promise<string> {
  const values = {
    workspaceId,
    courseId,
    slug: definition.slug,
    language,
    title: definition.title,
    description: definition.description,
    questionPool: definition.questions,
    drawCount: definition.drawCount,
    timeLimitMinutes: definition.timeLimitMinutes,
    passPercent: definition.passPercent,
    maxAttempts: definition.maxAttempts,
    cooldownHours: definition.cooldownHours,
  };
  const [row] = await tx
    .insert(certifications)
    .values(values)
    .onConflictDoUpdate({
      target: [certifications.workspaceId, certifications.slug],
      set: { ...values, workspaceId: sql`excluded.workspace_id` },
    })
    .returning({ id: certifications.id });
  return row!.id;
}
