// Listening's API as TanStack queries and mutations: queries and their preview, statistics over a time
// range, mentions with filters, alerts and the retention setting. Statistics, mentions and alerts are
// read again every few seconds while a page shows them, so new mentions arrive without a reload.
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../api/apiClient.ts';
import { type Bucket, type Interval, type RangeName, rangeWindow } from './timeRange.ts';

export type Sentiment = 'positive' | 'negative' | 'neutral';
export type MentionSource = 'bluesky' | 'mastodon' | 'rss';
export const SENTIMENTS: readonly Sentiment[] = ['positive', 'neutral', 'negative'];
export const SOURCES: readonly MentionSource[] = ['bluesky', 'mastodon', 'rss'];

export interface ListeningQueryInput {
  name: string;
  query: string;
  active: boolean;
  ownBrand: boolean;
  mastodonInstances: string[];
  feedUrls: string[];
  spikeSigma: number;
  spikeMinCount: number;
  negativeJumpPoints: number;
  alertCooldownMinutes: number;
  alertEmail: boolean;
}

export interface ListeningQuery extends ListeningQueryInput {
  id: string;
  backfilledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Mention {
  id: number;
  queryIds: string[];
  source: MentionSource;
  remoteId: string;
  url: string;
  authorHandle: string;
  authorName: string;
  text: string;
  lang: string;
  sentiment: Sentiment;
  sentimentScore: number;
  hashtags: string[];
  postedAt: string;
}

export interface Preview {
  count: number;
  scanned: number;
  mentions: Mention[];
}

export interface Timeline {
  from: string;
  to: string;
  interval: Interval;
  buckets: Bucket[];
}

export interface QueryTop {
  total: number;
  authors: { handle: string; name: string; count: number }[];
  hashtags: { tag: string; count: number }[];
  terms: { term: string; count: number }[];
  languages: { lang: string; count: number }[];
}

export interface ShareOfVoice {
  total: number;
  queries: { queryId: string; name: string; total: number; share: number }[];
}

export interface ListeningAlert {
  id: string;
  queryId: string;
  queryName: string;
  kind: 'volume' | 'negative';
  windowStart: string;
  windowEnd: string;
  count: number;
  mean: number;
  stdDev: number;
  negativeShare: number | null;
  baselineShare: number | null;
  read: boolean;
  createdAt: string;
  suggestCrisisMode: boolean;
}

export interface MentionFilters {
  sentiment?: Sentiment;
  lang?: string;
  source?: MentionSource;
  contains?: string;
}

/** How often a page showing live figures reads them again. */
export const LIVE_MS = 5_000;

const enc = encodeURIComponent;
const base = (workspaceId: string) => `/workspaces/${enc(workspaceId)}/listening`;
const queryPath = (workspaceId: string, queryId: string) => `${base(workspaceId)}/queries/${enc(queryId)}`;

const keys = {
  all: (workspaceId: string) => ['workspace', workspaceId, 'listening'] as const,
  queries: (workspaceId: string) => ['workspace', workspaceId, 'listening', 'queries'] as const,
  query: (workspaceId: string, queryId: string) =>
    ['workspace', workspaceId, 'listening', 'queries', queryId] as const,
  stats: (workspaceId: string, queryId: string, ...rest: unknown[]) =>
    ['workspace', workspaceId, 'listening', 'stats', queryId, ...rest] as const,
  alerts: (workspaceId: string) => ['workspace', workspaceId, 'listening', 'alerts'] as const,
  retention: (workspaceId: string) => ['workspace', workspaceId, 'listening', 'retention'] as const,
};

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `from`, `to` (and the interval) of the range as it is at the moment of asking. */
function rangeParams(range: RangeName, withInterval: boolean): URLSearchParams {
  const window = rangeWindow(range, new Date());
  const params = new URLSearchParams({ from: window.from.toISOString(), to: window.to.toISOString() });
  if (withInterval) {
    params.set('interval', window.interval);
    params.set('timeZone', browserTimeZone());
  }
  return params;
}

export function useListeningQueries(workspaceId: string) {
  return useQuery({
    queryKey: keys.queries(workspaceId),
    queryFn: async () =>
      (await api.get<{ queries: ListeningQuery[] }>(`${base(workspaceId)}/queries`)).queries,
  });
}

export function useListeningQuery(workspaceId: string, queryId: string) {
  return useQuery({
    queryKey: keys.query(workspaceId, queryId),
    queryFn: () => api.get<ListeningQuery>(queryPath(workspaceId, queryId)),
  });
}

export function useSaveQuery(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ queryId, input }: { queryId?: string; input: Partial<ListeningQueryInput> }) =>
      queryId
        ? api.patch<ListeningQuery>(queryPath(workspaceId, queryId), input)
        : api.post<ListeningQuery>(`${base(workspaceId)}/queries`, input),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.query(workspaceId, saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: keys.all(workspaceId) });
    },
  });
}

export function useDeleteQuery(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (queryId: string) => api.delete(queryPath(workspaceId, queryId)),
    onSuccess: (_answer, queryId) => {
      queryClient.removeQueries({ queryKey: keys.query(workspaceId, queryId) });
      return queryClient.invalidateQueries({ queryKey: keys.queries(workspaceId) });
    },
  });
}

/** What `query` would have matched among the last stored mentions; asked only for a query that parses. */
export function usePreview(workspaceId: string, query: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.all(workspaceId), 'preview', query],
    queryFn: () => api.post<Preview>(`${base(workspaceId)}/preview`, { query }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}

export function useTimeline(workspaceId: string, queryId: string, range: RangeName, live = LIVE_MS) {
  return useQuery({
    queryKey: keys.stats(workspaceId, queryId, 'timeline', range),
    queryFn: () =>
      api.get<Timeline>(`${queryPath(workspaceId, queryId)}/timeline?${rangeParams(range, true)}`),
    placeholderData: keepPreviousData,
    refetchInterval: live,
  });
}

export function useTop(workspaceId: string, queryId: string, range: RangeName) {
  return useQuery({
    queryKey: keys.stats(workspaceId, queryId, 'top', range),
    queryFn: () => api.get<QueryTop>(`${queryPath(workspaceId, queryId)}/top?${rangeParams(range, false)}`),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });
}

export function useShareOfVoice(workspaceId: string, queryIds: string[], range: RangeName) {
  return useQuery({
    queryKey: [...keys.all(workspaceId), 'shareOfVoice', queryIds.join(','), range],
    queryFn: () => {
      const params = rangeParams(range, false);
      params.set('queryIds', queryIds.join(','));
      return api.get<ShareOfVoice>(`${base(workspaceId)}/share-of-voice?${params}`);
    },
    enabled: queryIds.length > 1,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });
}

export function useMentions(workspaceId: string, queryId: string, range: RangeName, filters: MentionFilters) {
  return useInfiniteQuery({
    queryKey: keys.stats(workspaceId, queryId, 'mentions', range, filters),
    queryFn: ({ pageParam }) => {
      const params = rangeParams(range, false);
      for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
      if (pageParam !== undefined) params.set('before', String(pageParam));
      params.set('limit', '25');
      return api.get<{ mentions: Mention[]; nextCursor: number | null }>(
        `${queryPath(workspaceId, queryId)}/mentions?${params}`,
      );
    },
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });
}

export function useAlerts(workspaceId: string, live = LIVE_MS) {
  return useQuery({
    queryKey: keys.alerts(workspaceId),
    queryFn: () =>
      api.get<{ unread: number; alerts: ListeningAlert[] }>(`${base(workspaceId)}/alerts?limit=200`),
    refetchInterval: live,
  });
}

export function useMarkAlertRead(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) => api.post<void>(`${base(workspaceId)}/alerts/${enc(alertId)}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.alerts(workspaceId) }),
  });
}

export function useRetention(workspaceId: string) {
  return useQuery({
    queryKey: keys.retention(workspaceId),
    queryFn: () => api.get<{ days: number }>(`${base(workspaceId)}/retention`),
  });
}

export function useSetRetention(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (days: number) => api.put<{ days: number }>(`${base(workspaceId)}/retention`, { days }),
    onSuccess: (saved) => queryClient.setQueryData(keys.retention(workspaceId), saved),
  });
}
