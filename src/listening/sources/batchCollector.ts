// Gathers what a streaming source reads into batches for the sink: a batch goes out when it holds
// `maxEvents` events (a few more when one position brought several) or `maxWaitMs` after its first
// entry, whichever comes first. Batches are stored one at a time and in order; while one is being
// stored the source is told it is busy, so it can stop reading its socket and let the network's own
// flow control hold the stream back.
//
// A position the source passed without an event (a like, a deletion, an account change) still moves
// the cursor, so such positions make (possibly empty) batches too, and a restart does not read them
// again.
import type { ListeningBatch, ListeningEvent, ListeningSink } from '../listeningEvent.ts';
import { deliverBatch } from './deliverBatch.ts';
import type { RetryDelay } from './retryDelay.ts';

export interface BatchCollectorOptions {
  /** The source's name, put on every batch. */
  source: string;
  sink: ListeningSink;
  signal: AbortSignal;
  delay: RetryDelay;
  onError: (error: Error) => void;
  /** Called with true while batches wait to be stored, false once all are. */
  onBusy: (busy: boolean) => void;
  maxEvents?: number;
  maxWaitMs?: number;
}

export const DEFAULT_MAX_BATCH_EVENTS = 500;
export const DEFAULT_MAX_BATCH_WAIT_MS = 250;

export interface BatchCollector {
  /**
   * Adds the events read at one position (none for a position without posts) and the cursor after
   * them. They stay together in one batch, so a cursor never covers events that were not stored.
   */
  add(events: ListeningEvent[], cursor: string): void;
  /** Resolves once every batch handed out so far is stored or given up (after a stop). */
  settled(): Promise<void>;
}

export function batchCollector(options: BatchCollectorOptions): BatchCollector {
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_BATCH_EVENTS;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_BATCH_WAIT_MS;
  let events: ListeningEvent[] = [];
  let cursor: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let queued = 0;
  let chain: Promise<void> = Promise.resolve();

  options.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (cursor === undefined || options.signal.aborted) return;
    const batch: ListeningBatch = { source: options.source, events, cursor };
    events = [];
    cursor = undefined;
    queued++;
    if (queued === 1) options.onBusy(true);
    chain = chain.then(async () => {
      // After a stop, or after an earlier batch was given up, nothing later may be stored: its
      // cursor would skip the events of the batch that was not.
      if (!options.signal.aborted) await deliverBatch(options.sink, batch, options);
      queued--;
      if (queued === 0 && !options.signal.aborted) options.onBusy(false);
    });
  };

  return {
    add(more, next) {
      if (options.signal.aborted) return;
      events.push(...more);
      cursor = next;
      if (events.length >= maxEvents) flush();
      else timer ??= setTimeout(flush, maxWaitMs);
    },
    settled() {
      return chain;
    },
  };
}
