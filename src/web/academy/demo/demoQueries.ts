// Demo requests: sending the public form, and the list owners and admins read in Settings.
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { ApiError, api } from '../../api/apiClient.ts';

export const TEAM_SIZES = ['1', '2-10', '11-50', '51-200', '201+'] as const;
export type TeamSize = (typeof TEAM_SIZES)[number];

export interface DemoRequestForm {
  name: string;
  email: string;
  company: string;
  teamSize: TeamSize | '';
  message: string;
  /** The hidden field people never see; see DemoRequestPage. */
  website: string;
}

export interface DemoRequest {
  id: string;
  name: string;
  email: string;
  company: string;
  teamSize: string;
  message: string;
  createdAt: string;
}

export interface DemoRequestPage {
  receivesRequests: boolean;
  requests: DemoRequest[];
  nextCursor: string | null;
}

/** The server refused because this address sent too many requests; `minutes` until it may send again. */
export class TooManyDemoRequests extends ApiError {
  constructor(
    message: string,
    readonly minutes: number | undefined,
  ) {
    super(429, 'too_many_requests', message);
  }
}

/** Sends the form; a refusal for sending too often says in how many minutes to try again. */
async function sendDemoRequest(form: DemoRequestForm): Promise<void> {
  try {
    await api.post<unknown>('/demo-requests', form);
  } catch (error) {
    if (error instanceof ApiError && error.status === 429) {
      const seconds = error.retryAfterSeconds;
      throw new TooManyDemoRequests(error.message, seconds ? Math.ceil(seconds / 60) : undefined);
    }
    throw error;
  }
}

export function useSendDemoRequest() {
  return useMutation({ mutationFn: sendDemoRequest });
}

export function useDemoRequests(workspaceId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['workspace', workspaceId, 'demo-requests'],
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<DemoRequestPage>(
        `/workspaces/${encodeURIComponent(workspaceId)}/demo-requests${pageParam ? `?before=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}
