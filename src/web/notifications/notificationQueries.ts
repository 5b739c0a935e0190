// The person's notifications in a workspace: the unread count (refreshed every 30 s and when the window
// regains focus), the list a page at a time, and marking them read.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/apiClient.ts';

export type NotificationKind =
  | 'approval_requested'
  | 'approval_decided'
  | 'post_expired'
  | 'post_failed'
  | 'comment_mention'
  | 'inbox_assigned'
  | 'crisis_started'
  | 'crisis_ended';

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  data: Record<string, unknown>;
  link: string;
  readAt: string | null;
  createdAt: string;
}

const REFRESH_MS = 30_000;
const base = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/notifications`;
const notificationsKey = (workspaceId: string) => ['workspace', workspaceId, 'notifications'] as const;

export function useUnreadCount(workspaceId: string) {
  return useQuery({
    queryKey: [...notificationsKey(workspaceId), 'unread'],
    queryFn: async () => (await api.get<{ unread: number }>(`${base(workspaceId)}/unread-count`)).unread,
    refetchInterval: REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

export function useNotificationList(workspaceId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...notificationsKey(workspaceId), 'list'],
    queryFn: ({ pageParam }) =>
      api.get<{ notifications: AppNotification[]; nextCursor: string | null }>(
        `${base(workspaceId)}?limit=15${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled,
    refetchOnWindowFocus: true,
  });
}

export function useMarkRead(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKey(workspaceId) });
  return {
    one: useMutation({
      mutationFn: (id: string) => api.post(`/notifications/${encodeURIComponent(id)}/read`),
      onSettled: refresh,
    }),
    all: useMutation({
      mutationFn: () => api.post(`${base(workspaceId)}/read-all`),
      onSettled: refresh,
    }),
  };
}
