// Turns an audit event's before and after into the fields that changed, each shown as short text:
// a member's id as their name, a list of them as names, and a comment's mention tokens as "@Name".

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** How people are named in the values: a member's name by user id, and the word for no one. */
export interface PeopleNames {
  nameOf(userId: string): string | undefined;
  nobody: string;
}

const MAX = 120;
const MENTION = /@\[([^\]\n]{1,200})\]\(user:[0-9a-fA-F-]{36}\)/g;

/** Fields whose value is a member (or a list of members), by the names the commands give them. */
const namesPeople = (field: string) => /(Id|Ids|By)$/.test(field) || field === 'mentions';

function readable(field: string, value: unknown, people?: PeopleNames): string {
  if (people && namesPeople(field)) {
    if (value === null) return people.nobody;
    if (typeof value === 'string') return people.nameOf(value) ?? value;
    if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) {
      return value.length === 0 ? people.nobody : value.map((id) => people.nameOf(id) ?? id).join(', ');
    }
  }
  if (typeof value === 'string') return value.replace(MENTION, '@$1');
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

export function shortValue(value: unknown, field = '', people?: PeopleNames): string {
  const text = readable(field, value, people);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields whose values differ, in the order they appear; a value absent on one side is null there. */
export function fieldChanges(before: unknown, after: unknown, people?: PeopleNames): FieldChange[] {
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
      before: field in b ? shortValue(b[field], field, people) : null,
      after: field in a ? shortValue(a[field], field, people) : null,
    }));
}
