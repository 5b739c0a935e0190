// What a network's text rule tells the composer: how much of the limit a text uses and whether it fits.
export interface TextCount {
  /** Units the network counts (graphemes, weighted characters). */
  used: number;
  limit: number;
  /** True when the network would refuse the text. */
  over: boolean;
  /** A sentence for the person when over, naming the network and the numbers. */
  problem?: string;
}

export interface TextRule {
  network: string;
  limit: number;
  count(text: string): TextCount;
}

/** The networks that have a text rule; the same names as the connectors' network ids. */
export type TextRuleNetwork = 'bluesky' | 'mastodon' | 'x' | 'threads' | 'linkedin';

/**
 * The count for a text measured in one unit against one limit. `networkName` is what a person calls the
 * network ("Bluesky"); `note` adds how that network counts, when it differs from what people expect.
 */
export function countAgainstLimit(networkName: string, used: number, limit: number, note = ''): TextCount {
  if (used <= limit) return { used, limit, over: false };
  const how = note ? ` (${note})` : '';
  return {
    used,
    limit,
    over: true,
    problem: `${networkName} allows ${limit} characters${how}; this post has ${used}.`,
  };
}
