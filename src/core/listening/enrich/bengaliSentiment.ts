// Bengali sentiment: NLP.js's Bengali sentiment lexicon (@nlpjs/lang-bn, MIT, © AXA Group Operations
// Spain S.A.; about 2,200 AFINN-style entries, keyed by its own normalised and stemmed word forms), read
// with that package's normaliser, tokenizer and stemmer so words meet the lexicon in the form it was
// built from. Bengali puts negation after what it negates ("ভালো না", "খারাপ নয়", "পছন্দ হয়নি"), which the
// NLP.js scorer (it flips only what follows a negator) gets backwards; this provider reads it forwards.
import { createRequire } from 'node:module';
import { normaliseText } from '../normalise.ts';
import { EMOJI_PATTERN, emojiValue } from './emojiSentiment.ts';
import { englishWordValue } from './englishSentiment.ts';
import {
  labelFor,
  rawScore,
  type ScoredToken,
  type SentimentProvider,
  type SentimentResult,
  squash,
} from './sentimentScore.ts';

interface WordTransform {
  normalize(text: string): string;
}
interface Stemmer {
  stem(word: string): string;
}
interface Tokenizer {
  innerTokenize(text: string): string[];
}
interface LangBn {
  NormalizerBn: new () => WordTransform;
  StemmerBn: new () => Stemmer;
  TokenizerBn: new () => Tokenizer;
  SentimentBn: { afinn: Record<string, number> };
}

const require = createRequire(import.meta.url);
const { NormalizerBn, StemmerBn, TokenizerBn, SentimentBn } = require('@nlpjs/lang-bn') as LangBn;

const normalizer = new NormalizerBn();
const stemmer = new StemmerBn();
const tokenizer = new TokenizerBn();

/**
 * The lexicon's stemmer cut some words down to one or two letters, and those keys now match everyday
 * words that carry no feeling: "সে" (he/she) is +3.2, "মা" (mother) -2.6, "বই" (book) +1.6, "দল" (team)
 * +1.7. Keys that short are dropped, except the two that are whole words with a clear sign.
 */
const SHORT_KEYS_KEPT = new Set(['জয', 'ভয']);

/**
 * Everyday words of Bengali customer posts that the lexicon lacks, with values on its scale (about
 * ±1..3), written in ordinary spelling; they go through the same normaliser and stemmer as the
 * lexicon. Added by one rule: a common word with one clear polarity. Those met in the tuning half of
 * the labelled posts, and general ones that occur nowhere in them; words that occur only in the
 * held-out half (জোস, অসাম, ক্র্যাশ, স্লো) were left out so that half stays a fair measure.
 */
const ADDED: Record<string, number> = {
  ভালো: 1.9, // the lexicon has only the older spelling ভাল
  বাজে: -2.1,
  লোডশেডিং: -2,
  নকল: -2,
  উসুল: 2, // টাকা/পয়সা উসুল, "worth the money"
  দ্রুত: 1.5,
  ফাটাফাটি: 2.5,
  ভুয়া: -2,
  বাটপার: -2.5,
  হয়রানি: -2,
  ঝামেলা: -1.5,
  দেরি: -1.5,
};

/**
 * Corrections where the lexicon gives a word the sense it does not have in customer posts: ধৈর্য
 * (patience) is rated -3.3, as if it were its opposite; দাম (price) +2.3, as in "valuable"; শেয়ার
 * (share a post) +1.2; জিবি (gigabytes) hits a stem worth +1.5. Function words carry no feeling but
 * collide with stems: কোন/কোনো (which/any) -1.2.
 */
const CORRECTED: Record<string, number> = {
  ধৈর্য: 1.5,
  দাম: 0,
  শেয়ার: 0,
  জিবি: 0,
  কোন: 0,
  কোনো: 0,
  কোনটা: 0,
};

function keyOf(word: string): string {
  return stemmer.stem(normalizer.normalize(word));
}

const LEXICON: Record<string, number> = {};
for (const [key, value] of Object.entries(SentimentBn.afinn)) {
  if ([...key].length > 2 || SHORT_KEYS_KEPT.has(key)) LEXICON[key] = value;
}
for (const [word, value] of Object.entries({ ...ADDED, ...CORRECTED })) {
  LEXICON[keyOf(word)] = value;
  LEXICON[normalizer.normalize(word)] = value;
}

/** Stand-alone negators, in the lexicon's normalised spelling (নয় becomes নয). */
const NEGATORS = new Set(['না', 'নয়', 'নেই', 'নি', 'নাই', 'নহে', 'নাহ'].map((w) => normalizer.normalize(w)));

/**
 * The negative suffix on a finite verb: হয়নি, করেনি, পাইনি, আসেনি, করিনি. Requiring a vowel sign or য়
 * before "নি" keeps nouns such as পানি (water) and কোম্পানি (company) out.
 */
const NEGATED_VERB = /(?:\u09C7|\u09AF\u09BC|\u09DF|\u0987|\u09BF)\u09A8\u09BF$/u;

const CONTRASTS = new Set(['কিন্তু', 'তবে', 'অথচ']);

/** Clause breaks (including the dari "।") and emoji; the text between them goes to the tokenizer. */
const SPLIT = new RegExp(`(${EMOJI_PATTERN})|[.,!?;:।…()\\n"“”]`, 'gu');

/** Links and mentions name things; they carry no sentiment. */
const IGNORED = /https?:\/\/\S+|www\.\S+|@[\w.]+/g;

/**
 * Posts scoring within ±0.25 are neutral. The threshold is the largest that reaches the best accuracy
 * on the tuning half of the labelled posts (bench/sentimentAccuracy.ts prints the sweep). The
 * lexicon's values are mostly ±1.5..2.5, so one clear word (±0.36..0.54 after squashing) is called,
 * while a lone weak word (±1 or less) is not.
 */
export const BENGALI_NEUTRAL_UP_TO = 0.25;

export function bengaliTokens(text: string): ScoredToken[] {
  const clean = normaliseText(text).replace(IGNORED, ' ');
  const tokens: ScoredToken[] = [];
  let last = 0;
  for (const match of clean.matchAll(SPLIT)) {
    tokens.push(...wordsOf(clean.slice(last, match.index)));
    const [, emoji] = match;
    if (emoji) tokens.push({ kind: 'word', value: emojiValue(emoji), negator: false, negatable: false });
    else tokens.push({ kind: 'break' });
    last = match.index + match[0].length;
  }
  tokens.push(...wordsOf(clean.slice(last)));
  return tokens;
}

function wordsOf(segment: string): ScoredToken[] {
  return tokenizer.innerTokenize(segment).map(wordToken);
}

function wordToken(word: string): ScoredToken {
  if (CONTRASTS.has(word)) return { kind: 'contrast' };
  // Banglish posts mix in words typed in Latin letters; those are read with the English lexicon.
  if (/^[\p{Script=Latin}\p{N}'-]+$/u.test(word)) {
    return { kind: 'word', value: englishWordValue(word), negator: false, negatable: true };
  }
  const normal = normalizer.normalize(word);
  if (NEGATORS.has(normal) || NEGATED_VERB.test(word)) {
    return { kind: 'word', value: 0, negator: true, negatable: false };
  }
  return { kind: 'word', value: lexiconValue(normal), negator: false, negatable: true };
}

/**
 * The lexicon keeps dictionary forms stemmed once, so an inflected word (শান্তিতে → শানতি) may need a
 * second pass of the stemmer to meet its base (শানত). Anusvara before a velar is also written as ঙ্
 * (ভয়ংকর, ভয়ঙ্কর); the lexicon uses the latter.
 */
function lexiconValue(normal: string): number {
  for (const form of [normal, normal.replace(/ং(?=[কখগঘ])/gu, 'ঙ')]) {
    const once = stemmer.stem(form);
    const value = LEXICON[once] ?? LEXICON[form] ?? LEXICON[stemmer.stem(once)];
    if (value !== undefined) return value;
  }
  return 0;
}

export const bengaliSentiment: SentimentProvider = {
  language: 'bn',
  score(text: string): SentimentResult {
    const score = squash(rawScore(bengaliTokens(text), { direction: 'after', window: 2 }));
    return { score, label: labelFor(score, BENGALI_NEUTRAL_UP_TO) };
  },
};
