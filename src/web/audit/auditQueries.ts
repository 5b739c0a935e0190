// The audit log's pages for the current filters, and the CSV address for the same filters.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api/apiClient.ts';

export interface AuditEvent {
  id: number;
  at: string;
  actor: { userId: string; name: string; email: string } | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

export interface AuditFilters {
  actionPrefix: string;
  actorId: string;
  targetType: string;
  targetId: string;
  /** Local calendar days, YYYY-MM-DD, both included. */
  fromDay: string;
  toDay: string;
}

export const NO_FILTERS: AuditFilters = {
  actionPrefix: '',
  actorId: '',
  targetType: '',
  targetId: '',
  fromDay: '',
  toDay: '',
};

/** The filters as query parameters; days become instants at the start of the local day (to: the day after). */
export function auditQuery(filters: AuditFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.actionPrefix) query.set('actionPrefix', filters.actionPrefix);
  if (filters.actorId) query.set('actorId', filters.actorId);
  if (filters.targetType.trim()) query.set('targetType', filters.targetType.trim());
  if (filters.targetId.trim()) query.set('targetId', filters.targetId.trim());
  const startOf = (day: string, plusDays = 0) => {
    const [y, m, d] = day.split('-').map(Number);
    return new Date(y!, m! - 1, d! + plusDays).toISOString();
  };
  if (/^\d{4}-\d{2}-\d{2}$/.test(filters.fromDay)) query.set('from', startOf(filters.fromDay));
  if (/^\d{4}-\d{2}-\d{2}$/.test(filters.toDay)) query.set('to', startOf(filters.toDay, 1));
  return query;
}

export function auditCsvHref(workspaceId: string, filters: AuditFilters): string {
  const query = auditQuery(filters).toString();
  return `/api/workspaces/${encodeURIComponent(workspaceId)}/audit-events.csv${query ? `?${query}` : ''}`;
}

export function useAuditEvents(workspaceId: string, filters: AuditFilters, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['workspace', workspaceId, 'audit', filters],
    queryFn: ({ pageParam }) => {
      const query = auditQuery(filters);
      query.set('limit', '50');
      if (pageParam) query.set('before', String(pageParam));
      return api.get<{ events: AuditEvent[]; nextCursor: number | null }>(
        `/workspaces/${encodeURIComponent(workspaceId)}/audit-events?${query}`,
      );
    },
    initialPageParam: 0,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled,
  });
}
