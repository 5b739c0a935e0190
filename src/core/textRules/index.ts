// The text rule of each network, for the composer's counter and for checking a post before it is sent.
import { blueskyTextRule } from './bluesky.ts';
import { linkedinTextRule } from './linkedin.ts';
import { mastodonTextRule } from './mastodon.ts';
import type { TextRule, TextRuleNetwork } from './textRule.ts';
import { threadsTextRule } from './threads.ts';
import { xTextRule } from './x.ts';

export { blueskyTextRule, utf8Length } from './bluesky.ts';
export { graphemeLength } from './graphemes.ts';
export { linkedinTextRule } from './linkedin.ts';
export { mastodonCountableText, mastodonDefaultLimit, mastodonTextRule } from './mastodon.ts';
export type { TextCount, TextRule, TextRuleNetwork } from './textRule.ts';
export { threadsTextRule } from './threads.ts';
export { xTextRule } from './x.ts';

export interface TextRuleOptions {
  /** The Mastodon server's `configuration.statuses.max_characters`, when it reports one. */
  mastodonLimit?: number;
}

export function textRuleFor(network: TextRuleNetwork, options: TextRuleOptions = {}): TextRule {
  switch (network) {
    case 'bluesky':
      return blueskyTextRule;
    case 'mastodon':
      return mastodonTextRule(options.mastodonLimit);
    case 'x':
      return xTextRule;
    case 'threads':
      return threadsTextRule;
    case 'linkedin':
      return linkedinTextRule;
  }
}
