import { describe, expect, it } from 'vitest';
import { hasFilters, postsQuery, readPlannerParams, writePlannerParams } from './plannerParams.ts';

describe('planner address parameters', () => {
  it('reads the view, day and filters, ignoring what it does not know', () => {
    const params = new URLSearchParams(
      'view=month&date=2026-03-05&account=a1&account=a2&account=a1&status=failed&status=nonsense&status=cancelled&tag=%20launch%20',
    );
    expect(readPlannerParams(params)).toEqual({
      view: 'month',
      day: '2026-03-05',
      accountIds: ['a1', 'a2'],
      statuses: ['failed'],
      tag: 'launch',
    });
  });

  it('falls back to this week for a missing or broken address', () => {
    expect(readPlannerParams(new URLSearchParams('view=year&date=2026-02-31'))).toEqual({
      view: 'week',
      day: null,
      accountIds: [],
      statuses: [],
      tag: '',
    });
  });

  it('writes changes back, keeping other parameters and leaving defaults out', () => {
    const start = new URLSearchParams('view=month&account=a1&other=1');
    const next = writePlannerParams(start, {
      view: 'week',
      day: '2026-03-05',
      accountIds: ['a2', 'a3'],
      statuses: ['scheduled', 'published'],
      tag: '',
    });
    expect(next.toString()).toBe(
      'other=1&date=2026-03-05&account=a2&account=a3&status=scheduled&status=published',
    );
    expect(readPlannerParams(next)).toMatchObject({ view: 'week', accountIds: ['a2', 'a3'] });
    expect(start.toString()).toBe('view=month&account=a1&other=1');
  });

  it('round-trips through the address', () => {
    const params = {
      view: 'list' as const,
      day: '2026-12-01',
      accountIds: ['x'],
      statuses: ['draft' as const],
      tag: 'eid',
    };
    expect(readPlannerParams(writePlannerParams(new URLSearchParams(), params))).toEqual(params);
    expect(hasFilters(params)).toBe(true);
    expect(hasFilters({ ...params, accountIds: [], statuses: [], tag: '' })).toBe(false);
  });

  it('asks the API for the range with the filters under its own names', () => {
    const query = new URLSearchParams(
      postsQuery(
        { from: new Date('2026-03-01T18:00:00Z'), to: new Date('2026-03-08T18:00:00Z') },
        { accountIds: ['a1', 'a2'], statuses: ['failed'], tag: 'eid' },
      ),
    );
    expect(query.get('from')).toBe('2026-03-01T18:00:00.000Z');
    expect(query.get('to')).toBe('2026-03-08T18:00:00.000Z');
    expect(query.getAll('accountId')).toEqual(['a1', 'a2']);
    expect(query.getAll('status')).toEqual(['failed']);
    expect(query.get('tag')).toBe('eid');
  });
});
