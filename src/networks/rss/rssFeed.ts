// Fetches an RSS, Atom, RDF or JSON feed a person added as a Streams column, with the care a fetch of a
// user-given address needs: every address, including each redirect, is checked against private and
// local networks (unless the operator allows them), redirects are followed by hand up to a limit, the
// whole fetch has a time limit, and bodies past a size limit are refused. Validators from the last fetch
// make it a conditional request, so an unchanged feed costs one 304.
import { type AnyFeed, parseFeed } from 'feedsmith';
import { ConnectorError } from '../connector.ts';
import { checkOutboundUrl, OutboundUrlError } from '../outboundUrl.ts';
import { type FeedContent, feedContent } from './feedEntries.ts';

export const FEED_MAX_REDIRECTS = 5;
export const FEED_TIMEOUT_MS = 15_000;
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
export const FEED_USER_AGENT = 'Kolorob/0.1 (self-hosted social media suite; feed reader)';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

/** What the last successful fetch answered, sent back so an unchanged feed answers 304. */
export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

export interface FetchFeedOptions {
  /** KOLOROB_ALLOW_PRIVATE_FETCH: feeds on private or local addresses. */
  allowPrivate: boolean;
  fetchImpl?: typeof fetch;
}

export type FeedResult =
  | { notModified: true }
  | ({ notModified: false; etag?: string; lastModified?: string } & FeedContent);

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function notAFeed(address: string): ConnectorError {
  return new ConnectorError('rejected', `The address ${address} did not answer with a feed (RSS or Atom).`);
}

/** The response at the end of the redirects, each hop's address checked before it is requested. */
async function fetchFollowingRedirects(
  address: string,
  validators: FeedValidators,
  options: FetchFeedOptions,
  signal: AbortSignal,
): Promise<{ response: Response; url: URL }> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const headers: Record<string, string> = { 'user-agent': FEED_USER_AGENT, accept: ACCEPT };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

  let next = address;
  for (let hop = 0; ; hop++) {
    const url = await checkOutboundUrl(next, { allowPrivate: options.allowPrivate }, 'The feed address');
    const response = await fetchImpl(url, { headers, redirect: 'manual', signal });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || !location) return { response, url };
    await response.body?.cancel();
    if (hop >= FEED_MAX_REDIRECTS) {
      throw new ConnectorError(
        'rejected',
        `The address ${address} redirected more than ${FEED_MAX_REDIRECTS} times; use the feed's final address.`,
      );
    }
    next = new URL(location, url).href;
  }
}

/** The body, refused once it grows past the limit (whatever Content-Length claimed). */
async function readLimited(response: Response, address: string): Promise<Uint8Array> {
  const tooLarge = () =>
    new ConnectorError(
      'rejected',
      `The feed at ${address} is larger than ${FEED_MAX_BYTES / 1024 / 1024} MB, which Kolorob does not read.`,
    );
  const declared = Number(response.headers.get('content-length'));
  if (declared > FEED_MAX_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > FEED_MAX_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Decodes the body in the charset the server or the XML declaration names, UTF-8 otherwise. */
function decodeBody(body: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(body.subarray(0, 200));
  const label =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function statusError(address: string, response: Response): ConnectorError {
  const { status, statusText } = response;
  const said = `${status}${statusText ? ` (${statusText})` : ''}`;
  if (status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return new ConnectorError(
      'rate_limited',
      `The feed at ${address} asked Kolorob to fetch it less often.`,
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
    );
  }
  if (status >= 500) {
    return new ConnectorError('transient', `The feed at ${address} answered with a server error ${said}.`);
  }
  if (status === 404 || status === 410) {
    return new ConnectorError('rejected', `There is no feed at ${address} (the server answered ${said}).`);
  }
  return new ConnectorError(
    'rejected',
    `The feed at ${address} could not be read: the server answered ${said}.`,
  );
}

function unreachable(address: string, error: unknown): ConnectorError {
  const host = (() => {
    try {
      return new URL(address).host;
    } catch {
      return address;
    }
  })();
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new ConnectorError(
      'transient',
      `Could not reach ${host}: the feed did not arrive within ${FEED_TIMEOUT_MS / 1000} seconds.`,
    );
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : 'no answer');
  return new ConnectorError('transient', `Could not reach ${host}: ${reason}.`);
}

/**
 * Fetches and reads the feed at `address`. Answers `{ notModified: true }` when the validators still
 * match; throws a ConnectorError with a sentence for the person otherwise.
 */
export async function fetchFeed(
  address: string,
  validators: FeedValidators,
  options: FetchFeedOptions,
): Promise<FeedResult> {
  const signal = AbortSignal.timeout(FEED_TIMEOUT_MS);
  let response: Response;
  let finalUrl: URL;
  let body: Uint8Array;
  try {
    ({ response, url: finalUrl } = await fetchFollowingRedirects(address, validators, options, signal));
    if (response.status === 304) {
      await response.body?.cancel();
      return { notModified: true };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw statusError(address, response);
    }
    body = await readLimited(response, address);
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    if (error instanceof OutboundUrlError) throw new ConnectorError('rejected', error.message);
    throw unreachable(address, error);
  }

  let parsed: AnyFeed;
  try {
    parsed = parseFeed(decodeBody(body, response.headers.get('content-type')));
  } catch {
    throw notAFeed(address);
  }
  const content = feedContent(parsed, finalUrl.href);
  const etag = response.headers.get('etag') ?? undefined;
  const lastModified = response.headers.get('last-modified') ?? undefined;
  return {
    notModified: false,
    ...content,
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
}
