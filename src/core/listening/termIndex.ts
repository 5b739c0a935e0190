// The one index all active listening queries compile into: every word, word prefix (`mango*`),
// #hashtag and @mention they contain, and a scanner that finds all of them in a post in one pass.
//
// Matching is on whole words, so no Aho-Corasick automaton is needed: a key can only start where a
// word starts. The scanner walks the text once, folds ASCII case and hashes each word (FNV-1a over
// UTF-16 code units) as it goes, then looks the finished word up in an open-addressing hash table
// (wildcard keys sit in a sparse table of their own, probed once per length). A hit is confirmed by
// comparing characters with the keys' code units, kept one after another in one array, so hash
// collisions never produce a false match. Per character this is a table read and a multiply, with no
// substring or allocation. Text is scanned as it comes while it shows no sign of changing under
// `normaliseText` (see characterTable.ts), a letter that NFC always splits in two (Bengali ড় typed
// precomposed) being read as the two code units it becomes; otherwise the text is normalised first
// and scanned again. Prefix keys are looked up after a word ends, and only when a bitmap of the
// prefixes' first characters says the word may start with one.

import {
  ASCII_UPPER,
  astralFlags,
  COMBINING,
  characterTable,
  composesWithPrevious,
  decompositionOf,
  HIGH_SURROGATE,
  MARK_WORD,
  MAY_COMPOSE,
  markHazard,
  NEEDS_NORMALISING,
  PLAIN_WORD,
  SIMPLE_DECOMPOSITION,
  WORD,
} from './characterTable.ts';
import { normaliseText } from './normalise.ts';
import { type ScannerTables, type WasmScanner, wasmKeyScanner } from './wasmKeyScan.ts';

export type TermKind = 'word' | 'prefix' | 'hashtag' | 'mention';

/** One thing to find. `text` is normalised; a `word` or `prefix` is a single word (WORD_CHARS only). */
export interface TermKey {
  kind: TermKind;
  /** The word, the prefix without `*`, the tag without `#`, the handle without `@`. */
  text: string;
}

/** Where keys were found in one post: key ids (their index in the key list) and word positions. */
export class TermHits {
  keys = new Int32Array(64);
  /** Index of the word the key was found at (0 = first word); -1 for tags the network reported. */
  positions = new Int32Array(64);
  count = 0;

  push(key: number, position: number): void {
    if (this.count === this.keys.length) {
      const keys = new Int32Array(this.count * 2);
      keys.set(this.keys);
      this.keys = keys;
      const positions = new Int32Array(this.count * 2);
      positions.set(this.positions);
      this.positions = positions;
    }
    this.keys[this.count] = key;
    this.positions[this.count] = position;
    this.count++;
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
/** Bits of the prefix screen: 8 KB, small enough to stay in the fastest cache. */
const PREFIX_SCREEN_BITS = 1 << 16;
const FNV_PRIME = 0x01000193;
const HASH = 35;
const AT = 64;
const DOT = 46;
const HYPHEN = 45;

function hashOf(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ foldAscii(text.charCodeAt(i)), FNV_PRIME);
  return h;
}

/**
 * The prefix screen's bit for the first `count` code units from `start` (ASCII folded): shifts and
 * exclusive-ors rather than a multiplying hash, so the few characters are combined in a few cycles.
 */
function prefixScreenBit(text: string, start: number, count: number): number {
  let x = 0;
  for (let k = start; k < start + count; k++) x = (x << 5) ^ foldAscii(text.charCodeAt(k));
  return (x ^ (x >>> 16)) & (PREFIX_SCREEN_BITS - 1);
}

function foldAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function slotOf(h: number, mask: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  return (x ^ (x >>> 13)) & mask;
}

/**
 * Open-addressing table from key text (as it appears in a post, e.g. `#tag`) to key id. Each slot
 * is four numbers side by side, [hash, id + 1, offset, length], so a probe and its confirmation read
 * one cache line of the table: the key's code units sit one after another in `pool` from `offset`,
 * compared character by character only when the hash matches.
 */
class KeyTable {
  readonly slots: Int32Array;
  readonly mask: number;
  /**
   * Two bits per key in a 16 KB bitmap: most words of a post are no key at all, and the bitmap
   * answers that from the fastest cache instead of a table that may not fit there.
   */
  readonly screen = new Int32Array(WORD_SCREEN_BITS / 32);
  pool = new Uint16Array(256);
  poolLength = 0;
  size = 0;

  constructor(capacity: number, sparseness: number) {
    let length = 16;
    while (length < capacity * sparseness) length *= 2;
    this.slots = new Int32Array(length * 4);
    this.mask = length - 1;
  }

  add(text: string, id: number): void {
    const h = hashOf(text);
    const a = screenBitA(h);
    const b = screenBitB(h);
    this.screen[a >>> 5]! |= 1 << (a & 31);
    this.screen[b >>> 5]! |= 1 << (b & 31);
    if (this.poolLength + text.length > this.pool.length) {
      const grown = new Uint16Array(Math.max(this.pool.length * 2, this.poolLength + text.length));
      grown.set(this.pool);
      this.pool = grown;
    }
    const offset = this.poolLength;
    for (let k = 0; k < text.length; k++) this.pool[offset + k] = text.charCodeAt(k);
    this.poolLength += text.length;
    for (let s = slotOf(h, this.mask); ; s = (s + 1) & this.mask) {
      if (this.slots[4 * s + 1] === 0) {
        this.slots[4 * s] = h;
        this.slots[4 * s + 1] = id + 1;
        this.slots[4 * s + 2] = offset;
        this.slots[4 * s + 3] = text.length;
        this.size++;
        return;
      }
    }
  }

  /** The id of the key equal to `length` code units of `text` from `start` (ASCII folded), or -1. */
  find(h: number, text: string, start: number, length: number): number {
    const a = screenBitA(h);
    const screen = this.screen;
    if ((screen[a >>> 5]! & (1 << (a & 31))) === 0) return -1;
    const b = screenBitB(h);
    if ((screen[b >>> 5]! & (1 << (b & 31))) === 0) return -1;
    const slots = this.slots;
    const mask = this.mask;
    for (let s = slotOf(h, mask); ; s = (s + 1) & mask) {
      const at = 4 * s;
      const entry = slots[at + 1]!;
      if (entry === 0) return -1;
      if (
        slots[at] === h &&
        slots[at + 3] === length &&
        samePooled(this.pool, slots[at + 2]!, text, start, length)
      ) {
        return entry - 1;
      }
    }
  }
}

function samePooled(pool: Uint16Array, offset: number, text: string, start: number, length: number): boolean {
  for (let k = 0; k < length; k++) {
    if (pool[offset + k] !== foldAscii(text.charCodeAt(start + k))) return false;
  }
  return true;
}

const WORD_SCREEN_BITS = 1 << 17;

function screenBitA(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> 15;
}

function screenBitB(h: number): number {
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 15;
}

/** `slowFlags` result: the text must be normalised before it can be scanned. */
const NOT_NORMALISED = -1;
/** `slowFlags` result bit: a word character made of a surrogate pair. */
const PAIR = 1024;
/**
 * `slowFlags` result bit, only when checking: a letter NFC splits in two (SIMPLE_DECOMPOSITION),
 * scanned as the two code units it becomes.
 */
const SPLIT = 2048;
/**
 * Flags that send the scanner to `slowFlags`, when checking that text is normalised and when not.
 * When checking, a combining mark or a character that may compose is looked at with the one before
 * it there: two combining marks in a row may be reordered by NFC, and a composing pair joined.
 */
const SLOW_CHECKING = NEEDS_NORMALISING | HIGH_SURROGATE | COMBINING | MAY_COMPOSE;
const SLOW_NORMALISED = HIGH_SURROGATE;

/**
 * Flags of the code unit at `i` when its table entry `flags` has one of the slow bits: WORD (| PAIR
 * for a letter beyond the BMP), 0, or, with `checking`, NOT_NORMALISED when the text around it could
 * change under normaliseText.
 */
function slowFlags(text: string, i: number, flags: number, classes: Uint16Array, checking: boolean): number {
  if (checking) {
    if ((flags & NEEDS_NORMALISING) !== 0) {
      return (flags & SIMPLE_DECOMPOSITION) !== 0 ? WORD | SPLIT : NOT_NORMALISED;
    }
    // After a combining mark, or after a letter that splits into a letter and a mark, NFC may
    // reorder this mark.
    if (
      (flags & COMBINING) !== 0 &&
      i > 0 &&
      (classes[text.charCodeAt(i - 1)]! & (COMBINING | SIMPLE_DECOMPOSITION)) !== 0
    ) {
      return NOT_NORMALISED;
    }
    if ((flags & MAY_COMPOSE) !== 0 && composesWithPrevious(text, i)) return NOT_NORMALISED;
  }
  if ((flags & HIGH_SURROGATE) === 0) return flags & WORD;
  if (i + 1 >= text.length) return 0;
  const low = text.charCodeAt(i + 1);
  if (low < 0xdc00 || low > 0xdfff) return 0;
  const astral = astralFlags(text.codePointAt(i)!);
  if (checking && (astral & NEEDS_NORMALISING) !== 0) return NOT_NORMALISED;
  return (astral & WORD) !== 0 ? WORD | PAIR : 0;
}

/** Code units of the word character at `i` in normalised text: 0, 1, or 2 for a surrogate pair. */
function unitsAt(text: string, i: number, classes: Uint16Array): number {
  let flags = classes[text.charCodeAt(i)]!;
  if ((flags & SLOW_NORMALISED) !== 0) flags = slowFlags(text, i, flags, classes, false);
  return (flags & WORD) === 0 ? 0 : (flags & PAIR) !== 0 ? 2 : 1;
}

export interface TermIndex {
  /** Every key in the post's text, in order. `hits` is emptied first. */
  scan(text: string, hits: TermHits): void;
  /** The same as `scan`, never in WebAssembly. */
  scanInTypeScript(text: string, hits: TermHits): void;
  /** The id of the hashtag key for a tag the network reported (with or without `#`), or -1. */
  hashtagId(tag: string): number;
  /** The index's tables, for the WebAssembly scanner. */
  tables(): ScannerTables;
}

/**
 * The index and its scanner. A class rather than closures: its methods are compiled once for every
 * index, reading each index's tables from fields of one shape, so a process holding several indexes
 * (one per set of queries) runs the same fast code for all of them.
 */
class KeyScanner implements TermIndex {
  private readonly classes = characterTable();
  private readonly words: KeyTable;
  private readonly prefixes: KeyTable;
  private readonly tags: Map<string, number>;
  private readonly findTags: boolean;
  private readonly findMentions: boolean;
  private readonly minPrefix: number;
  private readonly maxPrefix: number;
  private readonly screenLength: number;
  private readonly prefixScreen: Int32Array;
  private readonly useWasm: boolean;
  /** The same scanner in WebAssembly, built on the first scan and tried first; null where it cannot run. */
  private wasm: WasmScanner | null | undefined;

  constructor(keys: readonly TermKey[], useWasm: boolean) {
    const prefixCount = keys.filter((k) => k.kind === 'prefix').length;
    // Words are probed once per word, prefixes once per character: keep the prefix table sparse so
    // most probes stop at an empty slot.
    const words = new KeyTable(keys.length - prefixCount, 2);
    const prefixes = new KeyTable(prefixCount, 8);
    const tags = new Map<string, number>();
    for (const [id, key] of keys.entries()) {
      if (key.kind === 'prefix') {
        prefixes.add(key.text, id);
      } else if (key.kind === 'word') {
        words.add(key.text, id);
      } else if (key.kind === 'hashtag') {
        words.add(`#${key.text}`, id);
        tags.set(key.text, id);
      } else {
        words.add(`@${key.text}`, id);
      }
    }
    const findTags = tags.size > 0;
    const findMentions = keys.some((k) => k.kind === 'mention');
    const prefixLengths = keys.filter((k) => k.kind === 'prefix').map((k) => k.text.length);
    // Small integers even without prefixes: the scanner's code is shared by every index, and one
    // index holding Infinity here would make the others compare lengths as floating-point numbers.
    const minPrefix =
      prefixLengths.length === 0
        ? 1
        : Math.max(
            1,
            prefixLengths.reduce((a, b) => Math.min(a, b)),
          );
    const maxPrefix = prefixLengths.reduce((a, b) => Math.max(a, b), 0);
    // Most words start with none of the prefixes: a bitmap of the hashes of the prefixes' first few
    // characters lets the scanner skip looking them up for such a word.
    const screenLength = Math.min(4, minPrefix);
    const prefixScreen = new Int32Array(PREFIX_SCREEN_BITS / 32);
    for (const key of keys) {
      if (key.kind === 'prefix' && key.text.length >= screenLength) {
        const bit = prefixScreenBit(key.text, 0, screenLength);
        prefixScreen[bit >>> 5]! |= 1 << (bit & 31);
      }
    }
    this.words = words;
    this.prefixes = prefixes;
    this.tags = tags;
    this.findTags = findTags;
    this.findMentions = findMentions;
    this.minPrefix = minPrefix;
    this.maxPrefix = maxPrefix;
    this.screenLength = screenLength;
    this.prefixScreen = prefixScreen;
    this.useWasm = useWasm;
  }

  tables(): ScannerTables {
    return {
      classes: this.classes,
      words: this.words,
      prefixes: this.prefixes,
      prefixScreen: this.prefixScreen,
      minPrefix: this.minPrefix,
      maxPrefix: this.maxPrefix,
      screenLength: this.screenLength,
      findTags: this.findTags,
      findMentions: this.findMentions,
    };
  }

  /**
   * Adds the mention key `@handle` starting at `at` if there is one. Returns false, adding nothing,
   * when the handle holds a letter NFC splits, which it compares only in normalised text.
   */
  private findMention(text: string, at: number, position: number, hits: TermHits): boolean {
    let end = at + 1;
    for (;;) {
      if (end >= text.length) break;
      const c = text.charCodeAt(end);
      if (c === DOT || c === HYPHEN || c === AT) end++;
      else {
        if ((this.classes[c]! & SIMPLE_DECOMPOSITION) !== 0) return false;
        const units = unitsAt(text, end, this.classes);
        if (units === 0) break;
        end += units;
      }
    }
    for (;;) {
      const last = text.charCodeAt(end - 1);
      if (last !== DOT && last !== HYPHEN && last !== AT) break;
      end--;
    }
    let h = FNV_OFFSET;
    for (let k = at; k < end; k++) h = Math.imul(h ^ foldAscii(text.charCodeAt(k)), FNV_PRIME);
    const id = this.words.find(h, text, at, end - at);
    if (id >= 0) hits.push(id, position);
    return true;
  }

  /**
   * Adds the keys for the word from `start` to `end` of `text` that holds letters NFC splits, `h`
   * being its hash once normalised: its prefixes (a prefix may end inside a split letter), the word,
   * and with `tag` the hashtag.
   */
  private findSplitWord(
    text: string,
    start: number,
    end: number,
    h: number,
    withPrefixes: boolean,
    tag: boolean,
    position: number,
    hits: TermHits,
  ): void {
    const word = normaliseText(text.slice(start, end));
    if (withPrefixes) {
      let prefixHash = FNV_OFFSET;
      const last = Math.min(word.length, this.maxPrefix);
      for (let length = 1; length <= last; length++) {
        prefixHash = Math.imul(prefixHash ^ word.charCodeAt(length - 1), FNV_PRIME);
        if (length >= this.minPrefix) {
          const id = this.prefixes.find(prefixHash, word, 0, length);
          if (id >= 0) hits.push(id, position);
        }
      }
    }
    const id = this.words.find(h, word, 0, word.length);
    if (id >= 0) hits.push(id, position);
    if (tag) {
      const tagged = `#${word}`;
      const tagId = this.words.find(hashOf(tagged), tagged, 0, tagged.length);
      if (tagId >= 0) hits.push(tagId, position);
    }
  }

  /** Adds every prefix key the word from `start` to `end` of `text` starts with. */
  private findPrefixes(text: string, start: number, end: number, position: number, hits: TermHits): void {
    const last = Math.min(end - start, this.maxPrefix);
    let h = FNV_OFFSET;
    for (let length = 1; length <= last; length++) {
      const c = text.charCodeAt(start + length - 1);
      h = Math.imul(h ^ foldAscii(c), FNV_PRIME);
      // A prefix ends after a whole character, never between the two halves of a surrogate pair.
      if (length >= this.minPrefix && (c < 0xd800 || c > 0xdbff)) {
        const id = this.prefixes.find(h, text, start, length);
        if (id >= 0) hits.push(id, position);
      }
    }
  }

  /**
   * Scans `text`; with `checking`, gives up (returning false) at the first sign that the text is not
   * normalised, so the caller can normalise it and scan again.
   */
  private scanText(text: string, checking: boolean, hits: TermHits): boolean {
    // Everything the loop reads is held in locals: this code is shared by every index built, so the
    // compiler cannot treat one index's tables as constants.
    const table = this.classes;
    const slow = checking ? SLOW_CHECKING : SLOW_NORMALISED;
    const wordTable = this.words;
    const wordScreen = wordTable.screen;
    const hasPrefixes = this.prefixes.size > 0;
    const screenAt = this.screenLength;
    const shortest = this.minPrefix;
    const firstCharacters = this.prefixScreen;
    const findTags = this.findTags;
    const findMentions = this.findMentions;
    const n = text.length;
    let position = 0;
    let lastWordEnd = -1;
    let tagStart = -1;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      let flags = table[c]!;
      if ((flags & slow) !== 0) {
        flags = slowFlags(text, i, flags, table, checking);
        if (flags === NOT_NORMALISED) return false;
      }
      if ((flags & WORD) === 0) {
        if ((c === HASH || c === AT) && lastWordEnd !== i && i + 1 < n && unitsAt(text, i + 1, table) !== 0) {
          if (c === HASH && findTags) tagStart = i + 1;
          else if (c === AT && findMentions && !this.findMention(text, i, position, hits)) return false;
        }
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET;
      let split = false;
      word: for (;;) {
        if ((flags & (PAIR | SPLIT)) === 0) {
          // ASCII capitals are folded by setting bit 5 (`A` 65 → `a` 97).
          h = Math.imul(h ^ (c | ((flags & ASCII_UPPER) >>> 1)), FNV_PRIME);
          i++;
        } else if ((flags & PAIR) !== 0) {
          h = Math.imul(h ^ c, FNV_PRIME);
          h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
          i += 2;
        } else {
          const parts = decompositionOf(c);
          h = Math.imul(h ^ (parts >>> 16), FNV_PRIME);
          h = Math.imul(h ^ (parts & 0xffff), FNV_PRIME);
          split = true;
          i++;
        }
        // Most of a word is plain characters, hashed here with one test each; a mark (a Bengali
        // virama or vowel sign া) takes one more, of the character before it.
        for (;;) {
          if (i >= n) break word;
          c = text.charCodeAt(i);
          flags = table[c]!;
          if (
            (flags & PLAIN_WORD) === 0 &&
            ((flags & MARK_WORD) === 0 || (table[text.charCodeAt(i - 1)]! & markHazard(flags)) !== 0)
          ) {
            break;
          }
          h = Math.imul(h ^ (c | ((flags & ASCII_UPPER) >>> 1)), FNV_PRIME);
          i++;
        }
        if ((flags & slow) !== 0) {
          flags = slowFlags(text, i, flags, table, checking);
          if (flags === NOT_NORMALISED) return false;
        }
        if ((flags & WORD) === 0) break;
      }
      if (split) {
        this.findSplitWord(text, start, i, h, hasPrefixes, tagStart === start, position, hits);
        lastWordEnd = i;
        position++;
        continue;
      }
      if (hasPrefixes && i - start >= shortest) {
        // Most words start with none of the prefixes, which the screen of their first characters
        // tells before any prefix is looked up.
        const bit = prefixScreenBit(text, start, screenAt);
        if ((firstCharacters[bit >>> 5]! & (1 << (bit & 31))) !== 0) {
          this.findPrefixes(text, start, i, position, hits);
        }
      }
      // The first screen bit, checked here, turns most words away before the call.
      const a = screenBitA(h);
      if ((wordScreen[a >>> 5]! & (1 << (a & 31))) !== 0) {
        const id = wordTable.find(h, text, start, i - start);
        if (id >= 0) hits.push(id, position);
      }
      if (tagStart === start) {
        let tagHash = Math.imul(FNV_OFFSET ^ HASH, FNV_PRIME);
        for (let k = start; k < i; k++)
          tagHash = Math.imul(tagHash ^ foldAscii(text.charCodeAt(k)), FNV_PRIME);
        const tag = wordTable.find(tagHash, text, start - 1, i - start + 1);
        if (tag >= 0) hits.push(tag, position);
      }
      lastWordEnd = i;
      position++;
    }
    return true;
  }

  scan(text: string, hits: TermHits): void {
    hits.count = 0;
    if (this.wasm === undefined) this.wasm = (this.useWasm && wasmKeyScanner(this.tables())) || null;
    const wasm = this.wasm;
    if (wasm !== null) {
      const count = wasm.scan(text);
      if (count >= 0) {
        const { keys, positions } = wasm;
        for (let k = 0; k < count; k++) hits.push(keys[k]!, positions[k]!);
        return;
      }
    }
    this.scanInTypeScript(text, hits);
  }

  scanInTypeScript(text: string, hits: TermHits): void {
    hits.count = 0;
    if (this.scanText(text, true, hits)) return;
    hits.count = 0;
    this.scanText(normaliseText(text), false, hits);
  }

  hashtagId(tag: string): number {
    const id = this.tags.get(normaliseText(tag.startsWith('#') ? tag.slice(1) : tag));
    return id ?? -1;
  }
}

/**
 * The index of `keys`. Its scanner runs in WebAssembly where it can (see wasmKeyScan.ts); with
 * `{ wasm: false }` it always scans in TypeScript, which tests compare the WebAssembly scanner with.
 */
export function buildTermIndex(keys: readonly TermKey[], options: { wasm?: boolean } = {}): TermIndex {
  return new KeyScanner(keys, options.wasm ?? true);
}
