// English sentiment: the AFINN-165 word list and the emoji ranking that ship with the `sentiment`
// package (MIT), read with clause-aware negation. The package's own scorer flips a word only when the
// single token before it is one of a dozen negators (not "never", not "no") and keeps emoji glued to
// the word before them, so "not very good", "never disappoints" and "great😍" come out wrong; this
// provider keeps its lexicon and does the reading itself.
import { createRequire } from 'node:module';
import { EMOJI_PATTERN, emojiValue } from './emojiSentiment.ts';
import {
  labelFor,
  rawScore,
  type ScoredToken,
  type SentimentProvider,
  type SentimentResult,
  squash,
} from './sentimentScore.ts';

const require = createRequire(import.meta.url);
const afinn = require('sentiment/languages/en/labels.json') as Record<string, number>;

/**
 * Everyday social-media words AFINN-165 lacks, on its -5..5 scale, added by one rule: a common word in
 * customer posts with one clear polarity. Those met in the tuning half's misses (legend, shoutout,
 * scratched, slow) and general ones that occur nowhere in the labelled posts; words that occur only in
 * the held-out half were left out so that half stays a fair measure.
 */
const ADDED: Record<string, number> = {
  legend: 3,
  shoutout: 2,
  scratched: -2,
  slow: -1,
  unreliable: -2,
  laggy: -2,
  buggy: -2,
  crashing: -2,
  'rip-off': -3,
  ripoff: -3,
  tasty: 3,
  meh: -1,
};

/**
 * Names of things in brand and event talk that contain an AFINN word used in another sense ("fair" as
 * in just, "care" as in affection). As phrases they replace their words' values.
 */
const NAMES: Record<string, number> = {
  'customer care': 0,
  'book fair': 0,
  'trade fair': 0,
  'job fair': 0,
  'career fair': 0,
  'health care': 0,
  'skin care': 0,
};

const LEXICON: Record<string, number> = { ...afinn, ...ADDED, ...NAMES };

/** Words that turn the meaning of what follows them in the clause. */
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'cannot',
  'hardly',
  'barely',
  'without',
]);

/** "isn't", "didn't", and the same typed without the apostrophe. */
const CONTRACTED_NEGATION =
  /n't$|^(?:ain|aren|can|couldn|didn|doesn|don|hadn|hasn|haven|isn|mustn|shouldn|wasn|weren|won|wouldn)t$/;

const CONTRASTS = new Set(['but', 'however']);

/** An emoji, a word (with inner apostrophes and hyphens), or clause punctuation. */
const PIECE = new RegExp(
  `(${EMOJI_PATTERN})|([\\p{L}\\p{M}\\p{N}]+(?:['-][\\p{L}\\p{M}\\p{N}]+)*)|[.,!?;:…()\\n]`,
  'gu',
);

/** Links and mentions name things; they carry no sentiment and can hold words that would. */
const IGNORED = /https?:\/\/\S+|www\.\S+|@[\w.]+/g;

/**
 * Posts scoring within ±0.2 are neutral. The threshold is the largest that reaches the best accuracy
 * on the tuning half of the labelled posts (bench/sentimentAccuracy.ts prints the sweep): everything
 * from 0 to 0.2 scores the same there, and the largest keeps a sum of faint, half-weighted or negated
 * words (below about ±0.8 before squashing) from being called. One AFINN ±1 word (±0.25) is called.
 */
export const ENGLISH_NEUTRAL_UP_TO = 0.2;

interface Piece {
  kind: 'emoji' | 'word' | 'break';
  text: string;
}

function piecesOf(text: string): Piece[] {
  const clean = text.normalize('NFC').replace(/[’ʼ]/g, "'").toLowerCase().replace(IGNORED, ' ');
  return [...clean.matchAll(PIECE)].map(([all, emoji, word]) =>
    emoji
      ? { kind: 'emoji', text: emoji }
      : word
        ? { kind: 'word', text: word }
        : { kind: 'break', text: all },
  );
}

export function englishTokens(text: string): ScoredToken[] {
  const pieces = piecesOf(text);
  const tokens: ScoredToken[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece.kind === 'break') tokens.push({ kind: 'break' });
    else if (piece.kind === 'emoji') {
      tokens.push({ kind: 'word', value: emojiValue(piece.text), negator: false, negatable: false });
    } else if (CONTRASTS.has(piece.text)) tokens.push({ kind: 'contrast' });
    else {
      const phrase = phraseAt(pieces, i);
      if (phrase) {
        tokens.push({ kind: 'word', value: phrase.value, negator: false, negatable: true });
        i += phrase.length - 1;
      } else tokens.push(wordToken(piece.text));
    }
  }
  return tokens;
}

/**
 * AFINN rates a few two- and three-word phrases ("fed up", "does not work", "screwed up"), and NAMES
 * adds some; where one appears it counts once, in place of its words.
 */
function phraseAt(pieces: readonly Piece[], start: number): { value: number; length: number } | undefined {
  for (const length of [3, 2]) {
    const slice = pieces.slice(start, start + length);
    if (slice.length < length || slice.some((p) => p.kind !== 'word')) continue;
    const value = LEXICON[slice.map((p) => p.text).join(' ')];
    if (value !== undefined) return { value, length };
  }
  return undefined;
}

/** The lexicon value of one lower-case English word (0 when it carries no sentiment). */
export function englishWordValue(word: string): number {
  return LEXICON[word] ?? hyphenatedValue(word);
}

function wordToken(word: string): ScoredToken {
  const negator = NEGATORS.has(word) || CONTRACTED_NEGATION.test(word);
  // A negator's own AFINN value ("no" is -1) would count the negation twice.
  const value = negator ? 0 : englishWordValue(word);
  return { kind: 'word', value, negator, negatable: true };
}

function hyphenatedValue(word: string): number {
  if (!word.includes('-')) return 0;
  return word.split('-').reduce((sum, part) => sum + (LEXICON[part] ?? 0), 0);
}

export const englishSentiment: SentimentProvider = {
  language: 'en',
  score(text: string): SentimentResult {
    const score = squash(rawScore(englishTokens(text), { direction: 'before', window: 3 }));
    return { score, label: labelFor(score, ENGLISH_NEUTRAL_UP_TO) };
  },
};
