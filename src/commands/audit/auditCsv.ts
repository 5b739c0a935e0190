// Writes audit events as CSV (RFC 4180): every cell quoted when it holds a comma, quote or line break,
// and a cell that a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage
// return) is prefixed with an apostrophe so it stays text.

export const AUDIT_CSV_COLUMNS = [
  'time',
  'actor_name',
  'actor_email',
  'action',
  'target_type',
  'target_id',
  'before',
  'after',
] as const;

export interface AuditCsvRow {
  at: Date;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function auditCsvHeader(): string {
  return csvLine(AUDIT_CSV_COLUMNS);
}

export function auditCsvLine(row: AuditCsvRow): string {
  return csvLine([
    row.at.toISOString(),
    row.actorName ?? '',
    row.actorEmail ?? '',
    row.action,
    row.targetType,
    row.targetId,
    json(row.before),
    json(row.after),
  ]);
}
