// What every sentiment provider returns, and the arithmetic they share: a post is read as clauses of
// scored words; a negator flips the words it governs, a "but" shifts the weight to what follows it, and
// the summed score is squashed into -1..1 and labelled against a neutral band.

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export interface SentimentResult {
  /** -1 (very negative) to 1 (very positive). */
  score: number;
  label: SentimentLabel;
}

/** Scores text in one language. */
export interface SentimentProvider {
  /** ISO 639-1 code of the language the provider reads. */
  language: string;
  score(text: string): SentimentResult;
}

/** One unit of a post as a provider reads it. */
export type ScoredToken =
  | {
      kind: 'word';
      /** Lexicon value (about -5..5); 0 when the word carries no sentiment. */
      value: number;
      /** The word negates its neighbours ("not", "না"). */
      negator: boolean;
      /** Emoji carry the writer's overall feeling and are never flipped by a nearby negator. */
      negatable: boolean;
    }
  /** End of a clause (punctuation, line break): negation does not reach across it. */
  | { kind: 'break' }
  /** "but", "কিন্তু": also ends a clause; what came before weighs less than what follows. */
  | { kind: 'contrast' };

export interface NegationScope {
  /** English negators come before the word they govern ("not good"); Bengali ones after ("ভালো না"). */
  direction: 'before' | 'after';
  /** How many words away a negator still governs a sentiment word. */
  window: number;
}

/**
 * A negated word keeps some of its weight with the sign turned, rather than the full opposite
 * ("not bad" is milder than "good"). 0.74 is the scalar VADER (Hutto & Gilbert, 2014) derived from
 * human ratings.
 */
export const NEGATION_SCALAR = -0.74;

/** Weights around a contrast, also VADER's: the clause after "but" usually carries the verdict. */
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;

/** Sums the token values, applying negation within each clause and the contrast weights. */
export function rawScore(tokens: readonly ScoredToken[], scope: NegationScope): number {
  const firstContrast = tokens.findIndex((t) => t.kind === 'contrast');
  let total = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word' || token.value === 0) continue;
    let value = token.value;
    if (token.negatable && negatedAt(tokens, i, scope)) value *= NEGATION_SCALAR;
    if (firstContrast >= 0) value *= i < firstContrast ? BEFORE_CONTRAST : AFTER_CONTRAST;
    total += value;
  }
  return total;
}

function negatedAt(tokens: readonly ScoredToken[], index: number, scope: NegationScope): boolean {
  const step = scope.direction === 'before' ? -1 : 1;
  let seen = 0;
  for (let j = index + step; j >= 0 && j < tokens.length && seen < scope.window; j += step) {
    const token = tokens[j]!;
    if (token.kind !== 'word') return false;
    if (token.negator) return true;
    seen++;
  }
  return false;
}

/**
 * Maps an unbounded sum to -1..1 the way VADER does (x / sqrt(x² + 15)): one mild word gives about
 * ±0.25, one strong word about ±0.6, and piling up words approaches ±1 without reaching it.
 */
export function squash(raw: number): number {
  return raw / Math.sqrt(raw * raw + 15);
}

/** Scores within ±neutralUpTo are neutral; beyond it the sign decides. */
export function labelFor(score: number, neutralUpTo: number): SentimentLabel {
  if (score > neutralUpTo) return 'positive';
  if (score < -neutralUpTo) return 'negative';
  return 'neutral';
}
