import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS, type QueryNode, QuerySyntaxError } from './queryAst.ts';
import { parseQuery } from './queryParser.ts';

const term = (text: string): QueryNode => ({ type: 'term', text, prefix: false });
const wild = (text: string): QueryNode => ({ type: 'term', text, prefix: true });
const phrase = (...words: string[]): QueryNode => ({ type: 'phrase', words });
const tag = (value: string): QueryNode => ({ type: 'hashtag', tag: value });
const mention = (handle: string): QueryNode => ({ type: 'mention', handle });
const and = (...children: QueryNode[]): QueryNode => ({ type: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ type: 'or', children });
const not = (child: QueryNode): QueryNode => ({ type: 'not', child });
const filter = (field: 'lang' | 'author' | 'site' | 'platform', value: string): QueryNode => ({
  type: 'filter',
  field,
  value,
});
const near = (left: QueryNode, distance: number, right: QueryNode, ordered = false): QueryNode =>
  ({ type: 'near', distance, ordered, left, right }) as QueryNode;

const MISSING_TERM =
  'A query needs at least one word, phrase, #hashtag or @handle to look for, not only exclusions and filters.';

function syntaxError(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`"${query}" parsed without an error`);
}

describe('parseQuery: valid queries', () => {
  it.each<[string, QueryNode]>([
    // Terms, case and spacing.
    ['cricket', term('cricket')],
    ['  Cricket  ', term('cricket')],
    ['CRICKET', term('cricket')],
    ['cricket ball', and(term('cricket'), term('ball'))],
    ['cricket AND ball', and(term('cricket'), term('ball'))],
    ['cricket OR football', or(term('cricket'), term('football'))],
    ['tea and coffee', and(term('tea'), term('and'), term('coffee'))],
    ['tea or not coffee', and(term('tea'), term('or'), term('not'), term('coffee'))],
    ['snake_case', term('snake_case')],
    ['2024', term('2024')],
    // Tokens with several words become phrases.
    ['covid-19', phrase('covid', '19')],
    ['E-Mail', phrase('e', 'mail')],
    ['U.S.A', phrase('u', 's', 'a')],
    ['cricket!', term('cricket')],
    // Phrases, straight and typographic quotes.
    ['"world cup"', phrase('world', 'cup')],
    ['"World  Cup, 2026"', phrase('world', 'cup', '2026')],
    ['“world cup”', phrase('world', 'cup')],
    ['„world cup“', phrase('world', 'cup')],
    ['"cricket"', term('cricket')],
    ['final"world cup"', and(term('final'), phrase('world', 'cup'))],
    ['"t20 world cup" OR "টি টোয়েন্টি"', or(phrase('t20', 'world', 'cup'), phrase('টি', 'টোয়েন্টি'))],
    // NOT and exclusions.
    ['cricket NOT ipl', and(term('cricket'), not(term('ipl')))],
    ['cricket -ipl', and(term('cricket'), not(term('ipl')))],
    ['cricket -"world cup"', and(term('cricket'), not(phrase('world', 'cup')))],
    ['cricket -“world cup”', and(term('cricket'), not(phrase('world', 'cup')))],
    ['cricket -(ipl OR bpl)', and(term('cricket'), not(or(term('ipl'), term('bpl'))))],
    ['cricket -covid-19', and(term('cricket'), not(phrase('covid', '19')))],
    [
      'cricket -#ipl -@spam.bsky.social',
      and(term('cricket'), not(tag('ipl')), not(mention('spam.bsky.social'))),
    ],
    ['cricket -lang:en', and(term('cricket'), not(filter('lang', 'en')))],
    ['cricket -OR', and(term('cricket'), not(term('or')))],
    ['cricket NOT NOT ball', and(term('cricket'), term('ball'))],
    ['cricket --ball', and(term('cricket'), term('ball'))],
    ['NOT ipl cricket', and(not(term('ipl')), term('cricket'))],
    // Parentheses, flattening and minimal trees.
    ['(cricket)', term('cricket')],
    ['((cricket))', term('cricket')],
    ['(a b) c', and(term('a'), term('b'), term('c'))],
    ['a (b (c d))', and(term('a'), term('b'), term('c'), term('d'))],
    ['(a OR b) OR (c OR d)', or(term('a'), term('b'), term('c'), term('d'))],
    ['(a OR b) (c OR d)', and(or(term('a'), term('b')), or(term('c'), term('d')))],
    ['a AND (b OR c) AND d', and(term('a'), or(term('b'), term('c')), term('d'))],
    ['cricket(ball)', and(term('cricket'), term('ball'))],
    // Wildcards.
    ['cric*', wild('cric')],
    ['Cri*', wild('cri')],
    ['ক্রি*', wild('ক্রি')],
    ['cric* OR "world cup"', or(wild('cric'), phrase('world', 'cup'))],
    // Hashtags and mentions.
    ['#Cricket', tag('cricket')],
    ['#বাংলাদেশ', tag('বাংলাদেশ')],
    ['#T20_WorldCup', tag('t20_worldcup')],
    ['@Alice.bsky.social', mention('alice.bsky.social')],
    ['@user@Mastodon.Social', mention('user@mastodon.social')],
    ['@my-name.example-host.com', mention('my-name.example-host.com')],
    ['#cricket OR @bcb.bsky.social', or(tag('cricket'), mention('bcb.bsky.social'))],
    // NEAR and ONEAR.
    ['tea NEAR/3 coffee', near(term('tea'), 3, term('coffee'))],
    ['tea ONEAR/3 coffee', near(term('tea'), 3, term('coffee'), true)],
    ['"world cup" NEAR/5 final', near(phrase('world', 'cup'), 5, term('final'))],
    ['cric* NEAR/2 ball', near(wild('cric'), 2, term('ball'))],
    ['tea NEAR/05 coffee', near(term('tea'), 5, term('coffee'))],
    ['tea NEAR/1 coffee', near(term('tea'), 1, term('coffee'))],
    ['(tea) NEAR/3 (coffee)', near(term('tea'), 3, term('coffee'))],
    ['tea near/3 coffee', and(term('tea'), phrase('near', '3'), term('coffee'))],
    ['(a NEAR/3 b) (b NEAR/2 c)', and(near(term('a'), 3, term('b')), near(term('b'), 2, term('c')))],
    // Filters.
    ['cricket lang:bn', and(term('cricket'), filter('lang', 'bn'))],
    ['cricket LANG:BN', and(term('cricket'), filter('lang', 'bn'))],
    ['cricket lang:"en"', and(term('cricket'), filter('lang', 'en'))],
    ['cricket lang:ben', and(term('cricket'), filter('lang', 'ben'))],
    ['cricket author:alice.bsky.social', and(term('cricket'), filter('author', 'alice.bsky.social'))],
    [
      'cricket author:@Alice@Mastodon.Social',
      and(term('cricket'), filter('author', 'alice@mastodon.social')),
    ],
    ['cricket author:"bob.example.com"', and(term('cricket'), filter('author', 'bob.example.com'))],
    ['cricket site:Example.COM', and(term('cricket'), filter('site', 'example.com'))],
    ['cricket site:https://www.prothomalo.com/', and(term('cricket'), filter('site', 'prothomalo.com'))],
    ['cricket site:"news.example.org"', and(term('cricket'), filter('site', 'news.example.org'))],
    ['cricket site:ডাক.বাংলা', and(term('cricket'), filter('site', 'ডাক.বাংলা'))],
    ['cricket platform:Bluesky', and(term('cricket'), filter('platform', 'bluesky'))],
    ['cricket platform:rss', and(term('cricket'), filter('platform', 'rss'))],
    ['(cricket OR ক্রিকেট) lang:bn', and(or(term('cricket'), term('ক্রিকেট')), filter('lang', 'bn'))],
    [
      'cricket (lang:bn OR platform:rss)',
      and(term('cricket'), or(filter('lang', 'bn'), filter('platform', 'rss'))),
    ],
    ['cricket (ipl OR -bpl)', and(term('cricket'), or(term('ipl'), not(term('bpl'))))],
    ['10:30 kickoff', and(phrase('10', '30'), term('kickoff'))],
    // Bengali.
    ['বাংলাদেশ', term('বাংলাদেশ')],
    ['বাংলাদেশ ক্রিকেট', and(term('বাংলাদেশ'), term('ক্রিকেট'))],
    ['ভালো OR খারাপ', or(term('ভালো'), term('খারাপ'))],
    ['"বাংলাদেশ ক্রিকেট দল"', phrase('বাংলাদেশ', 'ক্রিকেট', 'দল')],
    ['ক্রিকেট -আইপিএল', and(term('ক্রিকেট'), not(term('আইপিএল')))],
    ['সাকিব NEAR/4 "বিশ্বকাপ জয়"', near(term('সাকিব'), 4, phrase('বিশ্বকাপ', 'জয়'))],
    ['ক্রিকেট, ফুটবল।', and(term('ক্রিকেট'), term('ফুটবল'))],
    ['শেখ-হাসিনা', phrase('শেখ', 'হাসিনা')],
    ['#ক্রিকেট @বাংলা.bsky.social', and(tag('ক্রিকেট'), mention('বাংলা.bsky.social'))],
    // Invisible characters: zero-width joiners inside a word, a stray zero-width space between words.
    ['র\u200d্যাব', term('র্যাব')],
    ['cricket \u200b ball', and(term('cricket'), term('ball'))],
    ['\ufeffcricket', term('cricket')],
  ])('%s', (query, expected) => {
    expect(parseQuery(query)).toEqual(expected);
  });
});

describe('parseQuery: precedence NOT > NEAR > AND > OR', () => {
  it.each<[string, QueryNode]>([
    ['a b OR c', or(and(term('a'), term('b')), term('c'))],
    ['a OR b c', or(term('a'), and(term('b'), term('c')))],
    ['a OR b AND c OR d', or(term('a'), and(term('b'), term('c')), term('d'))],
    ['a AND (b OR c)', and(term('a'), or(term('b'), term('c')))],
    ['NOT a b', and(not(term('a')), term('b'))],
    ['x (NOT a OR b)', and(term('x'), or(not(term('a')), term('b')))],
    ['a NOT b OR c', or(and(term('a'), not(term('b'))), term('c'))],
    ['NOT (a OR b) c', and(not(or(term('a'), term('b'))), term('c'))],
    ['a b NEAR/3 c', and(term('a'), near(term('b'), 3, term('c')))],
    ['a NEAR/3 b c', and(near(term('a'), 3, term('b')), term('c'))],
    ['a NEAR/3 b OR c', or(near(term('a'), 3, term('b')), term('c'))],
    ['a OR b NEAR/3 c', or(term('a'), near(term('b'), 3, term('c')))],
    ['a NEAR/3 b -c', and(near(term('a'), 3, term('b')), not(term('c')))],
    ['x -(a NEAR/3 b)', and(term('x'), not(near(term('a'), 3, term('b'))))],
    ['ক OR খ গ', or(term('ক'), and(term('খ'), term('গ')))],
  ])('%s', (query, expected) => {
    expect(parseQuery(query)).toEqual(expected);
  });
});

describe('parseQuery: Unicode normalisation', () => {
  // "ভালো" with its vowel sign ো written as one code point and as the two it decomposes into (ে + া).
  const precomposed = 'ভাল\u09cb';
  const decomposed = 'ভাল\u09c7\u09be';
  // য় written as one code point (U+09DF) and as য + nukta.
  const yaPrecomposed = 'জ\u09df';
  const yaDecomposed = 'জ\u09af\u09bc';

  it.each([
    [precomposed, decomposed],
    [`"${precomposed} দিন"`, `"${decomposed} দিন"`],
    [`#${precomposed}`, `#${decomposed}`],
    [`বাংলা ${precomposed}*`, `বাংলা ${decomposed}*`],
    [`খেলা NEAR/2 ${precomposed}`, `খেলা NEAR/2 ${decomposed}`],
    [yaPrecomposed, yaDecomposed],
    ['cafe\u0301', 'café'],
  ])('%s and its other Unicode form parse to the same tree', (first, second) => {
    expect(first).not.toBe(second);
    expect(parseQuery(first)).toEqual(parseQuery(second));
  });

  it('stores words in NFC', () => {
    expect(parseQuery(decomposed)).toEqual(term(precomposed));
    expect(parseQuery(yaPrecomposed)).toEqual(term(yaPrecomposed.normalize('NFC')));
  });
});

describe('parseQuery: errors', () => {
  it.each<[string, string, number]>([
    ['', 'Empty query.', 1],
    ['   ', 'Empty query.', 1],
    ['cricket "world cup', 'Unclosed quote at column 9.', 9],
    ['“বিশ্বকাপ', 'Unclosed quote at column 1.', 1],
    ['a (b OR c', 'Unclosed parenthesis at column 3.', 3],
    ['((a)', 'Unclosed parenthesis at column 1.', 1],
    ['বাংলাদেশ (ক্রিকেট', 'Unclosed parenthesis at column 10.', 10],
    ['cricket) ball', 'Unexpected ")" at column 8.', 8],
    ['a OR b)', 'Unexpected ")" at column 7.', 7],
    [')', 'Unexpected ")" at column 1.', 1],
    ['a () b', 'Empty parentheses at column 3.', 3],
    ['a AND', '"AND" at column 3 needs something on its right.', 3],
    ['ক্রিকেট AND', '"AND" at column 9 needs something on its right.', 9],
    ['a (b AND) c', '"AND" at column 6 needs something on its right.', 6],
    ['AND a', '"AND" at column 1 needs something on its left.', 1],
    ['(OR a)', '"OR" at column 2 needs something on its left.', 2],
    ['a OR', '"OR" at column 3 needs something on its right.', 3],
    ['a OR OR b', '"OR" at column 3 needs something on its right.', 3],
    ['a NOT', '"NOT" at column 3 needs something on its right.', 3],
    ['a - b', '"-" at column 3 needs something right after it, like -spam.', 3],
    ['a -', '"-" at column 3 needs something right after it, like -spam.', 3],
    ['tea NEAR coffee', 'NEAR needs a distance, like NEAR/5, at column 5.', 5],
    ['tea NEAR/ coffee', 'NEAR needs a distance, like NEAR/5, at column 5.', 5],
    ['tea ONEAR/x coffee', 'ONEAR needs a distance, like ONEAR/5, at column 5.', 5],
    ['tea NEAR/0 coffee', 'NEAR/0 at column 5 needs a distance of at least 1.', 5],
    ['NEAR/3 coffee', '"NEAR/3" at column 1 needs a word or "phrase" on its left.', 1],
    ['tea NEAR/3', '"NEAR/3" at column 5 needs a word or "phrase" on its right.', 5],
    ['#tea NEAR/3 coffee', '"NEAR/3" at column 6 needs a word or "phrase" on its left.', 6],
    ['tea ONEAR/3 lang:en', '"ONEAR/3" at column 5 needs a word or "phrase" on its right.', 5],
    ['(a OR b) NEAR/3 c', '"NEAR/3" at column 10 needs a word or "phrase" on its left.', 10],
    ['NOT a NEAR/3 b', '"NEAR/3" at column 7 needs a word or "phrase" on its left.', 7],
    [
      'a NEAR/3 b NEAR/2 c',
      '"NEAR/2" at column 12 follows another NEAR; join two words at a time, like (a NEAR/3 b) AND (b NEAR/3 c).',
      12,
    ],
    ['ab*', 'A wildcard needs at least 3 letters before the *, at column 3.', 3],
    ['cricket ভা*', 'A wildcard needs at least 3 letters before the *, at column 11.', 11],
    ['*', 'A wildcard needs at least 3 letters before the *, at column 1.', 1],
    ['cr*cket', 'A * can only end a word, like cricket*, at column 3.', 3],
    ['cric**', 'A * can only end a word, like cricket*, at column 5.', 5],
    ['covid-1*', 'A wildcard must follow a single word, like cricket*, at column 1.', 1],
    ['"world cup*"', "A wildcard * can't be used inside quotes, at column 11.", 11],
    ['#', '"#" at column 1 needs a tag right after it, like #cricket.', 1],
    ['x #covid-19', 'A #hashtag can only have letters, digits and _ in it, at column 3.', 3],
    ['@', '"@" at column 1 needs a handle right after it, like @alice.bsky.social.', 1],
    [
      'x @alice.',
      '"@alice." at column 3 is not a handle; write it like @alice.bsky.social or @user@mastodon.social.',
      3,
    ],
    ['x lang:english', 'A language needs a 2- or 3-letter code, like lang:bn or lang:en, at column 8.', 8],
    ['x lang:b', 'A language needs a 2- or 3-letter code, like lang:bn or lang:en, at column 8.', 8],
    ['x lang:', '"lang:" at column 3 needs a value, like lang:bn.', 3],
    ['x site: example.com', '"site:" at column 3 needs a value, like site:example.com.', 3],
    ['x lang:"bn', 'Unclosed quote at column 8.', 8],
    ['x platform:twitter', 'The platform at column 12 must be bluesky, mastodon or rss.', 12],
    ['x site:example.com/news', 'A site needs a host name, like site:example.com, at column 8.', 8],
    ['x site:localhost', 'A site needs a host name, like site:example.com, at column 8.', 8],
    ['x author:"alice smith"', 'An author needs a handle, like author:alice.bsky.social, at column 11.', 11],
    [
      'x source:rss',
      'Unknown field "source:" at column 3; the fields are lang:, author:, site: and platform:.',
      3,
    ],
    [
      'x https://example.com',
      'Unknown field "https:" at column 3; the fields are lang:, author:, site: and platform:.',
      3,
    ],
    ['x !!!', '"!!!" at column 3 has no letters or digits to look for.', 3],
    ['x "!!"', 'The phrase at column 3 has no letters or digits to look for.', 3],
    ['x ""', 'The phrase at column 3 has no letters or digits to look for.', 3],
    ['NOT spam', MISSING_TERM, 1],
    ['-spam -"buy now" lang:en', MISSING_TERM, 1],
    ['lang:bn', MISSING_TERM, 1],
    ['-বাজে platform:bluesky', MISSING_TERM, 1],
    ['NOT (a OR b)', MISSING_TERM, 1],
    [
      'cricket OR -spam',
      'Each side of "OR" at column 9 needs a word, phrase, #hashtag or @handle to look for, not only exclusions and filters.',
      9,
    ],
    [
      'NOT a OR b',
      'Each side of "OR" at column 7 needs a word, phrase, #hashtag or @handle to look for, not only exclusions and filters.',
      7,
    ],
    [
      'lang:bn (a OR lang:en)',
      'Each side of "OR" at column 12 needs a word, phrase, #hashtag or @handle to look for, not only exclusions and filters.',
      12,
    ],
  ])('%j', (query, message, column) => {
    const error = syntaxError(query);
    expect(error.message).toBe(message);
    expect(error.column).toBe(column);
  });
});

describe('parseQuery: limits', () => {
  const words = (count: number, make = (i: number) => `word${i}`) =>
    Array.from({ length: count }, (_, i) => make(i));

  it('takes a query of exactly maxLength characters and refuses one more', () => {
    expect(parseQuery('a'.repeat(QUERY_LIMITS.maxLength))).toEqual(term('a'.repeat(QUERY_LIMITS.maxLength)));
    const error = syntaxError('a'.repeat(QUERY_LIMITS.maxLength + 1));
    expect(error.message).toBe('A query can be at most 2000 characters long; this one has 2001.');
    expect(error.column).toBe(2001);
  });

  it('counts characters, not UTF-16 units, for the length', () => {
    // 𝒜 (a mathematical letter) is one character written as two UTF-16 units.
    const query = `${'a'.repeat(QUERY_LIMITS.maxLength - 2)} 𝒜`;
    expect(query.length).toBe(QUERY_LIMITS.maxLength + 1);
    expect(parseQuery(query)).toEqual(and(term('a'.repeat(QUERY_LIMITS.maxLength - 2)), term('𝒜')));
    expect(syntaxError(`${query}b`).column).toBe(QUERY_LIMITS.maxLength + 2);
  });

  it('takes maxTerms terms and refuses one more, pointing at it', () => {
    const allowed = words(QUERY_LIMITS.maxTerms);
    expect(parseQuery(allowed.join(' '))).toEqual(and(...allowed.map(term)));
    const query = words(QUERY_LIMITS.maxTerms + 1).join(' ');
    const error = syntaxError(query);
    expect(error.message).toBe('A query can have at most 100 terms; this one has 101.');
    expect(error.column).toBe(query.indexOf('word100') + 1);
  });

  it('counts phrases, hashtags, mentions and NEAR operands as terms, but not filters', () => {
    const mixed = [...words(96), '"a b"', '#c', '@d.bsky.social', 'lang:bn', 'site:example.com'].join(' ');
    expect(() => parseQuery(`${mixed} e`)).not.toThrow();
    expect(syntaxError(`${mixed} e NEAR/2 f`).message).toBe(
      'A query can have at most 100 terms; this one has 101.',
    );
  });

  it('takes maxWildcards wildcards and refuses one more', () => {
    const allowed = words(QUERY_LIMITS.maxWildcards, (i) => `word${i}*`);
    expect(parseQuery(allowed.join(' '))).toEqual(and(...words(QUERY_LIMITS.maxWildcards).map(wild)));
    const query = words(QUERY_LIMITS.maxWildcards + 1, (i) => `word${i}*`).join(' ');
    const error = syntaxError(query);
    expect(error.message).toBe('A query can have at most 10 wildcards; this one has 11.');
    expect(error.column).toBe(query.indexOf('word10*') + 7);
  });

  it('wants minWildcardPrefix characters before a *', () => {
    expect(parseQuery('cri*')).toEqual(wild('cri'));
    expect(syntaxError('cr*').message).toBe('A wildcard needs at least 3 letters before the *, at column 3.');
  });

  it('takes NEAR up to maxNearDistance and refuses more', () => {
    expect(parseQuery('tea NEAR/50 coffee')).toEqual(near(term('tea'), 50, term('coffee')));
    const error = syntaxError('tea NEAR/51 coffee');
    expect(error.message).toBe('NEAR/51 at column 5 is too far; NEAR allows at most 50 words apart.');
    expect(error.column).toBe(5);
    expect(syntaxError('tea ONEAR/99 coffee').message).toBe(
      'ONEAR/99 at column 5 is too far; ONEAR allows at most 50 words apart.',
    );
  });

  it('takes parentheses nested maxDepth deep and refuses one more', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}cricket${')'.repeat(depth)}`;
    expect(parseQuery(nested(QUERY_LIMITS.maxDepth))).toEqual(term('cricket'));
    const error = syntaxError(nested(QUERY_LIMITS.maxDepth + 1));
    expect(error.message).toBe('Parentheses can nest at most 10 deep; the one at column 11 is 11 deep.');
    expect(error.column).toBe(11);
    // Depth is nesting, not the number of groups.
    expect(() => parseQuery(Array.from({ length: 20 }, (_, i) => `(w${i})`).join(' '))).not.toThrow();
  });
});
