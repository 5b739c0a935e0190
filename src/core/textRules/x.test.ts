import twitter from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { xTextRule } from './x.ts';

// Expected weights are worked out by hand from the default (v3) configuration; the last check compares each
// with twitter-text itself so a change of library version shows here.
const cases: Array<{ name: string; text: string; weighted: number }> = [
  { name: '280 Bengali letters weigh 1 each', text: 'ক'.repeat(280), weighted: 280 },
  { name: '281 Bengali letters', text: 'ক'.repeat(281), weighted: 281 },
  { name: 'Bengali words', text: 'আমার সোনার বাংলা', weighted: 16 },
  // X weighs code points, not graphemes: ক্ষ is one grapheme but three code points.
  { name: 'a Bengali conjunct weighs its three code points', text: 'ক্ষ', weighted: 3 },
  { name: '140 CJK characters weigh 280', text: '中'.repeat(140), weighted: 280 },
  { name: '141 CJK characters', text: '中'.repeat(141), weighted: 282 },
  { name: 'Japanese kana and Korean hangul weigh 2', text: 'あ한', weighted: 4 },
  { name: 'an emoji weighs 2', text: '😀', weighted: 2 },
  { name: 'a ZWJ family weighs 2', text: '👨‍👩‍👧‍👦', weighted: 2 },
  { name: 'a flag weighs 2', text: '🇧🇩', weighted: 2 },
  { name: 'a skin-toned emoji weighs 2', text: '👍🏽', weighted: 2 },
  { name: 'a combining mark composes to one character', text: 'e\u0301', weighted: 1 },
  { name: 'a long link weighs 23', text: `https://example.com/${'a'.repeat(200)}`, weighted: 23 },
  { name: 'a link without protocol weighs 23 too', text: 'see example.com', weighted: 27 },
  { name: 'two links', text: 'https://a.com/1 https://b.org/2', weighted: 47 },
];

describe('xTextRule', () => {
  it.each(cases)('$name: $weighted', ({ text, weighted }) => {
    const count = xTextRule.count(text);
    expect(count.used).toBe(weighted);
    expect(count.limit).toBe(280);
    expect(count.over).toBe(weighted > 280);
  });

  it.each(cases)('matches twitter-text parseTweet: $name', ({ text }) => {
    const parsed = twitter.parseTweet(text);
    expect(xTextRule.count(text).used).toBe(parsed.weightedLength);
    expect(xTextRule.count(text).over).toBe(!parsed.valid);
  });

  it('explains the weighting when the post is too long', () => {
    expect(xTextRule.count('中'.repeat(141)).problem).toBe(
      'X allows 280 characters (Chinese, Japanese and Korean characters and emoji count as 2, ' +
        'each link as 23); this post has 282.',
    );
  });
});
