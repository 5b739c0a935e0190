// An account's posting slots for the queue and the time zone they are read in: read from the accounts
// list, saved with PATCH /accounts/:accountId.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './apiClient.ts';
import type { SocialAccount } from './apiTypes.ts';

export interface PostingSlot {
  /** 0 is Sunday. */
  day: number;
  /** HH:MM, 24-hour. */
  time: string;
}

export interface AccountSchedule {
  timeZone: string;
  postingSlots: PostingSlot[];
}

/** The account's schedule as the accounts list answers it (UTC and no slots until someone sets them). */
export function scheduleOf(account: SocialAccount): AccountSchedule {
  return { timeZone: account.timeZone, postingSlots: account.postingSlots };
}

export function useSetPostingSlots(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, ...schedule }: AccountSchedule & { accountId: string }) =>
      api.patch<SocialAccount & AccountSchedule>(
        `/workspaces/${encodeURIComponent(workspaceId)}/accounts/${encodeURIComponent(accountId)}`,
        schedule,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'accounts'] }),
  });
}
