// Reduces the HTML of a feed entry to plain text for a Streams column: the contents of script, style and
// similar elements are dropped, tags removed, character references decoded, whitespace collapsed, and
// the result cut to a readable length. Nothing from a feed is ever rendered as HTML, so this is about
// showing the words, not about sanitising markup.

/** Elements whose contents are never text a reader should see. */
const HIDDEN_ELEMENTS = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
];

const HIDDEN_PATTERN = new RegExp(`<(${HIDDEN_ELEMENTS.join('|')})\\b[^>]*>[\\s\\S]*?</\\1\\s*>`, 'gi');
/** An opening hidden element left without its end: everything after it is dropped. */
const UNCLOSED_HIDDEN_PATTERN = new RegExp(`<(${HIDDEN_ELEMENTS.join('|')})\\b[\\s\\S]*$`, 'i');

/** Named references that occur in feeds; others are left as written. */
const NAMED_REFERENCES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  shy: '',
  zwnj: '\u200c',
  zwj: '\u200d',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  divide: '÷',
  plusmn: '±',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  dagger: '†',
  Dagger: '‡',
  prime: '′',
  Prime: '″',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  iexcl: '¡',
  iquest: '¿',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  agrave: 'à',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  szlig: 'ß',
  ccedil: 'ç',
  ntilde: 'ñ',
};

function codePoint(value: number): string {
  // Surrogates, NUL and values past Unicode are not characters; HTML shows the replacement character.
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(value);
}

/** Decodes &amp;, &#8217;, &#x2019; and the named references above. */
export function decodeCharacterReferences(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (whole, ref) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return codePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return codePoint(Number.parseInt(ref.slice(1), 10));
    return NAMED_REFERENCES[ref] ?? whole;
  });
}

/** Cuts at a word boundary near `maxChars` and marks the cut with an ellipsis. */
export function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars - 1;
  const space = text.lastIndexOf(' ', end);
  if (space > maxChars * 0.8) end = space;
  // Never leave half of a surrogate pair at the end.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

export const FEED_TEXT_MAX_CHARS = 1000;

/** The words of an HTML fragment as one line of plain text, at most `maxChars` long. */
export function htmlToPlainText(html: string, maxChars = FEED_TEXT_MAX_CHARS): string {
  const text = html
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(HIDDEN_PATTERN, ' ')
    .replace(UNCLOSED_HIDDEN_PATTERN, ' ')
    // A tag is `<` followed by a letter, `/` or `!`; a lone `<` in text ("a < b") stays.
    .replace(/<[a-zA-Z/!?][^>]*(>|$)/g, ' ');
  const decoded = decodeCharacterReferences(text)
    // Control characters (NUL among them, which PostgreSQL text cannot hold) become spaces.
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cutText(decoded, maxChars);
}
