import { describe, expect, it } from 'vitest';
import { TEXTS } from '../i18n/texts.ts';
import { checkQuery } from './queryCheck.ts';
import { SYNTAX_ITEMS } from './syntaxExamples.ts';

describe('the syntax help', () => {
  it.each(SYNTAX_ITEMS.flatMap((item) => [item.english, item.bengali]))(
    'shows %j, which parses',
    (example) => {
      expect(checkQuery(example)).toMatchObject({ state: 'valid' });
    },
  );

  it('describes every item in both languages', () => {
    for (const locale of ['en', 'bn'] as const) {
      const items = ((TEXTS[locale].listening as Record<string, unknown>).syntax as Record<string, unknown>)
        .items as Record<string, string>;
      expect(SYNTAX_ITEMS.filter((item) => !items[item.id]).map((item) => item.id)).toEqual([]);
    }
  });
});
