// Connected social accounts: the list, connecting Bluesky and Mastodon, disconnecting.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './apiClient.ts';
import type { SocialAccount } from './apiTypes.ts';

const accountsKey = (workspaceId: string) => ['workspace', workspaceId, 'accounts'] as const;
const path = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/accounts`;

export function useAccounts(workspaceId: string) {
  return useQuery({
    queryKey: accountsKey(workspaceId),
    queryFn: async () => (await api.get<{ accounts: SocialAccount[] }>(path(workspaceId))).accounts,
  });
}

export function useConnectBluesky(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { identifier: string; appPassword: string; service?: string }) =>
      api.post<SocialAccount>(`${path(workspaceId)}/bluesky`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey(workspaceId) }),
  });
}

/** Answers the instance's authorize page; the caller sends the browser there. */
export function useStartMastodon(workspaceId: string) {
  return useMutation({
    mutationFn: (input: { instanceUrl: string }) =>
      api.post<{ authorizeUrl: string }>(`${path(workspaceId)}/mastodon`, input),
  });
}

export function useDisconnectAccount(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) => api.delete(`${path(workspaceId)}/${encodeURIComponent(accountId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountsKey(workspaceId) }),
  });
}
