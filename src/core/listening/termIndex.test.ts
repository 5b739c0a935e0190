import { describe, expect, it } from 'vitest';
import { normaliseText } from './normalise.ts';
import { buildTermIndex, TermHits, type TermKey } from './termIndex.ts';

const KEYS: TermKey[] = [
  { kind: 'word', text: 'tea' },
  { kind: 'word', text: 'আম' },
  { kind: 'word', text: normaliseText('বড়') },
  { kind: 'word', text: normaliseText('কোন') },
  { kind: 'prefix', text: 'cric' },
  { kind: 'prefix', text: 'আমে' },
  { kind: 'hashtag', text: 'tea' },
  { kind: 'mention', text: 'alice.bsky.social' },
  { kind: 'mention', text: 'bob@mastodon.social' },
];
const index = buildTermIndex(KEYS);

function scan(text: string): [string, number][] {
  const hits = new TermHits();
  index.scan(text, hits);
  return Array.from({ length: hits.count }, (_, i) => {
    const key = KEYS[hits.keys[i]!]!;
    return [`${key.kind}:${key.text}`, hits.positions[i]!] as [string, number];
  });
}

describe('term index scan', () => {
  it.each<[string, string, [string, number][]]>([
    [
      'words with their positions',
      'Tea, then more tea',
      [
        ['word:tea', 0],
        ['word:tea', 3],
      ],
    ],
    ['only whole words', 'teas steam tea_', []],
    [
      'prefixes at the start of words',
      'Cricket and cric',
      [
        ['prefix:cric', 0],
        ['prefix:cric', 2],
      ],
    ],
    [
      'a hashtag is also its word',
      'love #tea',
      [
        ['word:tea', 1],
        ['hashtag:tea', 1],
      ],
    ],
    ['no hashtag after a word character', 'a#tea', [['word:tea', 1]]],
    [
      'a mention, its closing full stop dropped',
      'hi @alice.bsky.social.',
      [['mention:alice.bsky.social', 1]],
    ],
    [
      'Bengali words and prefixes',
      'আম আমের',
      [
        ['word:আম', 0],
        ['prefix:আমে', 1],
      ],
    ],
    ['precomposed ড় is normalised first', 'খুব \u09ac\u09dc', [[`word:${normaliseText('বড়')}`, 1]]],
    ['decomposed ো is composed first', 'ক\u09c7\u09be\u09a8', [[`word:${normaliseText('কোন')}`, 0]]],
    ['zero-width joiners are dropped', 't\u200bea', [['word:tea', 0]]],
    ['emoji separate words', '🔥tea🔥', [['word:tea', 0]]],
  ])('%s', (_what, text, expected) => {
    expect(scan(text)).toEqual(expected);
  });

  it('finds a Mastodon handle and not the handle inside an e-mail address', () => {
    expect(scan('cc @bob@mastodon.social').filter(([k]) => k.startsWith('mention:'))).toEqual([
      ['mention:bob@mastodon.social', 1],
    ]);
    expect(scan('x bob@mastodon.social').filter(([k]) => k.startsWith('mention:'))).toEqual([]);
  });

  it('looks up hashtags the network reported', () => {
    expect(index.hashtagId('#Tea')).toBe(KEYS.findIndex((k) => k.kind === 'hashtag'));
    expect(index.hashtagId('coffee')).toBe(-1);
  });

  it('finds the same keys in a text as in its normalised form', () => {
    // Scanning text as it comes is only a shortcut: any text must give what its normalised form gives.
    const pieces = [
      'tea',
      'TEA',
      'আম',
      'আমের',
      '\u09ac\u09dc',
      'বড়',
      'ক\u09c7\u09be\u09a8',
      'কোন',
      'ক\u09c7',
      '\u09be',
      '\u09cd',
      '\u09bc',
      '\u200d',
      '\u200c',
      'É',
      'e\u0301',
      '\u0301\u0323',
      '𝐀',
      '🔥',
      '#',
      '@',
      ' ',
      ' ',
      '.',
      'alice.bsky.social',
      'cric',
      'ket',
      '\u1100\u1161',
      '\uac00\u11a8',
      'İ',
      'Σ',
    ];
    let seed = 11;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 10);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      expect({ text, hits: scan(text) }).toEqual({ text, hits: scan(normaliseText(text)) });
    }
  });
});

describe('term index scan of letters NFC splits in two', () => {
  // ড় (U+09DC) and য় (U+09DF) become a letter and a nukta under NFC; the scanner reads them as those
  // two code units without normalising the whole post first.
  const BORO = normaliseText('\u09ac\u09dc');
  const SPLIT_KEYS: TermKey[] = [
    { kind: 'word', text: BORO },
    // NFC puts the overlay mark (combining class 1) before the nukta (class 7).
    { kind: 'word', text: normaliseText('\u09ac\u09dc\u0334') },
    { kind: 'prefix', text: '\u09ac\u09a1' },
    { kind: 'prefix', text: normaliseText('\u09ac\u09dc\u09cb') },
    { kind: 'prefix', text: normaliseText('\u09df\u09be') },
    { kind: 'hashtag', text: BORO },
    { kind: 'mention', text: normaliseText('\u09ac\u09dc.bsky.social') },
  ];
  const splitIndex = buildTermIndex(SPLIT_KEYS);

  function scanSplit(text: string): [string, number][] {
    const hits = new TermHits();
    splitIndex.scan(text, hits);
    return Array.from({ length: hits.count }, (_, i) => {
      const key = SPLIT_KEYS[hits.keys[i]!]!;
      return [`${key.kind}:${key.text}`, hits.positions[i]!] as [string, number];
    });
  }

  it.each<[string, string, [string, number][]]>([
    [
      'a precomposed letter inside a word',
      'so \u09ac\u09dc',
      [
        [`prefix:\u09ac\u09a1`, 1],
        [`word:${BORO}`, 1],
      ],
    ],
    [
      'a prefix that ends inside the split letter and one that ends after it',
      '\u09ac\u09dc\u09cb\u09b0',
      [
        [`prefix:\u09ac\u09a1`, 0],
        [`prefix:${normaliseText('\u09ac\u09dc\u09cb')}`, 0],
      ],
    ],
    [
      'a prefix that starts with the split letter',
      '\u09df\u09be\u09b0',
      [[`prefix:${normaliseText('\u09df\u09be')}`, 0]],
    ],
    [
      'a hashtag holding the split letter',
      'x #\u09ac\u09dc',
      [
        [`prefix:\u09ac\u09a1`, 1],
        [`word:${BORO}`, 1],
        [`hashtag:${BORO}`, 1],
      ],
    ],
    [
      'a mention holding the split letter',
      '@\u09ac\u09dc.bsky.social',
      [
        [`mention:${normaliseText('\u09ac\u09dc.bsky.social')}`, 0],
        [`prefix:\u09ac\u09a1`, 0],
        [`word:${BORO}`, 0],
      ],
    ],
    [
      'a mark after the split letter, which NFC moves before its nukta',
      '\u09ac\u09dc\u0334',
      [
        [`prefix:\u09ac\u09a1`, 0],
        [`word:${normaliseText('\u09ac\u09dc\u0334')}`, 0],
      ],
    ],
  ])('%s', (_what, text, expected) => {
    expect(scanSplit(text)).toEqual(expected);
  });

  it('finds the same keys in a text as in its normalised form', () => {
    const pieces = [
      '\u09ac\u09dc',
      '\u09ac\u09a1\u09bc',
      '\u09dc',
      '\u09df',
      '\u09df\u09be',
      '\u09cb',
      '\u09be',
      '\u09bc',
      '\u09cd',
      '\u0334',
      '\u0301',
      'ক\u09c7',
      '\u09ac',
      '#',
      '@',
      ' ',
      '.',
      'bsky.social',
      'Tea',
    ];
    let seed = 5;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    let found = 0;
    for (let n = 0; n < 4000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 8);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      const hits = scanSplit(text);
      if (hits.length > 0) found++;
      expect({ text, hits }).toEqual({ text, hits: scanSplit(normaliseText(text)) });
    }
    expect(found).toBeGreaterThan(500);
  });
});
