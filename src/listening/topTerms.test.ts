// The most used words of a set of posts, in English and Bengali, without stopwords, numbers, links,
// handles and hashtags.
import { describe, expect, it } from 'vitest';
import { topTerms } from './topTerms.ts';

describe('topTerms', () => {
  it.each([
    {
      name: 'English stopwords are left out',
      texts: ['The mango is in the market', 'A mango for the people', 'Mango season'],
      expected: [
        { term: 'mango', count: 3 },
        { term: 'market', count: 1 },
        { term: 'people', count: 1 },
        { term: 'season', count: 1 },
      ],
    },
    {
      name: 'Bengali stopwords are left out, words kept as written',
      texts: ['আমি ইলিশ মাছ খেতে চাই', 'এই ইলিশ খুব ভালো', 'ইলিশ এবং ভাত'],
      expected: [
        { term: 'ইলিশ', count: 3 },
        { term: 'খেতে', count: 1 },
        { term: 'চাই', count: 1 },
        { term: 'ভাত', count: 1 },
        { term: 'ভালো', count: 1 },
        { term: 'মাছ', count: 1 },
      ],
    },
    {
      name: 'a word counts once per post; numbers, links, handles and hashtags are not words',
      texts: ['rain rain rain 2025 https://example.com/rain @rain.bsky.social #rain', 'rain ১২৩'],
      expected: [{ term: 'rain', count: 2 }],
    },
    {
      name: 'case and Unicode forms are folded together',
      texts: ['Dhaka', 'DHAKA', 'dhaka'],
      expected: [{ term: 'dhaka', count: 3 }],
    },
  ])('$name', ({ texts, expected }) => {
    expect(topTerms(texts, 10)).toEqual(expected);
  });

  it('keeps the most frequent up to the limit', () => {
    expect(topTerms(['alpha beta gamma', 'beta gamma', 'gamma'], 2)).toEqual([
      { term: 'gamma', count: 3 },
      { term: 'beta', count: 2 },
    ]);
  });
});
