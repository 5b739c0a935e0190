import { describe, expect, it } from 'vitest';
import { authorKey, compileMatcher } from './matcher.ts';
import { normaliseText, WORD_CHARS, wordsOf } from './normalise.ts';
import type { FilterNode, MatchInput, NearNode, PhraseNode, QueryNode, TermNode } from './queryAst.ts';
import { parseQuery } from './queryParser.ts';

const term = (text: string): TermNode => ({ type: 'term', text: normaliseText(text), prefix: false });
const wild = (text: string): TermNode => ({ type: 'term', text: normaliseText(text), prefix: true });
const phrase = (...words: string[]): PhraseNode => ({ type: 'phrase', words: words.map(normaliseText) });
const tag = (text: string): QueryNode => ({ type: 'hashtag', tag: normaliseText(text) });
const mention = (handle: string): QueryNode => ({ type: 'mention', handle: normaliseText(handle) });
const and = (...children: QueryNode[]): QueryNode => ({ type: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ type: 'or', children });
const not = (child: QueryNode): QueryNode => ({ type: 'not', child });
const near = (left: TermNode | PhraseNode, distance: number, right: TermNode | PhraseNode): NearNode => ({
  type: 'near',
  distance,
  ordered: false,
  left,
  right,
});
const onear = (left: TermNode | PhraseNode, distance: number, right: TermNode | PhraseNode): NearNode => ({
  ...near(left, distance, right),
  ordered: true,
});
const filter = (field: FilterNode['field'], value: string): FilterNode => ({ type: 'filter', field, value });

function matches(tree: QueryNode, input: MatchInput | string): boolean {
  const post = typeof input === 'string' ? { text: input } : input;
  return compileMatcher([{ id: 'q', tree }]).match(post).length === 1;
}

// [what it shows, query, post, matches]
const CASES: [string, QueryNode, MatchInput | string, boolean][] = [
  // Words and word boundaries.
  ['a word', term('mango'), 'I love mango season', true],
  ['a word is not part of a longer one', term('mango'), 'I love mangoes', false],
  ['nor the end of one', term('go'), 'mango', false],
  ['punctuation ends a word', term('mango'), 'mango, lassi!', true],
  ['English is case-folded', term('mango'), 'MANGO Season', true],
  ['a query typed in capitals', term('Mango'), 'mango', true],
  ['digits are word characters', term('covid19'), 'covid19 cases', true],
  ['an underscore joins a word', term('mango'), 'mango_lassi', false],
  ['a word inside a hashtag', term('mango'), 'so good #mango', true],
  ['a word inside a handle', term('alice'), 'hi @alice.bsky.social', true],
  ['a term with punctuation is a phrase of its words', term('covid-19'), 'covid 19 again', true],
  ['Bengali word', term('আম'), 'আজ আম খেলাম', true],
  ['a Bengali word is not part of an inflected one', term('আম'), 'আমের দাম বেড়েছে', false],
  ['Bengali vowel signs and virama stay in the word', term('বিক্রি'), 'আম বিক্রি হচ্ছে', true],
  ['a Bengali word ends at the danda', term('ঢাকা'), 'আমি ঢাকা।', true],
  ['decomposed Bengali text matches a precomposed term (NFC)', term('কোন'), 'ক\u09c7\u09be\u09a8 দিকে', true],
  [
    'precomposed ড় in text matches the NFC term',
    term('বড়'),
    'অনেক বড\u09bc দিন'.replace('ড\u09bc', '\u09dc'),
    true,
  ],
  [
    'marks typed out of canonical order are reordered (NFC)',
    term('ক\u09bc\u09cdষ'),
    'x ক\u09cd\u09bcষ y',
    true,
  ],
  ['a virama after a nukta stays where it is', term('ক\u09bc\u09cdষ'), 'ক\u09bc\u09cdষ', true],
  ['the vowel sign া after ে mid-word composes (NFC)', term('বোকা'), 'ব\u09c7\u09beকা', true],
  ['the vowel sign া after other letters is read as it comes', term('বাকা'), 'বাকা', true],
  ['zero-width joiners do not split a word', term('র‍্যাব'), 'র\u200d্যাব এসেছে', true],
  ['zero-width joiners in the text only', term('ক্ষমা'), 'ক্\u200dষমা', true],
  ['accented capitals are folded', term('école'), 'ÉCOLE ouverte', true],
  ['decomposed accents are composed', term('café'), 'cafe\u0301 time', true],
  ['emoji around a word', term('tea'), '☕tea🔥', true],
  ['a letter beyond the BMP is part of a word', term('a𝐀b'), 'x a𝐀b y', true],
  ['and only the whole word', term('a𝐀'), 'x a𝐀b y', false],
  // Wildcards.
  ['a prefix matches longer words', wild('mango'), 'mangoes everywhere', true],
  ['a prefix matches the word itself', wild('mango'), 'mango', true],
  ['a prefix only at the start of a word', wild('ango'), 'mangoes', false],
  ['a shorter word does not match', wild('mango'), 'man go', false],
  ['a Bengali prefix', wild('আমে'), 'আমের দাম', true],
  ['a prefix in capitals', wild('crick'), 'CRICKET tonight', true],
  // Phrases.
  ['a phrase: consecutive words', phrase('mango', 'lassi'), 'a cold Mango Lassi please', true],
  ['a phrase across punctuation', phrase('mango', 'lassi'), 'mango, lassi', true],
  ['not in another order', phrase('mango', 'lassi'), 'lassi mango', false],
  ['not with a word between', phrase('mango', 'lassi'), 'mango and lassi', false],
  ['a phrase whose first word repeats', phrase('mango', 'lassi'), 'mango mango lassi', true],
  ['a Bengali phrase', phrase('ঢাকা', 'শহর'), 'আমাদের ঢাকা শহর সুন্দর', true],
  ['a three-word phrase', phrase('world', 'cup', 'final'), 'the World Cup final is on', true],
  ['a three-word phrase, one word missing', phrase('world', 'cup', 'final'), 'world cup semi final', false],
  // NEAR and ONEAR: positions at most n apart, neighbours are 1 apart.
  ['NEAR/1: neighbours', near(term('tea'), 1, term('coffee')), 'tea coffee', true],
  ['NEAR/1: one word between is too far', near(term('tea'), 1, term('coffee')), 'tea or coffee', false],
  ['NEAR/2: one word between', near(term('tea'), 2, term('coffee')), 'tea or coffee', true],
  ['NEAR/2: exactly at the distance', near(term('tea'), 2, term('coffee')), 'coffee or tea', true],
  ['NEAR/2: one past the distance', near(term('tea'), 2, term('coffee')), 'tea and then coffee', false],
  ['NEAR is unordered', near(term('tea'), 3, term('coffee')), 'coffee then tea', true],
  ['ONEAR keeps the order', onear(term('tea'), 3, term('coffee')), 'coffee then tea', false],
  ['ONEAR in order', onear(term('tea'), 3, term('coffee')), 'tea then coffee', true],
  ['NEAR needs both', near(term('tea'), 3, term('coffee')), 'tea for two', false],
  ['NEAR with the same word twice needs two of it', near(term('tea'), 2, term('tea')), 'tea time', false],
  ['NEAR with the same word twice', near(term('tea'), 2, term('tea')), 'tea or tea', true],
  [
    'NEAR counts from the end of a phrase',
    near(phrase('world', 'cup'), 2, term('final')),
    'world cup big final',
    true,
  ],
  [
    'NEAR counts to the start of a phrase',
    near(term('final'), 1, phrase('world', 'cup')),
    'final world cup',
    true,
  ],
  ['ONEAR with a phrase after', onear(term('final'), 1, phrase('world', 'cup')), 'world cup final', false],
  ['NEAR operands never overlap', near(phrase('world', 'cup'), 3, term('cup')), 'world cup', false],
  ['NEAR with a prefix', near(wild('cric'), 2, term('ball')), 'cricket ball', true],
  ['NEAR in Bengali', near(term('আম'), 2, term('দাম')), 'দাম বেড়েছে আম', true],
  ['a later pair within the distance', near(term('a1'), 1, term('b1')), 'a1 x b1 y a1 b1', true],
  // Hashtags and mentions.
  ['a hashtag in the text', tag('cricket'), 'what a game #Cricket', true],
  ['a plain word is not a hashtag', tag('cricket'), 'what a cricket game', false],
  ['a hashtag needs the whole tag', tag('cricket'), '#cricketworldcup', false],
  ['a # after a word is no hashtag', tag('cricket'), 'abc#cricket', false],
  ['a hashtag the network reported', tag('cricket'), { text: 'what a game', tags: ['Cricket'] }, true],
  ['a reported tag with its #', tag('cricket'), { text: 'what a game', tags: ['#cricket'] }, true],
  ['a Bengali hashtag', tag('বাংলাদেশ'), 'জয় #বাংলাদেশ', true],
  ['a mention', mention('alice.bsky.social'), 'thanks @Alice.bsky.social!', true],
  ['a mention at the end of a sentence', mention('alice.bsky.social'), 'ask @alice.bsky.social.', true],
  ['a mention needs the whole handle', mention('alice'), 'hi @alice.bsky.social', false],
  ['a Mastodon handle', mention('bob@mastodon.social'), 'cc @bob@mastodon.social', true],
  ['an e-mail address is no mention', mention('example.com'), 'mail bob@example.com', false],
  // Boolean operators.
  ['AND: both', and(term('tea'), term('coffee')), 'coffee and tea', true],
  ['AND: one missing', and(term('tea'), term('coffee')), 'just tea', false],
  ['OR: either', or(term('tea'), term('coffee')), 'just coffee', true],
  ['OR: neither', or(term('tea'), term('coffee')), 'just water', false],
  ['NOT excludes', and(term('tea'), not(term('coffee'))), 'tea and coffee', false],
  ['NOT lets the rest match', and(term('tea'), not(term('coffee'))), 'tea time', true],
  ['NOT of a phrase', and(term('mango'), not(phrase('mango', 'lassi'))), 'mango lassi', false],
  [
    'NOT of a phrase, words apart',
    and(term('mango'), not(phrase('mango', 'lassi'))),
    'mango and lassi',
    true,
  ],
  ['OR with NOT still needs a positive term', or(term('tea'), not(term('coffee'))), 'water please', false],
  ['OR with NOT, positive term present', or(term('tea'), not(term('coffee'))), 'tea please', true],
  ['OR with NOT, excluded term and positive term', or(term('tea'), not(term('coffee'))), 'tea coffee', true],
  ['nested', and(or(term('tea'), term('chai')), or(term('hot'), term('cold'))), 'cold chai', true],
  [
    'nested, one side false',
    and(or(term('tea'), term('chai')), or(term('hot'), term('cold'))),
    'chai',
    false,
  ],
  // Filters.
  ['lang', and(term('tea'), filter('lang', 'en')), { text: 'tea', lang: 'en' }, true],
  ['lang, other language', and(term('tea'), filter('lang', 'bn')), { text: 'tea', lang: 'en' }, false],
  ['lang with a region', and(term('tea'), filter('lang', 'en')), { text: 'tea', lang: 'en-GB' }, true],
  ['lang unknown', and(term('tea'), filter('lang', 'en')), { text: 'tea' }, false],
  [
    'author',
    and(term('tea'), filter('author', 'alice.bsky.social')),
    { text: 'tea', author: 'Alice.bsky.social' },
    true,
  ],
  [
    'author with @',
    and(term('tea'), filter('author', 'alice.bsky.social')),
    { text: 'tea', author: '@alice.bsky.social' },
    true,
  ],
  [
    'author, someone else',
    and(term('tea'), filter('author', 'alice.bsky.social')),
    { text: 'tea', author: 'bob.bsky.social' },
    false,
  ],
  [
    'site',
    and(term('tea'), filter('site', 'example.com')),
    { text: 'tea', urls: ['https://example.com/a'] },
    true,
  ],
  [
    'site, subdomain',
    and(term('tea'), filter('site', 'example.com')),
    { text: 'tea', urls: ['https://news.EXAMPLE.com/a'] },
    true,
  ],
  [
    'site, look-alike host',
    and(term('tea'), filter('site', 'example.com')),
    { text: 'tea', urls: ['https://badexample.com/'] },
    false,
  ],
  [
    'site, any of the links',
    and(term('tea'), filter('site', 'example.com')),
    { text: 'tea', urls: ['nonsense', 'example.com/x'] },
    true,
  ],
  ['site, no links', and(term('tea'), filter('site', 'example.com')), 'tea', false],
  ['platform', and(term('tea'), filter('platform', 'mastodon')), { text: 'tea', platform: 'mastodon' }, true],
  [
    'platform, other',
    and(term('tea'), filter('platform', 'mastodon')),
    { text: 'tea', platform: 'bluesky' },
    false,
  ],
  ['NOT a filter', and(term('tea'), not(filter('lang', 'bn'))), { text: 'tea', lang: 'en' }, true],
  ['NOT a filter, excluded', and(term('tea'), not(filter('lang', 'bn'))), { text: 'tea', lang: 'bn' }, false],
  [
    'a filter alone on one side of OR needs a term',
    or(term('tea'), filter('lang', 'bn')),
    { text: 'water', lang: 'bn' },
    false,
  ],
  ['a filter on one side of OR', or(term('tea'), filter('lang', 'bn')), { text: 'tea', lang: 'en' }, true],
];

describe('compileMatcher, one query', () => {
  it.each(CASES)('%s', (_what, tree, input, expected) => {
    expect(matches(tree, input)).toBe(expected);
  });
});

describe('compileMatcher, many queries at once', () => {
  const queries = [
    { id: 'tea', tree: term('tea') },
    { id: 'tea-not-coffee', tree: and(term('tea'), not(term('coffee'))) },
    { id: 'coffee', tree: term('coffee') },
    { id: 'tea-and-cake', tree: and(term('tea'), term('cake')) },
    { id: 'mango-phrase', tree: phrase('mango', 'lassi') },
    { id: 'mango-wild', tree: wild('mang') },
    { id: 'dhaka-bn', tree: and(term('ঢাকা'), filter('lang', 'bn')) },
    { id: 'tag', tree: tag('tea') },
    { id: 'duplicate-tea', tree: term('tea') },
  ];
  const matcher = compileMatcher(queries);

  it.each([
    ['tea time', ['tea', 'tea-not-coffee', 'duplicate-tea']],
    ['tea and coffee', ['tea', 'coffee', 'duplicate-tea']],
    ['tea and cake', ['tea', 'tea-not-coffee', 'tea-and-cake', 'duplicate-tea']],
    ['mango and lassi', ['mango-wild']],
    ['a mango lassi', ['mango-phrase', 'mango-wild']],
    ['#tea', ['tea', 'tea-not-coffee', 'tag', 'duplicate-tea']],
    ['nothing here', []],
  ])('%s', (text, expected) => {
    expect(matcher.match({ text })).toEqual(expected);
  });

  it('applies a filter to its own query only', () => {
    expect(matcher.match({ text: 'ঢাকা tea', lang: 'bn' })).toEqual([
      'tea',
      'tea-not-coffee',
      'dhaka-bn',
      'duplicate-tea',
    ]);
    expect(matcher.match({ text: 'ঢাকা tea', lang: 'en' })).toEqual(['tea', 'tea-not-coffee', 'duplicate-tea']);
  });

  it('gives the same answer for the same post, whatever came before', () => {
    const first = matcher.match({ text: 'tea and cake' });
    matcher.match({ text: 'coffee coffee coffee mango lassi #tea' });
    expect(matcher.match({ text: 'tea and cake' })).toEqual(first);
  });

  it('matches nothing with no queries', () => {
    expect(compileMatcher([]).match({ text: 'tea' })).toEqual([]);
  });

  it('handles posts with more hits than its first buffers hold', () => {
    const text = Array.from({ length: 500 }, () => 'tea cake').join(' ');
    expect(matcher.match({ text })).toEqual(['tea', 'tea-not-coffee', 'tea-and-cake', 'duplicate-tea']);
  });
});

describe('compileMatcher through parseQuery', () => {
  it.each([
    ['mango -lassi', 'I like mango', true],
    ['mango -lassi', 'mango lassi', false],
    ['"mango lassi" OR #আম', 'আজ #আম খেলাম', true],
    ['crick* NEAR/2 ball lang:en', 'Cricket and ball', false],
    ['(tea OR চা) AND NOT coffee', 'এক কাপ চা', true],
    ['@alice.bsky.social site:example.com', 'hi @alice.bsky.social', false],
  ])('%s on "%s"', (query, text, expected) => {
    const matcher = compileMatcher([{ id: 'q', tree: parseQuery(query) }]);
    expect(matcher.match({ text, lang: 'bn' }).length === 1).toBe(expected);
  });

  it('uses the link filter with the parser', () => {
    const matcher = compileMatcher([{ id: 'q', tree: parseQuery('tea site:example.com') }]);
    expect(matcher.match({ text: 'tea', urls: ['https://www.example.com/x'] })).toEqual(['q']);
  });
  it('matches an author by the DID a handle points to, given as an alias', () => {
    const tree = parseQuery('tea author:@Rina.bsky.social');
    const aliases = new Map([[authorKey('@Rina.bsky.social'), 'did:plc:rina']]);
    const matcher = compileMatcher([{ id: 'q', tree }], { authorAliases: aliases });
    expect(matcher.match({ text: 'tea', author: 'did:plc:rina' })).toEqual(['q']);
    expect(matcher.match({ text: 'tea', author: 'rina.bsky.social' })).toEqual(['q']);
    expect(matcher.match({ text: 'tea', author: 'did:plc:tomal' })).toEqual([]);
    expect(compileMatcher([{ id: 'q', tree }]).match({ text: 'tea', author: 'did:plc:rina' })).toEqual([]);
  });
});

// A naive evaluator, written from the rules rather than for speed, to check the compiled matcher
// against on random queries and posts.
const WORD = `[${WORD_CHARS}]`;
const HASHTAG = new RegExp(`(?<!${WORD})#(${WORD}+)`, 'gu');
const MENTION = new RegExp(`(?<!${WORD})@(${WORD}[${WORD_CHARS}.@-]*)`, 'gu');

function naiveMatch(tree: QueryNode, input: MatchInput): boolean {
  const text = normaliseText(input.text);
  const words = wordsOf(text);
  const tags = new Set([...text.matchAll(HASHTAG)].map((m) => m[1]!));
  for (const t of input.tags ?? []) tags.add(normaliseText(t.replace(/^#/, '')));
  const mentions = new Set([...text.matchAll(MENTION)].map((m) => m[1]!.replace(/[.@-]+$/, '')));
  const wordMatches = (slot: { word: string; prefix: boolean }, w: string | undefined) =>
    w !== undefined && (slot.prefix ? w.startsWith(slot.word) : w === slot.word);
  const slotsOf = (node: TermNode | PhraseNode) => {
    if (node.type === 'phrase')
      return node.words.flatMap((w) => wordsOf(w)).map((word) => ({ word, prefix: false }));
    const parts = wordsOf(node.text);
    return parts.map((word, i) => ({ word, prefix: node.prefix && i === parts.length - 1 }));
  };
  const starts = (node: TermNode | PhraseNode): number[] => {
    const slots = slotsOf(node);
    if (slots.length === 0) return [];
    return words.flatMap((_, p) => (slots.every((slot, k) => wordMatches(slot, words[p + k])) ? [p] : []));
  };
  const evaluate = (node: QueryNode): boolean => {
    switch (node.type) {
      case 'term':
      case 'phrase':
        return starts(node).length > 0;
      case 'hashtag':
        return tags.has(node.tag);
      case 'mention':
        return mentions.has(node.handle);
      case 'and':
        return node.children.every(evaluate);
      case 'or':
        return node.children.some(evaluate);
      case 'not':
        return !evaluate(node.child);
      case 'near': {
        const leftLength = slotsOf(node.left).length;
        const rightLength = slotsOf(node.right).length;
        return starts(node.left).some((l) =>
          starts(node.right).some((r) => {
            const after = r - (l + leftLength - 1);
            const before = l - (r + rightLength - 1);
            return (
              (after >= 1 && after <= node.distance) ||
              (!node.ordered && before >= 1 && before <= node.distance)
            );
          }),
        );
      }
      case 'filter':
        if (node.field === 'lang') return input.lang === node.value;
        if (node.field === 'platform') return input.platform === node.value;
        return false;
    }
  };
  const positives: QueryNode[] = [];
  const collect = (node: QueryNode) => {
    if (node.type === 'and' || node.type === 'or') node.children.forEach(collect);
    else if (node.type !== 'not' && node.type !== 'filter') positives.push(node);
  };
  collect(tree);
  return evaluate(tree) && positives.some(evaluate);
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('compileMatcher agrees with a naive evaluator', () => {
  const WORDS = [
    'tea',
    'Tea',
    'teas',
    'coffee',
    'cake',
    'আম',
    'আমের',
    'দাম',
    'ঢাকা',
    'কোন',
    'ক\u09c7\u09be\u09a8',
    '\u09ac\u09dc',
    'বড়',
    'ক\u09cd\u09bcষ',
    'ক\u09bc\u09cdষ',
  ];
  const SEPARATORS = [' ', ' ', ' ', ', ', '. ', ' #', ' @', '\u200c', '।', ' 🔥 '];
  const QUERY_WORDS = ['tea', 'coffee', 'cake', 'আম', 'দাম', 'ঢাকা', 'কোন', 'বড়', 'ক\u09bc\u09cdষ'];

  const ROUNDS = 60;

  it('on random queries and posts', () => {
    const random = seeded(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const leaf = (): TermNode | PhraseNode => {
      const roll = random();
      if (roll < 0.55) return term(pick(QUERY_WORDS));
      if (roll < 0.75) return wild(pick(['tea', 'আম', 'cof', 'বড়']));
      return phrase(pick(QUERY_WORDS), pick(QUERY_WORDS));
    };
    const node = (depth: number): QueryNode => {
      const roll = random();
      if (depth === 0 || roll < 0.3) return leaf();
      if (roll < 0.45) return and(node(depth - 1), node(depth - 1));
      if (roll < 0.6) return or(node(depth - 1), node(depth - 1), node(depth - 1));
      if (roll < 0.7) return and(node(depth - 1), not(node(depth - 1)));
      if (roll < 0.8)
        return { ...near(leaf(), 1 + Math.floor(random() * 3), leaf()), ordered: random() < 0.5 };
      if (roll < 0.87) return random() < 0.5 ? tag(pick(QUERY_WORDS)) : mention(pick(QUERY_WORDS));
      if (roll < 0.93)
        return and(
          node(depth - 1),
          filter(random() < 0.5 ? 'lang' : 'platform', pick(['en', 'bn', 'bluesky'])),
        );
      return or(node(depth - 1), not(node(depth - 1)));
    };
    let matched = 0;
    let checked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const queries = Array.from({ length: 25 }, (_, i) => ({ id: `q${i}`, tree: node(3) }));
      const matcher = compileMatcher(queries);
      for (let post = 0; post < 50; post++) {
        let text = '';
        const length = 1 + Math.floor(random() * 8);
        for (let w = 0; w < length; w++) text += pick(SEPARATORS) + pick(WORDS);
        const input: MatchInput = {
          text,
          lang: pick(['en', 'bn']),
          platform: pick(['bluesky', 'mastodon']),
          ...(random() < 0.2 ? { tags: [pick(QUERY_WORDS)] } : {}),
        };
        const expected = queries.filter((q) => naiveMatch(q.tree, input)).map((q) => q.id);
        const got = matcher.match(input);
        const differing = queries.filter((q) => got.includes(q.id) !== expected.includes(q.id));
        expect({ input, differing }).toEqual({ input, differing: [] });
        expect(got).toEqual(expected);
        matched += expected.length;
        checked += queries.length;
      }
    }
    // The random queries must match sometimes and not always, or the comparison proves little.
    expect(matched / checked).toBeGreaterThan(0.05);
    expect(matched / checked).toBeLessThan(0.8);
  });
});
