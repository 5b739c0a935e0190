import { describe, expect, it } from 'vitest';
import { bucketLabel, decimal, languageName, percent } from './listeningFormat.ts';

describe('listening formats', () => {
  it('writes shares and averages in the page’s digits', () => {
    expect(percent('en', 0.423)).toBe('42%');
    expect(percent('bn', 0.423)).toBe('৪২%');
    expect(decimal('en', 2.345)).toBe('2.3');
    expect(decimal('bn', 12)).toBe('১২');
  });

  it('names languages in the page’s language and leaves unknown codes unnamed', () => {
    expect(languageName('en', 'bn')).toMatch(/^(Bangla|Bengali)$/);
    expect(languageName('bn', 'bn')).toBe('বাংলা');
    expect(languageName('en', 'en')).toBe('English');
    expect(languageName('en', 'und')).toBeUndefined();
    expect(languageName('en', '')).toBeUndefined();
  });

  it('labels an hour with its time and a day without', () => {
    const at = new Date(2025, 10, 26, 14, 0).toISOString();
    expect(bucketLabel('en', at, 'hour')).toBe('26 Nov, 14:00');
    expect(bucketLabel('en', at, 'day')).toBe('26 Nov');
    expect(bucketLabel('bn', at, 'day')).toMatch(/^২৬/);
  });
});
