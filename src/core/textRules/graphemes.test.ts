import { RichText } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { graphemeLength } from './graphemes.ts';

// What Intl.Segmenter returns on this project's Node 20 (ICU 78, Unicode 17). From Unicode 15.1 (ICU 74)
// on, rule GB9c keeps a Bengali consonant + hasanta (virama) + consonant together as one cluster; on an
// older runtime ক্ষ, স্ত্র and জ্ঞ count 2, 3 and 2. If a runtime change moves any of these counts, this
// table fails and the Bluesky and Mastodon limits need a second look.
const cases: Array<{ name: string; text: string; graphemes: number }> = [
  { name: 'empty text', text: '', graphemes: 0 },
  { name: 'English', text: 'Kolorob', graphemes: 7 },
  { name: 'Bengali conjunct ক্ষ (ক + ্ + ষ)', text: 'ক্ষ', graphemes: 1 },
  { name: 'Bengali conjunct স্ত্র (স + ্ + ত + ্ + র)', text: 'স্ত্র', graphemes: 1 },
  { name: 'Bengali conjunct জ্ঞ (জ + ্ + ঞ)', text: 'জ্ঞ', graphemes: 1 },
  { name: 'conjunct with a vowel sign: ক্ষমা', text: 'ক্ষমা', graphemes: 2 },
  { name: 'vowel sign and anusvara stay with their letter: বাংলা', text: 'বাংলা', graphemes: 2 },
  { name: 'zero-width non-joiner breaks the conjunct: ক্‌ষ', text: 'ক্\u200cষ', graphemes: 2 },
  { name: 'Devanagari conjunct क्ष', text: 'क्ष', graphemes: 1 },
  { name: 'ZWJ family 👨‍👩‍👧‍👦', text: '👨‍👩‍👧‍👦', graphemes: 1 },
  { name: 'flag 🇧🇩', text: '🇧🇩', graphemes: 1 },
  { name: 'two flags 🇧🇩🇮🇳', text: '🇧🇩🇮🇳', graphemes: 2 },
  { name: 'skin tone 👍🏽', text: '👍🏽', graphemes: 1 },
  { name: 'combining acute e + ◌́', text: 'e\u0301', graphemes: 1 },
  { name: 'two combining marks a + ◌́ + ◌̣', text: 'a\u0301\u0323', graphemes: 1 },
  { name: 'CR LF', text: '\r\n', graphemes: 1 },
];

describe('graphemeLength', () => {
  it('runs on Unicode 15.1 or later, where Bengali conjuncts are one grapheme', () => {
    expect(Number.parseFloat(process.versions.unicode ?? '0')).toBeGreaterThanOrEqual(15.1);
  });

  it.each(cases)('$name: $graphemes', ({ text, graphemes }) => {
    expect(graphemeLength(text)).toBe(graphemes);
  });

  // Bluesky's client library and the server's record validation count with this runtime's Intl.Segmenter
  // too; any difference here would let the composer accept a post the server refuses.
  it.each(cases)('agrees with @atproto/api RichText.graphemeLength: $name', ({ text }) => {
    expect(graphemeLength(text)).toBe(new RichText({ text }).graphemeLength);
  });
});
