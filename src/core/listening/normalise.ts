// How listening compares text: Unicode NFC (so a Bengali vowel sign typed as two code points matches
// the precomposed one), zero-width joiners removed (they change how a conjunct is drawn, not the word),
// and lower case where the script has case (Bengali has none, so it is left as written). The parser
// normalises query terms and the matcher normalises post text with the same function.

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

export function normaliseText(text: string): string {
  // Joiners go first and NFC comes last: removing a joiner can bring a letter and a mark together
  // that NFC composes, and the result must not change when normalised again.
  return text.replace(ZERO_WIDTH, '').toLowerCase().normalize('NFC');
}

/** A word: letters, combining marks (Bengali vowel signs, virama), digits and connector punctuation. */
export const WORD_CHARS = String.raw`\p{L}\p{M}\p{N}\p{Pc}`;

/** Every word of already-normalised text, in order. */
export function wordsOf(normalised: string): string[] {
  return normalised.match(new RegExp(`[${WORD_CHARS}]+`, 'gu')) ?? [];
}
