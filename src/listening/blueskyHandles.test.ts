// Resolves DIDs and handles against the AppView of a local AT Protocol network.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../core/listening/queryParser.ts';
import { listeningQueries, workspaces } from '../db/schema.ts';
import { type AtprotoAccount, type AtprotoNetwork, startAtprotoNetwork } from '../testing/atprotoNetwork.ts';
import { openTestDatabase } from '../testing/testDatabase.ts';
import { blueskyHandles } from './blueskyHandles.ts';
import { createListeningSink } from './pipeline.ts';
import { createQueryRegistry } from './queryRegistry.ts';
import { blueskyPostEvent } from './sources/blueskyPostEvent.ts';

describe('Bluesky handles from an AppView', () => {
  let network: AtprotoNetwork;
  let rina: AtprotoAccount;
  let tomal: AtprotoAccount;

  beforeAll(async () => {
    network = await startAtprotoNetwork();
    rina = await network.createAccount('rina');
    tomal = await network.createAccount('tomal');
    const agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: rina.handle, password: rina.password });
    await agent.upsertProfile((profile) => ({ ...profile, displayName: 'রিনা Akter' }));
    await network.processAll();
  }, 180_000);

  afterAll(async () => {
    await network?.close();
  });

  it('turns DIDs into handles and display names, leaving out what the AppView does not know', async () => {
    const handles = blueskyHandles({ appViewUrl: network.appViewUrl });
    const profiles = await handles.profilesOf([rina.did, tomal.did, 'did:plc:nobodyhereatall', 'not a did']);
    expect(profiles).toEqual(
      new Map([
        [rina.did, { handle: rina.handle, displayName: 'রিনা Akter' }],
        [tomal.did, { handle: tomal.handle }],
      ]),
    );
  });

  it('turns handles into DIDs, with or without @, in any case', async () => {
    const handles = blueskyHandles({ appViewUrl: network.appViewUrl });
    await expect(handles.didOf('@Rina.test')).resolves.toBe(rina.did);
    await expect(handles.didOf(tomal.handle)).resolves.toBe(tomal.did);
    await expect(handles.didOf('nobody.test')).resolves.toBe(null);
    await expect(handles.didOf('not a handle')).resolves.toBe(null);
  });

  it('stores mentions from the stream under the author’s handle and name, and matches author: by DID', async () => {
    const database = await openTestDatabase();
    const registry = createQueryRegistry(database, {
      checkEveryMs: 0,
      blueskyHandles: blueskyHandles({ appViewUrl: network.appViewUrl }),
    });
    try {
      const [desk] = await database.db.insert(workspaces).values({ name: 'Tea Desk' }).returning();
      await database.db.insert(listeningQueries).values([
        {
          workspaceId: desk!.id,
          name: 'Rina',
          query: 'tea author:@rina.test',
          tree: parseQuery('tea author:@rina.test'),
        },
        { workspaceId: desk!.id, name: 'Tea', query: 'tea', tree: parseQuery('tea') },
      ]);
      const sink = createListeningSink({ database }, registry, {
        blueskyHandles: blueskyHandles({ appViewUrl: network.appViewUrl }),
      });
      // As Jetstream and the firehose deliver them: the author is a DID.
      const post = (did: string, rkey: string) =>
        blueskyPostEvent({
          did,
          rkey,
          record: {
            $type: 'app.bsky.feed.post',
            text: 'Sylhet tea at dawn',
            createdAt: new Date().toISOString(),
          },
          seenAt: new Date(),
        })!;
      await sink({
        source: 'jetstream',
        cursor: '1',
        events: [
          post(rina.did, '3kaaaaaaaaaa2'),
          post(tomal.did, '3kaaaaaaaaaa3'),
          post('did:plc:unknownposter', '3kaaaaaaaaaa4'),
        ],
      });
      const { rows } = await database.executor.executeSql(
        `SELECT m.author_handle, m.author_name, array_length(m.query_ids, 1) AS queries
         FROM listening_mentions m ORDER BY m.id`,
      );
      expect(rows).toEqual([
        { author_handle: rina.handle, author_name: 'রিনা Akter', queries: 2 },
        { author_handle: tomal.handle, author_name: '', queries: 1 },
        // Nobody knows this DID: the mention is kept under it.
        { author_handle: 'did:plc:unknownposter', author_name: '', queries: 1 },
      ]);
    } finally {
      registry.close();
      await database.close();
    }
  });

  it('keeps answers, and leaves a failing AppView alone for a while', async () => {
    let requests = 0;
    let failing = true;
    const server = createServer((request, response) => {
      requests++;
      if (failing) {
        response.writeHead(502).end();
        return;
      }
      const url = new URL(request.url!, 'http://localhost');
      const actors = url.searchParams.getAll('actors');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ profiles: actors.map((did) => ({ did, handle: `${did.slice(8)}.test` })) }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    let clock = 1_000_000;
    const errors: string[] = [];
    const handles = blueskyHandles({
      appViewUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      now: () => clock,
      onError: (error) => errors.push(error.message),
    });
    try {
      await expect(handles.profilesOf(['did:plc:aaa'])).resolves.toEqual(new Map());
      expect(errors).toEqual([expect.stringContaining('answered 502')]);
      await expect(handles.profilesOf(['did:plc:aaa'])).resolves.toEqual(new Map());
      expect(requests).toBe(1);

      failing = false;
      clock += 61_000;
      // 30 DIDs take two requests of at most 25.
      const dids = Array.from({ length: 30 }, (_, n) => `did:plc:${String(n).padStart(3, 'a')}`);
      const profiles = await handles.profilesOf(dids);
      expect(profiles.size).toBe(30);
      expect(profiles.get('did:plc:aa0')).toEqual({ handle: 'aa0.test' });
      expect(requests).toBe(3);
      await handles.profilesOf(dids);
      expect(requests).toBe(3);
      clock += 61 * 60_000;
      await handles.profilesOf(['did:plc:aaa']);
      expect(requests).toBe(4);
    } finally {
      server.close();
    }
  });
});
