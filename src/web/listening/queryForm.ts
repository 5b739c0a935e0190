// The query editor's form: its values as typed (numbers as text, one address per line), read from a
// stored query, and turned into the body the server takes. Numbers that are not numbers are named
// here, before sending; the server checks their ranges and answers in its own words.
import type { ListeningQuery, ListeningQueryInput } from './listeningApi.ts';

export interface QueryFormValues {
  name: string;
  query: string;
  active: boolean;
  ownBrand: boolean;
  /** One address per line. */
  mastodonInstances: string;
  /** One address per line. */
  feedUrls: string;
  spikeSigma: string;
  spikeMinCount: string;
  negativeJumpPoints: string;
  alertCooldownMinutes: string;
  alertEmail: boolean;
}

export const NUMBER_FIELDS = [
  'spikeSigma',
  'spikeMinCount',
  'negativeJumpPoints',
  'alertCooldownMinutes',
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** The server's defaults for a new query. */
export const NEW_QUERY: QueryFormValues = {
  name: '',
  query: '',
  active: true,
  ownBrand: false,
  mastodonInstances: '',
  feedUrls: '',
  spikeSigma: '3',
  spikeMinCount: '10',
  negativeJumpPoints: '20',
  alertCooldownMinutes: '60',
  alertEmail: false,
};

export function formFromQuery(query: ListeningQuery): QueryFormValues {
  return {
    name: query.name,
    query: query.query,
    active: query.active,
    ownBrand: query.ownBrand,
    mastodonInstances: query.mastodonInstances.join('\n'),
    feedUrls: query.feedUrls.join('\n'),
    spikeSigma: String(query.spikeSigma),
    spikeMinCount: String(query.spikeMinCount),
    negativeJumpPoints: String(query.negativeJumpPoints),
    alertCooldownMinutes: String(query.alertCooldownMinutes),
    alertEmail: query.alertEmail,
  };
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** Reads a number typed with Latin or Bengali digits, and a comma or a point for decimals. */
export function readNumber(text: string): number | undefined {
  const latin = text
    .trim()
    .replace(/[০-৯]/g, (digit) => String(digit.charCodeAt(0) - 0x09e6))
    .replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(latin)) return undefined;
  return Number(latin);
}

export type FormResult = { ok: true; body: ListeningQueryInput } | { ok: false; notNumbers: NumberField[] };

export function bodyFromForm(values: QueryFormValues): FormResult {
  const numbers = Object.fromEntries(
    NUMBER_FIELDS.map((field) => [field, readNumber(values[field])]),
  ) as Record<NumberField, number | undefined>;
  const notNumbers = NUMBER_FIELDS.filter((field) => numbers[field] === undefined);
  if (notNumbers.length > 0) return { ok: false, notNumbers };
  return {
    ok: true,
    body: {
      name: values.name,
      query: values.query,
      active: values.active,
      ownBrand: values.ownBrand,
      mastodonInstances: lines(values.mastodonInstances),
      feedUrls: lines(values.feedUrls),
      spikeSigma: numbers.spikeSigma!,
      spikeMinCount: numbers.spikeMinCount!,
      negativeJumpPoints: numbers.negativeJumpPoints!,
      alertCooldownMinutes: numbers.alertCooldownMinutes!,
      alertEmail: values.alertEmail,
    },
  };
}

const FORM_FIELDS = new Set<string>(Object.keys(NEW_QUERY));

/**
 * The messages of a server error for the form's fields (`mastodonInstances.2` belongs to the instances
 * box), and the names of every error field the form shows beside an input.
 */
export function fieldMessages(fields: Record<string, string>): {
  messages: Partial<Record<keyof QueryFormValues, string>>;
  shown: string[];
} {
  const messages: Partial<Record<keyof QueryFormValues, string>> = {};
  const shown: string[] = [];
  for (const [key, message] of Object.entries(fields)) {
    // The column of a query mistake comes with its sentence, which already names it.
    if (key === 'queryColumn') {
      shown.push(key);
      continue;
    }
    const field = key.split('.')[0] ?? '';
    if (!FORM_FIELDS.has(field)) continue;
    const name = field as keyof QueryFormValues;
    messages[name] = messages[name] ? `${messages[name]} ${message}` : message;
    shown.push(key);
  }
  return { messages, shown };
}
