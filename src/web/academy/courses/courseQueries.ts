// What the course pages ask of the API: the course list with progress, a course, a lesson, quiz answers,
// and the editor's changes, import and export.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload } from '../../api/apiClient.ts';
import type { Locale } from '../../api/apiTypes.ts';

export const SKILLS = ['content', 'community', 'crisis', 'analytics', 'brand', 'paid', 'listening'] as const;
export type Skill = (typeof SKILLS)[number];
export type CourseStatus = 'draft' | 'published';
export type LessonKind = 'lesson' | 'quiz';

export interface CourseProgress {
  lessonCount: number;
  doneCount: number;
  progressPercent: number;
  started: boolean;
  resumeLessonId: string | null;
}

export interface CourseSummary extends CourseProgress {
  id: string;
  slug: string;
  language: Locale;
  title: string;
  summary: string;
  skills: string[];
  status: CourseStatus;
  updatedAt: string;
}

export interface CourseLessonEntry {
  id: string;
  kind: LessonKind;
  title: string;
  questionCount: number;
  done: boolean;
  score: number | null;
}

export interface CourseDetail extends CourseSummary {
  workspaceId: string;
  canManage: boolean;
  certification: { id: string; title: string } | null;
  quizPassPercent: number;
  modules: { id: string; title: string; lessons: CourseLessonEntry[] }[];
}

export interface QuizOption {
  id: string;
  text: string;
  correct: boolean;
  explanation: string;
}

export interface QuizQuestion {
  id: string;
  prompt: string;
  kind: 'single' | 'multiple';
  options: QuizOption[];
}

export interface LessonView {
  id: string;
  courseId: string;
  courseTitle: string;
  courseStatus: CourseStatus;
  language: Locale;
  moduleId: string;
  moduleTitle: string;
  kind: LessonKind;
  title: string;
  bodyMarkdown: string;
  questions: {
    id: string;
    prompt: string;
    kind: 'single' | 'multiple';
    options: { id: string; text: string }[];
  }[];
  done: boolean;
  score: number | null;
  quizPassPercent: number;
  position: number;
  lessonCount: number;
  previousLessonId: string | null;
  nextLessonId: string | null;
  progressPercent: number;
  canManage: boolean;
}

export interface LessonSource {
  id: string;
  courseId: string;
  moduleId: string;
  kind: LessonKind;
  title: string;
  bodyMarkdown: string;
  questions: QuizQuestion[];
}

export interface QuizOutcome {
  lessonId: string;
  scorePercent: number;
  correctCount: number;
  total: number;
  passed: boolean;
  passPercent: number;
  bestScore: number | null;
  done: boolean;
  results: {
    questionId: string;
    correct: boolean;
    options: { id: string; text: string; correct: boolean; chosen: boolean; explanation: string }[];
  }[];
  progressPercent: number;
  nextLessonId: string | null;
}

export interface CourseMetaBody {
  title: string;
  summary: string;
  language: Locale;
  skills: string[];
  slug?: string;
}

export interface ImportedCourse {
  id: string;
  slug: string;
  title: string;
  status: CourseStatus;
  created: boolean;
  certificationId: string | null;
}

const enc = encodeURIComponent;
const listKey = (workspaceId: string) => ['workspace', workspaceId, 'academy', 'courses'] as const;
const courseKey = (courseId: string) => ['academy', 'course', courseId] as const;
const lessonKey = (lessonId: string) => ['academy', 'lesson', lessonId] as const;
const sourceKey = (lessonId: string) => ['academy', 'lessonSource', lessonId] as const;

/** Where the browser downloads a course's folder zip (the session cookie grants access). */
export const exportUrl = (courseId: string) => `/api/academy/courses/${enc(courseId)}/export`;

export function useCourses(workspaceId: string) {
  return useQuery({
    queryKey: listKey(workspaceId),
    queryFn: () =>
      api.get<{ canManage: boolean; courses: CourseSummary[] }>(
        `/workspaces/${enc(workspaceId)}/academy/courses`,
      ),
  });
}

export function useCourse(courseId: string | undefined) {
  return useQuery({
    queryKey: courseKey(courseId ?? ''),
    queryFn: () => api.get<CourseDetail>(`/academy/courses/${enc(courseId!)}`),
    enabled: Boolean(courseId),
  });
}

export function useLesson(lessonId: string) {
  return useQuery({
    queryKey: lessonKey(lessonId),
    queryFn: () => api.get<LessonView>(`/academy/lessons/${enc(lessonId)}`),
    // Opening the lesson is what records where to resume, so it is fetched each time the page opens.
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
  });
}

export function useLessonSource(lessonId: string | null) {
  return useQuery({
    queryKey: sourceKey(lessonId ?? ''),
    queryFn: () => api.get<LessonSource>(`/academy/lessons/${enc(lessonId!)}/source`),
    enabled: Boolean(lessonId),
    refetchOnWindowFocus: false,
  });
}

/** After any change, the course, its lessons and the list are read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes('academy') });
}

export function useCompleteLesson(lessonId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () =>
      api.post<{ lessonId: string; done: boolean; progressPercent: number; nextLessonId: string | null }>(
        `/academy/lessons/${enc(lessonId)}/complete`,
      ),
    onSuccess: refresh,
  });
}

export function useSubmitQuiz(lessonId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, string[]>) =>
      api.post<QuizOutcome>(`/academy/lessons/${enc(lessonId)}/answers`, { answers }),
    // The lesson itself is not fetched again: that would clear the results shown.
    onSuccess: () =>
      queryClient.invalidateQueries({
        predicate: (q) => q.queryKey.includes('academy') && q.queryKey[1] !== 'lesson',
      }),
  });
}

export function useCreateCourse(workspaceId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CourseMetaBody) =>
      api.post<{ id: string; slug: string }>(`/workspaces/${enc(workspaceId)}/academy/courses`, body),
    onSuccess: refresh,
  });
}

export function useUpdateCourse(courseId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Partial<CourseMetaBody>) => api.patch(`/academy/courses/${enc(courseId)}`, body),
    onSuccess: refresh,
  });
}

export function useSetCourseStatus(courseId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (status: CourseStatus) =>
      api.post(`/academy/courses/${enc(courseId)}/${status === 'published' ? 'publish' : 'unpublish'}`),
    onSuccess: refresh,
  });
}

export function useDeleteCourse(courseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/academy/courses/${enc(courseId)}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: courseKey(courseId) });
      return queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes('academy') });
    },
  });
}

/** The course's content changes: modules, lessons, their order. */
export function useCourseContent(courseId: string) {
  const refresh = useRefresh();
  const c = `/academy/courses/${enc(courseId)}`;
  const options = { onSuccess: refresh };
  return {
    addModule: useMutation({
      mutationFn: (title: string) => api.post<{ id: string }>(`${c}/modules`, { title }),
      ...options,
    }),
    renameModule: useMutation({
      mutationFn: ({ moduleId, title }: { moduleId: string; title: string }) =>
        api.patch(`${c}/modules/${enc(moduleId)}`, { title }),
      ...options,
    }),
    deleteModule: useMutation({
      mutationFn: (moduleId: string) => api.delete(`${c}/modules/${enc(moduleId)}`),
      ...options,
    }),
    addLesson: useMutation({
      mutationFn: ({ moduleId, kind, title }: { moduleId: string; kind: LessonKind; title: string }) =>
        api.post<{ id: string }>(`${c}/modules/${enc(moduleId)}/lessons`, { kind, title }),
      ...options,
    }),
    deleteLesson: useMutation({
      mutationFn: (lessonId: string) => api.delete(`/academy/lessons/${enc(lessonId)}`),
      ...options,
    }),
    reorder: useMutation({
      mutationFn: (modules: { id: string; lessonIds: string[] }[]) => api.post(`${c}/order`, { modules }),
      ...options,
    }),
  };
}

export function useSaveLesson(lessonId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { title?: string; bodyMarkdown?: string; questions?: QuizQuestion[] }) =>
      api.patch<LessonSource>(`/academy/lessons/${enc(lessonId)}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(sourceKey(lessonId), saved);
      return queryClient.invalidateQueries({
        predicate: (q) => q.queryKey.includes('academy') && q.queryKey[1] !== 'lessonSource',
      });
    },
  });
}

/** Sends a course folder zip as the raw request body; errors come back as ApiError like every other call. */
export function importCourseZip(workspaceId: string, file: File): Promise<ImportedCourse> {
  return apiUpload<ImportedCourse>(
    `/workspaces/${enc(workspaceId)}/academy/courses/import`,
    file,
    'application/zip',
  );
}

export function useImportCourse(workspaceId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (file: File) => importCourseZip(workspaceId, file), onSuccess: refresh });
}
