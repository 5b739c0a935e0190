// What the certification pages ask of the API: the exams with the person's standing, attempts, certificates,
// revocation, exam settings and the public verification.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/apiClient.ts';
import type { Locale } from '../../api/apiTypes.ts';

export interface Certificate {
  id: string;
  code: string;
  certificationId: string;
  userId: string;
  holderName: string;
  title: string;
  language: Locale;
  issuedAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  verifyUrl: string;
}

export interface Certification {
  id: string;
  courseId: string | null;
  slug: string;
  language: Locale;
  title: string;
  description: string;
  status: 'draft' | 'published';
  drawCount: number;
  poolSize: number;
  timeLimitMinutes: number;
  passPercent: number;
  maxAttempts: number;
  cooldownHours: number;
  attemptsUsed: number;
  attemptsLeft: number;
  cooldownUntil: string | null;
  runningAttempt: { id: string; deadlineAt: string } | null;
  lastResult: { scorePercent: number | null; passed: boolean; submittedAt: string | null } | null;
  certificate: Certificate | null;
}

export interface ExamQuestion {
  id: string;
  prompt: string;
  kind: 'single' | 'multiple';
  options: { id: string; text: string }[];
}

export interface Attempt {
  id: string;
  certificationId: string;
  title: string;
  language: Locale;
  status: 'running' | 'passed' | 'failed';
  startedAt: string;
  deadlineAt: string;
  serverNow: string;
  timeLimitMinutes: number;
  passPercent: number;
  questions: ExamQuestion[];
  result: {
    scorePercent: number | null;
    passed: boolean;
    reason: 'time_ran_out' | null;
    submittedAt: string | null;
    certificate: { id: string; code: string } | null;
  } | null;
}

export interface Verification {
  code: string;
  valid: boolean;
  holderName: string;
  title: string;
  language: Locale;
  issuedAt: string;
  issuer: string;
  revokedAt?: string;
  revokedReason?: string;
}

export type ExamSettings = Pick<
  Certification,
  'drawCount' | 'timeLimitMinutes' | 'passPercent' | 'maxAttempts' | 'cooldownHours'
>;

const enc = encodeURIComponent;
const certificationsKey = (workspaceId: string) => ['academy', workspaceId, 'certifications'] as const;
const certificatesKey = (workspaceId: string) => ['academy', workspaceId, 'certificates'] as const;
const attemptKey = (attemptId: string) => ['academy', 'attempt', attemptId] as const;

/** Where the browser downloads a certificate's PDF (the session cookie grants access). */
export function certificatePdfUrl(certificateId: string): string {
  return `/api/academy/certificates/${enc(certificateId)}/pdf`;
}

/** The exam page of a certification, showing the given attempt when there is one. */
export function examPath(workspaceId: string, certificationId: string, attemptId?: string): string {
  const base = `/w/${enc(workspaceId)}/academy/certifications/${enc(certificationId)}/exam`;
  return attemptId ? `${base}?attempt=${enc(attemptId)}` : base;
}

/** The public verification page of a code, within this app. */
export function verifyPath(code: string): string {
  return `/verify/${enc(code)}`;
}

export function useCertifications(workspaceId: string) {
  return useQuery({
    queryKey: certificationsKey(workspaceId),
    queryFn: () =>
      api.get<{ canManage: boolean; certifications: Certification[] }>(
        `/workspaces/${enc(workspaceId)}/academy/certifications`,
      ),
  });
}

export function useCertificates(workspaceId: string, all: boolean, enabled = true) {
  return useQuery({
    queryKey: [...certificatesKey(workspaceId), all ? 'all' : 'mine'],
    queryFn: async () =>
      (
        await api.get<{ certificates: Certificate[] }>(
          `/workspaces/${enc(workspaceId)}/academy/certificates${all ? '?all=true' : ''}`,
        )
      ).certificates,
    enabled,
  });
}

export function useAttempt(attemptId: string | undefined) {
  return useQuery({
    queryKey: attemptKey(attemptId ?? ''),
    queryFn: () => api.get<Attempt>(`/academy/attempts/${enc(attemptId ?? '')}`),
    enabled: Boolean(attemptId),
    // A running attempt's questions and deadline do not change; fetching it again (say, when the window
    // regains focus) would only re-measure the clock offset mid-exam. Submitting updates it directly.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

export function useStartAttempt(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (certificationId: string) =>
      api.post<Attempt>(`/academy/certifications/${enc(certificationId)}/attempts`),
    onSuccess: async (attempt) => {
      queryClient.setQueryData(attemptKey(attempt.id), attempt);
      await queryClient.invalidateQueries({ queryKey: certificationsKey(workspaceId) });
    },
  });
}

export function useSubmitAttempt(workspaceId: string, attemptId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, string[]>) =>
      api.post<Attempt>(`/academy/attempts/${enc(attemptId)}/submit`, { answers }),
    onSuccess: async (attempt) => {
      queryClient.setQueryData(attemptKey(attempt.id), attempt);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: certificationsKey(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: certificatesKey(workspaceId) }),
      ]);
    },
  });
}

export function useRevokeCertificate(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { certificateId: string; reason: string }) =>
      api.post<Certificate>(`/academy/certificates/${enc(input.certificateId)}/revoke`, {
        reason: input.reason,
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: certificatesKey(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: certificationsKey(workspaceId) }),
      ]),
  });
}

export function useUpdateExamSettings(workspaceId: string, certificationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: Partial<ExamSettings>) =>
      api.patch<ExamSettings & { id: string; poolSize: number }>(
        `/academy/certifications/${enc(certificationId)}`,
        settings,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: certificationsKey(workspaceId) }),
  });
}

export function useVerification(code: string) {
  return useQuery({
    queryKey: ['verify', code],
    queryFn: () => api.get<Verification>(`/verify/${enc(code)}`),
  });
}
