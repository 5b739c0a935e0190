// Mastodon limits a post to 500 characters unless the server says otherwise (its instance information,
// `configuration.statuses.max_characters`). It counts graphemes, but every http(s) link counts as 23
// characters however long it is, and a mention of someone on another server (@user@domain) counts only
// the @user part. Links are found the way Mastodon's compose counter finds them: twitter-text's URL
// pieces with the protocol required.
//
// The server also counts the content warning toward the same limit, so a composer with one adds its
// length to this count.
import twitter from 'twitter-text';
import { graphemeLength } from './graphemes.ts';
import { countAgainstLimit, type TextRule } from './textRule.ts';

export const mastodonDefaultLimit = 500;
const linkLength = 23;
const linkPlaceholder = 'x'.repeat(linkLength);

// @types/twitter-text misspells validUrlQueryEndingChars (without the s), so the pieces are read through
// a type of their own.
interface UrlPieces {
  validUrlPrecedingChars: RegExp;
  validDomain: RegExp;
  validPortNumber: RegExp;
  validUrlPath: RegExp;
  validUrlQueryChars: RegExp;
  validUrlQueryEndingChars: RegExp;
}
const regexen = twitter.regexen as unknown as UrlPieces;
const link = new RegExp(
  `(${regexen.validUrlPrecedingChars.source})` +
    '(https?:\\/\\/)' +
    `(${regexen.validDomain.source})` +
    `(?::(${regexen.validPortNumber.source}))?` +
    `(\\/${regexen.validUrlPath.source}*)?` +
    `(\\?${regexen.validUrlQueryChars.source}*${regexen.validUrlQueryEndingChars.source})?`,
  'gi',
);
const remoteMention = /(^|[^/\w])@(([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]+)/gi;

/** The text as Mastodon measures it: each link replaced by 23 characters, remote mentions by @user. */
export function mastodonCountableText(text: string): string {
  return text
    .replace(link, (_match, preceding: string) => preceding + linkPlaceholder)
    .replace(remoteMention, '$1@$3');
}

/** The rule for one Mastodon server; pass its `max_characters` when the server reports one. */
export function mastodonTextRule(limit = mastodonDefaultLimit): TextRule {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`A Mastodon character limit is a whole number above 0, not ${limit}`);
  }
  return {
    network: 'mastodon',
    limit,
    count: (text) =>
      countAgainstLimit(
        'This Mastodon server',
        graphemeLength(mastodonCountableText(text)),
        limit,
        'each link counts as 23',
      ),
  };
}
