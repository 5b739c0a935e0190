// The Mastodon connector against a real snac2 server: connecting through OAuth, verifying, publishing
// text, Bengali, images with alt text and threads, not publishing twice, and a bad token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAC2_REDIRECT_URI, type Snac2Server, startSnac2 } from '../../testing/snac2Server.ts';
import { ConnectorError } from '../connector.ts';
import { createMastodonConnector, mastodonConnector } from './mastodonConnector.ts';
import { readInstanceLimits } from './mastodonInstance.ts';
import { authorizeUrl, exchangeCode, registerApp } from './mastodonOAuth.ts';
import { createMemoryPublishLog, type PublishLog } from './publishLog.ts';
import { comparableText, plainTextOfContent } from './statusText.ts';

// A 1×1 PNG.
const PIXEL = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

interface Status {
  id: string;
  content: string;
  in_reply_to_id: string | null;
  media_attachments: { description: string | null }[];
}

let snac: Snac2Server;

beforeAll(async () => {
  snac = await startSnac2({ users: ['alice', 'bob'] });
  console.info(`snac2 started in ${snac.startMs} ms at ${snac.instanceUrl}`);
});

afterAll(async () => {
  await snac?.close();
});

function credentials(user = 'alice') {
  return { instanceUrl: snac.instanceUrl, accessToken: snac.users[user]!.accessToken };
}

async function api<T>(path: string, user = 'alice'): Promise<T> {
  const response = await fetch(`${snac.instanceUrl}${path}`, {
    headers: { authorization: `Bearer ${snac.users[user]!.accessToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

async function ownStatuses(): Promise<Status[]> {
  const me = await api<{ id: string }>('/api/v1/accounts/verify_credentials');
  return api<Status[]>(`/api/v1/accounts/${me.id}/statuses`);
}

describe('Mastodon connector on snac2', () => {
  it('connects an account through the OAuth flow and verifies it', async () => {
    const app = await registerApp(snac.instanceUrl, SNAC2_REDIRECT_URI);
    const link = new URL(authorizeUrl(app, 'state-1'));
    expect(link.pathname).toBe('/oauth/authorize');
    expect(link.searchParams.get('scope')).toBe('read write');
    const code = await snac.login('bob', app, 'state-1');
    const token = await exchangeCode(app, code);
    const connection = await mastodonConnector.connect({
      instanceUrl: snac.instanceUrl,
      accessToken: token.accessToken,
    });
    const profile = await connection.verify();
    expect(profile.handle).toBe(`bob@${new URL(snac.instanceUrl).host}`);
    expect(profile.remoteId).toMatch(/\S/);
  });

  it("reads the instance's character limit from the v1 document (snac2 has no v2)", async () => {
    const limits = await readInstanceLimits(snac.instanceUrl);
    expect(limits.source).toBe('v1');
    expect(limits.maxCharacters).toBeGreaterThanOrEqual(500);
  });

  it('publishes plain text and reads it back', async () => {
    const connection = await mastodonConnector.connect(credentials());
    const text = `Plain text from Kolorob ${Date.now()}`;
    const post = await connection.publish({ text, publishKey: mastodonConnector.newPublishKey() });
    expect(post.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/alice\/p\//);
    const status = await api<Status>(`/api/v1/statuses/${post.id}`);
    expect(plainTextOfContent(status.content)).toBe(text);
  });

  it('keeps Bengali conjuncts and emoji identical', async () => {
    const connection = await mastodonConnector.connect(credentials());
    const text = 'পরীক্ষা: ক্ষমা, স্ত্রী, জ্ঞান — শুভ নববর্ষ 🎉🇧🇩 👩🏽‍💻';
    const post = await connection.publish({ text, publishKey: mastodonConnector.newPublishKey() });
    const status = await api<Status>(`/api/v1/statuses/${post.id}`);
    const readBack = plainTextOfContent(status.content);
    expect(readBack).toBe(text);
    expect(readBack).toContain('ক্ষ');
    expect(readBack).toContain('স্ত্র');
    expect(readBack).toContain('জ্ঞ');
  });

  it('publishes an image with its alt text', async () => {
    const connection = await mastodonConnector.connect(credentials());
    const alt = 'একটি লাল বিন্দু — a red dot';
    const post = await connection.publish({
      text: 'An image',
      images: [{ data: PIXEL, mimeType: 'image/png', alt }],
      publishKey: mastodonConnector.newPublishKey(),
    });
    const status = await api<Status>(`/api/v1/statuses/${post.id}`);
    expect(status.media_attachments).toHaveLength(1);
    expect(status.media_attachments[0]?.description).toBe(alt);
  });

  it('publishes a two-post thread', async () => {
    const connection = await mastodonConnector.connect(credentials());
    const first = await connection.publish({
      text: 'Thread 1/2',
      publishKey: mastodonConnector.newPublishKey(),
    });
    const second = await connection.publish({
      text: 'Thread 2/2',
      replyTo: { parent: first, root: first },
      publishKey: mastodonConnector.newPublishKey(),
    });
    const reply = await api<Status>(`/api/v1/statuses/${second.id}`);
    expect(reply.in_reply_to_id).toBe(first.id);
  });

  it('ignores the Idempotency-Key header (so the connector must look for the status itself)', async () => {
    const key = mastodonConnector.newPublishKey();
    const text = `Raw idempotency probe ${key}`;
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${snac.instanceUrl}/api/v1/statuses`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${snac.users.bob!.accessToken}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({ status: text }),
      });
      expect(response.status).toBe(200);
    }
    const me = await api<{ id: string }>('/api/v1/accounts/verify_credentials', 'bob');
    const mine = await api<Status[]>(`/api/v1/accounts/${me.id}/statuses`, 'bob');
    expect(mine.filter((status) => plainTextOfContent(status.content) === text)).toHaveLength(2);
  });

  it('publishes once when the same publishKey is sent twice', async () => {
    const connection = await mastodonConnector.connect(credentials());
    const publishKey = mastodonConnector.newPublishKey();
    const text = `Only once ${publishKey}`;
    const first = await connection.publish({ text, publishKey });
    const again = await connection.publish({ text, publishKey });
    expect(again.id).toBe(first.id);
    expect(await connection.findPublished(publishKey)).toEqual(first);
    const matching = (await ownStatuses()).filter((status) => plainTextOfContent(status.content) === text);
    expect(matching).toHaveLength(1);
  });

  it('finds a status whose answer was lost, instead of posting it again', async () => {
    // The process "crashes" after the server created the status but before the id was recorded:
    // the log keeps the attempt and drops the id, as a database would after a rollback.
    const durable = createMemoryPublishLog();
    const forgetful: PublishLog = {
      ...durable,
      async put(key, attempt) {
        if (attempt.statusId) return;
        await durable.put(key, attempt);
      },
    };
    const beforeCrash = await createMastodonConnector({ publishLog: forgetful }).connect(credentials());
    const publishKey = mastodonConnector.newPublishKey();
    const text = `Lost answer, @bob and #kolorob\n\nশেষ লাইন ${publishKey}`;
    const published = await beforeCrash.publish({ text, publishKey });

    const afterCrash = await createMastodonConnector({ publishLog: durable }).connect(credentials());
    expect(await afterCrash.findPublished(publishKey)).toEqual(published);
    expect(await afterCrash.publish({ text, publishKey })).toEqual(published);
    const matching = (await ownStatuses()).filter(
      (status) => comparableText(plainTextOfContent(status.content)) === comparableText(text),
    );
    expect(matching).toHaveLength(1);
  });

  it('knows nothing of a key it never published under', async () => {
    const connection = await mastodonConnector.connect(credentials());
    expect(await connection.findPublished(mastodonConnector.newPublishKey())).toBeUndefined();
  });

  it('says plainly that this server cannot delete through the API', async () => {
    const connection = await mastodonConnector.connect(credentials());
    const post = await connection.publish({
      text: 'Cannot be deleted here',
      publishKey: mastodonConnector.newPublishKey(),
    });
    const failure = await connection.delete(post).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).kind).toBe('rejected');
    expect((failure as ConnectorError).message).toMatch(/may not support deleting/);
    await api<Status>(`/api/v1/statuses/${post.id}`);
  });

  it("reports a bad token as 'auth', on verify and on publish", async () => {
    const connection = await mastodonConnector.connect({
      instanceUrl: snac.instanceUrl,
      accessToken: 'not-a-token',
    });
    await expect(connection.verify()).rejects.toMatchObject({ name: 'ConnectorError', kind: 'auth' });
    await expect(
      connection.publish({ text: 'Never', publishKey: mastodonConnector.newPublishKey() }),
    ).rejects.toMatchObject({ name: 'ConnectorError', kind: 'auth' });
  });
});
