// The approval data of the web app: each account's chain, the approver's queue, one post's approval
// state, and the decisions and chain changes that refresh them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/apiClient.ts';
import type { Role } from '../api/apiTypes.ts';

export interface ChainStep {
  position: number;
  approverUserId: string | null;
  approverRole: Role | null;
  approverName: string | null;
}

export interface AccountChain {
  accountId: string;
  handle: string;
  network: string;
  displayName: string;
  implicit: boolean;
  steps: ChainStep[];
}

export interface AccountApproval {
  accountId: string;
  handle: string;
  network: string;
  state: 'waiting' | 'approved' | 'rejected' | 'none';
  text: string;
  scheduledAt: string | null;
  currentStep: number | null;
  of: number;
  steps: {
    step: number;
    approverUserId: string | null;
    approverName: string | null;
    approverRole: Role | null;
    decision: {
      decision: 'approved' | 'rejected';
      comment: string;
      decidedBy: string | null;
      decidedByName: string | null;
      decidedAt: string;
    } | null;
  }[];
  deciders: { userId: string; name: string }[];
  canDecide: boolean;
}

export interface PostApproval {
  postId: string;
  authorId: string | null;
  authorName: string | null;
  round: number;
  text: string;
  createdAt: string;
  rejectionReason: string | null;
  rejectedBy: { userId: string; name: string | null } | null;
  accounts: AccountApproval[];
  canDecide: boolean;
}

export interface DecisionInput {
  postId: string;
  accountId?: string;
  decision: 'approved' | 'rejected';
  comment: string;
  step?: number;
}

/** How often an open post that waits for approval is asked about again. */
const WAITING_REFRESH_MS = 10_000;

const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
export const approvalsKey = (workspaceId: string) => ['workspace', workspaceId, 'approvals'] as const;
const chainsKey = (workspaceId: string) => ['workspace', workspaceId, 'approval-chains'] as const;

export function useApprovalQueue(workspaceId: string, all = false) {
  return useQuery({
    queryKey: [...approvalsKey(workspaceId), 'queue', all],
    queryFn: () =>
      api.get<{ items: PostApproval[]; count: number }>(
        `${ws(workspaceId)}/approvals${all ? '?all=true' : ''}`,
      ),
    refetchInterval: 60_000,
  });
}

export function usePostApproval(workspaceId: string, postId: string) {
  return useQuery({
    queryKey: [...approvalsKey(workspaceId), 'post', postId],
    queryFn: () => api.get<PostApproval>(`/posts/${encodeURIComponent(postId)}/approval`),
    // Another person's decision changes no status the planner's event stream would carry until the
    // last step, so a post still waiting is asked about again now and then.
    refetchInterval: (query) =>
      query.state.data?.accounts.some((account) => account.state === 'waiting') ? WAITING_REFRESH_MS : false,
  });
}

export function useDecide(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ postId, ...body }: DecisionInput) =>
      api.post<{ decision: string }>(`/posts/${encodeURIComponent(postId)}/approval/decisions`, body),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: approvalsKey(workspaceId) });
      await queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'posts'] });
    },
  });
}

export function useApprovalChains(workspaceId: string) {
  return useQuery({
    queryKey: chainsKey(workspaceId),
    queryFn: async () =>
      (await api.get<{ chains: AccountChain[] }>(`${ws(workspaceId)}/approval-chains`)).chains,
  });
}

export function useSaveChain(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { accountId: string; steps: { approverUserId?: string; approverRole?: Role }[] }) =>
      api.put<AccountChain>(
        `${ws(workspaceId)}/accounts/${encodeURIComponent(input.accountId)}/approval-chain`,
        { steps: input.steps },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: chainsKey(workspaceId) }),
  });
}
