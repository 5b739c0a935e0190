// Turns what the AT Protocol client throws into a ConnectorError, so the publish worker knows whether
// to reconnect the account, give up on the post, wait, or retry.
import { XRPCError } from '@atproto/api';
import { ConnectorError } from '../connector.ts';

/** Error names a PDS answers with when the session or the account itself is the problem. */
const AUTH_ERROR_NAMES = new Set([
  'AuthenticationRequired',
  'AuthMissing',
  'AuthFactorTokenRequired',
  'ExpiredToken',
  'InvalidToken',
  'AccountTakedown',
  'AccountDeactivated',
  'AccountSuspended',
]);

/**
 * How long to wait before the next request, from the headers of a 429 answer: `Retry-After` (seconds
 * or an HTTP date) or the `ratelimit-reset` epoch second the Bluesky PDS sends.
 */
export function retryAfterMs(
  headers: Record<string, string | undefined> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const header = (name: string): string | undefined => {
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
    return key === undefined ? undefined : headers[key];
  };
  const retryAfter = header('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = header('ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return (
    (error instanceof TypeError && /fetch failed|network/i.test(error.message)) ||
    (typeof code === 'string' && /^(ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EPIPE|UND_ERR)/.test(code))
  );
}

export function toConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (!(error instanceof XRPCError)) {
    if (isNetworkFailure(error)) {
      return new ConnectorError('transient', `Could not reach Bluesky: ${(error as Error).message}`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ConnectorError('transient', `Bluesky request failed: ${message}`);
  }
  const detail = error.message && error.message !== error.error ? error.message : '';
  if (AUTH_ERROR_NAMES.has(error.error) || error.status === 401 || error.status === 403) {
    return new ConnectorError(
      'auth',
      `Bluesky did not accept the account's sign-in${detail ? ` (${detail})` : ''}; reconnect the account.`,
    );
  }
  if (error.status === 429) {
    return new ConnectorError(
      'rate_limited',
      'Bluesky is limiting how often this account can post; it will be tried again later.',
      retryAfterMs(error.headers),
    );
  }
  // Status 1 is the client's code for "no answer at all" (connection refused, DNS, timeout); 2 is an
  // answer that did not match the protocol, which only a misbehaving server produces.
  if (error.status === 1 || error.status === 2 || error.status >= 500) {
    return new ConnectorError(
      'transient',
      `Bluesky is not answering properly right now${detail ? ` (${detail})` : ''}.`,
    );
  }
  return new ConnectorError(
    'rejected',
    `Bluesky refused the request: ${detail || error.error || 'invalid request'}.`,
  );
}
