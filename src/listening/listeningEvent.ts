// What every listening source hands the pipeline: one post, already reduced to plain text, and the
// source's position after it. The pipeline stores a batch of events and the position in one
// transaction, so after a restart the source resumes exactly after what was stored: no gap, no double
// count.

export interface ListeningEvent {
  source: 'bluesky' | 'mastodon' | 'rss';
  /** The post's id on its source: an at:// URI, a status URI, a feed entry's id. */
  remoteId: string;
  /** Where a person opens the post. */
  url: string;
  authorHandle: string;
  authorName?: string;
  /** Plain text (HTML already removed). */
  text: string;
  /** Languages the network reports (Bluesky `langs`, Mastodon `language`), ISO 639-1. */
  langs?: string[];
  /** Links in the post. */
  urls?: string[];
  /** Hashtags the network reports, without `#`. */
  tags?: string[];
  /** When the post was made (ISO 8601). */
  postedAt: string;
}

export interface ListeningBatch {
  events: ListeningEvent[];
  /** The source's name (`jetstream`, `firehose:<host>`, `mastodon:<instance>:public`, `rss:<url>`). */
  source: string;
  /** The position to resume from after this batch. */
  cursor: string;
}

/** Stores a batch and its cursor together; resolves once both are committed. */
export type ListeningSink = (batch: ListeningBatch) => Promise<void>;

export interface ListeningSource {
  /** The name its cursor is stored under. */
  readonly name: string;
  /** Starts reading after `cursor` (from now when absent), handing batches to the sink in order. */
  start(sink: ListeningSink, cursor: string | undefined): Promise<void>;
  /** Stops reading; a batch being stored finishes first. */
  stop(): Promise<void>;
}
