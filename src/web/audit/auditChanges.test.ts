import { describe, expect, it } from 'vitest';
import { fieldChanges } from './auditChanges.ts';

const ARIF = '0b7c4f9e-2d1a-4c3b-9e8f-1a2b3c4d5e6f';
const people = {
  nameOf: (id: string) => (id === ARIF ? 'Arif Hossain' : undefined),
  nobody: 'nobody',
};

describe('fieldChanges', () => {
  it('lists only fields that differ', () => {
    expect(fieldChanges({ role: 'viewer', name: 'A' }, { role: 'editor', name: 'A' })).toEqual([
      { field: 'role', before: 'viewer', after: 'editor' },
    ]);
  });

  it('shows fields only on one side, and nested values as JSON', () => {
    expect(fieldChanges(null, { slots: [{ day: 1 }], tz: 'Asia/Dhaka' })).toEqual([
      { field: 'slots', before: null, after: '[{"day":1}]' },
      { field: 'tz', before: null, after: 'Asia/Dhaka' },
    ]);
    expect(fieldChanges({ role: 'viewer' }, null)).toEqual([
      { field: 'role', before: 'viewer', after: null },
    ]);
  });

  it('handles plain values and nothing at all', () => {
    expect(fieldChanges(null, null)).toEqual([]);
    expect(fieldChanges(null, 'x'.repeat(200))[0]!.after).toHaveLength(120);
    expect(fieldChanges(1, 2)).toEqual([{ field: '', before: '1', after: '2' }]);
  });

  it('names members by their ids, says nobody for none, and shows lists of words as lists', () => {
    expect(fieldChanges({ assigneeId: null }, { assigneeId: ARIF }, people)).toEqual([
      { field: 'assigneeId', before: 'nobody', after: 'Arif Hossain' },
    ]);
    expect(fieldChanges({ mentions: [] }, { mentions: [ARIF, 'someone-gone'] }, people)).toEqual([
      { field: 'mentions', before: 'nobody', after: 'Arif Hossain, someone-gone' },
    ]);
    expect(fieldChanges({ tags: ['urgent'] }, { tags: ['urgent', 'eid'] }, people)).toEqual([
      { field: 'tags', before: 'urgent', after: 'urgent, eid' },
    ]);
    // Without names an id stays as it is.
    expect(fieldChanges({ assigneeId: null }, { assigneeId: ARIF })[0]!.after).toBe(ARIF);
  });

  it('shows a comment’s mention tokens as @Name', () => {
    expect(fieldChanges(null, { body: `Can @[Arif Hossain](user:${ARIF}) answer this?` })).toEqual([
      { field: 'body', before: null, after: 'Can @Arif Hossain answer this?' },
    ]);
  });
});
