// Dates of imported rows in each order, ISO 8601, and the person's time zone.
import { describe, expect, it } from 'vitest';
import { parseImportDate } from './importDate.ts';

const iso = (d: Date | undefined) => d?.toISOString();

describe('parseImportDate', () => {
  it.each([
    ['01/12/2026 09:30', 'DMY', 'UTC', '2026-12-01T09:30:00.000Z'],
    ['12/01/2026 09:30', 'MDY', 'UTC', '2026-12-01T09:30:00.000Z'],
    ['2026/12/01 09:30', 'YMD', 'UTC', '2026-12-01T09:30:00.000Z'],
    ['1/2/2027 7:05', 'DMY', 'UTC', '2027-02-01T07:05:00.000Z'],
    ['01.12.2026 23:59', 'DMY', 'UTC', '2026-12-01T23:59:00.000Z'],
    ['01-12-2026 09:30:15', 'DMY', 'UTC', '2026-12-01T09:30:00.000Z'],
    ['12/01/2026 9:30 PM', 'MDY', 'UTC', '2026-12-01T21:30:00.000Z'],
    ['12/01/2026 12:10 am', 'MDY', 'UTC', '2026-12-01T00:10:00.000Z'],
    // A four-digit year first is read as year, month, day whatever the chosen order.
    ['2026/12/01 09:30', 'DMY', 'UTC', '2026-12-01T09:30:00.000Z'],
    // Wall times are read in the person's zone: Dhaka is UTC+6.
    ['01/12/2026 09:30', 'DMY', 'Asia/Dhaka', '2026-12-01T03:30:00.000Z'],
    ['2026-12-01T09:30', 'MDY', 'Asia/Dhaka', '2026-12-01T03:30:00.000Z'],
    ['2026-12-01 09:30', 'DMY', 'America/New_York', '2026-12-01T14:30:00.000Z'],
    // An offset in the text wins over the zone.
    ['2026-12-01T09:30:00+06:00', 'DMY', 'America/New_York', '2026-12-01T03:30:00.000Z'],
    ['2026-12-01T09:30:00Z', 'DMY', 'Asia/Dhaka', '2026-12-01T09:30:00.000Z'],
    ['2026-12-01T09:30:00.250-0330', 'DMY', 'UTC', '2026-12-01T13:00:00.000Z'],
  ] as const)('reads %s (%s, %s)', (text, format, zone, expected) => {
    expect(iso(parseImportDate(text, format, zone))).toBe(expected);
  });

  it.each([
    ['13/25/2026 09:30', 'MDY'],
    ['31/02/2026 09:30', 'DMY'],
    ['29/02/2027 09:30', 'DMY'],
    ['01/12/2026', 'DMY'],
    ['01/12/26 09:30', 'DMY'],
    ['01/12/2026 24:00', 'DMY'],
    ['01/12/2026 13:00 PM', 'DMY'],
    ['tomorrow at nine', 'DMY'],
    ['2026-13-01T09:30', 'DMY'],
    ['2026-12-01T09:30+25:00', 'DMY'],
    ['', 'DMY'],
  ] as const)('refuses %s (%s)', (text, format) => {
    expect(parseImportDate(text, format, 'UTC')).toBeUndefined();
  });

  it('reads 29 February in a leap year', () => {
    expect(iso(parseImportDate('29/02/2028 10:00', 'DMY', 'UTC'))).toBe('2028-02-29T10:00:00.000Z');
  });
});
