// The planner's data: the posts of a range, and the actions on them (move, send a draft out, delete,
// edit one account's copy, retry). Every action refreshes the lists afterwards; a move shows at once
// and is put back if the server refuses it.
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, apiRequest } from '../api/apiClient.ts';
import { movePostTo, type PlannedPost, type TargetStatus } from './plannedPosts.ts';
import { type PlannerParams, postsQuery } from './plannerParams.ts';

/** Every list of posts of the workspace, whatever its range and filters, starts with this key. */
export const postsKey = (workspaceId: string) => ['workspace', workspaceId, 'posts'] as const;

const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;

export function usePlannedPosts(
  workspaceId: string,
  range: { from: Date; to: Date },
  filters: Pick<PlannerParams, 'accountIds' | 'statuses' | 'tag'>,
) {
  const query = postsQuery(range, filters);
  return useQuery({
    queryKey: [...postsKey(workspaceId), query],
    queryFn: async () => (await api.get<{ posts: PlannedPost[] }>(`${ws(workspaceId)}/posts?${query}`)).posts,
    // The calendar keeps showing the last range while the next one loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

/** One post by its id (a notification's link names one), or nothing while `postId` is null. */
export function usePost(workspaceId: string, postId: string | null) {
  return useQuery({
    queryKey: [...postsKey(workspaceId), 'one', postId],
    queryFn: () => api.get<PlannedPost>(`/posts/${encodeURIComponent(postId ?? '')}`),
    enabled: postId !== null,
    retry: false,
  });
}

interface TargetChangeAnswer {
  id: string;
  status: TargetStatus;
  version: number;
  scheduledAt?: string | null;
}

function refreshPosts(queryClient: QueryClient, workspaceId: string) {
  return queryClient.invalidateQueries({ queryKey: postsKey(workspaceId) });
}

export function useReschedulePost(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ postId, scheduledAt }: { postId: string; scheduledAt: string }) =>
      api.post<{ id: string; targets: TargetChangeAnswer[] }>(
        `/posts/${encodeURIComponent(postId)}/reschedule`,
        {
          scheduledAt,
        },
      ),
    onMutate: async ({ postId, scheduledAt }) => {
      await queryClient.cancelQueries({ queryKey: postsKey(workspaceId) });
      const before = queryClient.getQueriesData<PlannedPost[]>({ queryKey: postsKey(workspaceId) });
      queryClient.setQueriesData<PlannedPost[]>({ queryKey: postsKey(workspaceId) }, (posts) =>
        posts ? movePostTo(posts, postId, scheduledAt) : posts,
      );
      return { before };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data);
    },
    onSettled: () => refreshPosts(queryClient, workspaceId),
  });
}

export type ScheduleMode = 'now' | 'schedule' | 'queue';

export function useScheduleDraft(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      postId,
      mode,
      scheduledAt,
    }: {
      postId: string;
      mode: ScheduleMode;
      scheduledAt?: string;
    }) =>
      api.post<{ id: string; targets: TargetChangeAnswer[] }>(
        `/posts/${encodeURIComponent(postId)}/schedule`,
        {
          mode,
          ...(mode === 'schedule' ? { scheduledAt } : {}),
        },
      ),
    onSettled: () => refreshPosts(queryClient, workspaceId),
  });
}

export function useDeletePost(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (postId: string) =>
      apiRequest<{ id: string; cancelled: number; kept: { id: string; status: TargetStatus }[] }>(
        'DELETE',
        `/posts/${encodeURIComponent(postId)}`,
      ),
    onSettled: () => refreshPosts(queryClient, workspaceId),
  });
}

export function useEditTarget(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ targetId, text }: { targetId: string; text: string }) =>
      api.patch<TargetChangeAnswer>(`/post-targets/${encodeURIComponent(targetId)}`, { text }),
    onSettled: () => refreshPosts(queryClient, workspaceId),
  });
}

export function useRetryTarget(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (targetId: string) =>
      api.post<TargetChangeAnswer>(`/post-targets/${encodeURIComponent(targetId)}/retry`),
    onSettled: () => refreshPosts(queryClient, workspaceId),
  });
}

export function mediaUrl(workspaceId: string, mediaId: string): string {
  return `/api${ws(workspaceId)}/media/${encodeURIComponent(mediaId)}`;
}
