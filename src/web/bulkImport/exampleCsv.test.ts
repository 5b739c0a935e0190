// The example file the page offers reads back, through the server's own CSV reader and date parser, as
// the three posts it shows; and files saved in other encodings are read as text.
import { describe, expect, it } from 'vitest';
import { columnNamed } from '../../commands/imports/importColumns.ts';
import { parseImportDate } from '../../commands/imports/importDate.ts';
import { parseCsv } from '../../commands/imports/parseCsv.ts';
import { exampleCsv } from './exampleCsv.ts';
import { decodeCsvBytes } from './readCsvFile.ts';

const messages: [string, string, string] = [
  'শুভ সকাল! নতুন মেনু এসেছে, তিনটি নতুন পদ সহ।',
  'Lunch special: "Hilsa curry" today only.',
  'Two lines:\nsee you tomorrow',
];

describe('exampleCsv', () => {
  it.each(['DMY', 'MDY', 'YMD'] as const)('reads back as three posts for tomorrow (%s)', (dateFormat) => {
    const now = new Date('2026-03-31T20:00:00Z');
    const csv = exampleCsv({ dateFormat, timeZone: 'Asia/Dhaka', messages, handle: 'alice.test', now });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv).map((r) => r.fields);
    expect(header!.map(columnNamed)).toEqual(['date', 'message', 'link', 'accounts', 'image', 'alt']);
    expect(rows.map((r) => r[1])).toEqual(messages);
    expect(rows[0]![3]).toBe('@alice.test');
    // 20:00 UTC on 31 March is 02:00 on 1 April in Dhaka, so tomorrow there is 2 April.
    expect(rows.map((r) => parseImportDate(r[0]!, dateFormat, 'Asia/Dhaka')?.toISOString())).toEqual([
      '2026-04-02T03:00:00.000Z',
      '2026-04-02T06:30:00.000Z',
      '2026-04-02T12:00:00.000Z',
    ]);
  });
});

describe('decodeCsvBytes', () => {
  it('reads UTF-8, UTF-16 with its mark, and falls back to Windows-1252', () => {
    const text = 'date,message\n01/12/2026 09:30,নমস্কার';
    expect(decodeCsvBytes(new TextEncoder().encode(text))).toEqual({ text, legacyEncoding: false });
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer),
    ]);
    expect(decodeCsvBytes(utf16)).toEqual({ text, legacyEncoding: false });
    expect(decodeCsvBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toEqual({
      text: 'café',
      legacyEncoding: true,
    });
  });
});
