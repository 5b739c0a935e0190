// Runs the term index's scanner, and the matcher's evaluation after it, in WebAssembly
// (assembly/keyScan.ts): the same tables, copied into the module's memory, and the same answer,
// faster than in TypeScript because the loop over the text's code units compiles to a few machine
// instructions per character and the tables are read without bounds checks. The text is copied in
// with one native call (UTF-16, as JavaScript holds it). Anything the WebAssembly code leaves alone
// (text that needs normalising beyond splitting a letter in two, very long text, a character beyond
// plane 1) makes `scan` and `match` answer -1, and the caller does the work in TypeScript.
import {
  astralFlags,
  decompositionOf,
  NEEDS_NORMALISING,
  SIMPLE_DECOMPOSITION,
  WORD,
} from './characterTable.ts';
import { KEY_SCAN_WASM } from './keyScanWasm.ts';

/** One key table of the index, as termIndex.ts builds it. */
export interface ScannedTable {
  screen: Int32Array;
  slots: Int32Array;
  mask: number;
  pool: Uint16Array;
  poolLength: number;
}

export interface ScannerTables {
  classes: Uint16Array;
  words: ScannedTable;
  prefixes: ScannedTable & { size: number };
  prefixScreen: Int32Array;
  minPrefix: number;
  maxPrefix: number;
  screenLength: number;
  findTags: boolean;
  findMentions: boolean;
}

/** The matcher's tables (matcher.ts), copied once; the state arrays are then used from memory. */
export interface MatcherTables {
  /** Four numbers per key: stamp, first hit, first trigger, end of triggers. */
  keyState: Int32Array;
  triggered: Int32Array;
  /** Two numbers per query: stamp, program start or -1. */
  queryState: Int32Array;
  program: Int32Array;
  /** Runs the compiled test `index` (a NEAR or a filter) on the post being matched. */
  test: (index: number) => boolean;
}

export interface WasmScanner {
  /** Finds the keys in `text`, writing them to `keys` and `positions`: their count, or -1. */
  scan(text: string): number;
  /** Key ids of the last scan's hits, then their word positions; read the first `count` of each. */
  keys: Int32Array;
  positions: Int32Array;
}

export interface WasmMatcher extends WasmScanner {
  /**
   * Matches `text` as post `stamp`, with the `extraCount` tag keys written to `extraKeys`: how many
   * queries match (their indexes are the first entries of `candidates`, ascending), or -1.
   */
  match(text: string, extraCount: number, stamp: number): number;
  /** The matcher's state, in the module's memory: read and written by TypeScript code too. */
  keyState: Int32Array;
  queryState: Int32Array;
  next: Int32Array;
  candidates: Int32Array;
  extraKeys: Int32Array;
}

interface KeyScanExports {
  memory: WebAssembly.Memory;
  configureTables(
    classes: number,
    astral: number,
    splits: number,
    text: number,
    scratch: number,
    keys: number,
    positions: number,
    held: number,
  ): void;
  configureWords(screen: number, slots: number, pool: number, mask: number): void;
  configurePrefixes(
    screen: number,
    slots: number,
    pool: number,
    mask: number,
    count: number,
    firstCharacters: number,
    shortest: number,
    longest: number,
    screened: number,
  ): void;
  configureKinds(tags: number, mentions: number): void;
  configureMatcher(
    keyState: number,
    triggered: number,
    queryState: number,
    program: number,
    candidates: number,
    next: number,
    extraKeys: number,
  ): void;
  scan(length: number): number;
  match(length: number, extraCount: number, stamp: number): number;
}

/** Longest text scanned in WebAssembly, in code units; a longer one is scanned in TypeScript. */
export const WASM_TEXT_UNITS = 32_768;
/** Most hits one scan holds; a text with more is scanned in TypeScript. */
const HITS_HELD = 4_096;
/** Most tags the network reports for one post that are matched in WebAssembly. */
export const WASM_EXTRA_KEYS = 64;
const PLANE_1 = 0x10000;
/** The code units the splits table covers (Indic scripts and Tibetan), as in assembly/keyScan.ts. */
const SPLITS_FROM = 0x0900;
const SPLITS_TO = 0x1000;

let compiled: WebAssembly.Module | null | undefined;
let plane1: Uint8Array | undefined;

function keyScanModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled =
        typeof WebAssembly === 'object' && typeof Buffer === 'function'
          ? new WebAssembly.Module(Buffer.from(KEY_SCAN_WASM, 'base64'))
          : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** WORD and NEEDS_NORMALISING of every code point of plane 1 (emoji, historic scripts). */
function plane1Flags(): Uint8Array {
  if (!plane1) {
    const flags = new Uint8Array(PLANE_1);
    for (let c = 0; c < PLANE_1; c++) flags[c] = astralFlags(PLANE_1 + c) & (WORD | NEEDS_NORMALISING);
    plane1 = flags;
  }
  return plane1;
}

/** For each code unit from SPLITS_FROM, the two code units NFC splits it into (first << 16 | second), or 0. */
function splitsTable(classes: Uint16Array): Int32Array {
  const splits = new Int32Array(SPLITS_TO - SPLITS_FROM);
  for (let c = SPLITS_FROM; c < SPLITS_TO; c++) {
    if ((classes[c]! & SIMPLE_DECOMPOSITION) !== 0) splits[c - SPLITS_FROM] = decompositionOf(c);
  }
  return splits;
}

/** The WebAssembly scanner over `tables`, or undefined where WebAssembly or Buffer is missing. */
export function wasmKeyScanner(tables: ScannerTables): WasmScanner | undefined {
  return instantiate(tables, undefined);
}

/** The WebAssembly matcher over `tables` and `matcher`, or undefined where it cannot run. */
export function wasmMatcher(tables: ScannerTables, matcher: MatcherTables): WasmMatcher | undefined {
  return instantiate(tables, matcher);
}

function instantiate(tables: ScannerTables, matcher: undefined): WasmScanner | undefined;
function instantiate(tables: ScannerTables, matcher: MatcherTables): WasmMatcher | undefined;
function instantiate(tables: ScannerTables, matcher: MatcherTables | undefined): WasmScanner | undefined {
  const module = keyScanModule();
  if (!module) return undefined;
  const test = matcher?.test;
  const instance = new WebAssembly.Instance(module, {
    env: { test: test ? (index: number) => (test(index) ? 1 : 0) : () => 0 },
  });
  const wasm = instance.exports as unknown as KeyScanExports;

  let end = 0;
  const reserve = (bytes: number) => {
    const at = end;
    end += Math.ceil(bytes / 16) * 16;
    return at;
  };
  const classesAt = reserve(tables.classes.byteLength);
  const astralAt = reserve(PLANE_1);
  const splits = splitsTable(tables.classes);
  const splitsAt = reserve(splits.byteLength);
  const textAt = reserve(2 * WASM_TEXT_UNITS);
  // A word of the text with its split letters, each two code units, after a `#`.
  const scratchAt = reserve(2 * (2 * WASM_TEXT_UNITS + 1));
  const keysAt = reserve(4 * HITS_HELD);
  const positionsAt = reserve(4 * HITS_HELD);
  const place = (table: ScannedTable) => ({
    screen: reserve(table.screen.byteLength),
    slots: reserve(table.slots.byteLength),
    pool: reserve(2 * Math.max(1, table.poolLength)),
  });
  const words = place(tables.words);
  const prefixes = place(tables.prefixes);
  const prefixScreenAt = reserve(tables.prefixScreen.byteLength);
  const matcherAt = matcher && {
    keyState: reserve(matcher.keyState.byteLength),
    triggered: reserve(matcher.triggered.byteLength),
    queryState: reserve(matcher.queryState.byteLength),
    program: reserve(matcher.program.byteLength),
    candidates: reserve(Math.max(4, matcher.queryState.byteLength / 2)),
    next: reserve(4 * HITS_HELD),
    extraKeys: reserve(4 * WASM_EXTRA_KEYS),
  };
  const pages = Math.ceil(end / 65_536) - wasm.memory.buffer.byteLength / 65_536;
  if (pages > 0) wasm.memory.grow(pages);
  const buffer = wasm.memory.buffer;

  new Uint16Array(buffer, classesAt, tables.classes.length).set(tables.classes);
  new Uint8Array(buffer, astralAt, PLANE_1).set(plane1Flags());
  new Int32Array(buffer, splitsAt, splits.length).set(splits);
  const copyTable = (table: ScannedTable, at: { screen: number; slots: number; pool: number }) => {
    new Int32Array(buffer, at.screen, table.screen.length).set(table.screen);
    new Int32Array(buffer, at.slots, table.slots.length).set(table.slots);
    new Uint16Array(buffer, at.pool, table.poolLength).set(table.pool.subarray(0, table.poolLength));
  };
  copyTable(tables.words, words);
  copyTable(tables.prefixes, prefixes);
  new Int32Array(buffer, prefixScreenAt, tables.prefixScreen.length).set(tables.prefixScreen);

  wasm.configureTables(classesAt, astralAt, splitsAt, textAt, scratchAt, keysAt, positionsAt, HITS_HELD);
  wasm.configureWords(words.screen, words.slots, words.pool, tables.words.mask);
  wasm.configurePrefixes(
    prefixes.screen,
    prefixes.slots,
    prefixes.pool,
    tables.prefixes.mask,
    tables.prefixes.size,
    prefixScreenAt,
    tables.minPrefix,
    tables.maxPrefix,
    tables.screenLength,
  );
  wasm.configureKinds(tables.findTags ? 1 : 0, tables.findMentions ? 1 : 0);

  const textBytes = Buffer.from(buffer, textAt, 2 * WASM_TEXT_UNITS);
  const scanner: WasmScanner = {
    keys: new Int32Array(buffer, keysAt, HITS_HELD),
    positions: new Int32Array(buffer, positionsAt, HITS_HELD),
    scan: (text) => {
      if (text.length > WASM_TEXT_UNITS) return -1;
      textBytes.write(text, 0, 'utf16le');
      return wasm.scan(text.length);
    },
  };
  if (!matcher || !matcherAt) return scanner;

  const copy = (source: Int32Array, at: number) => {
    const view = new Int32Array(buffer, at, source.length);
    view.set(source);
    return view;
  };
  copy(matcher.triggered, matcherAt.triggered);
  copy(matcher.program, matcherAt.program);
  wasm.configureMatcher(
    matcherAt.keyState,
    matcherAt.triggered,
    matcherAt.queryState,
    matcherAt.program,
    matcherAt.candidates,
    matcherAt.next,
    matcherAt.extraKeys,
  );
  const matching: WasmMatcher = {
    ...scanner,
    keyState: copy(matcher.keyState, matcherAt.keyState),
    queryState: copy(matcher.queryState, matcherAt.queryState),
    candidates: new Int32Array(buffer, matcherAt.candidates, matcher.queryState.length / 2),
    next: new Int32Array(buffer, matcherAt.next, HITS_HELD),
    extraKeys: new Int32Array(buffer, matcherAt.extraKeys, WASM_EXTRA_KEYS),
    match: (text, extraCount, stamp) => {
      if (text.length > WASM_TEXT_UNITS) return -1;
      textBytes.write(text, 0, 'utf16le');
      return wasm.match(text.length, extraCount, stamp);
    },
  };
  return matching;
}
