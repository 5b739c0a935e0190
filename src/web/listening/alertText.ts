// The sentence of a spike alert, as a text key and its values: a volume spike says how many mentions
// came in the window against the usual number; a negative spike says how the negative share rose.
import type { ListeningAlert } from './listeningApi.ts';

export interface AlertFormat {
  number: (value: number) => string;
  decimal: (value: number) => string;
  percent: (share: number) => string;
  time: (iso: string) => string;
}

export function alertText(
  alert: ListeningAlert,
  format: AlertFormat,
): { key: 'listening.alerts.volume' | 'listening.alerts.negative'; values: Record<string, string> } {
  const common = {
    query: alert.queryName,
    count: format.number(alert.count),
    start: format.time(alert.windowStart),
    end: format.time(alert.windowEnd),
  };
  if (alert.kind === 'negative' && alert.negativeShare !== null) {
    return {
      key: 'listening.alerts.negative',
      values: {
        ...common,
        share: format.percent(alert.negativeShare),
        baseline: format.percent(alert.baselineShare ?? 0),
      },
    };
  }
  return { key: 'listening.alerts.volume', values: { ...common, mean: format.decimal(alert.mean) } };
}
