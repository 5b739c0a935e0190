import { describe, expect, it } from 'vitest';
import { fieldChanges } from './auditChanges.ts';

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
});
