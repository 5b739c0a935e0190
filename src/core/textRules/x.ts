// X limits a post to 280 weighted characters, counted by twitter-text's parseTweet with its default (v3)
// configuration: most scripts, Bengali and the other Indic scripts included, weigh 1 per code point;
// CJK and everything outside the light ranges weigh 2; an emoji sequence weighs 2; every link weighs 23.
import twitter from 'twitter-text';
import { countAgainstLimit, type TextRule } from './textRule.ts';

const limit = 280;

export const xTextRule: TextRule = {
  network: 'x',
  limit,
  count: (text) =>
    countAgainstLimit(
      'X',
      twitter.parseTweet(text).weightedLength,
      limit,
      'Chinese, Japanese and Korean characters and emoji count as 2, each link as 23',
    ),
};
