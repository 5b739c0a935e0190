import { describe, expect, it } from 'vitest';
import type { QueryNode } from './queryAst.ts';
import { formatQuery } from './queryFormat.ts';
import { parseQuery } from './queryParser.ts';

describe('formatQuery', () => {
  it.each([
    ['Cricket', 'cricket'],
    ['cricket ball', 'cricket AND ball'],
    ['a b OR c', 'a AND b OR c'],
    ['a (b OR c)', 'a AND (b OR c)'],
    ['(a OR b) (c OR d) e', '(a OR b) AND (c OR d) AND e'],
    ['cricket -"World Cup"', 'cricket AND NOT "world cup"'],
    ['cricket -(ipl OR bpl)', 'cricket AND NOT (ipl OR bpl)'],
    ['x -(a NEAR/3 b)', 'x AND NOT (a NEAR/3 b)'],
    ['“T20  World Cup” ONEAR/4 final', '"t20 world cup" ONEAR/4 final'],
    ['a NEAR/3 b OR c', 'a NEAR/3 b OR c'],
    ['COVID-19 Cric*', '"covid 19" AND cric*'],
    ['#Cricket OR @BCB.bsky.social', '#cricket OR @bcb.bsky.social'],
    ['ক্রিকেট LANG:BN site:https://www.ProthomAlo.com/', 'ক্রিকেট AND lang:bn AND site:prothomalo.com'],
    [
      'খেলা author:@Alice@Mastodon.Social platform:mastodon',
      'খেলা AND author:alice@mastodon.social AND platform:mastodon',
    ],
    ['x (lang:bn OR -platform:rss)', 'x AND (lang:bn OR NOT platform:rss)'],
  ])('%s → %s', (query, expected) => {
    expect(formatQuery(parseQuery(query))).toBe(expected);
  });

  it.each([
    'a OR (b c) OR (d -(e OR f))',
    'a NEAR/2 c OR "x y" ONEAR/9 zed* OR -#tag @me.example',
    'বাংলাদেশ (ক্রিকেট OR ফুটবল) -"খারাপ খবর" lang:bn',
    'x ((a OR b) (c OR (d e)))',
    'বাংলা* -(@spam.bsky.social OR #বিজ্ঞাপন) (lang:bn OR lang:en)',
  ])('%s reads back as the same tree', (query) => {
    const tree = parseQuery(query);
    expect(parseQuery(formatQuery(tree))).toEqual(tree);
  });

  it('keeps parentheses a tree needs even when the parser would not build it', () => {
    const nested: QueryNode = {
      type: 'and',
      children: [
        { type: 'term', text: 'a', prefix: false },
        {
          type: 'and',
          children: [
            { type: 'term', text: 'b', prefix: false },
            { type: 'term', text: 'c', prefix: false },
          ],
        },
      ],
    };
    expect(formatQuery(nested)).toBe('a AND (b AND c)');
    expect(
      formatQuery({ type: 'not', child: { type: 'not', child: { type: 'term', text: 'a', prefix: false } } }),
    ).toBe('NOT NOT a');
  });
});
