import { describe, expect, it } from 'vitest';
import {
  commentParts,
  insertMention,
  insertVisibleMention,
  matchingMembers,
  mentionQueryAt,
  toEditableText,
  toStoredBody,
} from './commentBody.ts';

const ID = '11111111-1111-4111-8111-111111111111';
const ID2 = '22222222-2222-4222-8222-222222222222';
const MEMBERS = [
  { userId: ID, name: 'Rina Akter', email: 'rina@example.com' },
  { userId: 'b', name: 'Arif Hossain', email: 'arif@example.com' },
  { userId: 'c', name: 'Esha Rahman', email: 'esha@example.com' },
];

describe('commentParts', () => {
  it('splits text and mentions', () => {
    expect(commentParts(`Hi @[Rina Akter](user:${ID}), look`)).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'mention', name: 'Rina Akter', userId: ID },
      { kind: 'text', text: ', look' },
    ]);
    expect(commentParts('plain @rina')).toEqual([{ kind: 'text', text: 'plain @rina' }]);
  });
});

describe('mentionQueryAt', () => {
  it.each([
    ['hello @ri', 9, { start: 6, query: 'ri' }],
    ['@', 1, { start: 0, query: '' }],
    ['mail rina@ex', 12, null],
    ['hello @ri there', 15, null],
  ])('%j at %i', (text, caret, expected) => {
    expect(mentionQueryAt(text, caret)).toEqual(expected);
  });
});

describe('matchingMembers and insertMention', () => {
  it('finds by the start of any word of the name or email, best first', () => {
    expect(matchingMembers(MEMBERS, 'ra').map((m) => m.name)).toEqual(['Esha Rahman']);
    expect(matchingMembers(MEMBERS, 'ak').map((m) => m.name)).toEqual(['Rina Akter']);
    expect(matchingMembers(MEMBERS, 'a').map((m) => m.name)).toEqual([
      'Arif Hossain',
      'Rina Akter',
      'Esha Rahman',
    ]);
    expect(matchingMembers(MEMBERS, '')).toHaveLength(3);
  });

  it('replaces the typed query with a token and puts the caret after it', () => {
    const at = mentionQueryAt('ask @ri now', 7)!;
    expect(insertMention('ask @ri now', at, MEMBERS[0]!)).toEqual({
      text: `ask @[Rina Akter](user:${ID})  now`,
      caret: 4 + `@[Rina Akter](user:${ID}) `.length,
    });
  });
});

describe('toStoredBody and toEditableText', () => {
  it('turns picked names into tokens and back, leaving lookalikes alone', () => {
    const picked = new Map([
      ['Rina Akter', ID],
      ['Rina', ID2],
    ]);
    const stored = toStoredBody('@Rina Akter and @Rina, not @Rinaldo or rina@example.com', picked);
    expect(stored).toBe(
      `@[Rina Akter](user:${ID}) and @[Rina](user:${ID2}), not @Rinaldo or rina@example.com`,
    );
    expect(toEditableText(stored)).toEqual({
      text: '@Rina Akter and @Rina, not @Rinaldo or rina@example.com',
      picked: new Map([
        ['Rina Akter', ID],
        ['Rina', ID2],
      ]),
    });
    expect(insertVisibleMention('hi @ri', { start: 3, query: 'ri' }, 'Rina Akter')).toEqual({
      text: 'hi @Rina Akter ',
      caret: 15,
    });
  });
});
