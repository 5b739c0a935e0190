import { describe, expect, it } from 'vitest';
import { sentimentFor } from '../sentiment.ts';
import { halfOf, labelledSets } from './labelledSets.ts';
import { measureAccuracy } from './sentimentAccuracy.ts';

describe('sentiment accuracy on the labelled posts', () => {
  it('holds at least 100 roughly balanced posts per language', () => {
    for (const set of labelledSets) {
      expect(set.posts.length).toBeGreaterThanOrEqual(100);
      for (const label of ['positive', 'neutral', 'negative'] as const) {
        const share = set.posts.filter((p) => p.label === label).length / set.posts.length;
        expect(share).toBeGreaterThan(0.25);
      }
    }
  });

  for (const set of labelledSets) {
    it.each(['all', 'held-out'] as const)(`${set.language}: %s reaches 70%%`, (half) => {
      const report = measureAccuracy(halfOf(set.posts, half), (text) => sentimentFor(text, set.language));
      expect(report.accuracy).toBeGreaterThanOrEqual(0.7);
    });
  }

  it('counts a confusion matrix', () => {
    const report = measureAccuracy(
      [
        { text: 'a', label: 'positive' },
        { text: 'b', label: 'negative' },
      ],
      () => ({ score: 0.5, label: 'positive' }),
    );
    expect(report.accuracy).toBe(0.5);
    expect(report.confusion.positive.positive).toBe(1);
    expect(report.confusion.negative.positive).toBe(1);
    expect(report.misses).toHaveLength(1);
  });
});
