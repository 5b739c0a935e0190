// Talks HTTP to one Mastodon-API server and turns every failure into a ConnectorError a person can act
// on. Plain fetch rather than a client library, because publishing needs exact control of headers
// (Idempotency-Key) and servers that answer errors as HTML (snac2) still need readable messages.
import { ConnectorError } from '../connector.ts';

const REQUEST_TIMEOUT_MS = 30_000;
/** When a 429 names no time at all, wait this long rather than hammering the server. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

export interface MastodonRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Bearer token of the account; omitted for public endpoints. */
  accessToken?: string;
  /** Sent as JSON, or as multipart when it is FormData. */
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
}

export interface MastodonResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** A ConnectorError that still knows the HTTP status, for callers that tell a 404 from other refusals. */
export class MastodonHttpError extends ConnectorError {
  constructor(
    kind: ConnectorError['kind'],
    message: string,
    readonly httpStatus: number,
    retryAfterMs?: number,
  ) {
    super(kind, message, retryAfterMs);
  }
}

/** True for a refusal with one of these HTTP statuses. */
export function isHttpStatus(error: unknown, ...statuses: number[]): error is MastodonHttpError {
  return error instanceof MastodonHttpError && statuses.includes(error.httpStatus);
}

/** The server's origin with no trailing slash, e.g. `https://mastodon.social`. */
export function normaliseInstanceUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConnectorError('rejected', `"${input}" is not a server address; try e.g. mastodon.social`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectorError('rejected', `"${input}" is not an http(s) server address`);
  }
  return url.origin;
}

export async function mastodonFetch<T>(
  instanceUrl: string,
  path: string,
  request: MastodonRequest = {},
): Promise<MastodonResponse<T>> {
  const method = request.method ?? 'GET';
  const url = new URL(path, `${instanceUrl}/`);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.accessToken) headers.authorization = `Bearer ${request.accessToken}`;
  let body: BodyInit | undefined;
  if (request.body instanceof FormData) {
    body = request.body;
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }

  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error ? (describeCause(error) ?? error.message) : String(error);
    throw new ConnectorError('transient', `Could not reach ${url.host}: ${reason}`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw errorFromResponse(
      response.status,
      response.statusText,
      text,
      response.headers,
      `${method} ${url.pathname}`,
    );
  }
  let parsed: unknown = text;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConnectorError(
        'transient',
        `${url.host} answered ${method} ${url.pathname} with something that is not JSON: ${readableText(text)}`,
      );
    }
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/**
 * Maps an HTTP failure to a kind the publish worker can act on: the credential (auth), the content
 * (rejected), the server's patience (rate_limited) or a passing problem (transient).
 */
export function errorFromResponse(
  status: number,
  statusText: string,
  body: string,
  headers: Headers,
  what: string,
  now: number = Date.now(),
): MastodonHttpError {
  const said = serverMessage(body) || statusText || `HTTP ${status}`;
  if (status === 401 || status === 403) {
    return new MastodonHttpError(
      'auth',
      `The server refused the account's access token (${status}: ${said}); reconnect the account`,
      status,
    );
  }
  if (status === 429) {
    const wait = retryAfterMs(headers, now) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    return new MastodonHttpError(
      'rate_limited',
      `Too many requests to the server; retry in ${Math.ceil(wait / 1000)} s`,
      status,
      wait,
    );
  }
  if (status === 408 || status >= 500) {
    return new MastodonHttpError(
      'transient',
      `The server failed on ${what} (${status}: ${said}); it will be retried`,
      status,
    );
  }
  return new MastodonHttpError('rejected', `The server refused ${what} (${status}): ${said}`, status);
}

/** Retry-After (seconds or an HTTP date) first, then Mastodon's X-RateLimit-Reset (an ISO time). */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim()) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset) {
    const at = Date.parse(reset);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return undefined;
}

/** Mastodon's `{error, error_description}` JSON, or the words of an HTML error page. */
export function serverMessage(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) return '';
  try {
    const json = JSON.parse(trimmed) as { error?: unknown; error_description?: unknown };
    const parts = [json.error, json.error_description].filter((part) => typeof part === 'string' && part);
    if (parts.length > 0) return parts.join(': ');
  } catch {
    // Not JSON: an HTML or plain-text error page.
  }
  return readableText(trimmed);
}

function readableText(text: string): string {
  const words = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words.length > 300 ? `${words.slice(0, 300)}…` : words;
}

function describeCause(error: Error): string | undefined {
  if (error.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message;
}
