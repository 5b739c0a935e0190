// A rule for networks that limit a post by graphemes alone, with links and mentions counted as written.
import { graphemeLength } from './graphemes.ts';
import { countAgainstLimit, type TextRule, type TextRuleNetwork } from './textRule.ts';

export function graphemeTextRule(network: TextRuleNetwork, networkName: string, limit: number): TextRule {
  return {
    network,
    limit,
    count: (text) => countAgainstLimit(networkName, graphemeLength(text), limit),
  };
}
