// Public posts from a server that speaks the Mastodon client API: polls its public timeline (all of
// it, or only its own accounts' posts) or the timeline of one hashtag, newest-first pages read forward
// with `min_id`, so every status after the cursor arrives once, oldest first. No account is needed;
// a token can be given for servers that show timelines only to signed-in readers.
//
// The cursor is the id of the newest status read. Without one the source starts from now: the first
// poll only notes the newest status. Failed polls are retried with growing waits, and a 429 waits as
// long as the server's Retry-After asks.
//
// Mastodon dates a status federated from elsewhere by when it was written there, so one that arrives
// late can get an id before the cursor and is not seen by a reader of the public timeline.
import { ConnectorError } from '../../networks/connector.ts';
import { mastodonFetch, normaliseInstanceUrl } from '../../networks/mastodon/mastodonHttp.ts';
import { plainTextOfContent } from '../../networks/mastodon/statusText.ts';
import { checkOutboundUrl } from '../../networks/outboundUrl.ts';
import type { ListeningEvent, ListeningSink, ListeningSource } from '../listeningEvent.ts';
import { deliverBatch, messageOf } from './deliverBatch.ts';
import { type RetryDelayOptions, retryDelay, waitUnlessStopped } from './retryDelay.ts';

/** Mastodon's largest page of a timeline. */
const PAGE_LIMIT = 40;
/** Ids of statuses already handed out, kept against servers that ignore min_id. */
const RECENT_IDS = 500;
export const DEFAULT_MASTODON_POLL_MS = 30_000;

export type MastodonTimeline = { kind: 'public'; localOnly?: boolean } | { kind: 'tag'; tag: string };

export interface MastodonTimelineSourceOptions {
  /** The server, e.g. https://mastodon.social (or mastodon.social). */
  instanceUrl: string;
  timeline: MastodonTimeline;
  accessToken?: string;
  /** KOLOROB_ALLOW_PRIVATE_FETCH: servers on private or local addresses. */
  allowPrivate: boolean;
  pollIntervalMs?: number;
  pageLimit?: number;
  retry?: RetryDelayOptions;
  /** Problems the source recovers from by itself (failed polls, refused batches). */
  onError?: (error: Error) => void;
}

interface Status {
  id: string;
  uri: string;
  url?: string | null;
  created_at: string;
  content: string;
  spoiler_text?: string | null;
  language?: string | null;
  account: { acct: string; display_name?: string | null };
  tags?: { name: string }[];
  card?: { url?: string | null } | null;
  reblog?: unknown;
}

function timelinePath(timeline: MastodonTimeline): string {
  return timeline.kind === 'public'
    ? '/api/v1/timelines/public'
    : `/api/v1/timelines/tag/${encodeURIComponent(timeline.tag.replace(/^#/, ''))}`;
}

export function mastodonTimelineName(instanceUrl: string, timeline: MastodonTimeline): string {
  const host = new URL(normaliseInstanceUrl(instanceUrl)).host;
  if (timeline.kind === 'tag') return `mastodon:${host}:tag:${timeline.tag.replace(/^#/, '').toLowerCase()}`;
  return `mastodon:${host}:${timeline.localOnly ? 'local' : 'public'}`;
}

/** Links a reader can follow in the content (not mentions or hashtags), and the preview card's. */
function linksOf(status: Status): string[] {
  const links: string[] = [];
  for (const anchor of status.content.matchAll(/<a\s[^>]*>/gi)) {
    const tag = anchor[0];
    if (/\bclass="[^"]*\b(mention|hashtag)\b/i.test(tag) || /\brel="[^"]*\btag\b/i.test(tag)) continue;
    const href = /\bhref="([^"]+)"/i.exec(tag)?.[1];
    if (href && /^https?:\/\//i.test(href)) links.push(plainTextOfContent(href));
  }
  if (status.card?.url) links.push(status.card.url);
  return [...new Set(links)];
}

export function mastodonStatusEvent(status: Status, instanceHost: string): ListeningEvent {
  const { acct, display_name: displayName } = status.account;
  const body = plainTextOfContent(status.content);
  const warning = status.spoiler_text?.trim();
  const urls = linksOf(status);
  const tags = (status.tags ?? []).map((tag) => tag.name).filter((name) => name !== '');
  const language = status.language?.split('-')[0]?.toLowerCase();
  const posted = Date.parse(status.created_at);
  return {
    source: 'mastodon',
    remoteId: status.uri,
    url: status.url ?? status.uri,
    authorHandle: acct.includes('@') ? acct : `${acct}@${instanceHost}`,
    ...(displayName ? { authorName: displayName } : {}),
    text: warning ? `${warning}\n\n${body}` : body,
    ...(language ? { langs: [language] } : {}),
    ...(urls.length > 0 ? { urls } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    postedAt: Number.isNaN(posted) ? new Date().toISOString() : new Date(posted).toISOString(),
  };
}

export function mastodonTimelineSource(options: MastodonTimelineSourceOptions): ListeningSource {
  const instanceUrl = normaliseInstanceUrl(options.instanceUrl);
  const instanceHost = new URL(instanceUrl).host;
  const name = mastodonTimelineName(instanceUrl, options.timeline);
  const path = timelinePath(options.timeline);
  const pageLimit = options.pageLimit ?? PAGE_LIMIT;
  const pollMs = options.pollIntervalMs ?? DEFAULT_MASTODON_POLL_MS;
  const onError = options.onError ?? ((error: Error) => console.warn(error.message));
  let running: { abort: AbortController; loop: Promise<void> } | undefined;

  const fetchPage = async (minId: string | undefined, limit: number) => {
    const query: Record<string, string | number | undefined> = { limit, min_id: minId };
    if (options.timeline.kind === 'public' && options.timeline.localOnly) query.local = 'true';
    const { body } = await mastodonFetch<Status[]>(instanceUrl, path, {
      accessToken: options.accessToken,
      query,
    });
    if (!Array.isArray(body)) {
      throw new ConnectorError(
        'transient',
        `${instanceHost} answered ${path} with something not a timeline.`,
      );
    }
    return body;
  };

  return {
    name,
    async start(sink: ListeningSink, cursor: string | undefined) {
      if (running) throw new Error(`The listening source ${name} is already running.`);
      await checkOutboundUrl(
        instanceUrl,
        { allowPrivate: options.allowPrivate },
        'The Mastodon server address',
      );
      const abort = new AbortController();
      const { signal } = abort;
      const sinkDelay = retryDelay(options.retry);
      const pollDelay = retryDelay(options.retry);
      let newest = cursor;
      let baselineNeeded = cursor === undefined;
      const recent: string[] = [];
      const recentSet = new Set<string>();
      const remember = (id: string) => {
        recent.push(id);
        recentSet.add(id);
        if (recent.length > RECENT_IDS) recentSet.delete(recent.shift()!);
      };
      const deliver = (events: ListeningEvent[], next: string) =>
        deliverBatch(sink, { source: name, events, cursor: next }, { signal, delay: sinkDelay, onError });

      /** Reads every page after `newest`; false when the source was stopped meanwhile. */
      const poll = async (): Promise<boolean> => {
        if (baselineNeeded) {
          const [latest] = await fetchPage(undefined, 1);
          if (latest) {
            if (!(await deliver([], latest.id))) return false;
            newest = latest.id;
            remember(latest.id);
          }
          baselineNeeded = false;
          return true;
        }
        for (;;) {
          const page = await fetchPage(newest, pageLimit);
          const fresh = page.filter((status) => !recentSet.has(status.id));
          if (fresh.length === 0) return true;
          // Pages come newest first; the pipeline gets them in the order they were written.
          const oldestFirst = [...fresh].reverse();
          const events = oldestFirst
            .filter((status) => !status.reblog)
            .map((status) => mastodonStatusEvent(status, instanceHost));
          const next = fresh[0]!.id;
          if (!(await deliver(events, next))) return false;
          newest = next;
          for (const status of oldestFirst) remember(status.id);
          if (page.length < pageLimit || signal.aborted) return true;
        }
      };

      const loop = async () => {
        while (!signal.aborted) {
          let wait = pollMs;
          try {
            if (!(await poll())) return;
            pollDelay.reset();
          } catch (error) {
            const retryAfter = error instanceof ConnectorError ? error.retryAfterMs : undefined;
            wait = Math.max(retryAfter ?? 0, pollDelay.next());
            onError(
              new Error(`${name}: reading the timeline failed (${messageOf(error)}); trying again.`, {
                cause: error,
              }),
            );
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

/** One source for the public timeline and one per hashtag, as a listening setup names them. */
export function mastodonTimelineSources(
  options: Omit<MastodonTimelineSourceOptions, 'timeline'> & { publicTimeline?: boolean; tags?: string[] },
): ListeningSource[] {
  const { publicTimeline = true, tags = [], ...common } = options;
  const timelines: MastodonTimeline[] = [
    ...(publicTimeline ? [{ kind: 'public' } as const] : []),
    ...tags.map((tag) => ({ kind: 'tag', tag }) as const),
  ];
  return timelines.map((timeline) => mastodonTimelineSource({ ...common, timeline }));
}
