// The planner's state that belongs in the address, so a reload, a bookmark or a shared link shows the
// same calendar: the view, the day it is around, and the filters.
import { type Day, isDay, PLANNER_VIEWS, type PlannerView } from './calendarDates.ts';
import { isShownStatus, type ShownStatus } from './plannedPosts.ts';

export interface PlannerParams {
  view: PlannerView;
  /** The day the view is around; null for today. */
  day: Day | null;
  accountIds: string[];
  statuses: ShownStatus[];
  tag: string;
}

export function readPlannerParams(params: URLSearchParams): PlannerParams {
  const view = params.get('view');
  const day = params.get('date');
  return {
    view: PLANNER_VIEWS.includes(view as PlannerView) ? (view as PlannerView) : 'week',
    day: isDay(day) ? day : null,
    accountIds: unique(params.getAll('account').filter((id) => id !== '')),
    statuses: unique(params.getAll('status').filter(isShownStatus)),
    tag: (params.get('tag') ?? '').trim(),
  };
}

/** The address's parameters with `changes` made; others (of other features) are kept. */
export function writePlannerParams(
  current: URLSearchParams,
  changes: Partial<PlannerParams>,
): URLSearchParams {
  const next = new URLSearchParams(current);
  if (changes.view !== undefined) setOrDelete(next, 'view', changes.view === 'week' ? '' : changes.view);
  if (changes.day !== undefined) setOrDelete(next, 'date', changes.day ?? '');
  if (changes.accountIds !== undefined) setAll(next, 'account', changes.accountIds);
  if (changes.statuses !== undefined) setAll(next, 'status', changes.statuses);
  if (changes.tag !== undefined) setOrDelete(next, 'tag', changes.tag.trim());
  return next;
}

/** The query string of GET /api/workspaces/:ws/posts for a range and the filters. */
export function postsQuery(
  range: { from: Date; to: Date },
  filters: Pick<PlannerParams, 'accountIds' | 'statuses' | 'tag'>,
): string {
  const query = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() });
  for (const status of filters.statuses) query.append('status', status);
  for (const accountId of filters.accountIds) query.append('accountId', accountId);
  if (filters.tag) query.set('tag', filters.tag);
  return query.toString();
}

export function hasFilters(params: PlannerParams): boolean {
  return params.accountIds.length > 0 || params.statuses.length > 0 || params.tag !== '';
}

function setOrDelete(params: URLSearchParams, name: string, value: string) {
  if (value) params.set(name, value);
  else params.delete(name);
}

function setAll(params: URLSearchParams, name: string, values: readonly string[]) {
  params.delete(name);
  for (const value of unique(values)) params.append(name, value);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
