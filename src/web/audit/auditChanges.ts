// Turns an audit event's before and after into the fields that changed, each shown as short text.

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

const MAX = 120;

export function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields whose values differ, in the order they appear; a value absent on one side is null there. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (before === null || before === undefined) {
      return after === null || after === undefined
        ? []
        : [{ field: '', before: null, after: shortValue(after) }];
    }
    return [{ field: '', before: shortValue(before), after: after == null ? null : shortValue(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((field) => JSON.stringify(b[field]) !== JSON.stringify(a[field]))
    .map((field) => ({
      field,
      before: field in b ? shortValue(b[field]) : null,
      after: field in a ? shortValue(a[field]) : null,
    }));
}
