// What the skills page asks of the API: the statements, my results over time, taking the assessment and
// the learning path for my latest result.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/apiClient.ts';

export const SKILLS = ['content', 'community', 'crisis', 'analytics', 'brand', 'paid', 'listening'] as const;
export type Skill = (typeof SKILLS)[number];
export type SkillScores = Record<Skill, number>;

export interface SkillQuestion {
  id: string;
  skill: Skill;
}

export interface Assessment {
  id: string;
  createdAt: string;
  answers: Record<string, number>;
  scores: SkillScores;
  change: SkillScores | null;
}

export interface LearningPathStep {
  course: { id: string; title: string; summary: string; language: 'en' | 'bn'; skills: string[] };
  reason: { skill: Skill; score: number; lowest: boolean };
}

const base = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/academy/skills`;
const key = (workspaceId: string, what: string) => ['workspace', workspaceId, 'academy-skills', what];

export function useSkillQuestions(workspaceId: string) {
  return useQuery({
    queryKey: key(workspaceId, 'questions'),
    queryFn: () => api.get<{ questions: SkillQuestion[] }>(`${base(workspaceId)}/questions`),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useAssessments(workspaceId: string) {
  return useQuery({
    queryKey: key(workspaceId, 'assessments'),
    queryFn: () => api.get<{ assessments: Assessment[] }>(`${base(workspaceId)}/assessments`),
  });
}

/** Courses in the language the page is shown in come first. */
export function useLearningPath(workspaceId: string, language: 'en' | 'bn') {
  return useQuery({
    queryKey: [...key(workspaceId, 'learning-path'), language],
    queryFn: () =>
      api.get<{ assessmentId: string | null; steps: LearningPathStep[] }>(
        `${base(workspaceId)}/learning-path?language=${language}`,
      ),
  });
}

export function useTakeAssessment(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, number>) =>
      api.post<Assessment>(`${base(workspaceId)}/assessments`, { answers }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: key(workspaceId, 'assessments') }),
        queryClient.invalidateQueries({ queryKey: key(workspaceId, 'learning-path') }),
      ]);
    },
  });
}
