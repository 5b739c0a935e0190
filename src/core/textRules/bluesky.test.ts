import { describe, expect, it } from 'vitest';
import { blueskyTextRule, utf8Length } from './bluesky.ts';

const conjunct = 'স্ত্র'; // one grapheme, five code points, 15 bytes
const family = '👨‍👩‍👧‍👦'; // one grapheme, 25 bytes

describe('blueskyTextRule', () => {
  it.each([
    { name: '300 ASCII letters', text: 'a'.repeat(300), used: 300, over: false },
    { name: '301 ASCII letters', text: 'a'.repeat(301), used: 301, over: true },
    { name: 'a link counts in full', text: `https://example.com/${'a'.repeat(280)}`, used: 300, over: false },
    { name: 'a long link goes over', text: `https://example.com/${'a'.repeat(281)}`, used: 301, over: true },
    { name: '300 ক্ষ conjuncts (2700 bytes)', text: 'ক্ষ'.repeat(300), used: 300, over: false },
    { name: '301 ক্ষ conjuncts', text: 'ক্ষ'.repeat(301), used: 301, over: true },
    { name: '200 স্ত্র conjuncts, exactly 3000 bytes', text: conjunct.repeat(200), used: 200, over: false },
    { name: '201 স্ত্র conjuncts, 3015 bytes', text: conjunct.repeat(201), used: 201, over: true },
    { name: '120 emoji families, exactly 3000 bytes', text: family.repeat(120), used: 120, over: false },
    { name: '121 emoji families, 3025 bytes', text: family.repeat(121), used: 121, over: true },
    { name: '300 flags', text: '🇧🇩'.repeat(300), used: 300, over: false },
    { name: '300 skin-toned thumbs', text: '👍🏽'.repeat(300), used: 300, over: false },
  ])('$name: $used graphemes, over $over', ({ text, used, over }) => {
    const count = blueskyTextRule.count(text);
    expect(count.used).toBe(used);
    expect(count.limit).toBe(300);
    expect(count.over).toBe(over);
    expect(count.problem === undefined).toBe(!over);
  });

  it('names the grapheme limit when the post is too long', () => {
    expect(blueskyTextRule.count('a'.repeat(312)).problem).toBe(
      'Bluesky allows 300 characters; this post has 312.',
    );
  });

  it('refuses Bengali text over 3000 bytes before it reaches 300 graphemes, and says so', () => {
    const text = conjunct.repeat(201);
    expect(utf8Length(text)).toBe(3015);
    expect(blueskyTextRule.count(text)).toEqual({
      used: 201,
      limit: 300,
      over: true,
      problem:
        'Bluesky also limits a post to 3000 bytes of text; this post has 3015 bytes ' +
        '(Bengali letters and signs take 3 bytes each, emoji 4 or more), so remove at least 15 bytes.',
    });
  });
});

describe('utf8Length', () => {
  it.each([
    { name: 'empty', text: '' },
    { name: 'ASCII', text: 'Kolorob' },
    { name: 'Latin with accents', text: 'crème brûlée' },
    { name: 'Bengali', text: 'আমার সোনার বাংলা' },
    { name: 'emoji family and flag', text: `${family}🇧🇩` },
    { name: 'CJK', text: '中文' },
    { name: 'a lone high surrogate', text: 'a\ud83db' },
    { name: 'a lone low surrogate', text: '\ude00' },
  ])('matches the encoded length: $name', ({ text }) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});
