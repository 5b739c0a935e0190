// Bluesky posts straight from the AT Protocol firehose (com.atproto.sync.subscribeRepos) of a relay or
// a PDS: each binary frame is decoded, and every `create` of an app.bsky.feed.post in a #commit becomes
// a ListeningEvent, its record read from the commit's CAR blocks.
//
// The cursor is the firehose's own sequence number of the last frame read (a commit of any kind, an
// identity or account change); the server resumes after it, so a restart neither misses nor repeats.
// The firehose carries DIDs, not handles: authorHandle is the author's DID. Commits are taken as the
// server sends them; their signatures are not checked against the authors' keys.
import { cborToLexRecord, readCar } from '@atproto/repo';
import { Frame } from '@atproto/xrpc-server';
import type { ListeningEvent, ListeningSink, ListeningSource } from '../listeningEvent.ts';
import { type BatchCollector, batchCollector } from './batchCollector.ts';
import { blueskyPostEvent, POST_COLLECTION } from './blueskyPostEvent.ts';
import { messageOf } from './deliverBatch.ts';
import { type RetryDelayOptions, retryDelay } from './retryDelay.ts';
import { type SocketSubscription, socketSubscription } from './socketSubscription.ts';

/** Frames waiting to be decoded before reading from the socket pauses. */
const MAX_DECODE_BACKLOG = 100;

export interface FirehoseSourceOptions {
  /** The relay or PDS, e.g. https://bsky.network (http(s) or ws(s)). */
  service: string;
  /** The name the cursor is stored under (default `firehose:<host>`). */
  name?: string;
  maxBatchEvents?: number;
  maxBatchWaitMs?: number;
  retry?: RetryDelayOptions;
  /** Problems the source recovers from by itself (lost connections, refused batches, bad frames). */
  onError?: (error: Error) => void;
}

interface CommitOp {
  action: 'create' | 'update' | 'delete';
  path: string;
  cid?: unknown;
}

interface CommitBody {
  seq: number;
  repo: string;
  time: string;
  ops: CommitOp[];
  blocks: Uint8Array;
}

export function firehoseUrl(service: string, cursor: number | undefined): string {
  const url = new URL('/xrpc/com.atproto.sync.subscribeRepos', service);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  if (cursor !== undefined) url.searchParams.set('cursor', String(cursor));
  return url.href;
}

function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^\d+$/.test(cursor.trim())) {
    throw new Error(`"${cursor}" is not a firehose cursor; it should be a sequence number.`);
  }
  return Number(cursor);
}

/** The posts a commit creates, in the order of its operations. */
async function postsOfCommit(commit: CommitBody): Promise<ListeningEvent[]> {
  const creates = commit.ops.filter(
    (op) => op.action === 'create' && op.cid && op.path.startsWith(`${POST_COLLECTION}/`),
  );
  if (creates.length === 0) return [];
  const car = await readCar(commit.blocks);
  const seenAt = Number.isNaN(Date.parse(commit.time)) ? new Date() : new Date(commit.time);
  const events: ListeningEvent[] = [];
  for (const op of creates) {
    const bytes = car.blocks.get(op.cid as Parameters<typeof car.blocks.get>[0]);
    if (!bytes) continue;
    const event = blueskyPostEvent({
      did: commit.repo,
      rkey: op.path.slice(POST_COLLECTION.length + 1),
      record: cborToLexRecord(bytes),
      seenAt,
    });
    if (event) events.push(event);
  }
  return events;
}

export function firehoseSource(options: FirehoseSourceOptions): ListeningSource {
  const name = options.name ?? `firehose:${new URL(options.service).host}`;
  const onError = options.onError ?? ((error: Error) => console.warn(error.message));
  let running:
    | {
        abort: AbortController;
        socket: SocketSubscription;
        batches: BatchCollector;
        decoding: () => Promise<void>;
      }
    | undefined;

  return {
    name,
    async start(sink: ListeningSink, cursor: string | undefined) {
      if (running) throw new Error(`The listening source ${name} is already running.`);
      let lastSeq = parseCursor(cursor);
      const abort = new AbortController();
      let busy = false;
      let backlog = 0;
      let decoding: Promise<void> = Promise.resolve();
      const updatePause = () => socket.setPaused(busy || backlog > MAX_DECODE_BACKLOG);

      const handleFrame = async (data: Buffer) => {
        let frame: ReturnType<typeof Frame.fromBytes>;
        try {
          frame = Frame.fromBytes(data);
        } catch (error) {
          onError(new Error(`${name}: a frame could not be read (${messageOf(error)}); skipped.`));
          return;
        }
        if (frame.isError()) {
          onError(new Error(`${name}: the server reported ${frame.code}: ${frame.message ?? 'no details'}.`));
          return;
        }
        const body = frame.body as { seq?: unknown; name?: unknown; message?: unknown };
        if (frame.type === '#info') {
          onError(new Error(`${name}: the server says ${String(body.name)}: ${String(body.message ?? '')}`));
          return;
        }
        if (typeof body.seq !== 'number') return;
        if (lastSeq !== undefined && body.seq <= lastSeq) return;
        let posts: ListeningEvent[] = [];
        if (frame.type === '#commit') {
          try {
            posts = await postsOfCommit(frame.body as unknown as CommitBody);
          } catch (error) {
            onError(
              new Error(`${name}: commit ${body.seq} could not be read (${messageOf(error)}); skipped.`),
            );
          }
        }
        lastSeq = body.seq;
        batches.add(posts, String(body.seq));
      };

      const batches = batchCollector({
        source: name,
        sink,
        signal: abort.signal,
        delay: retryDelay(options.retry),
        onError,
        onBusy: (value) => {
          busy = value;
          updatePause();
        },
        maxEvents: options.maxBatchEvents,
        maxWaitMs: options.maxBatchWaitMs,
      });
      const socket = socketSubscription({
        name,
        url: () => firehoseUrl(options.service, lastSeq),
        // Decoding a commit is asynchronous; frames are handled one after another, in order.
        onMessage: (data) => {
          backlog++;
          updatePause();
          decoding = decoding.then(async () => {
            if (!abort.signal.aborted) await handleFrame(data);
            backlog--;
            updatePause();
          });
        },
        onError,
        delay: retryDelay(options.retry),
        signal: abort.signal,
      });
      running = { abort, socket, batches, decoding: () => decoding };
    },
    async stop() {
      if (!running) return;
      const { abort, socket, batches, decoding } = running;
      abort.abort();
      await Promise.all([socket.closed(), decoding()]);
      await batches.settled();
      running = undefined;
    },
  };
}
