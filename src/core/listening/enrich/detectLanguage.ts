// The language of a post, as an ISO 639-1 code ("en", "bn") or "und". Long texts go to franc,
// restricted to the languages the workspace listens in; below about 20 letters franc's trigram
// statistics are unreliable, so short posts are labelled by script: mostly Bengali letters is Bengali,
// only Latin letters is English. Text with no letters at all (emoji, numbers, links) is "und".
import { franc } from 'franc';

/** franc's ISO 639-3 codes for the languages Kolorob may be asked about, and their ISO 639-1 codes. */
const ISO_639_1: Record<string, string> = {
  eng: 'en',
  ben: 'bn',
  hin: 'hi',
  urd: 'ur',
  arb: 'ar',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  por: 'pt',
  ind: 'id',
  zlm: 'ms',
  cmn: 'zh',
  jpn: 'ja',
  rus: 'ru',
  tur: 'tr',
};

export interface DetectLanguageOptions {
  /** ISO 639-3 codes (franc's) of the languages in use; defaults to English and Bengali. */
  candidates?: readonly string[];
}

/** Below this many letters the script decides, not franc. */
export const SHORT_TEXT_LETTERS = 20;

/** Letters and vowel signs of the Bengali block (U+0980–U+09FF), without its digits. */
const BENGALI_LETTER = /[\u0980-\u09E5\u09F0-\u09FF]/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;
const ANY_LETTER = /[\p{L}\p{M}]/gu;
/** Links and @handles say nothing about the language the post is written in; hashtags do and stay. */
const IGNORED = /https?:\/\/\S+|www\.\S+|@[\p{L}\p{N}_.]+/gu;

export function detectLanguage(text: string, options: DetectLanguageOptions = {}): string {
  const candidates = options.candidates ?? ['eng', 'ben'];
  const body = text.replace(IGNORED, ' ');
  const letters = count(body, ANY_LETTER);
  if (letters === 0) return 'und';
  const bengali = count(body, BENGALI_LETTER);
  if (letters < SHORT_TEXT_LETTERS) {
    if (bengali / letters >= 0.5 && candidates.includes('ben')) return 'bn';
    if (count(body, LATIN_LETTER) === letters && candidates.includes('eng')) return 'en';
  }
  const code = franc(body, { only: [...candidates], minLength: 1 });
  return ISO_639_1[code] ?? 'und';
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
