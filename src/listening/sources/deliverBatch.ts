// Hands one batch to the listening sink and keeps handing the same batch until it is stored. A source
// never skips a batch the sink refused: the sink stores events and cursor together, so moving on would
// either lose the refused events (if a later cursor is stored) or stall anyway. Retrying the same batch
// with growing waits keeps the order and leaves no gap; stopping the source ends the retries, and the
// events come again after a restart, read from the last cursor that was stored.
import type { ListeningBatch, ListeningSink } from '../listeningEvent.ts';
import { type RetryDelay, waitUnlessStopped } from './retryDelay.ts';

export interface DeliverOptions {
  signal: AbortSignal;
  delay: RetryDelay;
  onError: (error: Error) => void;
}

/** True once the sink stored the batch; false when the source was stopped first. */
export async function deliverBatch(
  sink: ListeningSink,
  batch: ListeningBatch,
  options: DeliverOptions,
): Promise<boolean> {
  for (;;) {
    if (options.signal.aborted) return false;
    try {
      // Once called, the sink runs to the end even if the source is stopped meanwhile.
      await sink(batch);
      options.delay.reset();
      return true;
    } catch (error) {
      options.onError(
        new Error(
          `Listening source ${batch.source} could not store ${batch.events.length} events and will try the same batch again: ${messageOf(error)}`,
          { cause: error },
        ),
      );
    }
    if (!(await waitUnlessStopped(options.delay.next(), options.signal))) return false;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
