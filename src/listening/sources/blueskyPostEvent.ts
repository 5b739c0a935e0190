// Turns an app.bsky.feed.post record, as Jetstream or the firehose delivers it, into a ListeningEvent:
// its text, languages, links (link facets and an external embed) and hashtags (tag facets and the
// record's own tags). Neither stream carries handles, only DIDs, so the DID stands in for the author's
// handle until the pipeline asks an AppView for it (blueskyHandles.ts); bsky.app opens profiles and
// posts by DID as well.
import type { ListeningEvent } from '../listeningEvent.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';
const LINK_FEATURE = 'app.bsky.richtext.facet#link';
const TAG_FEATURE = 'app.bsky.richtext.facet#tag';
/** createdAt is the client's word; a post claiming to come from further ahead is dated when it arrived. */
const MAX_FUTURE_MS = 5 * 60_000;

export interface BlueskyPostRef {
  did: string;
  rkey: string;
  record: unknown;
  /** When the stream saw the post, for records without a usable createdAt. */
  seenAt: Date;
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

function strings(values: unknown): string[] {
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

function unique(values: string[], key: (value: string) => string = (v) => v): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function featuresOf(record: Fields): Fields[] {
  if (!Array.isArray(record.facets)) return [];
  return record.facets.flatMap((facet) =>
    isObject(facet) && Array.isArray(facet.features) ? facet.features.filter(isObject) : [],
  );
}

function externalUriOf(embed: unknown): string | undefined {
  if (!isObject(embed)) return undefined;
  if (isObject(embed.external) && typeof embed.external.uri === 'string') return embed.external.uri;
  // A quote with media carries its link card under `media`.
  return isObject(embed.media) ? externalUriOf(embed.media) : undefined;
}

/** Bluesky's langs are BCP 47 tags (`en-US`); the pipeline reads the ISO 639 language (`en`). */
function languagesOf(record: Fields): string[] {
  return unique(strings(record.langs).map((tag) => tag.split('-')[0]!.toLowerCase()));
}

function postedAtOf(record: Fields, seenAt: Date): string {
  const claimed = typeof record.createdAt === 'string' ? Date.parse(record.createdAt) : Number.NaN;
  if (Number.isNaN(claimed) || claimed > seenAt.getTime() + MAX_FUTURE_MS) return seenAt.toISOString();
  return new Date(claimed).toISOString();
}

/** The event for a post record; undefined when the record is not a post. */
export function blueskyPostEvent({ did, rkey, record, seenAt }: BlueskyPostRef): ListeningEvent | undefined {
  if (!isObject(record) || (record.$type !== undefined && record.$type !== POST_COLLECTION)) return undefined;
  const features = featuresOf(record);
  const urls = unique([
    ...features.flatMap((f) => (f.$type === LINK_FEATURE && typeof f.uri === 'string' ? [f.uri] : [])),
    ...strings([externalUriOf(record.embed)]),
  ]);
  const tags = unique(
    [
      ...features.flatMap((f) => (f.$type === TAG_FEATURE && typeof f.tag === 'string' ? [f.tag] : [])),
      ...strings(record.tags),
    ].map((tag) => tag.replace(/^#/, '')),
    (tag) => tag.toLowerCase(),
  ).filter((tag) => tag !== '');
  const langs = languagesOf(record);
  return {
    source: 'bluesky',
    remoteId: `at://${did}/${POST_COLLECTION}/${rkey}`,
    url: `https://bsky.app/profile/${did}/post/${rkey}`,
    authorHandle: did,
    text: typeof record.text === 'string' ? record.text : '',
    ...(langs.length > 0 ? { langs } : {}),
    ...(urls.length > 0 ? { urls } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    postedAt: postedAtOf(record, seenAt),
  };
}
