// A comment's stored body split into text and mentions (`@[Name](user:<id>)`), and the pieces the
// mention picker needs: the "@word" being typed at the caret and the token that replaces it.

export type CommentPart = { kind: 'text'; text: string } | { kind: 'mention'; name: string; userId: string };

const TOKEN = /@\[([^\]\n]{1,200})\]\(user:([0-9a-fA-F-]{36})\)/g;

export function commentParts(body: string): CommentPart[] {
  const parts: CommentPart[] = [];
  let last = 0;
  for (const match of body.matchAll(TOKEN)) {
    if (match.index > last) parts.push({ kind: 'text', text: body.slice(last, match.index) });
    parts.push({ kind: 'mention', name: match[1]!, userId: match[2]! });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return parts;
}

/** The name as it may stand inside a token: no brackets, parentheses or line breaks. */
export function mentionToken(member: { userId: string; name: string }): string {
  const name = member.name.replace(/[[\]()\n\r]/g, ' ').trim() || '?';
  return `@[${name}](user:${member.userId})`;
}

/** The "@query" right before the caret, when the person is typing a mention. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|[\s([{"'“‘,;:])@([\p{L}\p{M}\p{N}_.+-]{0,64})$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Members whose name or email starts a word with the query, best matches first. */
export function matchingMembers<M extends { name: string; email: string }>(
  members: M[],
  query: string,
  max = 8,
): M[] {
  const q = query.toLocaleLowerCase();
  const score = (member: M) => {
    const name = member.name.toLocaleLowerCase();
    const email = member.email.toLocaleLowerCase();
    if (name.startsWith(q) || email.startsWith(q)) return 0;
    if (name.split(/\s+/).some((word) => word.startsWith(q))) return 1;
    if (name.replace(/\s+/g, '').includes(q) || email.split('@')[0]!.includes(q)) return 2;
    return -1;
  };
  return members
    .map((member) => ({ member, rank: score(member) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.member.name.localeCompare(b.member.name))
    .slice(0, max)
    .map((entry) => entry.member);
}

/** The text with the typed "@query" replaced by the member's token and a space; and where the caret goes. */
export function insertMention(
  text: string,
  at: { start: number; query: string },
  member: { userId: string; name: string },
): { text: string; caret: number } {
  const token = `${mentionToken(member)} `;
  const end = at.start + 1 + at.query.length;
  return { text: text.slice(0, at.start) + token + text.slice(end), caret: at.start + token.length };
}

/** Mentions picked from the list, shown in the text area as "@Name", by name. */
export type PickedMentions = ReadonlyMap<string, string>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text as the person sees it ("@Rina Akter") turned into the stored form with tokens. */
export function toStoredBody(text: string, picked: PickedMentions): string {
  const names = [...picked.keys()].sort((a, b) => b.length - a.length);
  if (names.length === 0) return text;
  const pattern = new RegExp(`@(${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}\\p{N}_])`, 'gu');
  return text.replace(pattern, (_whole, name: string) => mentionToken({ userId: picked.get(name)!, name }));
}

/** A stored body as editable text, with its mentions remembered so saving keeps them. */
export function toEditableText(body: string): { text: string; picked: Map<string, string> } {
  const picked = new Map<string, string>();
  const text = commentParts(body)
    .map((part) => {
      if (part.kind === 'text') return part.text;
      picked.set(part.name, part.userId);
      return `@${part.name}`;
    })
    .join('');
  return { text, picked };
}

/** Like insertMention, but shows the mention as "@Name " in the text area. */
export function insertVisibleMention(
  text: string,
  at: { start: number; query: string },
  name: string,
): { text: string; caret: number } {
  const shown = `@${name} `;
  const end = at.start + 1 + at.query.length;
  return { text: text.slice(0, at.start) + shown + text.slice(end), caret: at.start + shown.length };
}
