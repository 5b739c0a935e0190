// What a post part may contain, checked the same way when a post is created and when one of its
// targets is edited: its images belong to the workspace (and are described when the workspace asks),
// and its text and image count fit the account's network.
import { and, eq, inArray } from 'drizzle-orm';
import { badRequest } from '../../core/appError.ts';
import { textRuleFor } from '../../core/textRules/index.ts';
import type { Tx } from '../../db/database.ts';
import { media, type TargetMedia, workspaces } from '../../db/schema.ts';
import type { NetworkId } from '../../networks/connector.ts';
import { connectorOf, networkName } from '../../networks/networkConnectors.ts';

export interface PostPart {
  text: string;
  media: TargetMedia[];
}

export async function checkImages(tx: Tx, workspaceId: string, images: TargetMedia[]): Promise<void> {
  if (images.length === 0) return;
  const ids = [...new Set(images.map((m) => m.mediaId))];
  const found = await tx
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.workspaceId, workspaceId), inArray(media.id, ids)));
  if (found.length !== ids.length) throw badRequest('One of the images was not found in this workspace.');
  const [workspace] = await tx
    .select({ requireAltText: workspaces.requireAltText })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (workspace?.requireAltText && images.some((m) => m.alt.trim() === '')) {
    throw badRequest('This workspace asks for a description (alt text) of every image.', {
      media: 'Describe every image.',
    });
  }
}

/** Refuses a part the account's network would refuse; `where` names the part inside a thread. */
export function checkPart(
  account: { network: NetworkId; handle: string; textLimit: number | null },
  part: PostPart,
  where = '',
): void {
  if (part.text.trim() === '' && part.media.length === 0) {
    throw badRequest(`The post for @${account.handle}${where} is empty.`);
  }
  const rule = textRuleFor(account.network, { mastodonLimit: account.textLimit ?? undefined });
  const count = rule.count(part.text);
  if (count.over)
    throw badRequest(`For @${account.handle}${where}: ${count.problem}`, { text: count.problem ?? '' });
  const { maxImages } = connectorOf(account.network).capabilities;
  if (part.media.length > maxImages) {
    throw badRequest(
      `For @${account.handle}${where}: ${networkName(account.network)} allows ${maxImages} images in a post; this post has ${part.media.length}.`,
    );
  }
}
