// The composer's post as plain data: the text each network gets, its count against that network's rule
// (the same rule the server applies), what still stands in the way of sending it, and the request body.
import { type TextCount, type TextRuleNetwork, textRuleFor } from '../../core/textRules/index.ts';
import type { ComposerAccount, CreatePostBody, PostMode } from './composerQueries.ts';

export type Network = TextRuleNetwork;

export interface DraftImage {
  /** Stable while the image is in the composer, before and after it is uploaded. */
  key: string;
  fileName: string;
  /** Set once the upload has finished. */
  mediaId?: string;
  alt: string;
}

export interface ComposerDraft {
  /** The accounts chosen to post to. */
  accounts: ComposerAccount[];
  mainText: string;
  /** A network's own version of the text, once someone edited it in that network's tab. */
  networkTexts: Partial<Record<Network, string>>;
  images: DraftImage[];
  /** As typed: comma separated. */
  tags: string;
}

export const MAX_IMAGES = 4;

/** The networks of the chosen accounts, each once, in the order the accounts are listed. */
export function chosenNetworks(accounts: ComposerAccount[]): Network[] {
  return [...new Set(accounts.map((account) => account.network))];
}

export function isCustomised(draft: ComposerDraft, network: Network): boolean {
  return draft.networkTexts[network] !== undefined;
}

export function textFor(draft: ComposerDraft, network: Network): string {
  return draft.networkTexts[network] ?? draft.mainText;
}

/**
 * The count of a text on a network. Several Mastodon servers may be chosen at once; the text has to
 * fit the smallest limit among them.
 */
export function countFor(network: Network, text: string, accounts: ComposerAccount[]): TextCount {
  const limits = accounts
    .filter((account) => account.network === network && typeof account.textLimit === 'number')
    .map((account) => account.textLimit as number);
  const mastodonLimit = limits.length > 0 ? Math.min(...limits) : undefined;
  return textRuleFor(network, { mastodonLimit }).count(text);
}

/** Comma-separated tags, trimmed, each once; the API keeps a tag to 50 characters. */
export function parseTags(typed: string): string[] {
  const seen = new Set<string>();
  for (const piece of typed.split(/[,،]/)) {
    const tag = piece.trim().replace(/^#/, '');
    if (tag !== '') seen.add(tag);
  }
  return [...seen];
}

/** Why the post cannot be sent (in any mode) as it is; the page turns each into a sentence. */
export type DraftProblem =
  | { kind: 'noAccounts' }
  | { kind: 'nothingToPost' }
  | { kind: 'emptyForNetwork'; network: Network }
  | { kind: 'overLimit'; network: Network; used: number; limit: number }
  | { kind: 'overBytes'; network: Network }
  | { kind: 'uploading' }
  | { kind: 'altMissing'; imageNumbers: number[] };

export function draftProblems(draft: ComposerDraft, options: { requireAltText: boolean }): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const networks = chosenNetworks(draft.accounts);
  if (networks.length === 0) problems.push({ kind: 'noAccounts' });
  const hasImages = draft.images.length > 0;
  const empty = networks.filter((network) => textFor(draft, network).trim() === '');
  if (!hasImages && networks.length > 0 && empty.length === networks.length) {
    problems.push({ kind: 'nothingToPost' });
  } else if (!hasImages) {
    for (const network of empty) problems.push({ kind: 'emptyForNetwork', network });
  }
  for (const network of networks) {
    const count = countFor(network, textFor(draft, network), draft.accounts);
    if (!count.over) continue;
    problems.push(
      count.used > count.limit
        ? { kind: 'overLimit', network, used: count.used, limit: count.limit }
        : { kind: 'overBytes', network },
    );
  }
  if (draft.images.some((image) => image.mediaId === undefined)) problems.push({ kind: 'uploading' });
  if (options.requireAltText) {
    const imageNumbers = draft.images.flatMap((image, index) => (image.alt.trim() === '' ? [index + 1] : []));
    if (imageNumbers.length > 0) problems.push({ kind: 'altMissing', imageNumbers });
  }
  return problems;
}

export type ScheduleProblem = 'noTime' | 'past';

/** Why a scheduled time cannot be used; the server refuses a past time too, this says so sooner. */
export function scheduleProblem(at: Date | undefined, now: Date): ScheduleProblem | undefined {
  if (!at) return 'noTime';
  if (at.getTime() <= now.getTime()) return 'past';
  return undefined;
}

/** The request for POST /api/workspaces/:ws/posts. Networks whose text was not edited send none of their own. */
export function createPostBody(draft: ComposerDraft, mode: PostMode, scheduledAt?: Date): CreatePostBody {
  const media = draft.images.flatMap((image) =>
    image.mediaId ? [{ mediaId: image.mediaId, alt: image.alt.trim() }] : [],
  );
  const tags = parseTags(draft.tags);
  return {
    text: draft.mainText,
    targets: draft.accounts.map((account) => {
      const own = draft.networkTexts[account.network];
      return {
        accountId: account.id,
        ...(own !== undefined ? { text: own } : {}),
        ...(media.length > 0 ? { media } : {}),
      };
    }),
    mode,
    ...(mode === 'schedule' && scheduledAt ? { scheduledAt: scheduledAt.toISOString() } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}
