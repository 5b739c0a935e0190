// Reads the date-time of an imported row: in the order of day, month and year the person chose
// (Hootsuite's bulk composer lets them pick DD/MM/YYYY or MM/DD/YYYY), or as ISO 8601, which is always
// understood. A time without an offset is a wall time in the person's time zone.
import { instantOf, type WallTime } from '../../core/zonedTime.ts';

export const DATE_FORMATS = ['DMY', 'MDY', 'YMD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** How each order is written, for messages and for the example file. */
export const DATE_FORMAT_PATTERNS: Record<DateFormat, string> = {
  DMY: 'DD/MM/YYYY HH:mm',
  MDY: 'MM/DD/YYYY HH:mm',
  YMD: 'YYYY-MM-DD HH:mm',
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// Day, month and year in some order, separated by /, - or .; then the time, 24-hour or with AM/PM.
const NUMERIC =
  /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:,?\s+|T)(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validWall(w: WallTime): boolean {
  return (
    w.year >= 1970 &&
    w.year <= 9999 &&
    w.month >= 1 &&
    w.month <= 12 &&
    w.day >= 1 &&
    w.day <= daysInMonth(w.year, w.month) &&
    w.hour >= 0 &&
    w.hour <= 23 &&
    w.minute >= 0 &&
    w.minute <= 59
  );
}

/** The instant the text names, or undefined when it is not a date-time in the chosen order or ISO 8601. */
export function parseImportDate(value: string, format: DateFormat, timeZone: string): Date | undefined {
  const text = value.trim().replace(/\s+/g, ' ');
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, offset] = iso;
    const wall = { year: +y!, month: +mo!, day: +d!, hour: +h!, minute: +mi! };
    if (!validWall(wall) || (s !== undefined && +s > 59)) return undefined;
    if (offset) {
      const minutes = offsetMinutes(offset);
      if (minutes === undefined) return undefined;
      return new Date(
        Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, s ? +s : 0) - minutes * 60_000,
      );
    }
    return instantOf(wall, timeZone);
  }
  const numeric = NUMERIC.exec(text);
  if (!numeric) return undefined;
  const [, a, b, c, h, mi, s, meridiem] = numeric;
  const parts = { a: +a!, b: +b!, c: +c! };
  // Four digits first is a year whatever the chosen order: 2026/12/01 is never ambiguous.
  const ymd = a!.length === 4 ? 'YMD' : format;
  if (ymd === 'YMD' && a!.length !== 4) return undefined;
  if (ymd !== 'YMD' && c!.length !== 4) return undefined;
  const [year, month, day] =
    ymd === 'YMD'
      ? [parts.a, parts.b, parts.c]
      : ymd === 'DMY'
        ? [parts.c, parts.b, parts.a]
        : [parts.c, parts.a, parts.b];
  let hour = +h!;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = meridiem.toLowerCase().startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const wall = { year, month, day, hour, minute: +mi! };
  if (!validWall(wall) || (s !== undefined && +s > 59)) return undefined;
  return instantOf(wall, timeZone);
}

function offsetMinutes(offset: string): number | undefined {
  if (offset.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!match) return undefined;
  const hours = +match[2]!;
  const minutes = +match[3]!;
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
