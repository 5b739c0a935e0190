// The comment thread of a post or an inbox item, and adding, editing and deleting comments.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/apiClient.ts';

export type CommentSubjectType = 'post' | 'inbox_item';

export interface Comment {
  id: string;
  subjectType: CommentSubjectType;
  subjectId: string;
  author: { userId: string; name: string } | null;
  body: string;
  mentions: { userId: string; name: string }[];
  createdAt: string;
  editedAt: string | null;
}

const threadKey = (workspaceId: string, subjectType: CommentSubjectType, subjectId: string) =>
  ['workspace', workspaceId, 'comments', subjectType, subjectId] as const;

export function useCommentThread(workspaceId: string, subjectType: CommentSubjectType, subjectId: string) {
  return useQuery({
    queryKey: threadKey(workspaceId, subjectType, subjectId),
    queryFn: async () => {
      const all: Comment[] = [];
      let after: string | null = null;
      // A thread is short; read it whole so a reply never lands on an unseen page.
      do {
        const query = new URLSearchParams({ subjectType, subjectId, limit: '200' });
        if (after) query.set('after', after);
        const page: { comments: Comment[]; nextCursor: string | null } = await api.get(
          `/workspaces/${encodeURIComponent(workspaceId)}/comments?${query}`,
        );
        all.push(...page.comments);
        after = page.nextCursor;
      } while (after);
      return all;
    },
  });
}

export function useCommentChanges(workspaceId: string, subjectType: CommentSubjectType, subjectId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: threadKey(workspaceId, subjectType, subjectId) });
  return {
    add: useMutation({
      mutationFn: (body: string) =>
        api.post<Comment>(`/workspaces/${encodeURIComponent(workspaceId)}/comments`, {
          subjectType,
          subjectId,
          body,
        }),
      onSuccess: refresh,
    }),
    edit: useMutation({
      mutationFn: (input: { id: string; body: string }) =>
        api.patch<Comment>(`/comments/${encodeURIComponent(input.id)}`, { body: input.body }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/comments/${encodeURIComponent(id)}`),
      onSuccess: refresh,
    }),
  };
}
