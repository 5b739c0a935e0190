// Finds the teammates a comment names and writes every mention in one stored form.
//
// The web app inserts a token `@[Name](user:<uuid>)` when someone picks a teammate from the list; people
// typing by hand write `@handle`, where the handle is a member's email local part (`@rina` for
// rina@example.com), their name without spaces (`@RinaAkter`) or their first name when no other member
// shares it. Both become tokens in the stored body, named with the member's current name, so the thread
// shows them the same way. A token naming someone outside the workspace becomes plain text.

export interface MentionableMember {
  userId: string;
  name: string;
  email: string;
}

export interface ResolvedMentions {
  body: string;
  /** Mentioned members, each once, in the order they first appear. */
  userIds: string[];
}

const TOKEN = /@\[([^\]\n]{1,200})\]\(user:([0-9a-fA-F-]{36})\)/g;
// A handle starts after a space, a line start or an opening bracket or quote; sentence dots at its end are not part of it.
const HANDLE = /(^|[\s([{"'“‘,;:])@([\p{L}\p{M}\p{N}_.+-]{1,64})/gu;

/** The name as it may stand inside a token: no brackets, parentheses or line breaks. */
export function tokenName(name: string): string {
  return name.replace(/[[\]()\n\r]/g, ' ').trim() || '?';
}

export function mentionToken(member: Pick<MentionableMember, 'userId' | 'name'>): string {
  return `@[${tokenName(member.name)}](user:${member.userId})`;
}

/** Each handle a person may type for each member; a handle shared by two members names neither. */
function handleIndex(members: readonly MentionableMember[]): Map<string, MentionableMember> {
  const candidates = new Map<string, Set<MentionableMember>>();
  const add = (handle: string, member: MentionableMember) => {
    const key = handle.toLocaleLowerCase();
    if (!key) return;
    const set = candidates.get(key) ?? new Set();
    set.add(member);
    candidates.set(key, set);
  };
  for (const member of members) {
    add(member.email.split('@')[0] ?? '', member);
    add(member.name.replace(/\s+/g, ''), member);
    add(member.name.trim().split(/\s+/)[0] ?? '', member);
  }
  const index = new Map<string, MentionableMember>();
  for (const [handle, set] of candidates) {
    if (set.size === 1) index.set(handle, [...set][0]!);
  }
  return index;
}

/** Rewrites the body's mentions as tokens of current members and lists who is mentioned. */
export function resolveMentions(body: string, members: readonly MentionableMember[]): ResolvedMentions {
  const byId = new Map(members.map((member) => [member.userId.toLowerCase(), member]));
  const handles = handleIndex(members);
  const userIds: string[] = [];
  const mention = (member: MentionableMember) => {
    if (!userIds.includes(member.userId)) userIds.push(member.userId);
    return mentionToken(member);
  };
  // Tokens first; what lies between them is searched for typed handles.
  let result = '';
  let last = 0;
  for (const match of body.matchAll(TOKEN)) {
    result += typedHandles(body.slice(last, match.index), handles, mention);
    const member = byId.get(match[2]!.toLowerCase());
    result += member ? mention(member) : `@${match[1]}`;
    last = match.index + match[0].length;
  }
  result += typedHandles(body.slice(last), handles, mention);
  return { body: result, userIds };
}

function typedHandles(
  text: string,
  handles: Map<string, MentionableMember>,
  mention: (member: MentionableMember) => string,
): string {
  return text.replace(HANDLE, (whole, before: string, raw: string) => {
    const handle = raw.replace(/[.\-+]+$/, '');
    const member = handles.get(handle.toLocaleLowerCase());
    if (!member) return whole;
    return `${before}${mention(member)}${raw.slice(handle.length)}`;
  });
}

/** The body as plain text, each token shown as @Name (for emails and notification excerpts). */
export function plainMentions(body: string): string {
  return body.replace(TOKEN, (_whole, name: string) => `@${name}`);
}
