// Bluesky's post record allows 300 graphemes and 3000 UTF-8 bytes of text, and the server refuses a record
// that breaks either. Links in the text count in full: the text is sent as written.
//
// Graphemes are counted with Intl.Segmenter, which is what @atproto/api (RichText.graphemeLength) and the
// record validation of the server use, so the composer and the server agree when both run on the same
// Unicode version. Bengali conjuncts (ক্ষ, স্ত্র) are one grapheme from Unicode 15.1 on; a server on an
// older runtime counts them as several, see graphemes.test.ts.
import { graphemeLength } from './graphemes.ts';
import { countAgainstLimit, type TextCount, type TextRule } from './textRule.ts';

const maxGraphemes = 300;
const maxBytes = 3000;

export const blueskyTextRule: TextRule = {
  network: 'bluesky',
  limit: maxGraphemes,
  count(text: string): TextCount {
    const counted = countAgainstLimit('Bluesky', graphemeLength(text), maxGraphemes);
    if (counted.over) return counted;
    const bytes = utf8Length(text);
    if (bytes <= maxBytes) return counted;
    // The count stays in graphemes so the composer's meter keeps one unit; the sentence names the bytes.
    return {
      ...counted,
      over: true,
      problem:
        `Bluesky also limits a post to ${maxBytes} bytes of text; this post has ${bytes} bytes ` +
        `(Bengali letters and signs take 3 bytes each, emoji 4 or more), so remove at least ${bytes - maxBytes} bytes.`,
    };
  },
};

/** Bytes of the text in UTF-8, without encoding it. A lone surrogate counts 3, as its replacement would. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
