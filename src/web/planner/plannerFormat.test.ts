import { describe, expect, it } from 'vitest';
import { plannerFormat } from './plannerFormat.ts';

describe('planner times', () => {
  it('reads wholly in Bengali, on a 24-hour clock, in Bengali', () => {
    const bn = plannerFormat('bn', 'Asia/Dhaka');
    expect(bn.hour(15)).toBe('১৫:০০');
    expect(bn.time('2026-11-26T09:30:00Z')).toBe('১৫:৩০');
    expect(bn.dateTime('2026-11-26T09:30:00Z')).not.toMatch(/[AP]M/);
  });

  it('keeps the English clock as the locale writes it', () => {
    const en = plannerFormat('en', 'Asia/Dhaka');
    expect(en.time('2026-11-26T09:30:00Z')).toBe('15:30');
  });
});
