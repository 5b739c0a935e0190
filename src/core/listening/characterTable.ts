// What the matcher's scanner needs to know about each UTF-16 code unit, in one table read per
// character instead of a Unicode regex: whether it belongs to a word (the `WORD_CHARS` class of
// normalise.ts) and whether text containing it might change under `normaliseText`. Text with none of
// the warning signs is already normalised and can be scanned as it comes, which spares most posts
// (English and Bengali alike) the cost of copying them through `String.prototype.normalize`.
//
// The warning signs follow the NFC quick check of Unicode Standard Annex #15: a character that NFC
// never leaves in place, upper case, a zero-width character; two combining marks in a row (NFC may
// reorder them); and a character that composes with the one before it (Bengali ে + া → ো), for which
// the exact pairs are listed. Anything beyond the BMP is classified on first sight and remembered.
import { WORD_CHARS } from './normalise.ts';

/** Part of a word. */
export const WORD = 1;
/** A high surrogate: classify the code point with `astralFlags`. */
export const HIGH_SURROGATE = 2;
/** Text containing it changes under normaliseText. */
export const NEEDS_NORMALISING = 4;
/** A combining mark with a non-zero combining class: two in a row may be reordered by NFC. */
export const COMBINING = 8;
/** May compose with the character before it; `composesWithPrevious` says whether it does. */
export const MAY_COMPOSE = 16;
/** May compose with a MAY_COMPOSE character after it (the bit is MAY_COMPOSE << 1). */
export const MAY_START_COMPOSITION = 32;
/** An ASCII capital letter, which the scanner folds itself (`c + 32`). */
export const ASCII_UPPER = 64;
/**
 * With NEEDS_NORMALISING: a letter NFC always splits into the same two word characters, a letter
 * and a combining mark, whatever surrounds it (Bengali ড় U+09DC → ড + ় U+09BC), unless a combining
 * mark follows it. `decompositionOf` gives the two.
 */
export const SIMPLE_DECOMPOSITION = 128;
/**
 * A word character with none of the bits above that need a closer look (NEEDS_NORMALISING,
 * HIGH_SURROGATE, COMBINING, MAY_COMPOSE): the scanner hashes it after a single test.
 */
export const PLAIN_WORD = 256;
/**
 * A word character whose only bits needing a closer look are COMBINING and MAY_COMPOSE (Bengali
 * virama, nukta, the vowel sign া): it leaves the text as it is unless the character before it has
 * one of the bits `markHazard` gives, so the scanner hashes it after one more table read.
 */
export const MARK_WORD = 512;

/**
 * Flags of the character before a MARK_WORD character with `flags` that could make NFC change the
 * pair: a combining mark after a combining mark or a letter NFC splits (reordering), a composing
 * character after one it composes with.
 */
export function markHazard(flags: number): number {
  return ((flags & COMBINING) !== 0 ? COMBINING | SIMPLE_DECOMPOSITION : 0) | ((flags & MAY_COMPOSE) << 1);
}

const wordCharacter = new RegExp(`^[${WORD_CHARS}]$`, 'u');
const mark = /^\p{M}$/u;
const ZERO_WIDTH = /^[\u200b-\u200d\u2060\ufeff]$/;

let table: Uint16Array | undefined;
/** previous * 65536 + next for every pair of BMP code units NFC composes into one character. */
const composingPairs = new Set<number>();
const astral = new Map<number, number>();
/** first * 65536 + second for every SIMPLE_DECOMPOSITION character. */
const decompositions = new Map<number, number>();

function hasNonZeroCombiningClass(s: string): boolean {
  // Canonical ordering moves a mark of class c before one of a higher class (U+0345 has 240, the
  // highest) or after one of a lower class (U+0334 has 1), and never moves a mark of class 0.
  return `a\u0345${s}`.normalize('NFD') === `a${s}\u0345` || `a${s}\u0334`.normalize('NFD') === `a\u0334${s}`;
}

/** Flags of every BMP code unit, built on first use (some tens of milliseconds, once per process). */
export function characterTable(): Uint16Array {
  if (table) return table;
  const built = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdbff) {
      built[c] = HIGH_SURROGATE;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    const s = String.fromCharCode(c);
    if (wordCharacter.test(s)) built[c]! |= WORD;
    if (c < 128) {
      if (c >= 65 && c <= 90) built[c]! |= ASCII_UPPER;
      continue;
    }
    const composed = s.normalize('NFC');
    if (composed !== s || s.toLowerCase() !== s || ZERO_WIDTH.test(s)) built[c]! |= NEEDS_NORMALISING;
    if (mark.test(s) && hasNonZeroCombiningClass(s)) built[c]! |= COMBINING;
    const decomposed = s.normalize('NFD');
    if (decomposed !== s && composed === s) {
      // A composite NFC keeps: its last part composes with what comes before it.
      const last = decomposed.charCodeAt(decomposed.length - 1);
      const before = decomposed.slice(0, -1).normalize('NFC');
      if (before.length === 1 && hasNonZeroCombiningClass(String.fromCharCode(last)) === false) {
        composingPairs.add(before.charCodeAt(0) * 65536 + last);
        built[last]! |= MAY_COMPOSE;
        if (before.charCodeAt(0) < 0xd800 || before.charCodeAt(0) > 0xdfff)
          built[before.charCodeAt(0)]! |= MAY_START_COMPOSITION;
      } else {
        // Composition across other marks or from outside the BMP: do not try to be clever.
        built[last]! |= NEEDS_NORMALISING;
      }
    }
  }
  for (let c = 0; c < 65536; c++) {
    if ((built[c]! & NEEDS_NORMALISING) !== 0 && splitsSimply(built, c)) {
      const split = String.fromCharCode(c).normalize('NFC');
      built[c]! |= SIMPLE_DECOMPOSITION;
      decompositions.set(c, split.charCodeAt(0) * 65536 + split.charCodeAt(1));
    }
  }
  for (let c = 0; c < 65536; c++) {
    if ((built[c]! & (WORD | NEEDS_NORMALISING | HIGH_SURROGATE | COMBINING | MAY_COMPOSE)) === WORD) {
      built[c]! |= PLAIN_WORD;
    } else if (
      (built[c]! & (WORD | NEEDS_NORMALISING | HIGH_SURROGATE)) === WORD &&
      (built[c]! & (COMBINING | MAY_COMPOSE)) !== 0
    ) {
      built[c]! |= MARK_WORD;
    }
  }
  table = built;
  return built;
}

/**
 * Whether NFC turns `c` into a letter and a combining mark that nothing around them can change: the
 * letter composes with nothing before it, and the mark (non-zero combining class) both keeps a
 * following letter from composing with the first one and composes with nothing itself. Only a
 * combining mark right after it could be reordered, which the scanner checks.
 */
function splitsSimply(built: Uint16Array, c: number): boolean {
  if (c < 128 || (c >= 0xd800 && c <= 0xdfff)) return false;
  const s = String.fromCharCode(c);
  if ((built[c]! & (WORD | COMBINING | MAY_COMPOSE | MAY_START_COMPOSITION)) !== WORD) return false;
  if (s.toLowerCase() !== s || ZERO_WIDTH.test(s)) return false;
  const split = s.normalize('NFC');
  if (split.length !== 2 || split.normalize('NFD') !== split || split.toLowerCase() !== split) return false;
  const first = split.charCodeAt(0);
  const second = split.charCodeAt(1);
  if (first >= 0xd800 && first <= 0xdfff) return false;
  if (second >= 0xd800 && second <= 0xdfff) return false;
  return (
    built[first] === WORD &&
    (built[second]! & ~COMBINING) === WORD &&
    (built[second]! & COMBINING) !== 0 &&
    hasNonZeroCombiningClass(String.fromCharCode(second))
  );
}

/** The two code units NFC splits a SIMPLE_DECOMPOSITION character into, as first * 65536 + second. */
export function decompositionOf(c: number): number {
  return decompositions.get(c)!;
}

/** Whether NFC composes the code unit at `i` (flagged MAY_COMPOSE) with the one before it. */
export function composesWithPrevious(text: string, i: number): boolean {
  if (i === 0) return false;
  const previous = text.charCodeAt(i - 1);
  return (
    (table![previous]! & MAY_START_COMPOSITION) !== 0 &&
    composingPairs.has(previous * 65536 + text.charCodeAt(i))
  );
}

/** WORD and NEEDS_NORMALISING flags of a code point beyond the BMP. */
export function astralFlags(codePoint: number): number {
  let flags = astral.get(codePoint);
  if (flags === undefined) {
    const s = String.fromCodePoint(codePoint);
    flags = wordCharacter.test(s) ? WORD : 0;
    if (s.normalize('NFC') !== s || s.toLowerCase() !== s || mark.test(s)) flags |= NEEDS_NORMALISING;
    if (astral.size < 4096) astral.set(codePoint, flags);
  }
  return flags;
}
