// Turns the text of a listening query (what a person types in the query box) into the syntax tree the
// matcher compiles. Every word is normalised the way post text is, so Bengali and English terms match
// as typed. Mistakes throw a QuerySyntaxError whose message names the column (1-based, counted in
// UTF-16 code units, the unit a browser text box uses for its caret).
//
// Grammar (keywords are upper case; lower-case and/or/not are plain words):
//   query   = or ;
//   or      = and { "OR" and } ;
//   and     = near { [ "AND" ] near } ;               (words side by side mean AND)
//   near    = unary [ ( "NEAR/" n | "ONEAR/" n ) unary ] ;
//   unary   = ( "NOT" | "-" ) unary | primary ;       ("-" written right before what it excludes)
//   primary = word | word "*" | phrase | "#" tag | "@" handle | field ":" value | "(" or ")" ;

import { normaliseText, WORD_CHARS, wordsOf } from './normalise.ts';
import {
  type AndNode,
  type FilterField,
  type HashtagNode,
  type MentionNode,
  type NearNode,
  type OrNode,
  type PhraseNode,
  QUERY_LIMITS,
  type QueryNode,
  QuerySyntaxError,
  type TermNode,
} from './queryAst.ts';

type Keyword = { kind: 'and' | 'or' | 'not' | 'minus'; column: number };
type Token =
  | { kind: 'operand'; node: QueryNode; column: number }
  | { kind: 'lparen' | 'rparen' | 'end'; column: number }
  | Keyword
  | { kind: 'near'; distance: number; ordered: boolean; label: string; column: number };

const FIELDS: readonly FilterField[] = ['lang', 'author', 'site', 'platform'];
const PLATFORMS = ['bluesky', 'mastodon', 'rss'];
/** Straight and typographic double quotes; a phrase runs from one to the next. */
const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e', '\u201f']);

const WORD = new RegExp(`^[${WORD_CHARS}]+$`, 'u');
const HANDLE_PART = `[${WORD_CHARS}]+(?:[.-][${WORD_CHARS}]+)*`;
const HANDLE = new RegExp(`^${HANDLE_PART}(?:@${HANDLE_PART})?$`, 'u');
const HOST_LABEL = String.raw`[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?`;
const HOST = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})+$`, 'u');
const LANG = /^[a-z]{2,3}$/;
const NEAR = /^O?NEAR(?:\/(.*))?$/s;
const FIELD = /^[A-Za-z]+:/;

const MISSING_TERM =
  'A query needs at least one word, phrase, #hashtag or @handle to look for, not only exclusions and filters.';

function fail(message: string, column: number): never {
  throw new QuerySyntaxError(message, column);
}

function isSpace(char: string): boolean {
  return /\s/u.test(char);
}

/** Splits the query into tokens, turning each word, phrase, tag, handle and filter into its leaf node. */
class Tokenizer {
  readonly tokens: Token[] = [];
  terms = 0;
  wildcards = 0;
  private position = 0;

  constructor(private readonly text: string) {}

  run(): Token[] {
    const { text } = this;
    while (this.position < text.length) {
      const char = text.charAt(this.position);
      const column = this.position + 1;
      if (isSpace(char)) {
        this.position += 1;
      } else if (char === '(' || char === ')') {
        this.tokens.push({ kind: char === '(' ? 'lparen' : 'rparen', column });
        this.position += 1;
      } else if (QUOTES.has(char)) {
        this.pushOperand(this.phrase(this.readQuoted(), column), column);
      } else {
        this.bare(this.readBare(), column, true);
      }
    }
    this.tokens.push({ kind: 'end', column: text.length + 1 });
    return this.tokens;
  }

  /** Reads up to the next space, parenthesis or quote. */
  private readBare(): string {
    const start = this.position;
    while (this.position < this.text.length) {
      const char = this.text.charAt(this.position);
      if (isSpace(char) || char === '(' || char === ')' || QUOTES.has(char)) break;
      this.position += 1;
    }
    return this.text.slice(start, this.position);
  }

  /** Reads a quoted string starting at the opening quote; returns what is between the quotes. */
  private readQuoted(): string {
    const open = this.position;
    let close = open + 1;
    while (close < this.text.length && !QUOTES.has(this.text.charAt(close))) close += 1;
    if (close >= this.text.length) fail(`Unclosed quote at column ${open + 1}.`, open + 1);
    this.position = close + 1;
    return this.text.slice(open + 1, close);
  }

  private nextIsQuote(): boolean {
    return QUOTES.has(this.text.charAt(this.position) ?? '');
  }

  private nextIsGroupOrQuote(): boolean {
    const next = this.text.charAt(this.position) ?? '';
    return next === '(' || QUOTES.has(next);
  }

  private pushOperand(node: QueryNode, column: number): void {
    this.tokens.push({ kind: 'operand', node, column });
  }

  private countTerm(column: number): void {
    this.terms += 1;
    if (this.terms > QUERY_LIMITS.maxTerms) {
      fail(`A query can have at most ${QUERY_LIMITS.maxTerms} terms; this one has ${this.terms}.`, column);
    }
  }

  /** A quoted phrase; its first character (the text after the quote) is at `column + 1`. */
  private phrase(inner: string, column: number): QueryNode {
    const star = inner.indexOf('*');
    if (star >= 0) {
      fail(`A wildcard * can't be used inside quotes, at column ${column + 1 + star}.`, column + 1 + star);
    }
    const words = wordsOf(normaliseText(inner));
    if (words.length === 0)
      fail(`The phrase at column ${column} has no letters or digits to look for.`, column);
    this.countTerm(column);
    return termOrPhrase(words);
  }

  /** Classifies a run of non-space characters: keyword, NEAR, exclusion, tag, handle, filter or word. */
  private bare(raw: string, column: number, keywords: boolean): void {
    if (keywords && (raw === 'AND' || raw === 'OR' || raw === 'NOT')) {
      this.tokens.push({ kind: raw === 'AND' ? 'and' : raw === 'OR' ? 'or' : 'not', column });
      return;
    }
    const near = keywords ? NEAR.exec(raw) : null;
    if (near) {
      this.tokens.push(nearToken(raw.startsWith('O') ? 'ONEAR' : 'NEAR', near[1], column));
      return;
    }
    if (raw.startsWith('-')) {
      if (raw.length === 1 && !this.nextIsGroupOrQuote()) {
        fail(`"-" at column ${column} needs something right after it, like -spam.`, column);
      }
      this.tokens.push({ kind: 'minus', column });
      if (raw.length > 1) this.bare(raw.slice(1), column + 1, false);
      return;
    }
    if (raw.startsWith('#')) {
      this.pushOperand(this.hashtag(raw, column), column);
      return;
    }
    if (raw.startsWith('@')) {
      this.pushOperand(this.mention(raw, column), column);
      return;
    }
    const field = FIELD.exec(raw);
    if (field) {
      this.pushOperand(this.filter(field[0].slice(0, -1), raw.slice(field[0].length), column), column);
      return;
    }
    const node = this.word(raw, column);
    if (node) this.pushOperand(node, column);
  }

  /** A plain word, a wildcard, or a token such as `covid-19` that holds several words (a phrase). */
  private word(raw: string, column: number): QueryNode | undefined {
    const star = raw.indexOf('*');
    if (star >= 0 && star < raw.length - 1) {
      fail(`A * can only end a word, like cricket*, at column ${column + star}.`, column + star);
    }
    if (star >= 0) return this.wildcard(raw.slice(0, -1), column, column + star);
    const normalised = normaliseText(raw);
    // Only invisible characters (a stray zero-width space): nothing was typed here.
    if (normalised === '') return undefined;
    const words = wordsOf(normalised);
    if (words.length === 0)
      fail(`"${raw}" at column ${column} has no letters or digits to look for.`, column);
    this.countTerm(column);
    return termOrPhrase(words);
  }

  private wildcard(rawPrefix: string, column: number, starColumn: number): TermNode {
    const prefix = normaliseText(rawPrefix);
    if (prefix !== '' && !WORD.test(prefix)) {
      fail(`A wildcard must follow a single word, like cricket*, at column ${column}.`, column);
    }
    if ([...prefix].length < QUERY_LIMITS.minWildcardPrefix) {
      fail(
        `A wildcard needs at least ${QUERY_LIMITS.minWildcardPrefix} letters before the *, at column ${starColumn}.`,
        starColumn,
      );
    }
    this.countTerm(column);
    this.wildcards += 1;
    if (this.wildcards > QUERY_LIMITS.maxWildcards) {
      fail(
        `A query can have at most ${QUERY_LIMITS.maxWildcards} wildcards; this one has ${this.wildcards}.`,
        starColumn,
      );
    }
    return { type: 'term', text: prefix, prefix: true };
  }

  private hashtag(raw: string, column: number): HashtagNode {
    const tag = normaliseText(raw.slice(1));
    if (tag === '') fail(`"#" at column ${column} needs a tag right after it, like #cricket.`, column);
    if (!WORD.test(tag)) {
      fail(`A #hashtag can only have letters, digits and _ in it, at column ${column}.`, column);
    }
    this.countTerm(column);
    return { type: 'hashtag', tag };
  }

  private mention(raw: string, column: number): MentionNode {
    const handle = normaliseText(raw.slice(1));
    if (handle === '')
      fail(`"@" at column ${column} needs a handle right after it, like @alice.bsky.social.`, column);
    if (!HANDLE.test(handle)) {
      fail(
        `"${raw}" at column ${column} is not a handle; write it like @alice.bsky.social or @user@mastodon.social.`,
        column,
      );
    }
    this.countTerm(column);
    return { type: 'mention', handle };
  }

  /** `field:value` or `field:"value"`; `rest` is what follows the colon in the bare token. */
  private filter(name: string, rest: string, column: number): QueryNode {
    const field = FIELDS.find((known) => known === name.toLowerCase());
    if (!field) {
      fail(
        `Unknown field "${name}:" at column ${column}; the fields are lang:, author:, site: and platform:.`,
        column,
      );
    }
    let valueColumn = column + name.length + 1;
    let raw = rest;
    if (rest === '' && this.nextIsQuote()) {
      raw = this.readQuoted();
      valueColumn += 1;
    }
    const value = normaliseText(raw).trim();
    if (value === '') fail(`"${field}:" at column ${column} needs a value, like ${EXAMPLES[field]}.`, column);
    return { type: 'filter', field, value: filterValue(field, value, valueColumn) };
  }
}

const EXAMPLES: Record<FilterField, string> = {
  lang: 'lang:bn',
  author: 'author:alice.bsky.social',
  site: 'site:example.com',
  platform: 'platform:bluesky',
};

function filterValue(field: FilterField, value: string, column: number): string {
  switch (field) {
    case 'lang':
      if (!LANG.test(value)) {
        fail(`A language needs a 2- or 3-letter code, like lang:bn or lang:en, at column ${column}.`, column);
      }
      return value;
    case 'platform':
      if (!PLATFORMS.includes(value)) {
        fail(`The platform at column ${column} must be bluesky, mastodon or rss.`, column);
      }
      return value;
    case 'author': {
      const handle = value.replace(/^@/, '');
      if (!HANDLE.test(handle)) {
        fail(`An author needs a handle, like author:alice.bsky.social, at column ${column}.`, column);
      }
      return handle;
    }
    case 'site': {
      const host = value
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
        .replace(/^www\./, '')
        .replace(/\/$/, '');
      if (!HOST.test(host)) {
        fail(`A site needs a host name, like site:example.com, at column ${column}.`, column);
      }
      return host;
    }
  }
}

function nearToken(keyword: string, distanceText: string | undefined, column: number): Token {
  const label = `${keyword}/${distanceText ?? ''}`;
  if (distanceText === undefined || !/^\d+$/.test(distanceText)) {
    fail(`${keyword} needs a distance, like ${keyword}/5, at column ${column}.`, column);
  }
  const distance = Number(distanceText);
  if (distance < 1) fail(`${label} at column ${column} needs a distance of at least 1.`, column);
  if (distance > QUERY_LIMITS.maxNearDistance) {
    fail(
      `${label} at column ${column} is too far; ${keyword} allows at most ${QUERY_LIMITS.maxNearDistance} words apart.`,
      column,
    );
  }
  return { kind: 'near', distance, ordered: keyword === 'ONEAR', label: `${keyword}/${distance}`, column };
}

const KEYWORD_LABEL = { and: 'AND', or: 'OR', not: 'NOT', minus: '-' } as const;

/** Recursive descent over the tokens, lowest precedence first: OR, AND, NEAR, NOT. */
class Parser {
  private index = 0;
  private depth = 0;
  /** Where each OR was written, to point at it when one of its sides has nothing to look for. */
  readonly orColumns = new WeakMap<OrNode, number>();

  private readonly end: Token;

  constructor(private readonly tokens: Token[]) {
    this.end = tokens[tokens.length - 1] ?? { kind: 'end', column: 1 };
  }

  parseQuery(): QueryNode {
    const node = this.parseOr();
    const next = this.peek();
    if (next.kind === 'rparen') fail(`Unexpected ")" at column ${next.column}.`, next.column);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.end;
  }

  private take(): Token {
    const token = this.peek();
    this.index += 1;
    return token;
  }

  private startsOperand(token: Token): boolean {
    return (
      token.kind === 'operand' || token.kind === 'lparen' || token.kind === 'not' || token.kind === 'minus'
    );
  }

  /** Checks that something follows a keyword before parsing its right side. */
  private needRight(keyword: Keyword): void {
    if (!this.startsOperand(this.peek())) {
      const label = KEYWORD_LABEL[keyword.kind];
      fail(`"${label}" at column ${keyword.column} needs something on its right.`, keyword.column);
    }
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    let column = 0;
    while (this.peek().kind === 'or') {
      const keyword = this.take() as Keyword;
      column ||= keyword.column;
      this.needRight(keyword);
      children.push(this.parseAnd());
    }
    const node = combine('or', children);
    if (node.type === 'or' && column > 0) this.orColumns.set(node, column);
    return node;
  }

  private parseAnd(): QueryNode {
    const children = [this.parseNear()];
    for (;;) {
      const next = this.peek();
      if (next.kind === 'and') {
        this.take();
        this.needRight(next);
      } else if (!this.startsOperand(next)) {
        break;
      }
      children.push(this.parseNear());
    }
    return combine('and', children);
  }

  private parseNear(): QueryNode {
    const left = this.parseUnary();
    const keyword = this.peek();
    if (keyword.kind !== 'near') return left;
    this.take();
    if (!isNearOperand(left)) {
      fail(
        `"${keyword.label}" at column ${keyword.column} needs a word or "phrase" on its left.`,
        keyword.column,
      );
    }
    if (!this.startsOperand(this.peek())) {
      fail(
        `"${keyword.label}" at column ${keyword.column} needs a word or "phrase" on its right.`,
        keyword.column,
      );
    }
    const right = this.parseUnary();
    if (!isNearOperand(right)) {
      fail(
        `"${keyword.label}" at column ${keyword.column} needs a word or "phrase" on its right.`,
        keyword.column,
      );
    }
    const after = this.peek();
    if (after.kind === 'near') {
      fail(
        `"${after.label}" at column ${after.column} follows another NEAR; join two words at a time, like (a NEAR/3 b) AND (b NEAR/3 c).`,
        after.column,
      );
    }
    const near: NearNode = {
      type: 'near',
      distance: keyword.distance,
      ordered: keyword.ordered,
      left,
      right,
    };
    return near;
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token.kind === 'not' || token.kind === 'minus') {
      this.take();
      this.needRight(token);
      const child = this.parseUnary();
      // NOT NOT x is x.
      return child.type === 'not' ? child.child : { type: 'not', child };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.take();
    switch (token.kind) {
      case 'operand':
        return token.node;
      case 'lparen':
        return this.parseGroup(token.column);
      case 'rparen':
        return fail(`Unexpected ")" at column ${token.column}.`, token.column);
      case 'and':
      case 'or':
        return fail(
          `"${KEYWORD_LABEL[token.kind]}" at column ${token.column} needs something on its left.`,
          token.column,
        );
      case 'near':
        return fail(
          `"${token.label}" at column ${token.column} needs a word or "phrase" on its left.`,
          token.column,
        );
      default:
        // Only the end remains: every caller checks that an operand follows, so this means an empty query.
        return fail('Empty query.', 1);
    }
  }

  private parseGroup(column: number): QueryNode {
    const first = this.peek().kind;
    if (first === 'rparen') fail(`Empty parentheses at column ${column}.`, column);
    if (first === 'end') fail(`Unclosed parenthesis at column ${column}.`, column);
    this.depth += 1;
    if (this.depth > QUERY_LIMITS.maxDepth) {
      fail(
        `Parentheses can nest at most ${QUERY_LIMITS.maxDepth} deep; the one at column ${column} is ${this.depth} deep.`,
        column,
      );
    }
    const node = this.parseOr();
    const close = this.take();
    if (close.kind !== 'rparen') fail(`Unclosed parenthesis at column ${column}.`, column);
    this.depth -= 1;
    return node;
  }
}

/** One word is a term; several in a row are a phrase. */
function termOrPhrase(words: string[]): TermNode | PhraseNode {
  const [first, ...rest] = words;
  return first !== undefined && rest.length === 0
    ? { type: 'term', text: first, prefix: false }
    : { type: 'phrase', words };
}

function isNearOperand(node: QueryNode): node is TermNode | PhraseNode {
  return node.type === 'term' || node.type === 'phrase';
}

/** Builds an AND/OR, lifting children of the same kind into it; one child stands alone. */
function combine(type: 'and' | 'or', children: QueryNode[]): QueryNode {
  const [only] = children;
  if (only && children.length === 1) return only;
  const flat = children.flatMap((child) =>
    child.type === type ? (child as AndNode | OrNode).children : [child],
  );
  return { type, children: flat };
}

/**
 * Whether every post the query matches must contain one of its words, phrases, tags or handles, so the
 * matcher can find candidate queries through their terms alone.
 */
function needsTerm(node: QueryNode): boolean {
  switch (node.type) {
    case 'and':
      return node.children.some(needsTerm);
    case 'or':
      return node.children.every(needsTerm);
    case 'not':
    case 'filter':
      return false;
    default:
      return true;
  }
}

/** In a query that fails `needsTerm`, the first OR with one side that looks for something and one that doesn't. */
function lopsidedOr(node: QueryNode, orColumns: WeakMap<OrNode, number>): OrNode | undefined {
  if (node.type !== 'and' && node.type !== 'or') return undefined;
  if (node.type === 'or' && node.children.some(needsTerm) && orColumns.has(node)) return node;
  for (const child of node.children) {
    if (needsTerm(child)) continue;
    const found = lopsidedOr(child, orColumns);
    if (found) return found;
  }
  return undefined;
}

/** Parses a listening query into its syntax tree, or throws a QuerySyntaxError saying what to fix and where. */
export function parseQuery(text: string): QueryNode {
  const characters = [...text];
  if (characters.length > QUERY_LIMITS.maxLength) {
    // The column (in UTF-16 units, like every column) of the first character past the limit.
    const column = characters.slice(0, QUERY_LIMITS.maxLength).join('').length + 1;
    fail(
      `A query can be at most ${QUERY_LIMITS.maxLength} characters long; this one has ${characters.length}.`,
      column,
    );
  }
  const tokenizer = new Tokenizer(text);
  const tokens = tokenizer.run();
  if (tokens.length === 1) fail('Empty query.', 1);
  const parser = new Parser(tokens);
  const root = parser.parseQuery();
  if (!needsTerm(root)) {
    const or = lopsidedOr(root, parser.orColumns);
    if (or) {
      const column = parser.orColumns.get(or) ?? 1;
      fail(
        `Each side of "OR" at column ${column} needs a word, phrase, #hashtag or @handle to look for, not only exclusions and filters.`,
        column,
      );
    }
    fail(MISSING_TERM, 1);
  }
  return root;
}
