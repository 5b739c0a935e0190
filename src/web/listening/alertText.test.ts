import { describe, expect, it } from 'vitest';
import { alertText } from './alertText.ts';
import type { ListeningAlert } from './listeningApi.ts';

const alert: ListeningAlert = {
  id: 'a1',
  queryId: 'q1',
  queryName: 'Kolorob',
  kind: 'volume',
  windowStart: '2025-11-26T08:00:00.000Z',
  windowEnd: '2025-11-26T08:15:00.000Z',
  count: 42,
  mean: 3.25,
  stdDev: 1.5,
  negativeShare: null,
  baselineShare: null,
  read: false,
  createdAt: '2025-11-26T08:15:02.000Z',
  suggestCrisisMode: false,
};
const format = {
  number: (n: number) => `n${n}`,
  decimal: (n: number) => `d${n}`,
  percent: (s: number) => `${Math.round(s * 100)}%`,
  time: (iso: string) => iso.slice(11, 16),
};

describe('alertText', () => {
  it('says how many mentions a volume spike brought against the usual number', () => {
    expect(alertText(alert, format)).toEqual({
      key: 'listening.alerts.volume',
      values: { query: 'Kolorob', count: 'n42', start: '08:00', end: '08:15', mean: 'd3.25' },
    });
  });

  it('says how far the negative share rose', () => {
    expect(
      alertText({ ...alert, kind: 'negative', negativeShare: 0.61, baselineShare: 0.18 }, format),
    ).toEqual({
      key: 'listening.alerts.negative',
      values: { query: 'Kolorob', count: 'n42', start: '08:00', end: '08:15', share: '61%', baseline: '18%' },
    });
  });
});
