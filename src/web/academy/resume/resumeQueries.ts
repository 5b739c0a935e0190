// What the resume builder asks of the API: the saved profile with its certificates, and saving it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/apiClient.ts';
import type { Locale } from '../../api/apiTypes.ts';

export interface ResumeExperience {
  role: string;
  organisation: string;
  start: string;
  end: string;
  description: string;
}

export interface ResumeEducation {
  course: string;
  institution: string;
  year: string;
}

export interface ResumeProfile {
  headline: string;
  summary: string;
  location: string;
  contact: string;
  experience: ResumeExperience[];
  education: ResumeEducation[];
  skills: string[];
}

export interface ResumeCertificate {
  id: string;
  title: string;
  code: string;
  issuedAt: string;
  verifyUrl: string;
}

export interface Resume {
  name: string;
  email: string;
  profile: ResumeProfile;
  updatedAt: string | null;
  certificates: ResumeCertificate[];
}

export const RESUME_TEMPLATES = ['classic', 'modern', 'compact'] as const;
export type ResumeTemplate = (typeof RESUME_TEMPLATES)[number];

export const MAX_EXPERIENCE = 20;
export const MAX_EDUCATION = 20;
export const MAX_SKILLS = 30;

const resumeKey = ['me', 'resume'] as const;

/** Where the browser downloads the saved resume as a PDF (the session cookie grants access). */
export function resumePdfUrl(template: ResumeTemplate, language: Locale): string {
  return `/api/me/resume/pdf?template=${template}&language=${language}`;
}

export function useResume() {
  return useQuery({ queryKey: resumeKey, queryFn: () => api.get<Resume>('/me/resume') });
}

export function useSaveResume() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profile: ResumeProfile) => api.put<Resume>('/me/resume', profile),
    onSuccess: (resume) => queryClient.setQueryData(resumeKey, resume),
  });
}
