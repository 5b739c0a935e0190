// Matches every active listening query against a post at once. All queries compile into one term
// index (termIndex.ts): each post is scanned a single time, and only the queries one of whose
// "trigger" terms occurs in it have their boolean tree evaluated. A trigger set is chosen per query
// so that the query cannot hold unless one of them occurs: for `a AND b` the rarer-looking side,
// for `a OR b` both sides; a query whose truth does not depend on any term (`a OR NOT b`) is
// triggered by all of its positive terms.
//
// Semantics: terms match whole words (`mango` not in "mangoes"; `mango*` does); phrases match
// consecutive words; `NEAR/n` matches two operands at most n word positions apart in either order
// (neighbours are 1 apart), `ONEAR/n` the left one first; operands never overlap. A query matches
// when its tree holds and at least one of its positive terms (not under a NOT) occurs, so a NOT can
// only narrow what the other terms found. Filters compare the language (`en` also accepts `en-US`),
// the author's handle (with or without `@`), the host of any link (the value or a subdomain of it)
// and the platform.
import { normaliseText, wordsOf } from './normalise.ts';
import type { FilterNode, MatchInput, PhraseNode, QueryNode, TermNode } from './queryAst.ts';
import { buildTermIndex, TermHits, type TermIndex, type TermKey } from './termIndex.ts';
import { WASM_EXTRA_KEYS, type WasmMatcher, wasmMatcher } from './wasmKeyScan.ts';

export interface CompiledQuery {
  id: string;
  tree: QueryNode;
}

export interface Matcher {
  /**
   * Ids of the queries that match the post, in the order they were compiled. Read it, don't change it:
   * the empty answer is one frozen array shared by every call.
   */
  match(input: MatchInput): string[];
  /** How many distinct terms the index holds. */
  readonly termCount: number;
  /** How many posts were matched in WebAssembly and how many in TypeScript (see wasmKeyScan.ts). */
  readonly engineCounts: { webAssembly: number; typeScript: number };
}

/** What a query's tree reads about the post being matched. */
interface PostState {
  stamp: number;
  /**
   * Four numbers per key, side by side so that a key found in a post costs one cache line:
   * `keys[KEY_STAMP + 4 * key] === stamp` when the key occurs in the current post,
   * `keys[KEY_HEAD + 4 * key]` is its first hit (hits of one key are chained through `next`), and
   * `keys[KEY_TRIGGERS + 4 * key]`, `keys[KEY_TRIGGERS_END + 4 * key]` the range of `triggered`
   * holding the queries it triggers.
   */
  keys: Int32Array<ArrayBufferLike>;
  next: Int32Array<ArrayBufferLike>;
  positions: Int32Array<ArrayBufferLike>;
  input: MatchInput;
  hostsStamp: number;
  hosts: string[];
}

type Test = (state: PostState) => boolean;

/** Key ids of consecutive words; a term is a sequence of one. */
type Sequence = number[];

/** A set of keys one of which must occur for a node to hold, with a guess at how often that is. */
interface Trigger {
  keys: number[];
  cost: number;
}

export interface MatcherOptions {
  /** false: match only in TypeScript, which tests compare the WebAssembly matcher with. */
  wasm?: boolean;
  /**
   * Another name for an `author:` value, by its `authorKey`: the DID a Bluesky handle points to, since
   * Bluesky's streams name authors by DID only.
   */
  authorAliases?: ReadonlyMap<string, string>;
}

/** Compiles the queries into one matcher. It matches in WebAssembly where it can (wasmKeyScan.ts). */
export function compileMatcher(queries: readonly CompiledQuery[], options: MatcherOptions = {}): Matcher {
  const keys: TermKey[] = [];
  const keyIds = new Map<string, number>();
  const keyCost: number[] = [];

  function keyFor(kind: TermKey['kind'], text: string): number {
    const name = `${kind}:${text}`;
    let id = keyIds.get(name);
    if (id === undefined) {
      id = keys.length;
      keys.push({ kind, text });
      keyIds.set(name, id);
      // Short words and short prefixes occur most often; prefer long, exact words as triggers.
      keyCost.push((kind === 'prefix' ? 4 : 1) / Math.max(1, text.length));
    }
    return id;
  }

  function sequenceOf(node: TermNode | PhraseNode): Sequence {
    if (node.type === 'phrase')
      return node.words.flatMap((w) => wordsOf(normaliseText(w))).map((w) => keyFor('word', w));
    const words = wordsOf(normaliseText(node.text));
    // A term written with punctuation inside ("covid-19") is the phrase of its words.
    return words.map((w, i) => keyFor(node.prefix && i === words.length - 1 ? 'prefix' : 'word', w));
  }

  function sequenceTrigger(sequence: Sequence): Trigger | undefined {
    if (sequence.length === 0) return undefined;
    let best = sequence[0]!;
    for (const key of sequence) if (keyCost[key]! < keyCost[best]!) best = key;
    return { keys: [best], cost: keyCost[best]! };
  }

  function pickCheaper(a: Trigger | undefined, b: Trigger | undefined): Trigger | undefined {
    if (!a) return b;
    if (!b) return a;
    return b.cost < a.cost ? b : a;
  }

  const state: PostState = {
    stamp: 0,
    keys: new Int32Array(0),
    next: new Int32Array(64),
    positions: new Int32Array(64),
    input: { text: '' },
    hostsStamp: 0,
    hosts: [],
  };

  /** What a node of a query tree needs before it can hold. */
  interface Compiled {
    /** undefined: the node can hold without any of its terms occurring. */
    trigger: Trigger | undefined;
    /** The node holds whenever one of its trigger keys occurs (a word, a tag, an OR of those). */
    direct: boolean;
  }

  function compileNode(node: QueryNode): Compiled {
    switch (node.type) {
      case 'term':
      case 'phrase': {
        const sequence = sequenceOf(node);
        return { trigger: sequenceTrigger(sequence), direct: sequence.length === 1 };
      }
      case 'hashtag': {
        const key = keyFor('hashtag', normaliseText(node.tag.replace(/^#/, '')));
        return { trigger: { keys: [key], cost: keyCost[key]! }, direct: true };
      }
      case 'mention': {
        const key = keyFor('mention', normaliseText(node.handle.replace(/^@/, '')));
        return { trigger: { keys: [key], cost: keyCost[key]! }, direct: true };
      }
      case 'near':
        return {
          trigger: pickCheaper(
            sequenceTrigger(sequenceOf(node.left)),
            sequenceTrigger(sequenceOf(node.right)),
          ),
          direct: false,
        };
      case 'and': {
        const children = node.children.map(compileNode);
        let trigger: Trigger | undefined;
        for (const child of children) trigger = pickCheaper(trigger, child.trigger);
        return { trigger, direct: children.length === 1 && children[0]!.direct };
      }
      case 'or': {
        const children = node.children.map(compileNode);
        let trigger: Trigger | undefined = { keys: [], cost: 0 };
        for (const child of children) {
          if (!child.trigger || !trigger) trigger = undefined;
          else
            trigger = {
              keys: [...trigger.keys, ...child.trigger.keys],
              cost: trigger.cost + child.trigger.cost,
            };
        }
        if (children.length === 0) trigger = undefined;
        return { trigger, direct: trigger !== undefined && children.every((c) => c.direct) };
      }
      case 'not':
        compileNode(node.child);
        return { trigger: undefined, direct: false };
      case 'filter':
        return { trigger: undefined, direct: false };
    }
  }

  // Trees are evaluated from one flat program (see `run`): key tests and AND/OR/NOT read the post's
  // state directly, and only phrases, NEARs and filters call a compiled test.
  const program: number[] = [];
  const calls: Test[] = [];

  function leaf(test: Test): number[] {
    calls.push(test);
    return [OP_CALL, calls.length - 1];
  }

  function emit(node: QueryNode): number[] {
    switch (node.type) {
      case 'term':
      case 'phrase': {
        const sequence = sequenceOf(node);
        if (sequence.length === 0) return leaf(() => false);
        return sequence.length === 1
          ? [OP_KEY, sequence[0]!]
          : [OP_SEQUENCE, sequence.length + 2, ...sequence];
      }
      case 'hashtag':
        return [OP_KEY, keyFor('hashtag', normaliseText(node.tag.replace(/^#/, '')))];
      case 'mention':
        return [OP_KEY, keyFor('mention', normaliseText(node.handle.replace(/^@/, '')))];
      case 'near':
        return leaf(nearTest(sequenceOf(node.left), sequenceOf(node.right), node.distance, node.ordered));
      case 'filter':
        return leaf(filterTest(node, options.authorAliases));
      case 'and':
      case 'or':
        return branch(node.type === 'and' ? OP_AND : OP_OR, node.children.map(emit));
      case 'not':
        return branch(OP_NOT, [emit(node.child)]);
    }
  }

  /** Codes of the positive leaves (not under a NOT, not filters) of a tree. */
  function positiveCodes(tree: QueryNode): number[][] {
    const codes: number[][] = [];
    collectPositiveKeys(tree, false, (node) => {
      if (node.type !== 'filter') codes.push(emit(node));
    });
    return codes;
  }

  function place(code: number[]): number {
    const at = program.length;
    for (const c of code) program.push(c);
    return at;
  }

  const compiled = queries.map((q) => {
    const root = compileNode(q.tree);
    if (root.trigger) {
      return { test: root.direct ? -1 : place(emit(q.tree)), triggers: root.trigger.keys };
    }
    // The tree alone does not need a term, so ask for one of its positive terms as well.
    const test = place(branch(OP_AND, [branch(OP_OR, positiveCodes(q.tree)), emit(q.tree)]));
    const triggers = new Set<number>();
    collectPositiveKeys(q.tree, false, (node) => {
      if (node.type === 'near') {
        for (const k of [...sequenceOf(node.left), ...sequenceOf(node.right)]) triggers.add(k);
      } else if (node.type === 'term' || node.type === 'phrase') {
        for (const k of sequenceOf(node)) triggers.add(k);
      } else if (node.type === 'hashtag') {
        triggers.add(keyFor('hashtag', normaliseText(node.tag.replace(/^#/, ''))));
      } else if (node.type === 'mention') {
        triggers.add(keyFor('mention', normaliseText(node.handle.replace(/^@/, ''))));
      }
    });
    return { test, triggers: [...triggers] };
  });

  // Which queries each key triggers, as one flat array (CSR) so lookups allocate nothing.
  const triggerStart = new Int32Array(keys.length + 1);
  for (const q of compiled) for (const k of new Set(q.triggers)) triggerStart[k + 1]!++;
  for (let k = 0; k < keys.length; k++) triggerStart[k + 1]! += triggerStart[k]!;
  const triggered = new Int32Array(triggerStart[keys.length]!);
  const fill = triggerStart.slice(0, keys.length);
  for (const [index, q] of compiled.entries()) {
    for (const k of new Set(q.triggers)) triggered[fill[k]!++] = index;
  }

  state.keys = new Int32Array(4 * keys.length);
  for (let k = 0; k < keys.length; k++) {
    state.keys[4 * k + KEY_TRIGGERS] = triggerStart[k]!;
    state.keys[4 * k + KEY_TRIGGERS_END] = triggerStart[k + 1]!;
  }
  let queryState: Int32Array<ArrayBufferLike> = new Int32Array(2 * compiled.length);
  for (const [index, q] of compiled.entries()) queryState[2 * index + QUERY_TEST] = q.test;
  const index = buildTermIndex(keys, { wasm: false });
  const flatProgram = Int32Array.from(program);
  const wasm =
    options.wasm === false
      ? undefined
      : wasmMatcher(index.tables(), {
          keyState: state.keys,
          triggered,
          queryState,
          program: flatProgram,
          test: (call) => calls[call]!(state),
        });
  if (wasm) {
    // From here on the TypeScript code reads and writes the same state as the WebAssembly code.
    state.keys = wasm.keyState;
    queryState = wasm.queryState;
  }
  return new CompiledMatcher(
    index,
    wasm,
    state,
    keys.length,
    triggered,
    queryState,
    flatProgram,
    calls,
    queries.map((q) => q.id),
  );
}

/**
 * The matcher of one set of queries. A class rather than a closure: `match` is compiled once for
 * every matcher, reading each one's tables from fields of one shape, so a process holding several
 * matchers (as it does whenever the queries change) runs the same fast code for all of them.
 */
class CompiledMatcher implements Matcher {
  readonly termCount: number;
  readonly engineCounts = { webAssembly: 0, typeScript: 0 };
  private readonly hits = new TermHits();
  private candidates = new Int32Array(64);

  constructor(
    private readonly index: TermIndex,
    /** The WebAssembly matcher, tried first; the TypeScript code below does what it leaves. */
    private readonly wasm: WasmMatcher | undefined,
    private readonly state: PostState,
    termCount: number,
    /** Which queries each key triggers, as one flat array (CSR) so lookups allocate nothing. */
    private readonly triggered: Int32Array,
    /**
     * Two numbers per query: the stamp of the last post that made it a candidate, and where its
     * program starts, or -1 when one of its trigger keys decides it.
     */
    private readonly queries: Int32Array<ArrayBufferLike>,
    private readonly program: Int32Array,
    private readonly calls: Test[],
    private readonly ids: string[],
  ) {
    this.termCount = termCount;
  }

  /** The stamp of a new post. */
  private nextStamp(): number {
    const state = this.state;
    if (state.stamp === MAX_STAMP) {
      // Stamps are stored as 32-bit numbers: start again before they would wrap around.
      for (let k = KEY_STAMP; k < state.keys.length; k += 4) state.keys[k] = 0;
      for (let q = QUERY_STAMP; q < this.queries.length; q += 2) this.queries[q] = 0;
      state.stamp = 0;
      state.hostsStamp = 0;
    }
    return ++state.stamp;
  }

  match(input: MatchInput): string[] {
    const wasm = this.wasm;
    if (wasm !== undefined) {
      let extra = 0;
      if (input.tags) {
        for (const tag of input.tags) {
          const id = this.index.hashtagId(tag);
          if (id < 0) continue;
          if (extra === WASM_EXTRA_KEYS) return this.matchInTypeScript(input);
          wasm.extraKeys[extra++] = id;
        }
      }
      const state = this.state;
      const stamp = this.nextStamp();
      state.input = input;
      state.positions = wasm.positions;
      state.next = wasm.next;
      const matched = wasm.match(input.text, extra, stamp);
      if (matched >= 0) this.engineCounts.webAssembly++;
      if (matched === 0) return NO_MATCH;
      if (matched > 0) {
        const ids = this.ids;
        const candidates = wasm.candidates;
        const result: string[] = new Array(matched);
        for (let m = 0; m < matched; m++) result[m] = ids[candidates[m]!]!;
        return result;
      }
    }
    return this.matchInTypeScript(input);
  }

  private matchInTypeScript(input: MatchInput): string[] {
    this.engineCounts.typeScript++;
    const index = this.index;
    const hits = this.hits;
    const state = this.state;
    const queries = this.queries;
    const triggered = this.triggered;
    const ids = this.ids;
    let candidates = this.candidates;
    index.scanInTypeScript(input.text, hits);
    if (input.tags) {
      for (const tag of input.tags) {
        const id = index.hashtagId(tag);
        if (id >= 0) hits.push(id, -1);
      }
    }
    const count = hits.count;
    if (count === 0) return NO_MATCH;
    const stamp = this.nextStamp();
    if (state.next.length < count) {
      state.next = new Int32Array(hits.keys.length);
    }
    state.positions = hits.positions;
    state.input = input;
    const { keys, next } = state;
    const hitKeys = hits.keys;
    let candidateCount = 0;
    for (let h = 0; h < count; h++) {
      const at = 4 * hitKeys[h]!;
      if (keys[at + KEY_STAMP] !== stamp) {
        keys[at + KEY_STAMP] = stamp;
        next[h] = -1;
        for (let t = keys[at + KEY_TRIGGERS]!, end = keys[at + KEY_TRIGGERS_END]!; t < end; t++) {
          const q = triggered[t]!;
          if (queries[2 * q + QUERY_STAMP] === stamp) continue;
          queries[2 * q + QUERY_STAMP] = stamp;
          if (candidateCount === candidates.length) {
            const grown = new Int32Array(candidateCount * 2);
            grown.set(candidates);
            candidates = grown;
            this.candidates = grown;
          }
          candidates[candidateCount++] = q;
        }
      } else {
        next[h] = keys[at + KEY_HEAD]!;
      }
      keys[at + KEY_HEAD] = h;
    }
    if (candidateCount === 0) return NO_MATCH;
    let matchedCount = 0;
    for (let c = 0; c < candidateCount; c++) {
      const q = candidates[c]!;
      const test = queries[2 * q + QUERY_TEST]!;
      if (test < 0 || run(this.program, test, state, this.calls)) {
        // Insertion sort: a post matches a handful of queries, and they are reported in order.
        let at = matchedCount++;
        while (at > 0 && candidates[at - 1]! > q) {
          candidates[at] = candidates[at - 1]!;
          at--;
        }
        candidates[at] = q;
      }
    }
    if (matchedCount === 0) return NO_MATCH;
    const result: string[] = new Array(matchedCount);
    for (let m = 0; m < matchedCount; m++) result[m] = ids[candidates[m]!]!;
    return result;
  }
}

/** What `match` returns for a post no query matches: one frozen array, so that costs no allocation. */
const NO_MATCH: string[] = Object.freeze([]) as unknown as string[];
/** Stamps count posts in an Int32Array, started again before they would overflow. */
const MAX_STAMP = 0x7fffffff;
/** Offsets of a key's four numbers in `PostState.keys`. */
const KEY_STAMP = 0;
const KEY_HEAD = 1;
const KEY_TRIGGERS = 2;
const KEY_TRIGGERS_END = 3;
/** Offsets of a query's two numbers in `CompiledMatcher.queries`. */
const QUERY_STAMP = 0;
const QUERY_TEST = 1;

/** Program operations: each is [op, argument]; AND, OR and NOT are followed by their children. */
const OP_KEY = 0;
const OP_CALL = 1;
const OP_AND = 2;
const OP_OR = 3;
const OP_NOT = 4;
/** [OP_SEQUENCE, 2 + number of words, ...key of each word]: a phrase of two or more words. */
const OP_SEQUENCE = 5;

/** [op, length of the whole node, ...children]. */
function branch(op: number, children: number[][]): number[] {
  const code = [op, 0];
  for (const child of children) for (const c of child) code.push(c);
  code[1] = code.length;
  return code;
}

/** Whether the node of `program` at `at` holds for the post in `s`. */
function run(program: Int32Array, at: number, s: PostState, calls: Test[]): boolean {
  const op = program[at]!;
  const argument = program[at + 1]!;
  if (op === OP_KEY) return s.keys[4 * argument + KEY_STAMP] === s.stamp;
  if (op === OP_CALL) return calls[argument]!(s);
  if (op === OP_NOT) return !run(program, at + 2, s, calls);
  if (op === OP_SEQUENCE) return phraseAt(program, at + 2, at + argument, s);
  const end = at + argument;
  const and = op === OP_AND;
  for (let child = at + 2; child < end; ) {
    if (run(program, child, s, calls) !== and) return !and;
    const childOp = program[child]!;
    child += childOp === OP_KEY || childOp === OP_CALL ? 2 : program[child + 1]!;
  }
  return and;
}

function collectPositiveKeys(node: QueryNode, negated: boolean, visit: (leaf: QueryNode) => void): void {
  if (node.type === 'and' || node.type === 'or') {
    for (const child of node.children) collectPositiveKeys(child, negated, visit);
  } else if (node.type === 'not') {
    collectPositiveKeys(node.child, true, visit);
  } else if (!negated) {
    visit(node);
  }
}

/** Whether the phrase whose word keys are `program[from]` to `program[to - 1]` occurs in the post. */
function phraseAt(program: Int32Array, from: number, to: number, s: PostState): boolean {
  const keys = s.keys;
  const stamp = s.stamp;
  // Most phrases are turned away here: one of their words does not occur at all.
  for (let k = from; k < to; k++) if (keys[4 * program[k]! + KEY_STAMP] !== stamp) return false;
  for (let h = keys[4 * program[from]! + KEY_HEAD]!; h >= 0; h = s.next[h]!) {
    const start = s.positions[h]!;
    if (start < 0) continue;
    let k = from + 1;
    while (k < to && occursAt(s, program[k]!, start + k - from)) k++;
    if (k === to) return true;
  }
  return false;
}

/** Whether `key` was found at word `position` of the current post. */
function occursAt(s: PostState, key: number, position: number): boolean {
  if (s.keys[4 * key + KEY_STAMP] !== s.stamp) return false;
  for (let h = s.keys[4 * key + KEY_HEAD]!; h >= 0; h = s.next[h]!) {
    if (s.positions[h] === position) return true;
  }
  return false;
}

/** Whether the whole sequence occurs starting at word `start`. */
function sequenceAt(s: PostState, sequence: Sequence, start: number): boolean {
  for (let k = 1; k < sequence.length; k++) {
    if (!occursAt(s, sequence[k]!, start + k)) return false;
  }
  return true;
}

function nearTest(left: Sequence, right: Sequence, distance: number, ordered: boolean): Test {
  if (left.length === 0 || right.length === 0) return () => false;
  const leftFirst = left[0]!;
  const rightFirst = right[0]!;
  const leftSpan = left.length - 1;
  const rightSpan = right.length - 1;
  return (s) => {
    const keys = s.keys;
    if (keys[4 * leftFirst + KEY_STAMP] !== s.stamp || keys[4 * rightFirst + KEY_STAMP] !== s.stamp)
      return false;
    for (let lh = keys[4 * leftFirst + KEY_HEAD]!; lh >= 0; lh = s.next[lh]!) {
      const l = s.positions[lh]!;
      if (l < 0 || !sequenceAt(s, left, l)) continue;
      for (let rh = keys[4 * rightFirst + KEY_HEAD]!; rh >= 0; rh = s.next[rh]!) {
        const r = s.positions[rh]!;
        if (r < 0) continue;
        const after = r - (l + leftSpan);
        const before = l - (r + rightSpan);
        if (
          ((after >= 1 && after <= distance) || (!ordered && before >= 1 && before <= distance)) &&
          sequenceAt(s, right, r)
        ) {
          return true;
        }
      }
    }
    return false;
  };
}

/** The post's link hosts, read once per post on first use. */
function hostsOf(s: PostState): string[] {
  if (s.hostsStamp !== s.stamp) {
    s.hostsStamp = s.stamp;
    s.hosts = (s.input.urls ?? []).map(hostOf).filter((h) => h !== '');
  }
  return s.hosts;
}

/** An `author:` value or a post's author as the matcher compares them (and keys `authorAliases`). */
export function authorKey(handle: string): string {
  return handleOf(handle);
}

function handleOf(handle: string): string {
  return normaliseText(handle.trim().replace(/^@/, ''));
}

/** The host name of a link or a bare domain, lower case (IDN in punycode); '' when it has none. */
function hostOf(url: string): string {
  const trimmed = url.trim();
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return '';
  }
}

function filterTest(node: FilterNode, authorAliases: ReadonlyMap<string, string> | undefined): Test {
  switch (node.field) {
    case 'lang': {
      const value = node.value.toLowerCase();
      const regional = `${value}-`;
      return (s) => {
        const lang = s.input.lang;
        if (lang === undefined) return false;
        if (lang === value) return true;
        const lower = lang.toLowerCase();
        return lower === value || lower.startsWith(regional);
      };
    }
    case 'author': {
      const value = handleOf(node.value);
      const alias = authorAliases?.get(value);
      const aliasValue = alias === undefined ? undefined : handleOf(alias);
      return (s) => {
        if (s.input.author === undefined) return false;
        const author = handleOf(s.input.author);
        return author === value || author === aliasValue;
      };
    }
    case 'site': {
      const value = hostOf(node.value).replace(/\.$/, '');
      const subdomain = `.${value}`;
      return (s) => value !== '' && hostsOf(s).some((h) => h === value || h.endsWith(subdomain));
    }
    case 'platform': {
      const value = node.value.toLowerCase();
      return (s) => s.input.platform !== undefined && s.input.platform.toLowerCase() === value;
    }
  }
}
