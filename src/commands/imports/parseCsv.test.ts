// The CSV reader on the shapes spreadsheets and Hootsuite's template produce.
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './parseCsv.ts';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it.each([
    [
      'plain fields',
      'a,b,c\n1,2,3\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'no line break at the end',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'old Mac CR line ends',
      'a,b\r1,2\r',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a byte-order mark', '\uFEFFdate,message\n', [['date', 'message']]],
    ['a quoted comma', '"Hello, world",x', [['Hello, world', 'x']]],
    ['doubled quotes', '"She said ""hi""",x', [['She said "hi"', 'x']]],
    ['a quoted empty field', '"",x', [['', 'x']]],
    ['only a doubled quote', '"""",x', [['"', 'x']]],
    ['a line break inside quotes', '"line one\nline two",x\n', [['line one\nline two', 'x']]],
    ['a CRLF inside quotes, kept as LF', '"one\r\ntwo",x\r\n', [['one\ntwo', 'x']]],
    [
      'empty fields',
      'a,,c\n,,\n',
      [
        ['a', '', 'c'],
        ['', '', ''],
      ],
    ],
    ['blank lines left out', 'a\n\n\r\nb\n', [['a'], ['b']]],
    ['a quote in the middle of a field is kept', 'say "hi" now,x', [['say "hi" now', 'x']]],
    ['a trailing comma', 'a,b,\n', [['a', 'b', '']]],
    [
      'Bengali text',
      'তারিখ,বার্তা\n"০১/১২","নমস্কার, বন্ধুরা"',
      [
        ['তারিখ', 'বার্তা'],
        ['০১/১২', 'নমস্কার, বন্ধুরা'],
      ],
    ],
  ])('reads %s', (_name, text, expected) => {
    expect(fields(text)).toEqual(expected);
  });

  it('numbers each record by the line it starts on', () => {
    const records = parseCsv('a,b\n"two\nlines",c\n\nd,e\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('refuses a quoted field that is never closed, naming its line', () => {
    let error: unknown;
    try {
      parseCsv('a,b\n1,"open\n2,3\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(2);
    expect((error as CsvSyntaxError).message).toMatch(/line 2 is never closed/);
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF\r\n')).toEqual([]);
  });
});
