// Workspaces, their members and invitations: the queries and changes behind the workspace pages.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './apiClient.ts';
import type {
  CreatedInvitation,
  Invitation,
  InvitationPreview,
  Locale,
  Me,
  Member,
  Role,
  WorkspaceSummary,
} from './apiTypes.ts';
import { meKey, rememberMe } from './sessionQueries.ts';

const workspaceKey = (workspaceId: string) => ['workspace', workspaceId] as const;
const membersKey = (workspaceId: string) => ['workspace', workspaceId, 'members'] as const;
const invitationsKey = (workspaceId: string) => ['workspace', workspaceId, 'invitations'] as const;

const path = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;

export function useWorkspace(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKey(workspaceId),
    queryFn: () => api.get<WorkspaceSummary>(path(workspaceId)),
  });
}

export function useMembers(workspaceId: string) {
  return useQuery({
    queryKey: membersKey(workspaceId),
    queryFn: async () => (await api.get<{ members: Member[] }>(`${path(workspaceId)}/members`)).members,
  });
}

export function useInvitations(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: invitationsKey(workspaceId),
    queryFn: async () =>
      (await api.get<{ invitations: Invitation[] }>(`${path(workspaceId)}/invitations`)).invitations,
    enabled,
  });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) => api.post<WorkspaceSummary>('/workspaces', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export function useRenameWorkspace(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name?: string; requireAltText?: boolean }) =>
      api.patch<WorkspaceSummary>(path(workspaceId), input),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: workspaceKey(workspaceId), exact: true }),
        queryClient.invalidateQueries({ queryKey: meKey }),
      ]);
    },
  });
}

export function useChangeMemberRole(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { userId: string; role: Role }) =>
      api.patch<{ userId: string; role: Role }>(
        `${path(workspaceId)}/members/${encodeURIComponent(input.userId)}`,
        { role: input.role },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey(workspaceId) }),
  });
}

export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`${path(workspaceId)}/members/${encodeURIComponent(userId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey(workspaceId) }),
  });
}

export function useCreateInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { role: Role; email?: string }) =>
      api.post<CreatedInvitation>(`${path(workspaceId)}/invitations`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(workspaceId) }),
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      api.delete(`${path(workspaceId)}/invitations/${encodeURIComponent(invitationId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invitationsKey(workspaceId) }),
  });
}

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });
}

export type AcceptInvitationInput = { name: string; email: string; password: string; locale: Locale } | null;

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (newAccount: AcceptInvitationInput) =>
      api.post<Me>(`/invitations/${encodeURIComponent(token)}/accept`, newAccount ?? {}),
    onSuccess: (me) => rememberMe(queryClient, me),
  });
}
