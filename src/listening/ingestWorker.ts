// Runs the listening sources and feeds them into the pipeline: Bluesky's Jetstream or a firehose when
// the operator turns them on (KOLOROB_LISTENING_JETSTREAM_URL, KOLOROB_LISTENING_FIREHOSE_URL; both off
// by default), and the Mastodon instances (public timeline and the queries' hashtags) and feeds the
// active queries name, looked at again every minute so a new query's sources start and a deleted
// one's stop. Each source resumes after the position stored with its last batch.
import type { CommandContext } from '../commands/context.ts';
import type { QueryNode } from '../core/listening/queryAst.ts';
import { blueskyHandles } from './blueskyHandles.ts';
import type { ListeningSource } from './listeningEvent.ts';
import { createListeningSink, type SinkOptions, storedCursor } from './pipeline.ts';
import { createQueryRegistry } from './queryRegistry.ts';
import { feedSource } from './sources/feedSource.ts';
import { firehoseSource } from './sources/firehoseSource.ts';
import { JETSTREAM_URL, jetstreamSource } from './sources/jetstreamSource.ts';
import { mastodonTimelineSources } from './sources/mastodonTimelineSource.ts';

export interface ListeningIngestOptions {
  /** Jetstream's subscribe URL; absent: no Jetstream. */
  jetstreamUrl?: string;
  /** A relay or PDS whose firehose to read; absent: none. */
  firehoseUrl?: string;
  /**
   * An AppView to turn the DIDs of Bluesky's streams into handles (and `author:` handles into DIDs);
   * absent: mentions from Jetstream and the firehose show the author's DID.
   */
  blueskyAppViewUrl?: string;
  /** How often the queries' instances and feeds are looked at again. */
  refreshMs?: number;
  /** Problems sources recover from by themselves, and sources that failed to start. */
  onError?: (error: Error) => void;
  sink?: SinkOptions;
}

/** An on/off setting or an address: unset, empty or `off` is off; `on` is the given default. */
function switchOrUrl(value: string | undefined, defaultUrl: string): string | undefined {
  const v = value?.trim() ?? '';
  if (v === '' || v.toLowerCase() === 'off' || v === '0' || v.toLowerCase() === 'false') return undefined;
  if (v.toLowerCase() === 'on' || v === '1' || v.toLowerCase() === 'true') return defaultUrl;
  return v;
}

/** Bluesky's public AppView, which answers profile and handle lookups without signing in. */
export const PUBLIC_APPVIEW_URL = 'https://public.api.bsky.app';

export function listeningIngestOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ListeningIngestOptions {
  const jetstreamUrl = switchOrUrl(env.KOLOROB_LISTENING_JETSTREAM_URL, JETSTREAM_URL);
  const firehoseUrl = switchOrUrl(env.KOLOROB_LISTENING_FIREHOSE_URL, 'https://bsky.network');
  // Looked up only for a Bluesky stream, and on by default with one.
  const blueskyAppViewUrl =
    jetstreamUrl || firehoseUrl
      ? switchOrUrl(env.KOLOROB_LISTENING_BLUESKY_APPVIEW_URL ?? 'on', PUBLIC_APPVIEW_URL)
      : undefined;
  return { jetstreamUrl, firehoseUrl, blueskyAppViewUrl };
}

export interface ListeningIngest {
  /** Names of the running sources. */
  sources(): string[];
  /** Looks at the queries' instances and feeds now. */
  refresh(): Promise<void>;
  /** Stops every source; batches being stored finish first. */
  stop(): Promise<void>;
}

function hashtagsOf(node: QueryNode, into: Set<string>, negated = false): Set<string> {
  if (node.type === 'hashtag' && !negated) into.add(node.tag);
  if (node.type === 'and' || node.type === 'or')
    for (const child of node.children) hashtagsOf(child, into, negated);
  if (node.type === 'not') hashtagsOf(node.child, into, true);
  return into;
}

/** The sources the active queries ask for, by name. */
async function querySources(
  ctx: Pick<CommandContext, 'database' | 'config'>,
  onError: (error: Error) => void,
): Promise<Map<string, ListeningSource>> {
  const { rows } = await ctx.database.executor.executeSql(
    `SELECT tree, mastodon_instances, feed_urls FROM listening_queries
     WHERE active AND (jsonb_array_length(mastodon_instances) > 0 OR jsonb_array_length(feed_urls) > 0)`,
  );
  const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const instances = new Map<string, Set<string>>();
  const feeds = new Set<string>();
  for (const row of rows as { tree: QueryNode | string; mastodon_instances: unknown; feed_urls: unknown }[]) {
    const tags = hashtagsOf(parse(row.tree), new Set());
    for (const instance of parse(row.mastodon_instances as string[] | string)) {
      const known = instances.get(instance) ?? new Set<string>();
      for (const tag of tags) known.add(tag);
      instances.set(instance, known);
    }
    for (const feed of parse(row.feed_urls as string[] | string)) feeds.add(feed);
  }
  const allowPrivate = ctx.config.allowPrivateFetch;
  const sources = new Map<string, ListeningSource>();
  for (const [instanceUrl, tags] of instances) {
    for (const source of mastodonTimelineSources({ instanceUrl, allowPrivate, tags: [...tags], onError })) {
      sources.set(source.name, source);
    }
  }
  for (const feedUrl of feeds) {
    const source = feedSource({ feedUrl, allowPrivate, onError });
    sources.set(source.name, source);
  }
  return sources;
}

export async function startListeningIngest(
  ctx: Pick<CommandContext, 'database' | 'config'>,
  options: ListeningIngestOptions = listeningIngestOptionsFromEnv(),
): Promise<ListeningIngest> {
  const onError = options.onError ?? ((error: Error) => console.warn(`listening: ${error.message}`));
  const handles = options.blueskyAppViewUrl
    ? blueskyHandles({ appViewUrl: options.blueskyAppViewUrl, onError })
    : undefined;
  const registry = createQueryRegistry(ctx.database, { blueskyHandles: handles });
  const sink = createListeningSink(ctx, registry, { ...options.sink, blueskyHandles: handles });
  const running = new Map<string, ListeningSource>();
  const fixed = new Set<string>();
  let stopped = false;

  const start = async (source: ListeningSource) => {
    try {
      await source.start(sink, await storedCursor(ctx.database, source.name));
      running.set(source.name, source);
    } catch (error) {
      onError(new Error(`The listening source ${source.name} did not start: ${(error as Error).message}`));
    }
  };

  if (options.jetstreamUrl) {
    const source = jetstreamSource({ url: options.jetstreamUrl, onError });
    fixed.add(source.name);
    await start(source);
  }
  if (options.firehoseUrl) {
    const source = firehoseSource({ service: options.firehoseUrl, onError });
    fixed.add(source.name);
    await start(source);
  }

  // One refresh at a time; a refresh asked for meanwhile runs after it.
  let refreshing: Promise<void> = Promise.resolve();
  const refresh = () => {
    refreshing = refreshing.then(async () => {
      if (stopped) return;
      let wanted: Map<string, ListeningSource>;
      try {
        wanted = await querySources(ctx, onError);
      } catch (error) {
        onError(new Error(`Could not read the listening queries' sources: ${(error as Error).message}`));
        return;
      }
      for (const [name, source] of running) {
        if (fixed.has(name) || wanted.has(name)) continue;
        running.delete(name);
        await source.stop();
      }
      for (const [name, source] of wanted) {
        if (!running.has(name) && !stopped) await start(source);
      }
    });
    return refreshing;
  };
  await refresh();
  const timer = setInterval(() => void refresh(), options.refreshMs ?? 60_000);
  timer.unref();

  return {
    sources: () => [...running.keys()],
    refresh,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await refreshing;
      await Promise.all([...running.values()].map((source) => source.stop()));
      running.clear();
      registry.close();
    },
  };
}
