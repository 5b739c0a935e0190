// What the pipeline adds to a post: its language (the network's, else detected), sentiment in that
// language, and hashtags.
import { describe, expect, it } from 'vitest';
import { hashtagsOf, languageOf, networkLanguage, sentimentOf } from './enrichEvent.ts';

describe('languageOf', () => {
  it.each([
    { name: 'the one language the network names', text: 'anything at all', langs: ['bn'], expected: 'bn' },
    { name: 'a regional tag reduced to its language', text: 'colour', langs: ['en-GB'], expected: 'en' },
    { name: 'a language Kolorob does not score is kept', text: 'hola amigos', langs: ['es'], expected: 'es' },
    {
      name: 'none named: detected between English and Bengali',
      text: 'আজ ঢাকায় খুব বৃষ্টি হচ্ছে, রাস্তায় পানি জমে গেছে',
      langs: undefined,
      expected: 'bn',
    },
    {
      name: 'none named, English text',
      text: 'It is raining hard in Dhaka today',
      langs: [],
      expected: 'en',
    },
    {
      name: 'several named: detected among them',
      text: 'আজ ঢাকায় খুব বৃষ্টি হচ্ছে, রাস্তায় পানি জমে গেছে',
      langs: ['en', 'bn'],
      expected: 'bn',
    },
    { name: 'no letters at all', text: '🎉🎉 123', langs: undefined, expected: 'und' },
  ])('$name', ({ text, langs, expected }) => {
    expect(languageOf({ text, langs })).toBe(expected);
  });

  it('names a network language only when there is exactly one', () => {
    expect(networkLanguage(['en-US'])).toBe('en');
    expect(networkLanguage(['en', 'bn'])).toBe(undefined);
    expect(networkLanguage(undefined)).toBe(undefined);
  });
});

describe('sentimentOf', () => {
  it.each([
    { text: 'I love this, it is wonderful', lang: 'en', label: 'positive' },
    { text: 'This is terrible and awful', lang: 'en', label: 'negative' },
    { text: 'খুব খারাপ, ভয়ানক অবস্থা', lang: 'bn', label: 'negative' },
    { text: 'I love this', lang: 'es', label: 'neutral' },
  ])('$text ($lang) is $label', ({ text, lang, label }) => {
    const result = sentimentOf(text, lang);
    expect(result.label).toBe(label);
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.score).toBeLessThanOrEqual(1);
  });
});

describe('hashtagsOf', () => {
  it.each([
    { text: 'ignored #here', tags: ['Mango', '#Dhaka'], expected: ['mango', 'dhaka'] },
    { text: 'Rain in #Dhaka and #ঢাকা, again #dhaka; not a#tag', tags: undefined, expected: ['dhaka', 'ঢাকা'] },
    { text: 'no tags', tags: [], expected: [] },
  ])('$text', ({ text, tags, expected }) => {
    expect(hashtagsOf({ text, tags })).toEqual(expected);
  });
});
