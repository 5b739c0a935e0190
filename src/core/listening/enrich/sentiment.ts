// Sentiment of a post in its detected language: one provider per language, chosen by ISO 639-1 code.
// A language without a provider (or `und`) is scored neutral rather than guessed with another
// language's lexicon.
import { bengaliSentiment } from './bengaliSentiment.ts';
import { englishSentiment } from './englishSentiment.ts';
import type { SentimentProvider, SentimentResult } from './sentimentScore.ts';

export type { SentimentLabel, SentimentProvider, SentimentResult } from './sentimentScore.ts';

export const sentimentProviders: ReadonlyMap<string, SentimentProvider> = new Map(
  [englishSentiment, bengaliSentiment].map((provider) => [provider.language, provider]),
);

const UNSCORED: SentimentResult = { score: 0, label: 'neutral' };

export function sentimentFor(
  text: string,
  language: string,
  providers: ReadonlyMap<string, SentimentProvider> = sentimentProviders,
): SentimentResult {
  return providers.get(language)?.score(text) ?? UNSCORED;
}
