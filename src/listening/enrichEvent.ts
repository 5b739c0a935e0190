// What the pipeline adds to a post before matching and storing it: its language (the network's when it
// names exactly one, else detected from the text among the languages it names or English and Bengali),
// its sentiment in that language, and its hashtags (the network's, else the #words of its text).
import { detectLanguage } from '../core/listening/enrich/detectLanguage.ts';
import { sentimentFor } from '../core/listening/enrich/sentiment.ts';
import { normaliseText } from '../core/listening/normalise.ts';
import type { ListeningEvent } from './listeningEvent.ts';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

/** The languages a post is told apart among when the network does not say, as ISO 639-1 → 639-3 (franc's). */
const DETECTABLE: Record<string, string> = {
  en: 'eng',
  bn: 'ben',
  hi: 'hin',
  ur: 'urd',
  ar: 'arb',
  es: 'spa',
  fr: 'fra',
  de: 'deu',
  pt: 'por',
  id: 'ind',
  ms: 'zlm',
  zh: 'cmn',
  ja: 'jpn',
  ru: 'rus',
  tr: 'tur',
};
const KNOWN_LANGUAGES = ['en', 'bn'];
const HASHTAG = /(?:^|[^\p{L}\p{M}\p{N}_&])#([\p{L}\p{M}\p{N}_]+)/gu;

/** The ISO 639-1 part of a language tag (`en-US` → `en`). */
const baseLanguage = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';

const givenLanguages = (langs: string[] | undefined) => [
  ...new Set((langs ?? []).map(baseLanguage).filter((l) => /^[a-z]{2,3}$/.test(l))),
];

/** The one language the network names for the post, if it names exactly one. */
export function networkLanguage(langs: string[] | undefined): string | undefined {
  const given = givenLanguages(langs);
  return given.length === 1 ? given[0] : undefined;
}

/** The post's language: `en`, `bn`, another code the network gave, or `und`. */
export function languageOf(event: Pick<ListeningEvent, 'text' | 'langs'>): string {
  const given = givenLanguages(event.langs);
  if (given.length === 1) return given[0]!;
  // Several languages named: tell them apart among those franc knows; none named: English or Bengali.
  const candidates = given.length > 1 ? given.filter((l) => l in DETECTABLE) : KNOWN_LANGUAGES;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) return given[0] ?? 'und';
  return detectLanguage(event.text, { candidates: candidates.map((l) => DETECTABLE[l]!) });
}

export function sentimentOf(text: string, lang: string): { label: SentimentLabel; score: number } {
  const { score, label } = sentimentFor(text, lang);
  return { score: Number.isFinite(score) ? Math.max(-1, Math.min(1, score)) : 0, label };
}

/** Hashtags without `#`, normalised, each once. */
export function hashtagsOf(event: Pick<ListeningEvent, 'text' | 'tags'>): string[] {
  const tags =
    event.tags && event.tags.length > 0
      ? event.tags.map((t) => t.replace(/^#/, ''))
      : [...event.text.matchAll(HASHTAG)].map((m) => m[1]!);
  return [...new Set(tags.map(normaliseText).filter((t) => t.length > 0 && t.length <= 100))];
}
