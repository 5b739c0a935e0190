// Turns a parsed feed (RSS 2.0, Atom, RDF or JSON Feed, as feedsmith reads them) into what a Streams
// column shows: the feed's title and site, and its entries as plain-text 'article' items, newest first,
// each once. The feed is the author of every entry: its host is the handle, its title the name.
import { createHash } from 'node:crypto';
import type { AnyFeed } from 'feedsmith';
import type { StreamAuthor, StreamItem } from '../../core/streams/streamTypes.ts';
import { cutText, FEED_TEXT_MAX_CHARS, htmlToPlainText } from './feedText.ts';

/** A feed keeps its newest entries; older ones are what the site itself is for. */
export const MAX_FEED_ITEMS = 100;
const TITLE_MAX_CHARS = 300;

export interface FeedContent {
  title: string;
  siteUrl: string;
  items: StreamItem[];
}

/** One entry, whichever format it came in. */
interface Entry {
  guid?: string;
  link?: string;
  title?: string;
  html?: string;
  plainText?: string;
  date?: string;
}

interface FeedShape {
  title?: string;
  link?: string;
  date?: string;
  entries: Entry[];
}

const first = <T>(values: (T | undefined | null)[]): T | undefined =>
  values.find((v) => v !== undefined && v !== null && v !== '') ?? undefined;

function atomLink(links: { href?: string; rel?: string }[] | undefined): string | undefined {
  const alternate = links?.find((l) => l.href && (l.rel === undefined || l.rel === 'alternate'));
  return alternate?.href;
}

function shapeOf(parsed: AnyFeed): FeedShape {
  switch (parsed.format) {
    case 'rss': {
      const feed = parsed.feed;
      return {
        title: feed.title,
        link: first([feed.link, atomLink(feed.atom?.links)]),
        date: first([feed.lastBuildDate, feed.pubDate, feed.dc?.dates?.[0]]),
        entries: (feed.items ?? []).map((item) => ({
          guid: item.guid?.value,
          link: first([item.link, item.guid?.isPermaLink !== false ? item.guid?.value : undefined]),
          title: item.title,
          html: first([item.content?.encoded, item.description]),
          date: first([item.pubDate, item.dc?.dates?.[0], item.atom?.updated]),
        })),
      };
    }
    case 'atom': {
      const feed = parsed.feed;
      return {
        title: feed.title?.value,
        link: atomLink(feed.links),
        date: feed.updated,
        entries: (feed.entries ?? []).map((entry) => ({
          guid: entry.id,
          link: atomLink(entry.links),
          title: entry.title?.value,
          html: first([entry.content?.value, entry.summary?.value]),
          date: first([entry.published, entry.updated]),
        })),
      };
    }
    case 'rdf': {
      const feed = parsed.feed;
      return {
        title: feed.title,
        link: feed.link,
        date: feed.dc?.dates?.[0],
        entries: (feed.items ?? []).map((item) => ({
          guid: item.rdf?.about,
          link: item.link,
          title: item.title,
          html: first([item.content?.encoded, item.description]),
          date: first([item.dc?.dates?.[0], item.dcterms?.modified?.[0]]),
        })),
      };
    }
    case 'json': {
      const feed = parsed.feed;
      return {
        title: feed.title,
        link: feed.home_page_url,
        entries: (feed.items ?? []).map((item) => ({
          guid: item.id,
          link: first([item.url, item.external_url]),
          title: item.title,
          html: first([item.content_html, item.summary]),
          plainText: item.content_text,
          date: first([item.date_published, item.date_modified]),
        })),
      };
    }
  }
}

/** An http(s) address, resolved against `base` when relative; anything else is dropped. */
export function webUrl(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The feed's title, site and items. `feedUrl` is where the feed was fetched from (relative links are
 * resolved against it); `fetchedAt` dates entries when neither they nor the feed carry a date.
 */
export function feedContent(parsed: AnyFeed, feedUrl: string, fetchedAt = new Date()): FeedContent {
  const shape = shapeOf(parsed);
  const host = new URL(feedUrl).host;
  const siteUrl = webUrl(shape.link, feedUrl) ?? new URL(feedUrl).origin;
  const title = cutText(htmlToPlainText(shape.title ?? '') || host, TITLE_MAX_CHARS);
  const author: StreamAuthor = { handle: host, displayName: title, url: siteUrl };
  const fallbackDate = isoDate(shape.date) ?? fetchedAt.toISOString();

  const seen = new Set<string>();
  const items: StreamItem[] = [];
  for (const entry of shape.entries) {
    const entryTitle = entry.title ? cutText(htmlToPlainText(entry.title), TITLE_MAX_CHARS) : undefined;
    const date = isoDate(entry.date);
    const id =
      first([entry.guid?.trim(), entry.link?.trim()]) ??
      `sha256:${createHash('sha256')
        .update(`${entryTitle ?? ''}\u0000${date ?? ''}`)
        .digest('hex')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const text =
      entry.html !== undefined
        ? htmlToPlainText(entry.html)
        : cutText((entry.plainText ?? '').replace(/\s+/g, ' ').trim(), FEED_TEXT_MAX_CHARS);
    items.push({
      id,
      network: 'rss',
      kind: 'article',
      url: webUrl(entry.link, feedUrl) ?? siteUrl,
      text,
      ...(entryTitle ? { title: entryTitle } : {}),
      author,
      createdAt: date ?? fallbackDate,
    });
  }
  // Newest first, as every column shows; entries with the same date keep the feed's order.
  const newestFirst = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.createdAt.localeCompare(a.item.createdAt) || a.index - b.index)
    .map(({ item }) => item);
  return { title, siteUrl, items: newestFirst.slice(0, MAX_FEED_ITEMS) };
}
