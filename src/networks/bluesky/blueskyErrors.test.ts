import { XRPCError } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import { retryAfterMs, toConnectorError } from './blueskyErrors.ts';

describe('toConnectorError', () => {
  const cases: Array<[string, unknown, ConnectorError['kind']]> = [
    [
      '401 AuthenticationRequired',
      new XRPCError(401, 'AuthenticationRequired', 'Invalid identifier or password'),
      'auth',
    ],
    ['400 ExpiredToken', new XRPCError(400, 'ExpiredToken', 'Token has expired'), 'auth'],
    ['400 InvalidToken', new XRPCError(400, 'InvalidToken', 'Token could not be verified'), 'auth'],
    ['401 AccountTakedown', new XRPCError(401, 'AccountTakedown', 'Account has been taken down'), 'auth'],
    ['403 Forbidden', new XRPCError(403, 'Forbidden'), 'auth'],
    [
      '400 InvalidRequest',
      new XRPCError(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record'),
      'rejected',
    ],
    ['413 PayloadTooLarge', new XRPCError(413, 'PayloadTooLarge'), 'rejected'],
    ['429', new XRPCError(429, 'RateLimitExceeded', 'Rate Limit Exceeded'), 'rate_limited'],
    ['500', new XRPCError(500, 'InternalServerError'), 'transient'],
    ['502', new XRPCError(502, 'UpstreamFailure'), 'transient'],
    ['no answer', new XRPCError(1, 'Unknown', 'fetch failed'), 'transient'],
    ['fetch TypeError', new TypeError('fetch failed'), 'transient'],
  ];

  it.each(cases)('maps %s', (_name, error, kind) => {
    expect(toConnectorError(error).kind).toBe(kind);
  });

  it('passes a ConnectorError through', () => {
    const error = new ConnectorError('rejected', 'too many images');
    expect(toConnectorError(error)).toBe(error);
  });

  it('keeps the server message readable', () => {
    const error = toConnectorError(new XRPCError(400, 'InvalidRequest', 'Invalid record key'));
    expect(error.message).toBe('Bluesky refused the request: Invalid record key.');
  });

  it('carries the wait from the rate-limit headers', () => {
    const now = Date.now();
    const reset = String(Math.ceil(now / 1000) + 120);
    const error = toConnectorError(
      new XRPCError(429, 'RateLimitExceeded', 'slow down', { 'ratelimit-reset': reset }),
    );
    expect(error.retryAfterMs).toBeGreaterThan(118_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(121_000);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  const cases: Array<[Record<string, string> | undefined, number | undefined]> = [
    [undefined, undefined],
    [{}, undefined],
    [{ 'retry-after': '30' }, 30_000],
    [{ 'Retry-After': '5' }, 5_000],
    [{ 'retry-after': 'Wed, 01 Jan 2025 00:01:00 GMT' }, 60_000],
    [{ 'ratelimit-reset': String(now / 1000 + 90) }, 90_000],
    [{ 'ratelimit-reset': String(now / 1000 - 10) }, 0],
    [{ 'retry-after': '2', 'ratelimit-reset': String(now / 1000 + 90) }, 2_000],
  ];

  it.each(cases)('reads %j', (headers, expected) => {
    expect(retryAfterMs(headers, now)).toBe(expected);
  });
});
