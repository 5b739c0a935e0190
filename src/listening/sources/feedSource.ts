// Articles from an RSS, Atom, RDF or JSON feed, polled with the same careful fetch the Streams column
// uses (conditional requests with the last ETag and Last-Modified, private addresses refused unless the
// operator allows them, size and time limits). Each entry not read before becomes a ListeningEvent;
// the feed is the author, its host the handle.
//
// The cursor is JSON: the validators of the last answer and the ids of the entries already read
// (`{"etag":…,"lastModified":…,"seen":[…]}`), the ids kept for every entry the feed still holds and
// the most recent others up to a limit. Without a cursor the source starts from now: the entries the
// feed holds at its first reading are noted, not handed out.

import type { StreamItem } from '../../core/streams/streamTypes.ts';
import { ConnectorError } from '../../networks/connector.ts';
import { type FeedValidators, fetchFeed } from '../../networks/rss/rssFeed.ts';
import type { ListeningEvent, ListeningSink, ListeningSource } from '../listeningEvent.ts';
import { deliverBatch, messageOf } from './deliverBatch.ts';
import { type RetryDelayOptions, retryDelay, waitUnlessStopped } from './retryDelay.ts';

export const DEFAULT_FEED_POLL_MS = 10 * 60_000;
/** Ids of entries read before, kept beyond those the feed still holds. */
export const DEFAULT_SEEN_LIMIT = 500;

export interface FeedSourceOptions {
  feedUrl: string;
  /** KOLOROB_ALLOW_PRIVATE_FETCH: feeds on private or local addresses. */
  allowPrivate: boolean;
  pollIntervalMs?: number;
  seenLimit?: number;
  retry?: RetryDelayOptions;
  /** Problems the source recovers from by itself (failed fetches, refused batches). */
  onError?: (error: Error) => void;
}

export interface FeedCursor extends FeedValidators {
  seen: string[];
}

export function parseFeedCursor(cursor: string | undefined): FeedCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(cursor) as Partial<FeedCursor>;
    if (!Array.isArray(parsed.seen) || !parsed.seen.every((id) => typeof id === 'string')) throw new Error();
    return {
      seen: parsed.seen,
      ...(typeof parsed.etag === 'string' ? { etag: parsed.etag } : {}),
      ...(typeof parsed.lastModified === 'string' ? { lastModified: parsed.lastModified } : {}),
    };
  } catch {
    throw new Error(`The stored position of a feed is not readable: ${cursor.slice(0, 100)}`);
  }
}

export function feedEntryEvent(item: StreamItem): ListeningEvent {
  const text = item.title && !item.text.startsWith(item.title) ? `${item.title}\n\n${item.text}` : item.text;
  return {
    source: 'rss',
    remoteId: item.id,
    url: item.url,
    authorHandle: item.author.handle,
    ...(item.author.displayName ? { authorName: item.author.displayName } : {}),
    text: text.trim(),
    urls: [item.url],
    postedAt: item.createdAt,
  };
}

export function feedSource(options: FeedSourceOptions): ListeningSource {
  const name = `rss:${options.feedUrl}`;
  const pollMs = options.pollIntervalMs ?? DEFAULT_FEED_POLL_MS;
  const seenLimit = options.seenLimit ?? DEFAULT_SEEN_LIMIT;
  const onError = options.onError ?? ((error: Error) => console.warn(error.message));
  let running: { abort: AbortController; loop: Promise<void> } | undefined;

  return {
    name,
    async start(sink: ListeningSink, cursor: string | undefined) {
      if (running) throw new Error(`The listening source ${name} is already running.`);
      let state = parseFeedCursor(cursor);
      const abort = new AbortController();
      const { signal } = abort;
      const sinkDelay = retryDelay(options.retry);
      const pollDelay = retryDelay(options.retry);

      /** Reads the feed once; false when the source was stopped before the batch was stored. */
      const poll = async (): Promise<boolean> => {
        const result = await fetchFeed(options.feedUrl, state ?? {}, { allowPrivate: options.allowPrivate });
        if (result.notModified) return true;
        const seen = new Set(state?.seen);
        // Entries come newest first; the pipeline gets them in the order they were written.
        const oldestFirst = [...result.items].reverse();
        const fresh = state ? oldestFirst.filter((item) => !seen.has(item.id)) : [];
        const inFeed = new Set(oldestFirst.map((item) => item.id));
        const kept = [...(state?.seen ?? []).filter((id) => !inFeed.has(id)), ...inFeed];
        const next: FeedCursor = {
          ...(result.etag ? { etag: result.etag } : {}),
          ...(result.lastModified ? { lastModified: result.lastModified } : {}),
          seen: kept.slice(-Math.max(seenLimit, inFeed.size)),
        };
        const changed =
          fresh.length > 0 ||
          !state ||
          next.etag !== state.etag ||
          next.lastModified !== state.lastModified ||
          next.seen.length !== state.seen.length;
        if (!changed) return true;
        const batch = { source: name, events: fresh.map(feedEntryEvent), cursor: JSON.stringify(next) };
        if (!(await deliverBatch(sink, batch, { signal, delay: sinkDelay, onError }))) return false;
        state = next;
        return true;
      };

      const loop = async () => {
        while (!signal.aborted) {
          let wait = pollMs;
          try {
            if (!(await poll())) return;
            pollDelay.reset();
          } catch (error) {
            const retryAfter = error instanceof ConnectorError ? error.retryAfterMs : undefined;
            wait = Math.max(retryAfter ?? 0, Math.min(pollMs, pollDelay.next()));
            onError(new Error(`${name}: ${messageOf(error)}`, { cause: error }));
          }
          await waitUnlessStopped(wait, signal);
        }
      };
      running = { abort, loop: loop() };
    },
    async stop() {
      if (!running) return;
      running.abort.abort();
      await running.loop;
      running = undefined;
    },
  };
}
