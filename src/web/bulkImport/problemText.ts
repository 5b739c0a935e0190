// A problem of an imported row in the page's language: the server gives a code and its values; the
// server's English sentence stands in for codes this page does not know.
import type { TFunction } from 'i18next';
import type { ImportProblem } from './importApi.ts';

/** Values that are counts or row numbers, written in the page's digits. */
const NUMERIC = new Set(['used', 'limit', 'row', 'count', 'max']);

const KNOWN = new Set([
  'too_many_rows',
  'date_missing',
  'date_unparseable',
  'in_past',
  'empty_message',
  'link_invalid',
  'unknown_account',
  'no_account',
  'over_limit',
  'duplicate_in_file',
  'duplicate_scheduled',
  'image_url_invalid',
  'image_refused',
  'image_unusable',
  'alt_required',
  'extra_columns',
  'server',
]);

export function problemText(
  problem: ImportProblem,
  t: TFunction,
  number: (value: number) => string,
  scope: 'problems' | 'fileProblems' = 'problems',
): string {
  if (!KNOWN.has(problem.code)) return problem.message;
  const values: Record<string, string> = { reason: problem.message };
  for (const [key, value] of Object.entries(problem.params)) {
    values[key] = NUMERIC.has(key) && typeof value === 'number' ? number(value) : String(value);
  }
  return t(`bulkImport.${scope}.${problem.code}`, { ...values, defaultValue: problem.message });
}
