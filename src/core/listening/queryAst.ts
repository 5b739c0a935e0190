// The syntax tree of a listening query, shared by the parser (text → tree) and the matcher (trees →
// one automaton). Terms are stored already normalised (NFC, case-folded where the script has case),
// as the matcher normalises post text the same way.

/** A word; with `prefix`, any word starting with it (`term*`). */
export interface TermNode {
  type: 'term';
  /** Normalised text of the word, without the `*`. */
  text: string;
  prefix: boolean;
}

/** Words in this order, next to each other ("exact phrase"). */
export interface PhraseNode {
  type: 'phrase';
  /** Normalised words of the phrase. */
  words: string[];
}

/** A #hashtag: matches the tag, with or without its `#` in the text's tags. */
export interface HashtagNode {
  type: 'hashtag';
  /** Normalised tag without the `#`. */
  tag: string;
}

/** An @handle mentioned in the text (`@alice.bsky.social`, `@user@instance`). */
export interface MentionNode {
  type: 'mention';
  /** Normalised handle without the leading `@`. */
  handle: string;
}

export interface AndNode {
  type: 'and';
  children: QueryNode[];
}

export interface OrNode {
  type: 'or';
  children: QueryNode[];
}

export interface NotNode {
  type: 'not';
  child: QueryNode;
}

/**
 * `a NEAR/n b`: both within n words of each other (either order); `ONEAR/n`: `left` before `right`,
 * at most n words apart. Operands are terms or phrases.
 */
export interface NearNode {
  type: 'near';
  distance: number;
  ordered: boolean;
  left: TermNode | PhraseNode;
  right: TermNode | PhraseNode;
}

export type FilterField = 'lang' | 'author' | 'site' | 'platform';

/** `lang:bn`, `author:alice.bsky.social`, `site:example.com`, `platform:bluesky`. Values normalised. */
export interface FilterNode {
  type: 'filter';
  field: FilterField;
  value: string;
}

export type QueryNode =
  | TermNode
  | PhraseNode
  | HashtagNode
  | MentionNode
  | AndNode
  | OrNode
  | NotNode
  | NearNode
  | FilterNode;

/** A post as the matcher sees it, before normalisation. */
export interface MatchInput {
  text: string;
  /** ISO 639-1 code when known (`en`, `bn`). */
  lang?: string;
  /** The author's handle. */
  author?: string;
  /** Links in the post (for `site:`). */
  urls?: string[];
  /** `bluesky`, `mastodon`, `rss`. */
  platform?: string;
  /** Hashtags the network reports (Bluesky tag facets, Mastodon tags), without `#`. */
  tags?: string[];
}

/** Where a mistake is, for messages such as "unclosed quote at column 17" (columns count from 1). */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

/** Limits the parser enforces, each with its own message. */
export const QUERY_LIMITS = {
  /** Characters of query text. */
  maxLength: 2000,
  /** Terms, phrases, hashtags and mentions in one query. */
  maxTerms: 100,
  /** Wildcard terms in one query. */
  maxWildcards: 10,
  /** Characters before the `*` of a wildcard. */
  minWildcardPrefix: 3,
  /** Largest n in NEAR/n and ONEAR/n. */
  maxNearDistance: 50,
  /** Nesting of parentheses. */
  maxDepth: 10,
} as const;
