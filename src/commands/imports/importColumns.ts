// Which column of an import file holds what. Without a header the columns are Hootsuite's bulk layout
// (date-time, message, link) followed by Kolorob's own optional ones (accounts, image address, image
// description); with a header they are found by name, in English or Bengali.
import type { CsvRecord } from './parseCsv.ts';

export type ImportColumn = 'datetime' | 'date' | 'time' | 'message' | 'link' | 'accounts' | 'image' | 'alt';

/** The columns in order when the file has no header row. */
export const POSITIONAL_COLUMNS: ImportColumn[] = ['datetime', 'message', 'link', 'accounts', 'image', 'alt'];

const NAMES: Record<ImportColumn, string[]> = {
  datetime: ['datetime', 'dateandtime', 'scheduledat', 'scheduledtime', 'publishat', 'when', 'তারিখওসময়'],
  date: ['date', 'day', 'তারিখ'],
  time: ['time', 'hour', 'সময়'],
  message: ['message', 'text', 'post', 'content', 'body', 'caption', 'বার্তা', 'লেখা', 'পোস্ট'],
  link: ['link', 'url', 'linkurl', 'লিংক', 'লিঙ্ক'],
  accounts: ['accounts', 'account', 'handles', 'handle', 'profiles', 'profile', 'socialprofiles', 'অ্যাকাউন্ট'],
  image: ['image', 'imageurl', 'imagelink', 'media', 'mediaurl', 'picture', 'photo', 'ছবি'],
  alt: ['alt', 'alttext', 'imagealt', 'imagedescription', 'description', 'ছবিরবর্ণনা', 'বর্ণনা'],
};

const COLUMN_BY_NAME = new Map(
  (Object.entries(NAMES) as [ImportColumn, string[]][]).flatMap(([column, names]) =>
    names.map((name) => [name, column] as const),
  ),
);

/** "Date (required)" and "image_url" become "date" and "imageurl". */
function normalizeName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]/gu, '');
}

export function columnNamed(name: string): ImportColumn | undefined {
  return COLUMN_BY_NAME.get(normalizeName(name));
}

export interface ColumnLayout {
  hasHeader: boolean;
  /** The column each field index holds; undefined for columns Kolorob does not read. */
  columns: (ImportColumn | undefined)[];
  /** Header names that matched no column. */
  ignored: string[];
}

/** Guesses whether the first record is a header: it names at least one column and holds no date. */
export function looksLikeHeader(record: CsvRecord | undefined, isDate: (value: string) => boolean): boolean {
  if (!record) return false;
  const named = record.fields.some((field) => columnNamed(field) !== undefined);
  return named && !record.fields.some(isDate);
}

/** The layout of a header row, or the reason it cannot be used. */
export function headerLayout(header: CsvRecord): ColumnLayout | { problem: string } {
  const columns: (ImportColumn | undefined)[] = [];
  const ignored: string[] = [];
  const seen = new Set<ImportColumn>();
  for (const name of header.fields) {
    const column = columnNamed(name);
    if (column && !seen.has(column)) {
      seen.add(column);
      columns.push(column);
    } else {
      columns.push(undefined);
      if (name.trim() !== '') ignored.push(name.trim());
    }
  }
  if (!seen.has('datetime') && !seen.has('date')) {
    return {
      problem:
        'The header row has no date column. Name the columns date, time, message, link, accounts, image and alt, or import without a header row.',
    };
  }
  if (!seen.has('message')) {
    return {
      problem:
        'The header row has no message column. Name the columns date, time, message, link, accounts, image and alt, or import without a header row.',
    };
  }
  return { hasHeader: true, columns, ignored };
}

export interface RowCells {
  /** The date and time as one text. */
  when: string;
  message: string;
  link: string;
  accounts: string;
  image: string;
  alt: string;
  /** Non-empty fields in columns Kolorob does not read, when the file has no header. */
  extra: number;
}

export function cellsOf(record: CsvRecord, layout: ColumnLayout): RowCells {
  const cell: Partial<Record<ImportColumn, string>> = {};
  let extra = 0;
  record.fields.forEach((value, index) => {
    const column = layout.columns[index];
    if (column) cell[column] = value;
    else if (!layout.hasHeader && value.trim() !== '') extra += 1;
  });
  const hasTimeColumn = layout.columns.includes('time');
  const when =
    cell.datetime ??
    (hasTimeColumn ? `${(cell.date ?? '').trim()} ${(cell.time ?? '').trim()}` : (cell.date ?? ''));
  return {
    when: when.trim(),
    message: (cell.message ?? '').trim(),
    link: (cell.link ?? '').trim(),
    accounts: (cell.accounts ?? '').trim(),
    image: (cell.image ?? '').trim(),
    alt: (cell.alt ?? '').trim(),
    extra,
  };
}
