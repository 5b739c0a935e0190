// Turns a status's HTML content back into comparable plain text, so a post can be recognised among the
// account's own statuses by what it says (Mastodon has no caller-chosen id to look it up by).
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** The text a reader sees in a status's HTML content: line breaks kept, tags dropped, entities decoded. */
export function plainTextOfContent(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text).trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * A form of a post's text that survives the server's rendering: Unicode NFC, mentions without their
 * domain (servers expand `@bob` to `@bob@host` or shorten it back), all whitespace runs as one space.
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(^|[^\p{L}\p{N}_])@([\p{L}\p{N}_.-]+)@[\p{L}\p{N}.:-]+/gu, '$1@$2')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
