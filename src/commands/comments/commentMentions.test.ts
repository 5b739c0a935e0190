import { describe, expect, it } from 'vitest';
import { mentionToken, plainMentions, resolveMentions } from './commentMentions.ts';

const RINA = {
  userId: '11111111-1111-4111-8111-111111111111',
  name: 'Rina Akter',
  email: 'rina@example.com',
};
const RINA_B = {
  userId: '22222222-2222-4222-8222-222222222222',
  name: 'Rina Begum',
  email: 'rb@example.com',
};
const ARIF = {
  userId: '33333333-3333-4333-8333-333333333333',
  name: 'Arif [Ops]',
  email: 'arif.h@example.com',
};
const MEMBERS = [RINA, RINA_B, ARIF];

describe('resolveMentions', () => {
  it.each([
    [
      'a picked token stays, named as now',
      `hi @[Old name](user:${RINA.userId})`,
      `hi ${mentionToken(RINA)}`,
      [RINA.userId],
    ],
    ['an email local part', 'ask @arif.h.', `ask ${mentionToken(ARIF)}.`, [ARIF.userId]],
    ['a name without spaces, any case', '@rinabegum ok', `${mentionToken(RINA_B)} ok`, [RINA_B.userId]],
    ['a first name two members share names nobody', '@rina ok', '@rina ok', []],
    ['an email address is not a mention', 'mail rina@example.com', 'mail rina@example.com', []],
    [
      'a token of a non-member becomes text',
      '@[Ghost](user:44444444-4444-4444-8444-444444444444)',
      '@Ghost',
      [],
    ],
    [
      'each person once',
      '@rb @rinabegum',
      `${mentionToken(RINA_B)} ${mentionToken(RINA_B)}`,
      [RINA_B.userId],
    ],
    ['after an opening bracket', '(@rb)', `(${mentionToken(RINA_B)})`, [RINA_B.userId]],
  ])('%s', (_name, body, expected, ids) => {
    expect(resolveMentions(body, MEMBERS)).toEqual({ body: expected, userIds: ids });
  });

  it('keeps brackets of a name out of its token', () => {
    expect(mentionToken(ARIF)).toBe(`@[Arif  Ops](user:${ARIF.userId})`);
  });

  it('shows tokens as @Name in plain text', () => {
    expect(plainMentions(`to ${mentionToken(RINA)}!`)).toBe('to @Rina Akter!');
  });
});
