import { describe, expect, it } from 'vitest';
import { labelledSets } from './labelled/labelledSets.ts';
import { type SentimentProvider, sentimentFor } from './sentiment.ts';

describe('English sentiment', () => {
  it.each([
    ['The food is good', 'positive'],
    ['The food is not good', 'negative'],
    ['The service isn’t bad at all', 'positive'],
    ['I was never happy with this phone', 'negative'],
    ['No problem, sorted', 'positive'],
    ['The app is not very good', 'negative'],
    ["Can't complain", 'positive'],
    ['Not today. The service was great', 'positive'],
    ['The screen is nice but the battery is terrible', 'negative'],
    ['Dinner at the new place😍', 'positive'],
    ['Delivery is late again 😡', 'negative'],
    ['The customer care number changed', 'neutral'],
    ['Which branch is open on Friday?', 'neutral'],
  ])('%s → %s', (text, label) => {
    expect(sentimentFor(text, 'en').label).toBe(label);
  });
});

describe('Bengali sentiment', () => {
  it.each([
    ['খাবারটা ভালো', 'positive'],
    ['খাবারটা ভালো না', 'negative'],
    ['সার্ভিস খারাপ নয়', 'positive'],
    ['ব্যবহার খারাপ ছিল না', 'positive'],
    ['ডিজাইনটা পছন্দ হয়েছে', 'positive'],
    ['ডিজাইনটা পছন্দ হয়নি', 'negative'],
    ['কোনো সমস্যা নেই', 'positive'],
    ['ব্র্যান্ডটা কখনো হতাশ করেনি', 'positive'],
    ['দারুণ কোম্পানি', 'positive'],
    ['ভয়ংকর অভিজ্ঞতা', 'negative'],
    ['দাম একটু বেশি, কিন্তু মান চমৎকার', 'positive'],
    ['ডেলিভারি super fast, thanks ভাই', 'positive'],
    ['সে আজ একটা বই কিনেছে', 'neutral'],
    ['অ্যাপে কোন কোন পেমেন্ট পদ্ধতি চলে?', 'neutral'],
    ['আজ খুব মজা হয়েছে 😍', 'positive'],
    ['আবার দেরি 😡', 'negative'],
  ])('%s → %s', (text, label) => {
    expect(sentimentFor(text, 'bn').label).toBe(label);
  });
});

describe('sentimentFor', () => {
  it('scores a language without a provider as neutral', () => {
    expect(sentimentFor('This is great', 'und')).toEqual({ score: 0, label: 'neutral' });
    expect(sentimentFor('C’est génial', 'fr')).toEqual({ score: 0, label: 'neutral' });
  });

  it('uses the provider given for a language', () => {
    const always: SentimentProvider = { language: 'fr', score: () => ({ score: 0.9, label: 'positive' }) };
    expect(sentimentFor('C’est génial', 'fr', new Map([['fr', always]])).label).toBe('positive');
  });

  it('keeps every score within -1..1', () => {
    const loud = 'great great great amazing wonderful love love love 😍😍😍 best best best';
    expect(sentimentFor(loud, 'en').score).toBeLessThan(1);
    for (const set of labelledSets) {
      for (const post of set.posts) {
        const { score } = sentimentFor(post.text, set.language);
        expect(Math.abs(score)).toBeLessThanOrEqual(1);
      }
    }
  });
});
