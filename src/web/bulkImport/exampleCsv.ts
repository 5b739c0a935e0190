// The example file the import page offers: three posts for tomorrow in the chosen date order, with the
// columns Kolorob reads, written the way a spreadsheet writes CSV (quotes where needed, CRLF, and a
// byte-order mark so Excel reads the Bengali text as UTF-8).
import type { DateFormat } from './importApi.ts';

export const EXAMPLE_COLUMNS = ['date', 'message', 'link', 'accounts', 'image', 'alt'] as const;

/** A field as CSV: quoted when it holds a comma, a quote or a line break, with quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day after `now` in the zone, as year, month and day. */
function tomorrowIn(timeZone: string, now: Date): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const next = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

export function formatWallTime(
  format: DateFormat,
  date: { year: number; month: number; day: number },
  time: string,
): string {
  const { year, month, day } = date;
  if (format === 'DMY') return `${pad(day)}/${pad(month)}/${year} ${time}`;
  if (format === 'MDY') return `${pad(month)}/${pad(day)}/${year} ${time}`;
  return `${year}-${pad(month)}-${pad(day)} ${time}`;
}

export interface ExampleInput {
  dateFormat: DateFormat;
  timeZone: string;
  /** Three messages in the person's language; the third shows a line break inside a field. */
  messages: [string, string, string];
  /** A handle for the accounts column of the first row, when the workspace has an account. */
  handle?: string;
  now?: Date;
}

export function exampleCsv(input: ExampleInput): string {
  const day = tomorrowIn(input.timeZone, input.now ?? new Date());
  const rows = [
    [
      formatWallTime(input.dateFormat, day, '09:00'),
      input.messages[0],
      'https://example.com/menu',
      input.handle ? `@${input.handle}` : '',
      '',
      '',
    ],
    [formatWallTime(input.dateFormat, day, '12:30'), input.messages[1], '', '', '', ''],
    [formatWallTime(input.dateFormat, day, '18:00'), input.messages[2], '', '', '', ''],
  ];
  return `\uFEFF${[[...EXAMPLE_COLUMNS], ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
