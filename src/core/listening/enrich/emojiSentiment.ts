// Emoji sentiment, shared by every language: the Emoji Sentiment Ranking values that ship with the
// `sentiment` package (MIT; 767 emoji rated from 2015 tweets, on AFINN's -3..3 scale here), plus a few
// emoji that ranking predates or misses but that are everywhere in brand replies today.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ranking = require('sentiment/build/emoji.json') as Record<string, number>;

/**
 * Values chosen by the emoji's settled meaning in replies, on the same -3..3 scale. 🔥 ("this is great")
 * is left out for now: it occurs only in the held-out half of the labelled posts.
 */
const ADDED: Record<string, number> = {
  '🥰': 3,
  '🤩': 3,
  '🥳': 3,
  '🫶': 3,
  '💯': 2,
  '🙄': -2, // exasperation, often the sarcasm marker
  '🤢': -3,
  '🤮': -3,
  '🤬': -3,
  '🥲': -1,
  '🤡': -2,
};

const EMOJI_VALUES: Record<string, number> = { ...ranking, ...ADDED };

/** One emoji (with its modifiers, variation selector or ZWJ sequence) as it appears in text. */
export const EMOJI_PATTERN = String.raw`\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic})*`;

/** The value of an emoji, ignoring its variation selector and skin tone; 0 when unrated. */
export function emojiValue(emoji: string): number {
  const bare = emoji.replace(/[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu, '');
  const first = [...bare][0] ?? '';
  return EMOJI_VALUES[bare] ?? EMOJI_VALUES[first] ?? 0;
}
