// Crisis mode and its playbook as the web app reads and changes them (see src/api/crisis and
// src/api/playbooks). The state is polled, so every open page sees a crisis start within seconds.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/apiClient.ts';
import { postsKey } from '../planner/plannerQueries.ts';

export interface CrisisState {
  active: boolean;
  reason: string | null;
  startedAt: string | null;
  startedBy: { id: string; name: string } | null;
  pausedTargets: number;
  pausedPosts: number;
}

export interface HeldPost {
  postId: string;
  text: string;
  authorName: string | null;
  scheduledAt: string | null;
  overdue: boolean;
  targets: { id: string; network: string; handle: string; scheduledAt: string | null }[];
}

export interface CrisisPeriod {
  id: string;
  reason: string;
  startedAt: string;
  startedBy: string | null;
  endedAt: string | null;
  endedBy: string | null;
}

export interface HoldingStatement {
  id: string;
  title: string;
  text: string;
}

export interface StakeholderContact {
  id: string;
  name: string;
  role: string;
  email: string | null;
  phone: string | null;
  notes: string;
}

export type ContactInput = Omit<StakeholderContact, 'id'>;
export type ReviewDecision =
  | { action: 'reschedule'; scheduledAt: string }
  | { action: 'publish_now' }
  | { action: 'discard' };

const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
const crisisKey = (workspaceId: string) => ['workspace', workspaceId, 'crisis'] as const;
const statementsKey = (workspaceId: string) => ['workspace', workspaceId, 'holding-statements'] as const;
const contactsKey = (workspaceId: string) => ['workspace', workspaceId, 'stakeholder-contacts'] as const;

export const CRISIS_POLL_MS = 15_000;

export function useCrisisState(workspaceId: string) {
  return useQuery({
    queryKey: [...crisisKey(workspaceId), 'state'],
    queryFn: () => api.get<CrisisState>(`${ws(workspaceId)}/crisis`),
    refetchInterval: CRISIS_POLL_MS,
    refetchOnWindowFocus: true,
  });
}

export function useHeldPosts(workspaceId: string) {
  return useQuery({
    queryKey: [...crisisKey(workspaceId), 'review'],
    queryFn: async () => (await api.get<{ posts: HeldPost[] }>(`${ws(workspaceId)}/crisis/review`)).posts,
    refetchInterval: CRISIS_POLL_MS,
  });
}

export function useCrisisHistory(workspaceId: string) {
  return useQuery({
    queryKey: [...crisisKey(workspaceId), 'history'],
    queryFn: async () =>
      (await api.get<{ periods: CrisisPeriod[] }>(`${ws(workspaceId)}/crisis/history`)).periods,
  });
}

/** Every crisis query of the workspace, and the planner's posts, are stale after a crisis action. */
function useCrisisMutation<I, O>(workspaceId: string, run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: crisisKey(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: postsKey(workspaceId) }),
      ]),
  });
}

export const useStartCrisis = (workspaceId: string) =>
  useCrisisMutation(workspaceId, (reason: string) => api.post(`${ws(workspaceId)}/crisis/start`, { reason }));

export const useEndCrisis = (workspaceId: string) =>
  useCrisisMutation(workspaceId, () =>
    api.post<{ resumedTargets: number; awaitingReview: number }>(`${ws(workspaceId)}/crisis/end`),
  );

export const useDecideHeldPost = (workspaceId: string) =>
  useCrisisMutation(workspaceId, ({ postId, decision }: { postId: string; decision: ReviewDecision }) =>
    api.post(`${ws(workspaceId)}/crisis/review/${encodeURIComponent(postId)}`, decision),
  );

export const usePublishAnyway = (workspaceId: string) =>
  useCrisisMutation(workspaceId, (postId: string) =>
    api.post(`/posts/${encodeURIComponent(postId)}/publish-anyway`, { confirm: true }),
  );

export function useHoldingStatements(workspaceId: string) {
  return useQuery({
    queryKey: statementsKey(workspaceId),
    queryFn: async () =>
      (await api.get<{ statements: HoldingStatement[] }>(`${ws(workspaceId)}/holding-statements`)).statements,
  });
}

export function useSaveHoldingStatement(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title, text }: { id?: string; title: string; text: string }) =>
      id
        ? api.patch<HoldingStatement>(`/holding-statements/${encodeURIComponent(id)}`, { title, text })
        : api.post<HoldingStatement>(`${ws(workspaceId)}/holding-statements`, { title, text }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statementsKey(workspaceId) }),
  });
}

export function useDeleteHoldingStatement(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/holding-statements/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statementsKey(workspaceId) }),
  });
}

export function useStakeholderContacts(workspaceId: string) {
  return useQuery({
    queryKey: contactsKey(workspaceId),
    queryFn: async () =>
      (await api.get<{ contacts: StakeholderContact[] }>(`${ws(workspaceId)}/stakeholder-contacts`)).contacts,
  });
}

export function useSaveStakeholderContact(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: ContactInput & { id?: string }) =>
      id
        ? api.patch<StakeholderContact>(`/stakeholder-contacts/${encodeURIComponent(id)}`, input)
        : api.post<StakeholderContact>(`${ws(workspaceId)}/stakeholder-contacts`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsKey(workspaceId) }),
  });
}

export function useDeleteStakeholderContact(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/stakeholder-contacts/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsKey(workspaceId) }),
  });
}
