// How often a sentiment scorer agrees with the labelled posts: accuracy and the confusion matrix
// (rows are the labels people gave, columns what the scorer said).
import type { SentimentLabel, SentimentResult } from '../sentimentScore.ts';
import type { LabelledPost } from './labelledSets.ts';

export const LABELS: readonly SentimentLabel[] = ['positive', 'neutral', 'negative'];

export type ConfusionMatrix = Record<SentimentLabel, Record<SentimentLabel, number>>;

export interface AccuracyReport {
  total: number;
  correct: number;
  accuracy: number;
  confusion: ConfusionMatrix;
  misses: { text: string; expected: SentimentLabel; got: SentimentLabel; score: number }[];
}

export function measureAccuracy(
  posts: readonly LabelledPost[],
  score: (text: string) => SentimentResult,
): AccuracyReport {
  const confusion = Object.fromEntries(
    LABELS.map((expected) => [expected, Object.fromEntries(LABELS.map((got) => [got, 0]))]),
  ) as ConfusionMatrix;
  const misses: AccuracyReport['misses'] = [];
  let correct = 0;
  for (const post of posts) {
    const result = score(post.text);
    confusion[post.label][result.label]++;
    if (result.label === post.label) correct++;
    else misses.push({ text: post.text, expected: post.label, got: result.label, score: result.score });
  }
  return {
    total: posts.length,
    correct,
    accuracy: posts.length ? correct / posts.length : 0,
    confusion,
    misses,
  };
}
