// What a course's questions and answers ask of the API.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/apiClient.ts';

export interface Person {
  id: string;
  name: string;
}

export interface QuestionSummary {
  id: string;
  courseId: string;
  title: string;
  body: string;
  author: Person;
  createdAt: string;
  answerCount: number;
  helpfulCount: number;
  canDelete: boolean;
}

export interface Answer {
  id: string;
  questionId: string;
  body: string;
  author: Person;
  helpful: boolean;
  createdAt: string;
  canDelete: boolean;
}

export interface Question extends QuestionSummary {
  canMarkHelpful: boolean;
  answers: Answer[];
}

const listKey = (courseId: string) => ['academy-qa', 'course', courseId];
const questionKey = (questionId: string) => ['academy-qa', 'question', questionId];
const id = encodeURIComponent;

export function useCourseQuestions(courseId: string) {
  return useQuery({
    queryKey: listKey(courseId),
    queryFn: () => api.get<{ questions: QuestionSummary[] }>(`/academy/courses/${id(courseId)}/questions`),
  });
}

export function useQuestion(questionId: string) {
  return useQuery({
    queryKey: questionKey(questionId),
    queryFn: () => api.get<Question>(`/academy/questions/${id(questionId)}`),
  });
}

/** After any change the thread and the course's list (counts, order) are read again. */
function useRefresh(courseId: string) {
  const queryClient = useQueryClient();
  return (questionId?: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: listKey(courseId) }),
      questionId ? queryClient.invalidateQueries({ queryKey: questionKey(questionId) }) : undefined,
    ]);
}

export function useAskQuestion(courseId: string) {
  const refresh = useRefresh(courseId);
  return useMutation({
    mutationFn: (body: { title: string; body: string }) =>
      api.post<QuestionSummary>(`/academy/courses/${id(courseId)}/questions`, body),
    onSuccess: () => refresh(),
  });
}

export function useAnswerQuestion(courseId: string, questionId: string) {
  const refresh = useRefresh(courseId);
  return useMutation({
    mutationFn: (body: string) => api.post<Answer>(`/academy/questions/${id(questionId)}/answers`, { body }),
    onSuccess: () => refresh(questionId),
  });
}

export function useMarkHelpful(courseId: string, questionId: string) {
  const refresh = useRefresh(courseId);
  return useMutation({
    mutationFn: ({ answerId, helpful }: { answerId: string; helpful: boolean }) =>
      api.post<{ id: string; helpful: boolean }>(`/academy/answers/${id(answerId)}/helpful`, { helpful }),
    onSuccess: () => refresh(questionId),
  });
}

export function useDeleteQuestion(courseId: string) {
  const refresh = useRefresh(courseId);
  return useMutation({
    mutationFn: (questionId: string) => api.delete(`/academy/questions/${id(questionId)}`),
    onSuccess: () => refresh(),
  });
}

export function useDeleteAnswer(courseId: string, questionId: string) {
  const refresh = useRefresh(courseId);
  return useMutation({
    mutationFn: (answerId: string) => api.delete(`/academy/answers/${id(answerId)}`),
    onSuccess: () => refresh(questionId),
  });
}
