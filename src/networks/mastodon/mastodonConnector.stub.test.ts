// The Mastodon connector against a stand-in that follows the Mastodon API documentation, for what
// snac2 does not offer: deleting, the v2 instance document, Idempotency-Key replays, asynchronous
// media, JSON errors and rate limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import { type MastodonApiStub, startMastodonApiStub } from './mastodonApiStub.test-server.ts';
import { createMastodonConnector } from './mastodonConnector.ts';
import { instanceTextRule, readInstanceLimits } from './mastodonInstance.ts';
import { plainTextOfContent } from './statusText.ts';

const PIXEL = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

let stub: MastodonApiStub;
const connector = createMastodonConnector();

beforeAll(async () => {
  stub = await startMastodonApiStub();
});

afterAll(async () => {
  await stub?.close();
});

beforeEach(() => {
  stub.mediaProcessingPolls = 0;
  stub.v2Instance = true;
});

function connect() {
  return connector.connect({ instanceUrl: stub.instanceUrl, accessToken: stub.accessToken });
}

async function failureOf(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('Mastodon connector on a documented Mastodon API', () => {
  it('reads the character limit from /api/v2/instance, else v1, else 500', async () => {
    expect(await readInstanceLimits(stub.instanceUrl)).toEqual({
      maxCharacters: 5000,
      maxMediaAttachments: 4,
      source: 'v2',
    });
    stub.v2Instance = false;
    expect(await readInstanceLimits(stub.instanceUrl)).toEqual({ maxCharacters: 1000, source: 'v1' });
    stub.answerNext('GET /api/v2/instance', { status: 404, body: { error: 'Record not found' } });
    stub.answerNext('GET /api/v1/instance', { status: 404, body: { error: 'Record not found' } });
    expect(await readInstanceLimits(stub.instanceUrl)).toEqual({ maxCharacters: 500, source: 'default' });
    stub.v2Instance = true;
    const rule = await instanceTextRule(stub.instanceUrl);
    expect(rule.limit).toBe(5000);
    expect(rule.count('ক্ষমা https://example.com/a-long-path').used).toBe(2 + 1 + 23);
  });

  it('deletes a status', async () => {
    const connection = await connect();
    const post = await connection.publish({ text: 'To be deleted', publishKey: connector.newPublishKey() });
    expect(stub.statuses.has(post.id)).toBe(true);
    await connection.delete(post);
    expect(stub.statuses.has(post.id)).toBe(false);
    // Deleting what is already gone succeeds, so a retried delete does not fail.
    await connection.delete(post);
    expect(await connection.findPublished('unknown-key')).toBeUndefined();
  });

  it('sends the publish key as Idempotency-Key, so a lost answer is replayed, not posted again', async () => {
    const connection = await connect();
    const publishKey = connector.newPublishKey();
    const text = `Replayed ${publishKey}`;
    stub.loseNextCreateAnswer();
    const lost = await failureOf(connection.publish({ text, publishKey }));
    expect(lost.kind).toBe('transient');
    const post = await connection.publish({ text, publishKey });
    const withText = [...stub.statuses.values()].filter((status) => status.text === text);
    expect(withText.map((status) => status.id)).toEqual([post.id]);
    expect(await connection.findPublished(publishKey)).toEqual(post);
  });

  it('waits for an image the server is still processing, then attaches it with its alt text', async () => {
    stub.mediaProcessingPolls = 1;
    const connection = await connect();
    const post = await connection.publish({
      text: 'Processed image',
      images: [{ data: PIXEL, mimeType: 'image/png', alt: 'ছবির বর্ণনা' }],
      publishKey: connector.newPublishKey(),
    });
    const status = stub.statuses.get(post.id)!;
    expect(status.media_attachments.map((media) => media.description)).toEqual(['ছবির বর্ণনা']);
    expect(plainTextOfContent(status.content)).toBe('Processed image');
  });

  it("maps 422 to 'rejected' with the server's message", async () => {
    const connection = await connect();
    const failure = await failureOf(
      connection.publish({ text: '   ', publishKey: connector.newPublishKey() }),
    );
    expect(failure.kind).toBe('rejected');
    expect(failure.message).toContain("Validation failed: Text can't be blank");
  });

  it("maps 429 to 'rate_limited', honouring Retry-After", async () => {
    const connection = await connect();
    stub.answerNext('POST /api/v1/statuses', {
      status: 429,
      body: { error: 'Too many requests' },
      headers: { 'retry-after': '42' },
    });
    const failure = await failureOf(
      connection.publish({ text: 'Slow down', publishKey: connector.newPublishKey() }),
    );
    expect(failure.kind).toBe('rate_limited');
    expect(failure.retryAfterMs).toBe(42_000);
  });

  it("maps 429 to 'rate_limited', honouring Mastodon's X-RateLimit-Reset", async () => {
    const connection = await connect();
    const reset = new Date(Date.now() + 90_000).toISOString();
    stub.answerNext('POST /api/v1/statuses', {
      status: 429,
      body: { error: 'Too many requests' },
      headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    const failure = await failureOf(
      connection.publish({ text: 'Slow down', publishKey: connector.newPublishKey() }),
    );
    expect(failure.kind).toBe('rate_limited');
    expect(failure.retryAfterMs).toBeGreaterThan(80_000);
    expect(failure.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it("maps 5xx and unreachable servers to 'transient'", async () => {
    const connection = await connect();
    stub.answerNext('POST /api/v1/statuses', { status: 503, body: { error: 'Service Unavailable' } });
    const failure = await failureOf(
      connection.publish({ text: 'Later', publishKey: connector.newPublishKey() }),
    );
    expect(failure.kind).toBe('transient');
    expect(failure.message).toContain('Service Unavailable');

    const nowhere = await connector.connect({ instanceUrl: 'http://127.0.0.1:9', accessToken: 'x' });
    expect((await failureOf(nowhere.verify())).kind).toBe('transient');
  });

  it("maps 401 and 403 to 'auth'", async () => {
    const stranger = await connector.connect({ instanceUrl: stub.instanceUrl, accessToken: 'revoked' });
    const failure = await failureOf(stranger.verify());
    expect(failure.kind).toBe('auth');
    expect(failure.message).toContain('The access token is invalid');

    const connection = await connect();
    stub.answerNext('POST /api/v1/statuses', {
      status: 403,
      body: { error: 'This action is outside the authorized scopes' },
    });
    const scoped = await failureOf(
      connection.publish({ text: 'Scope', publishKey: connector.newPublishKey() }),
    );
    expect(scoped.kind).toBe('auth');
  });

  it('turns an HTML error page into a readable message', async () => {
    const connection = await connect();
    stub.answerNext('POST /api/v1/statuses', {
      status: 502,
      body: '<html><head><style>h1 { color: red }</style></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>',
      headers: { 'content-type': 'text/html' },
    });
    const failure = await failureOf(
      connection.publish({ text: 'HTML', publishKey: connector.newPublishKey() }),
    );
    expect(failure.kind).toBe('transient');
    expect(failure.message).toContain('502 Bad Gateway nginx');
    expect(failure.message).not.toMatch(/[<>{}]/);
  });
});
