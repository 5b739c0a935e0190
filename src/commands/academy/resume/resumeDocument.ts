// The signed-in person's resume as a PDF: their saved profile and valid certificates in a template and language.
import { type ResumeLanguage, type ResumeTemplate, renderResumePdf } from '../../../pdf/resumePdf.ts';
import type { ActorContext } from '../../context.ts';
import { readResume } from './resumeProfile.ts';

/** A file name in plain ASCII: the name's Latin letters when it has any, then template and language. */
export function resumeFileName(name: string, template: ResumeTemplate, language: ResumeLanguage): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return `${slug ? `${slug}-` : ''}resume-${template}-${language}.pdf`;
}

export async function resumeDocument(
  ctx: ActorContext,
  options: { template: ResumeTemplate; language?: ResumeLanguage },
): Promise<{ filename: string; bytes: Buffer }> {
  const resume = await readResume(ctx);
  const language = options.language ?? resume.locale;
  const bytes = await renderResumePdf(
    {
      name: resume.name,
      ...resume.profile,
      certificates: resume.certificates.map((certificate) => ({
        title: certificate.title,
        code: certificate.code,
        issuedAt: certificate.issuedAt,
        verifyUrl: certificate.verifyUrl,
      })),
    },
    { template: options.template, language },
  );
  return { filename: resumeFileName(resume.name, options.template, language), bytes };
}
