// Counts what a person sees as one character (an extended grapheme cluster): a Bengali conjunct with its
// vowel sign, an emoji family joined by zero-width joiners, a flag. String `.length` counts UTF-16 code
// units instead and would make Bengali and emoji look longer than the networks count them.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemeLength(text: string): number {
  let length = 0;
  for (const _ of segmenter.segment(text)) length++;
  return length;
}
