// The labelled posts the sentiment providers are measured on, and their fixed split: posts at even
// positions form the tuning half (the only half looked at when choosing thresholds or lexicon
// additions), posts at odd positions the held-out half. Each file lists its classes in blocks, so both
// halves stay balanced.
import type { SentimentLabel } from '../sentimentScore.ts';
import bn from './bn.json';
import en from './en.json';

export interface LabelledPost {
  text: string;
  label: SentimentLabel;
}

export interface LabelledSet {
  language: string;
  posts: readonly LabelledPost[];
}

export const labelledSets: readonly LabelledSet[] = [
  { language: 'en', posts: en as LabelledPost[] },
  { language: 'bn', posts: bn as LabelledPost[] },
];

export type Half = 'all' | 'tune' | 'held-out';

export function halfOf(posts: readonly LabelledPost[], half: Half): LabelledPost[] {
  if (half === 'all') return [...posts];
  const remainder = half === 'tune' ? 0 : 1;
  return posts.filter((_, index) => index % 2 === remainder);
}
