import { describe, expect, it } from 'vitest';
import { formatDateTime } from './localeFormat.ts';

// Times are shown in the machine's time zone, so the checks hold in any zone.
describe('formatDateTime', () => {
  it('uses a 24-hour clock with Bengali digits in Bengali', () => {
    const text = formatDateTime('bn', '2026-11-26T18:25:00Z');
    expect(text).not.toMatch(/AM|PM|পূর্বাহ্ণ|অপরাহ্ণ|[0-9]/);
    expect(text).toMatch(/[০-৯]{1,2}:[০-৯]{2}/);
  });

  it('uses a 24-hour clock in English', () => {
    expect(formatDateTime('en', '2026-11-26T00:05:00Z')).not.toMatch(/am|pm/i);
  });
});
