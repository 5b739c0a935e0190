import { describe, expect, it } from 'vitest';
import { mastodonCountableText, mastodonTextRule } from './mastodon.ts';

const link23 = 'x'.repeat(23);

describe('mastodonCountableText', () => {
  it.each([
    { name: 'plain text is unchanged', text: 'hello world', countable: 'hello world' },
    { name: 'an https link', text: 'see https://example.com here', countable: `see ${link23} here` },
    {
      name: 'a long http link with path and query',
      text: `http://example.com/${'a'.repeat(100)}?q=1`,
      countable: link23,
    },
    {
      name: 'a trailing full stop is not part of the link',
      text: 'read https://example.com/x.',
      countable: `read ${link23}.`,
    },
    { name: 'two links', text: 'https://a.com https://b.org/x', countable: `${link23} ${link23}` },
    { name: 'a link without protocol counts in full', text: 'see example.com', countable: 'see example.com' },
    { name: 'a remote mention keeps @user', text: 'hi @bob@mastodon.social', countable: 'hi @bob' },
    { name: 'a local mention is unchanged', text: 'hi @bob', countable: 'hi @bob' },
    {
      name: 'a mention inside a link stays part of the link',
      text: 'https://mastodon.social/@bob@example.com',
      countable: link23,
    },
    { name: 'an e-mail address is not a mention', text: 'mail a@b.com', countable: 'mail a@b.com' },
  ])('$name', ({ text, countable }) => {
    expect(mastodonCountableText(text)).toBe(countable);
  });
});

describe('mastodonTextRule', () => {
  const rule = mastodonTextRule();

  it.each([
    { name: '500 letters', text: 'a'.repeat(500), used: 500, over: false },
    { name: '501 letters', text: 'a'.repeat(501), used: 501, over: true },
    {
      name: 'a 300-character link counts 23',
      text: `https://example.com/${'a'.repeat(280)}`,
      used: 23,
      over: false,
    },
    {
      name: 'twenty long links count 23 each',
      text: Array.from({ length: 20 }, (_, i) => `https://example.com/${i}/${'a'.repeat(60)}`).join(' '),
      used: 20 * 23 + 19,
      over: false,
    },
    { name: 'a remote mention counts as @user', text: '@bob@mastodon.social', used: 4, over: false },
    { name: 'Bengali conjuncts are one grapheme each', text: 'ক্ষ স্ত্র জ্ঞ', used: 5, over: false },
    { name: 'emoji family, flag and skin tone', text: '👨‍👩‍👧‍👦🇧🇩👍🏽', used: 3, over: false },
    { name: 'combining marks', text: 'e\u0301'.repeat(500), used: 500, over: false },
  ])('$name: $used', ({ text, used, over }) => {
    const count = rule.count(text);
    expect(count.used).toBe(used);
    expect(count.over).toBe(over);
  });

  it('uses 500 unless the server reports its own limit', () => {
    expect(rule.limit).toBe(500);
    const large = mastodonTextRule(11_000);
    expect(large.count('a'.repeat(11_000))).toEqual({ used: 11_000, limit: 11_000, over: false });
    expect(large.count('a'.repeat(11_001)).over).toBe(true);
  });

  it('says how it counted when the post is too long', () => {
    expect(rule.count('a'.repeat(512)).problem).toBe(
      'This Mastodon server allows 500 characters (each link counts as 23); this post has 512.',
    );
  });

  it.each([0, -1, 2.5, Number.NaN])('refuses a limit of %s', (limit) => {
    expect(() => mastodonTextRule(limit)).toThrow(RangeError);
  });
});
