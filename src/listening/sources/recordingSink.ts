// A listening sink for the sources' tests: it keeps every batch it was handed and the cursor of the
// last one, as the pipeline's store would, and lets a test wait until enough has arrived.
import type { ListeningBatch, ListeningEvent, ListeningSink } from '../listeningEvent.ts';

export interface RecordingSink {
  sink: ListeningSink;
  batches: ListeningBatch[];
  /** Every event stored so far, in order. */
  events(): ListeningEvent[];
  /** The cursor of the last stored batch. */
  cursor(): string | undefined;
  /** Resolves once `predicate` holds, checking every 20 ms; fails after `timeoutMs`. */
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
}

export function recordingSink(before?: (batch: ListeningBatch) => void | Promise<void>): RecordingSink {
  const batches: ListeningBatch[] = [];
  return {
    batches,
    async sink(batch) {
      await before?.(batch);
      batches.push(batch);
    },
    events: () => batches.flatMap((batch) => batch.events),
    cursor: () => batches.at(-1)?.cursor,
    waitFor: (predicate, what, timeoutMs = 10_000) => waitUntil(predicate, what, timeoutMs),
  };
}

export async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
