import { describe, expect, it } from 'vitest';
import { textRuleFor } from './index.ts';
import type { TextRule } from './textRule.ts';

// One piece of Bengali, English, emoji and a link, with what each network counts for it:
// ক্ষমা (2 graphemes, 5 code points) · space · Kolorob · space · family + flag · space · link (29) · space.
const piece = 'ক্ষমা Kolorob 👨‍👩‍👧‍👦🇧🇩 https://example.com/kolorob/1 ';
const graphemesPerPiece = 2 + 1 + 7 + 1 + 2 + 1 + 29 + 1;
const mastodonPerPiece = 2 + 1 + 7 + 1 + 2 + 1 + 23 + 1;
const xPerPiece = 5 + 1 + 7 + 1 + 2 + 2 + 1 + 23 + 1;

/** Pieces up to the limit, then one-unit letters to land on it exactly. */
function textAtLimit(limit: number, perPiece: number): string {
  const pieces = Math.floor(limit / perPiece);
  return piece.repeat(pieces) + 'a'.repeat(limit - pieces * perPiece);
}

const networks: Array<{ name: string; rule: TextRule; limit: number; perPiece: number; says: string }> = [
  { name: 'bluesky', rule: textRuleFor('bluesky'), limit: 300, perPiece: graphemesPerPiece, says: 'Bluesky' },
  {
    name: 'mastodon',
    rule: textRuleFor('mastodon'),
    limit: 500,
    perPiece: mastodonPerPiece,
    says: 'Mastodon',
  },
  {
    name: 'mastodon with a server limit',
    rule: textRuleFor('mastodon', { mastodonLimit: 1000 }),
    limit: 1000,
    perPiece: mastodonPerPiece,
    says: 'Mastodon',
  },
  { name: 'x', rule: textRuleFor('x'), limit: 280, perPiece: xPerPiece, says: 'X' },
  { name: 'threads', rule: textRuleFor('threads'), limit: 500, perPiece: graphemesPerPiece, says: 'Threads' },
  {
    name: 'linkedin',
    rule: textRuleFor('linkedin'),
    limit: 3000,
    perPiece: graphemesPerPiece,
    says: 'LinkedIn',
  },
];

describe('textRuleFor', () => {
  it.each(networks)(
    '$name: mixed Bengali, English and emoji at exactly the limit fits',
    ({ rule, limit, perPiece }) => {
      expect(rule.limit).toBe(limit);
      expect(rule.count(textAtLimit(limit, perPiece))).toEqual({ used: limit, limit, over: false });
    },
  );

  it.each(networks)(
    '$name: one Bengali letter more is over, and says so',
    ({ rule, limit, perPiece, says }) => {
      const count = rule.count(`${textAtLimit(limit, perPiece)}ক`);
      expect(count.used).toBe(limit + 1);
      expect(count.over).toBe(true);
      expect(count.problem).toContain(says);
      expect(count.problem).toContain(`allows ${limit} characters`);
      expect(count.problem).toContain(`this post has ${limit + 1}.`);
    },
  );

  it('names each network in its rule', () => {
    for (const network of ['bluesky', 'mastodon', 'x', 'threads', 'linkedin'] as const) {
      expect(textRuleFor(network).network).toBe(network);
    }
  });
});
