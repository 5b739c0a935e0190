// The listening matcher's hot path in WebAssembly: the term index's scanner
// (src/core/listening/termIndex.ts) and the matcher's candidate and tree evaluation
// (src/core/listening/matcher.ts), for the common case: text that is already normalised. It reads the
// same tables the TypeScript code builds (the character table, the open-addressing key tables and
// their screens, the trigger lists and the queries' flat program), copied into this module's memory,
// and gives the same answer. Whenever the text shows a sign that normalising could change it, or holds
// something this module leaves to TypeScript (a character beyond plane 1, more
// hits than the output holds), `scan` and `match` answer BAIL before changing any state, and the
// caller does the work in TypeScript instead. A letter NFC always splits in two (Bengali য় typed
// precomposed) is read as the two code units it becomes, as the TypeScript scanner does. Tests that are not about terms (NEAR, filters) are
// called back in TypeScript through the imported `test`.
//
// Built with AssemblyScript by `node scripts/build-key-scan.mjs` into src/core/listening/keyScanWasm.ts.

const WORD: i32 = 1;
const HIGH_SURROGATE: i32 = 2;
const NEEDS_NORMALISING: i32 = 4;
const COMBINING: i32 = 8;
const MAY_COMPOSE: i32 = 16;
const MAY_START_COMPOSITION: i32 = 32;
const ASCII_UPPER: i32 = 64;
const SIMPLE_DECOMPOSITION: i32 = 128;
const PLAIN_WORD: i32 = 256;
const MARK_WORD: i32 = 512;
/** Result bit of `slowFlags` and `pairFlags`: a word character made of a surrogate pair. */
const PAIR: i32 = 1024;
/** Result bit of `slowFlags`: a letter NFC splits in two (SIMPLE_DECOMPOSITION). */
const SPLIT: i32 = 2048;
/** The code units of the splits table: U+0900 to U+0FFF (Indic scripts and Tibetan). */
const SPLITS_FROM: i32 = 0x0900;
const SPLITS_TO: i32 = 0x1000;
const SLOW: i32 = NEEDS_NORMALISING | HIGH_SURROGATE | COMBINING | MAY_COMPOSE;

/** `scan` and the helpers: leave this text to the TypeScript scanner. */
const BAIL: i32 = -1;

const FNV_OFFSET: i32 = -2128831035; // 0x811c9dc5
const FNV_PRIME: i32 = 0x01000193;
const PREFIX_SCREEN_BITS: i32 = 1 << 16;
const HASH: i32 = 35;
const AT: i32 = 64;
const DOT: i32 = 46;
const HYPHEN: i32 = 45;

// Where the tables are, in bytes from the start of memory, set once by `configure`.
let classes: usize = 0;
let astral: usize = 0;
/** For each code unit from SPLITS_FROM, first << 16 | second of the two it splits into, or 0. */
let splits: usize = 0;
let text: usize = 0;
/** A word with a split letter, normalised, after a `#` at its start. */
let scratch: usize = 0;
let hitKeys: usize = 0;
let hitPositions: usize = 0;
let hitCapacity: i32 = 0;
let hitCount: i32 = 0;

let wordScreen: usize = 0;
let wordSlots: usize = 0;
let wordPool: usize = 0;
let wordMask: i32 = 0;

let prefixKeyScreen: usize = 0;
let prefixSlots: usize = 0;
let prefixPool: usize = 0;
let prefixMask: i32 = 0;
let hasPrefixes: bool = false;
let prefixScreen: usize = 0;
let minPrefix: i32 = 1;
let maxPrefix: i32 = 0;
let screenLength: i32 = 1;

let findTags: bool = false;
let findMentions: bool = false;

// The matcher's tables (see matcher.ts): four numbers per key [stamp, first hit, first trigger,
// end of triggers], the triggered queries, two numbers per query [stamp, program start or -1], the
// program, the candidates (one per query at most), the hits' chain and the network's tags.
let keyState: usize = 0;
let triggered: usize = 0;
let queryState: usize = 0;
let program: usize = 0;
let candidates: usize = 0;
let nextHit: usize = 0;
let extraKeys: usize = 0;
let stamp: i32 = 0;

/** Runs the matcher's compiled test `index` (a NEAR or a filter) on the current post. */
@external("env", "test")
declare function callTest(index: i32): i32;

export function configureTables(
  classesAt: usize,
  astralAt: usize,
  splitsAt: usize,
  textAt: usize,
  scratchAt: usize,
  hitKeysAt: usize,
  hitPositionsAt: usize,
  hitsHeld: i32,
): void {
  classes = classesAt;
  astral = astralAt;
  splits = splitsAt;
  text = textAt;
  scratch = scratchAt;
  hitKeys = hitKeysAt;
  hitPositions = hitPositionsAt;
  hitCapacity = hitsHeld;
}

export function configureWords(screenAt: usize, slotsAt: usize, poolAt: usize, mask: i32): void {
  wordScreen = screenAt;
  wordSlots = slotsAt;
  wordPool = poolAt;
  wordMask = mask;
}

export function configurePrefixes(
  keyScreenAt: usize,
  slotsAt: usize,
  poolAt: usize,
  mask: i32,
  count: i32,
  firstCharactersAt: usize,
  shortest: i32,
  longest: i32,
  screened: i32,
): void {
  prefixKeyScreen = keyScreenAt;
  prefixSlots = slotsAt;
  prefixPool = poolAt;
  prefixMask = mask;
  hasPrefixes = count > 0;
  prefixScreen = firstCharactersAt;
  minPrefix = shortest;
  maxPrefix = longest;
  screenLength = screened;
}

export function configureKinds(tags: bool, mentions: bool): void {
  findTags = tags;
  findMentions = mentions;
}

export function configureMatcher(
  keyStateAt: usize,
  triggeredAt: usize,
  queryStateAt: usize,
  programAt: usize,
  candidatesAt: usize,
  nextHitAt: usize,
  extraKeysAt: usize,
): void {
  keyState = keyStateAt;
  triggered = triggeredAt;
  queryState = queryStateAt;
  program = programAt;
  candidates = candidatesAt;
  nextHit = nextHitAt;
  extraKeys = extraKeysAt;
}

// @ts-expect-error: AssemblyScript decorator
@inline function unitAt(i: i32): i32 {
  return <i32>load<u16>(text + (<usize>i << 1));
}

// @ts-expect-error: AssemblyScript decorator
@inline function flagsOf(c: i32): i32 {
  return <i32>load<u16>(classes + (<usize>c << 1));
}

// @ts-expect-error: AssemblyScript decorator
@inline function foldAscii(c: i32): i32 {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

// @ts-expect-error: AssemblyScript decorator
@inline function bitIsSet(bitmap: usize, bit: i32): bool {
  return (load<i32>(bitmap + (<usize>(bit >>> 5) << 2)) & (1 << (bit & 31))) != 0;
}

// @ts-expect-error: AssemblyScript decorator
@inline function screenBitA(h: i32): i32 {
  return (h * -1640531535) >>> 15; // 0x9e3779b1
}

// @ts-expect-error: AssemblyScript decorator
@inline function screenBitB(h: i32): i32 {
  return ((h ^ (h >>> 15)) * 0x2c1b3c6d) >>> 15;
}

/** The two code units `c` splits into, as first << 16 | second, or 0 when the table lacks it. */
function splitOf(c: i32): i32 {
  return c >= SPLITS_FROM && c < SPLITS_TO ? load<i32>(splits + (<usize>(c - SPLITS_FROM) << 2)) : 0;
}

function markHazard(flags: i32): i32 {
  return ((flags & COMBINING) != 0 ? COMBINING | SIMPLE_DECOMPOSITION : 0) | ((flags & MAY_COMPOSE) << 1);
}

/**
 * Flags of the surrogate pair at `i` (WORD | PAIR or 0) from the plane 1 table; BAIL beyond plane 1,
 * or with `checking` for a character normalising changes.
 */
function pairFlags(i: i32, n: i32, checking: bool): i32 {
  if (i + 1 >= n) return 0;
  const low = unitAt(i + 1);
  if (low < 0xdc00 || low > 0xdfff) return 0;
  const codePoint = ((unitAt(i) - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  if (codePoint >= 0x20000) return BAIL;
  const flags = <i32>load<u8>(astral + <usize>(codePoint - 0x10000));
  if (checking && (flags & NEEDS_NORMALISING) != 0) return BAIL;
  return (flags & WORD) != 0 ? WORD | PAIR : 0;
}

/**
 * Flags of the code unit at `i` whose table entry has one of the SLOW bits: WORD (| PAIR), 0, or
 * BAIL when normalising could change the text around it. Where the TypeScript scanner asks whether
 * two characters compose, this one bails as soon as they might.
 */
function slowFlags(i: i32, flags: i32, n: i32): i32 {
  if ((flags & NEEDS_NORMALISING) != 0) {
    return (flags & SIMPLE_DECOMPOSITION) != 0 && splitOf(unitAt(i)) != 0 ? WORD | SPLIT : BAIL;
  }
  if (i > 0) {
    const before = flagsOf(unitAt(i - 1));
    if ((flags & COMBINING) != 0 && (before & (COMBINING | SIMPLE_DECOMPOSITION)) != 0) return BAIL;
    if ((flags & MAY_COMPOSE) != 0 && (before & MAY_START_COMPOSITION) != 0) return BAIL;
  }
  if ((flags & HIGH_SURROGATE) == 0) return flags & WORD;
  return pairFlags(i, n, true);
}

/** Code units of the word character at `i`: 0, 1, or 2 for a surrogate pair; BAIL beyond plane 1. */
function unitsAt(i: i32, n: i32): i32 {
  let flags = flagsOf(unitAt(i));
  if ((flags & HIGH_SURROGATE) != 0) {
    flags = pairFlags(i, n, false);
    if (flags == BAIL) return BAIL;
  }
  return (flags & WORD) == 0 ? 0 : (flags & PAIR) != 0 ? 2 : 1;
}

function push(key: i32, position: i32): bool {
  if (hitCount == hitCapacity) return false;
  store<i32>(hitKeys + (<usize>hitCount << 2), key);
  store<i32>(hitPositions + (<usize>hitCount << 2), position);
  hitCount++;
  return true;
}

function samePooled(pool: usize, offset: i32, source: usize, start: i32, length: i32): bool {
  for (let k = 0; k < length; k++) {
    const c = <i32>load<u16>(source + (<usize>(start + k) << 1));
    if (<i32>load<u16>(pool + (<usize>(offset + k) << 1)) != foldAscii(c)) return false;
  }
  return true;
}

/**
 * The id of the key of a table equal to `length` code units of `source` (the text or the scratch
 * word) from `start` (ASCII folded), or -1.
 */
function find(
  screen: usize,
  slots: usize,
  pool: usize,
  mask: i32,
  h: i32,
  source: usize,
  start: i32,
  length: i32,
): i32 {
  if (!bitIsSet(screen, screenBitA(h)) || !bitIsSet(screen, screenBitB(h))) return -1;
  let x = h ^ (h >>> 16);
  x = x * -2048144789; // 0x85ebca6b
  let s = (x ^ (x >>> 13)) & mask;
  let entry = load<i32>(slots + (<usize>s << 4), 4);
  // The tables are never full, so an empty slot ends every probe.
  while (entry != 0) {
    const slot = slots + (<usize>s << 4);
    if (
      load<i32>(slot) == h &&
      load<i32>(slot, 12) == length &&
      samePooled(pool, load<i32>(slot, 8), source, start, length)
    ) {
      return entry - 1;
    }
    s = (s + 1) & mask;
    entry = load<i32>(slots + (<usize>s << 4), 4);
  }
  return -1;
}

function findWord(h: i32, source: usize, start: i32, length: i32): i32 {
  return find(wordScreen, wordSlots, wordPool, wordMask, h, source, start, length);
}

/**
 * Adds the keys of the word from `start` to `end` that holds letters NFC splits, `h` being its hash
 * once normalised: its prefixes (a prefix may end inside a split letter), the word, and with `tag`
 * the hashtag. The normalised word is written to the scratch area, after a `#`. False to bail.
 */
function findSplitWord(start: i32, end: i32, h: i32, tag: bool, position: i32): bool {
  let length = 0;
  const word = scratch + 2;
  for (let k = start; k < end; k++) {
    const c = unitAt(k);
    const parts = (flagsOf(c) & SIMPLE_DECOMPOSITION) != 0 ? splitOf(c) : 0;
    if (parts != 0) {
      store<u16>(word + (<usize>length << 1), <u16>(parts >>> 16));
      store<u16>(word + (<usize>(length + 1) << 1), <u16>(parts & 0xffff));
      length += 2;
    } else {
      store<u16>(word + (<usize>length << 1), <u16>foldAscii(c));
      length++;
    }
  }
  if (hasPrefixes) {
    let prefixHash = FNV_OFFSET;
    const last = min(length, maxPrefix);
    for (let k = 1; k <= last; k++) {
      prefixHash = (prefixHash ^ <i32>load<u16>(word + (<usize>(k - 1) << 1))) * FNV_PRIME;
      if (k >= minPrefix) {
        const id = find(prefixKeyScreen, prefixSlots, prefixPool, prefixMask, prefixHash, word, 0, k);
        if (id >= 0 && !push(id, position)) return false;
      }
    }
  }
  const id = findWord(h, word, 0, length);
  if (id >= 0 && !push(id, position)) return false;
  if (tag) {
    store<u16>(scratch, <u16>HASH);
    let tagHash = FNV_OFFSET;
    for (let k = 0; k <= length; k++) tagHash = (tagHash ^ <i32>load<u16>(scratch + (<usize>k << 1))) * FNV_PRIME;
    const tagId = findWord(tagHash, scratch, 0, length + 1);
    if (tagId >= 0 && !push(tagId, position)) return false;
  }
  return true;
}

/** Adds the mention key `@handle` starting at `at` if there is one; false to bail. */
function findMention(at: i32, position: i32, n: i32): bool {
  let end = at + 1;
  while (end < n) {
    const c = unitAt(end);
    if (c == DOT || c == HYPHEN || c == AT) {
      end++;
    } else {
      if ((flagsOf(c) & SIMPLE_DECOMPOSITION) != 0) return false;
      const units = unitsAt(end, n);
      if (units == BAIL) return false;
      if (units == 0) break;
      end += units;
    }
  }
  while (true) {
    const last = unitAt(end - 1);
    if (last != DOT && last != HYPHEN && last != AT) break;
    end--;
  }
  let h = FNV_OFFSET;
  for (let k = at; k < end; k++) h = (h ^ foldAscii(unitAt(k))) * FNV_PRIME;
  const id = findWord(h, text, at, end - at);
  return id < 0 || push(id, position);
}

/** Adds every prefix key the word from `start` to `end` starts with; false to bail. */
function findPrefixes(start: i32, end: i32, position: i32): bool {
  const last = min(end - start, maxPrefix);
  let h = FNV_OFFSET;
  for (let length = 1; length <= last; length++) {
    const c = unitAt(start + length - 1);
    h = (h ^ foldAscii(c)) * FNV_PRIME;
    // A prefix ends after a whole character, never between the two halves of a surrogate pair.
    if (length >= minPrefix && (c < 0xd800 || c > 0xdbff)) {
      const id = find(prefixKeyScreen, prefixSlots, prefixPool, prefixMask, h, text, start, length);
      if (id >= 0 && !push(id, position)) return false;
    }
  }
  return true;
}

function prefixScreenBit(start: i32, count: i32): i32 {
  let x = 0;
  for (let k = start; k < start + count; k++) x = (x << 5) ^ foldAscii(unitAt(k));
  return (x ^ (x >>> 16)) & (PREFIX_SCREEN_BITS - 1);
}

/**
 * Finds every key in the `n` code units of text at `text`: the number of hits written to the output
 * (key ids and word positions), or BAIL.
 */
export function scan(n: i32): i32 {
  hitCount = 0;
  let position = 0;
  let lastWordEnd = -1;
  let tagStart = -1;
  let i = 0;
  while (i < n) {
    let c = unitAt(i);
    let flags = flagsOf(c);
    if ((flags & SLOW) != 0) {
      flags = slowFlags(i, flags, n);
      if (flags == BAIL) return BAIL;
    }
    if ((flags & WORD) == 0) {
      if ((c == HASH || c == AT) && lastWordEnd != i && i + 1 < n) {
        const units = unitsAt(i + 1, n);
        if (units == BAIL) return BAIL;
        if (units != 0) {
          if (c == HASH && findTags) tagStart = i + 1;
          else if (c == AT && findMentions && !findMention(i, position, n)) return BAIL;
        }
      }
      i++;
      continue;
    }
    const start = i;
    let h = FNV_OFFSET;
    let split = false;
    while (true) {
      if ((flags & (PAIR | SPLIT)) == 0) {
        h = (h ^ (c | ((flags & ASCII_UPPER) >>> 1))) * FNV_PRIME;
        i++;
      } else if ((flags & PAIR) != 0) {
        h = (h ^ c) * FNV_PRIME;
        h = (h ^ unitAt(i + 1)) * FNV_PRIME;
        i += 2;
      } else {
        const parts = splitOf(c);
        h = (h ^ (parts >>> 16)) * FNV_PRIME;
        h = (h ^ (parts & 0xffff)) * FNV_PRIME;
        split = true;
        i++;
      }
      if (i >= n) break;
      c = unitAt(i);
      flags = flagsOf(c);
      while (
        (flags & PLAIN_WORD) != 0 ||
        ((flags & MARK_WORD) != 0 && (flagsOf(unitAt(i - 1)) & markHazard(flags)) == 0)
      ) {
        h = (h ^ (c | ((flags & ASCII_UPPER) >>> 1))) * FNV_PRIME;
        i++;
        if (i >= n) break;
        c = unitAt(i);
        flags = flagsOf(c);
      }
      if (i >= n) break;
      if ((flags & SLOW) != 0) {
        flags = slowFlags(i, flags, n);
        if (flags == BAIL) return BAIL;
      }
      if ((flags & WORD) == 0) break;
    }
    if (split) {
      if (!findSplitWord(start, i, h, tagStart == start, position)) return BAIL;
      lastWordEnd = i;
      position++;
      continue;
    }
    if (hasPrefixes && i - start >= minPrefix) {
      if (bitIsSet(prefixScreen, prefixScreenBit(start, screenLength)) && !findPrefixes(start, i, position)) {
        return BAIL;
      }
    }
    if (bitIsSet(wordScreen, screenBitA(h))) {
      const id = findWord(h, text, start, i - start);
      if (id >= 0 && !push(id, position)) return BAIL;
    }
    if (tagStart == start) {
      let tagHash = (FNV_OFFSET ^ HASH) * FNV_PRIME;
      for (let k = start; k < i; k++) tagHash = (tagHash ^ foldAscii(unitAt(k))) * FNV_PRIME;
      const tag = findWord(tagHash, text, start - 1, i - start + 1);
      if (tag >= 0 && !push(tag, position)) return BAIL;
    }
    lastWordEnd = i;
    position++;
  }
  return hitCount;
}

const OP_KEY: i32 = 0;
const OP_CALL: i32 = 1;
const OP_AND: i32 = 2;
const OP_NOT: i32 = 4;
const OP_SEQUENCE: i32 = 5;

// @ts-expect-error: AssemblyScript decorator
@inline function word(base: usize, index: i32): i32 {
  return load<i32>(base + (<usize>index << 2));
}

// @ts-expect-error: AssemblyScript decorator
@inline function keyOccurs(key: i32): bool {
  return load<i32>(keyState + (<usize>key << 4)) == stamp;
}

/** Whether `key` was found at word `position` of the current post. */
function occursAt(key: i32, position: i32): bool {
  if (!keyOccurs(key)) return false;
  for (let h = load<i32>(keyState + (<usize>key << 4), 4); h >= 0; h = word(nextHit, h)) {
    if (word(hitPositions, h) == position) return true;
  }
  return false;
}

/** Whether the phrase whose word keys are program[from] to program[to - 1] occurs in the post. */
function phraseAt(from: i32, to: i32): bool {
  for (let k = from; k < to; k++) if (!keyOccurs(word(program, k))) return false;
  for (let h = load<i32>(keyState + (<usize>word(program, from) << 4), 4); h >= 0; h = word(nextHit, h)) {
    const start = word(hitPositions, h);
    if (start < 0) continue;
    let k = from + 1;
    while (k < to && occursAt(word(program, k), start + k - from)) k++;
    if (k == to) return true;
  }
  return false;
}

/** Whether the node of the program at `at` holds for the current post. */
function run(at: i32): bool {
  const op = word(program, at);
  const argument = word(program, at + 1);
  if (op == OP_KEY) return keyOccurs(argument);
  if (op == OP_CALL) return callTest(argument) != 0;
  if (op == OP_NOT) return !run(at + 2);
  if (op == OP_SEQUENCE) return phraseAt(at + 2, at + argument);
  const end = at + argument;
  const and = op == OP_AND;
  for (let child = at + 2; child < end; ) {
    if (run(child) != and) return !and;
    const childOp = word(program, child);
    child += childOp == OP_KEY || childOp == OP_CALL ? 2 : word(program, child + 1);
  }
  return and;
}

/**
 * Matches the `n` code units of text at `text`, with `extraCount` tags the network reported (key ids
 * at `extraKeys`), as post number `postStamp`: the number of matching queries, whose indexes are the
 * first entries of `candidates` in ascending order, or BAIL before any state has changed.
 */
export function match(n: i32, extraCount: i32, postStamp: i32): i32 {
  if (scan(n) == BAIL) return BAIL;
  for (let e = 0; e < extraCount; e++) if (!push(word(extraKeys, e), -1)) return BAIL;
  const count = hitCount;
  if (count == 0) return 0;
  stamp = postStamp;
  let candidateCount = 0;
  for (let h = 0; h < count; h++) {
    const state = keyState + (<usize>word(hitKeys, h) << 4);
    if (load<i32>(state) != stamp) {
      store<i32>(state, stamp);
      store<i32>(nextHit + (<usize>h << 2), -1);
      const end = load<i32>(state, 12);
      for (let t = load<i32>(state, 8); t < end; t++) {
        const q = word(triggered, t);
        const query = queryState + (<usize>q << 3);
        if (load<i32>(query) == stamp) continue;
        store<i32>(query, stamp);
        store<i32>(candidates + (<usize>candidateCount << 2), q);
        candidateCount++;
      }
    } else {
      store<i32>(nextHit + (<usize>h << 2), load<i32>(state, 4));
    }
    store<i32>(state, h, 4);
  }
  let matched = 0;
  for (let c = 0; c < candidateCount; c++) {
    const q = word(candidates, c);
    const test = load<i32>(queryState + (<usize>q << 3), 4);
    if (test < 0 || run(test)) {
      // Insertion sort: a post matches a handful of queries, and they are reported in order.
      let at = matched++;
      while (at > 0 && word(candidates, at - 1) > q) {
        store<i32>(candidates + (<usize>at << 2), word(candidates, at - 1));
        at--;
      }
      store<i32>(candidates + (<usize>at << 2), q);
    }
  }
  return matched;
}
