// The bulk import API as the import page uses it: the dry run and the import itself.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/apiClient.ts';

export type DateFormat = 'DMY' | 'MDY' | 'YMD';

export interface ImportRequest {
  csv: string;
  timeZone: string;
  dateFormat: DateFormat;
  accountIds: string[];
  hasHeader?: boolean;
}

export interface ImportProblem {
  code: string;
  message: string;
  params: Record<string, string | number>;
}

export interface PlannedRow {
  row: number;
  scheduledAt: string | null;
  text: string;
  accounts: { id: string; handle: string; network: string }[];
  imageUrl: string | null;
  imageAlt: string;
  problems: ImportProblem[];
}

export interface ImportPlan {
  hasHeader: boolean;
  ignoredColumns: string[];
  problems: ImportProblem[];
  rows: PlannedRow[];
  summary: { rows: number; rowsWithProblems: number; posts: number; targets: number };
}

export interface ImportResult {
  posts: number;
  targets: number;
  status: 'scheduled' | 'pending_approval';
  postIds: string[];
  firstAt: string;
  lastAt: string;
}

/** The server's JSON body limit; the page checks the request against it before sending. */
export const MAX_REQUEST_BYTES = 256 * 1024;

const path = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/imports`;

export function useDryRun(workspaceId: string) {
  return useMutation({
    mutationFn: (request: ImportRequest) => api.post<ImportPlan>(`${path(workspaceId)}/dry-run`, request),
  });
}

export function useRunImport(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest) => api.post<ImportResult>(path(workspaceId), request),
    // The planner's lists now hold new posts.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId] }),
  });
}
