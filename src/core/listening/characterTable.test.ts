import { describe, expect, it } from 'vitest';
import {
  COMBINING,
  characterTable,
  decompositionOf,
  HIGH_SURROGATE,
  MARK_WORD,
  MAY_START_COMPOSITION,
  markHazard,
  NEEDS_NORMALISING,
  PLAIN_WORD,
  SIMPLE_DECOMPOSITION,
  WORD,
} from './characterTable.ts';
import { WORD_CHARS } from './normalise.ts';

describe('character table', () => {
  const table = characterTable();

  it('marks exactly the word characters of WORD_CHARS', () => {
    const word = new RegExp(`^[${WORD_CHARS}]$`, 'u');
    const wrong: string[] = [];
    for (let c = 0; c < 65536; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (((table[c]! & WORD) !== 0) !== word.test(String.fromCharCode(c))) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('marks high surrogates', () => {
    expect(table[0xd83d]! & HIGH_SURROGATE).toBe(HIGH_SURROGATE);
    expect(table[0xdc00]!).toBe(0);
  });

  it.each([
    ['precomposed য়, which NFC splits', '\u09df'],
    ['a capital with an accent', 'É'],
    ['a Greek capital', 'Σ'],
    ['a zero-width joiner', '\u200d'],
    ['a zero-width space', '\u200b'],
    ['a combining acute accent, which composes across other marks', '\u0301'],
  ])('flags %s as changing under normalisation', (_what, char) => {
    expect(table[char.charCodeAt(0)]! & NEEDS_NORMALISING).toBe(NEEDS_NORMALISING);
  });

  it.each([
    ['a Bengali vowel sign', '\u09be'],
    ['the Bengali virama', '\u09cd'],
    ['the Bengali nukta', '\u09bc'],
    ['a Bengali letter', 'ক'],
    ['a lower-case accented letter', 'é'],
  ])('does not flag %s by itself', (_what, char) => {
    expect(table[char.charCodeAt(0)]! & NEEDS_NORMALISING).toBe(0);
  });

  it('marks the Bengali letters NFC splits into a letter and a nukta, with their two parts', () => {
    for (const char of ['\u09dc', '\u09dd', '\u09df']) {
      const c = char.charCodeAt(0);
      expect(table[c]! & SIMPLE_DECOMPOSITION).toBe(SIMPLE_DECOMPOSITION);
      const split = char.normalize('NFC');
      expect(decompositionOf(c)).toBe(split.charCodeAt(0) * 65536 + split.charCodeAt(1));
    }
  });

  it.each([
    ['a capital with an accent, which is also lowered', 'É'],
    ['a Devanagari letter whose nukta composes across other marks', '\u0958'],
    ['a zero-width joiner', '\u200d'],
    ['a Hebrew letter NFC splits into three', '\ufb2c'],
  ])('does not treat %s as a simple split', (_what, char) => {
    expect(table[char.charCodeAt(0)]! & SIMPLE_DECOMPOSITION).toBe(0);
  });

  it('marks as plain exactly the word characters that need no closer look', () => {
    for (const char of ['a', 'Z', '7', '_', 'ক', '\u09bf', 'é']) {
      expect(table[char.charCodeAt(0)]! & PLAIN_WORD).toBe(PLAIN_WORD);
    }
    // A vowel sign that may compose, the virama (a combining mark), a split letter, a capital that
    // lower-cases, a high surrogate, a space.
    for (const char of ['\u09be', '\u09cd', '\u09dc', 'É', '\ud83d', ' ']) {
      expect(table[char.charCodeAt(0)]! & PLAIN_WORD).toBe(0);
    }
  });

  it('marks the word characters whose only warning is being a combining or composing mark', () => {
    // The vowel sign া composes with a preceding ে; the virama and the nukta are combining marks.
    for (const char of ['\u09be', '\u09cd', '\u09bc', '\u09d7']) {
      expect(table[char.charCodeAt(0)]! & MARK_WORD).toBe(MARK_WORD);
    }
    // Plain word characters, a split letter, a mark that composes across others, a space.
    for (const char of ['a', 'ক', '\u09bf', '\u09dc', '\u0301', ' ']) {
      expect(table[char.charCodeAt(0)]! & MARK_WORD).toBe(0);
    }
  });

  it('names the characters a mark must not follow to be read as it comes', () => {
    expect(markHazard(table[0x09be]!)).toBe(MAY_START_COMPOSITION);
    expect(table[0x09c7]! & markHazard(table[0x09be]!)).not.toBe(0);
    expect(markHazard(table[0x09cd]!) & COMBINING).toBe(COMBINING);
    expect(markHazard(table[0x09cd]!) & SIMPLE_DECOMPOSITION).toBe(SIMPLE_DECOMPOSITION);
    expect(table[0x09bc]! & markHazard(table[0x09cd]!)).not.toBe(0);
    expect(table[0x0995]! & markHazard(table[0x09cd]!)).toBe(0);
  });
});
