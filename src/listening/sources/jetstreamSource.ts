// Bluesky posts from Jetstream, Bluesky's JSON edition of the firehose: one WebSocket subscription to
// app.bsky.feed.post, each `create` becoming a ListeningEvent, handed to the sink in batches.
//
// The cursor is Jetstream's own: the time_us of the last event read. Following Jetstream's advice for
// gapless playback, a (re)connection asks for events from a few seconds before it, and whatever is not
// newer than the stored position is skipped. Jetstream does not promise that two events never share a
// time_us, so the cursor also names the events read at that exact microsecond
// (`<time_us> <event> <event>…`); an event there is skipped only if it was already read.
//
// Jetstream carries DIDs, not handles: authorHandle is the author's DID.
import type { ListeningSink, ListeningSource } from '../listeningEvent.ts';
import { type BatchCollector, batchCollector } from './batchCollector.ts';
import { blueskyPostEvent, POST_COLLECTION } from './blueskyPostEvent.ts';
import { messageOf } from './deliverBatch.ts';
import { type RetryDelayOptions, retryDelay } from './retryDelay.ts';
import { type SocketSubscription, socketSubscription } from './socketSubscription.ts';

export const JETSTREAM_URL = 'wss://jetstream2.us-east.bsky.network/subscribe';
/** How far before the stored position a connection asks Jetstream to start. */
export const JETSTREAM_REWIND_MS = 5_000;

/** One message on a Jetstream subscription, in Jetstream's documented JSON shape. */
export interface JetstreamEvent {
  did: string;
  time_us: number;
  kind: 'commit' | 'identity' | 'account';
  commit?: {
    rev: string;
    operation: 'create' | 'update' | 'delete';
    collection: string;
    rkey: string;
    cid?: string;
    record?: unknown;
  };
  identity?: { did: string; handle?: string; seq: number; time: string };
  account?: { did: string; active: boolean; status?: string; seq: number; time: string };
}

export interface JetstreamSourceOptions {
  /** The subscribe endpoint (default Bluesky's jetstream2.us-east). */
  url?: string;
  /** The name the cursor is stored under (default `jetstream`). */
  name?: string;
  maxBatchEvents?: number;
  maxBatchWaitMs?: number;
  rewindMs?: number;
  retry?: RetryDelayOptions;
  /** Problems the source recovers from by itself (lost connections, refused batches). */
  onError?: (error: Error) => void;
}

/** The stored position: a time_us and the events already read at exactly that time. */
interface Position {
  timeUs: number;
  keys: Set<string>;
}

export function parseJetstreamCursor(cursor: string | undefined): Position | undefined {
  if (!cursor) return undefined;
  const [time, ...keys] = cursor.trim().split(/\s+/);
  if (!time || !/^\d+$/.test(time)) {
    throw new Error(`"${cursor}" is not a Jetstream cursor; it should start with a time in microseconds.`);
  }
  return { timeUs: Number(time), keys: new Set(keys) };
}

function formatCursor(position: Position): string {
  return [String(position.timeUs), ...position.keys].join(' ');
}

/** What tells two events at the same time_us apart; DIDs, NSIDs, record keys and revs hold no spaces. */
function eventKey(event: JetstreamEvent): string {
  if (event.commit) {
    return `${event.did}/${event.commit.collection}/${event.commit.rkey}@${event.commit.rev}`;
  }
  const seq = event.identity?.seq ?? event.account?.seq ?? '';
  return `${event.kind}:${event.did}:${seq}`;
}

function isJetstreamEvent(value: unknown): value is JetstreamEvent {
  const event = value as JetstreamEvent | null;
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof event.did === 'string' &&
    Number.isSafeInteger(event.time_us)
  );
}

export function jetstreamSource(options: JetstreamSourceOptions = {}): ListeningSource {
  const name = options.name ?? 'jetstream';
  const rewindUs = (options.rewindMs ?? JETSTREAM_REWIND_MS) * 1000;
  const onError = options.onError ?? ((error: Error) => console.warn(error.message));
  let running: { abort: AbortController; socket: SocketSubscription; batches: BatchCollector } | undefined;

  return {
    name,
    async start(sink: ListeningSink, cursor: string | undefined) {
      if (running) throw new Error(`The listening source ${name} is already running.`);
      let position = parseJetstreamCursor(cursor);
      // Without a cursor the stream starts live; a reconnect before the first event still resumes
      // from when the source started.
      const startedUs = Date.now() * 1000;
      const abort = new AbortController();
      const delay = retryDelay(options.retry);

      let firstConnection = true;
      const subscribeUrl = () => {
        const url = new URL(options.url ?? JETSTREAM_URL);
        if (!url.searchParams.getAll('wantedCollections').includes(POST_COLLECTION)) {
          url.searchParams.append('wantedCollections', POST_COLLECTION);
        }
        const from = position?.timeUs ?? (cursor === undefined && !firstConnection ? startedUs : undefined);
        if (from !== undefined) url.searchParams.set('cursor', String(Math.max(0, from - rewindUs)));
        firstConnection = false;
        return url.href;
      };

      const handle = (data: Buffer) => {
        let event: unknown;
        try {
          event = JSON.parse(data.toString('utf8'));
        } catch (error) {
          onError(new Error(`${name}: a message was not JSON (${messageOf(error)}); skipped.`));
          return;
        }
        if (!isJetstreamEvent(event)) return;
        const key = eventKey(event);
        if (position) {
          if (event.time_us < position.timeUs) return;
          if (event.time_us === position.timeUs) {
            if (position.keys.has(key)) return;
            position.keys.add(key);
          } else {
            position = { timeUs: event.time_us, keys: new Set([key]) };
          }
        } else {
          position = { timeUs: event.time_us, keys: new Set([key]) };
        }
        const { commit } = event;
        const post =
          event.kind === 'commit' && commit?.operation === 'create' && commit.collection === POST_COLLECTION
            ? blueskyPostEvent({
                did: event.did,
                rkey: commit.rkey,
                record: commit.record,
                seenAt: new Date(Math.floor(event.time_us / 1000)),
              })
            : undefined;
        batches.add(post ? [post] : [], formatCursor(position));
      };

      const batches = batchCollector({
        source: name,
        sink,
        signal: abort.signal,
        delay: retryDelay(options.retry),
        onError,
        onBusy: (busy) => socket.setPaused(busy),
        maxEvents: options.maxBatchEvents,
        maxWaitMs: options.maxBatchWaitMs,
      });
      const socket = socketSubscription({
        name,
        url: subscribeUrl,
        onMessage: handle,
        onError,
        delay,
        signal: abort.signal,
      });
      running = { abort, socket, batches };
    },
    async stop() {
      if (!running) return;
      const { abort, socket, batches } = running;
      abort.abort();
      await Promise.all([socket.closed(), batches.settled()]);
      running = undefined;
    },
  };
}
