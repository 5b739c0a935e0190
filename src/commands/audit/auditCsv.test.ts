import { describe, expect, it } from 'vitest';
import { parseCsv } from '../imports/parseCsv.ts';
import { auditCsvLine, csvCell } from './auditCsv.ts';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+880 17', "'+880 17"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('auditCsvLine', () => {
  it('reads back as the same fields', () => {
    const line = auditCsvLine({
      at: new Date('2026-03-01T10:00:00.123Z'),
      actorName: 'Rina, "R"',
      actorEmail: null,
      action: 'comment.created',
      targetType: 'comment',
      targetId: 'c1',
      before: null,
      after: { body: 'a\r\nb, "c"' },
    });
    expect(line.endsWith('\r\n')).toBe(true);
    expect(parseCsv(line)[0]!.fields).toEqual([
      '2026-03-01T10:00:00.123Z',
      'Rina, "R"',
      '',
      'comment.created',
      'comment',
      'c1',
      '',
      '{"body":"a\\r\\nb, \\"c\\""}',
    ]);
  });
});
