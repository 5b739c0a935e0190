// A small Jetstream for tests, on 127.0.0.1: a WebSocket server at /subscribe that plays a list of
// events in Jetstream's JSON shape. Like Jetstream it honours `cursor` (events at or after that
// time_us; none given means live: only events published after the connection) and `wantedCollections`
// (exact NSIDs or `prefix.*`; identity and account events always pass). It can drop connections
// abruptly after a number of events, to test reconnection.
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { JetstreamEvent } from '../listening/sources/jetstreamSource.ts';

export interface JetstreamReplayOptions {
  events?: JetstreamEvent[];
  /** Each of the first `times` connections is cut (no close frame) after sending `events` events. */
  dropAfter?: { events: number; times: number };
}

export interface JetstreamReplay {
  /** ws://127.0.0.1:<port>/subscribe */
  url: string;
  /** The query of every connection made so far. */
  connections: URLSearchParams[];
  /** Adds events to the list and sends them to every live connection that wants them. */
  publish(events: JetstreamEvent[]): void;
  /** Cuts every open connection, as a network failure would. */
  dropAll(): void;
  close(): Promise<void>;
}

function wants(event: JetstreamEvent, collections: string[]): boolean {
  if (event.kind !== 'commit' || collections.length === 0) return true;
  const collection = event.commit?.collection ?? '';
  return collections.some((wanted) =>
    wanted.endsWith('.*') ? collection.startsWith(wanted.slice(0, -1)) : collection === wanted,
  );
}

export async function startJetstreamReplay(options: JetstreamReplayOptions = {}): Promise<JetstreamReplay> {
  const events = [...(options.events ?? [])];
  const connections: URLSearchParams[] = [];
  const live = new Set<{ socket: WebSocket; send: (event: JetstreamEvent) => void }>();
  let dropsLeft = options.dropAfter?.times ?? 0;

  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/subscribe' });
  await new Promise<void>((resolve) => server.once('listening', resolve));

  server.on('connection', (socket, request) => {
    const query = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams;
    connections.push(query);
    const collections = query.getAll('wantedCollections');
    const cursor = query.get('cursor');
    const dropAfter = dropsLeft > 0 ? options.dropAfter?.events : undefined;
    if (dropAfter !== undefined) dropsLeft--;
    let sent = 0;
    const client = {
      socket,
      send(event: JetstreamEvent) {
        if (socket.readyState !== WebSocket.OPEN || !wants(event, collections)) return;
        socket.send(JSON.stringify(event));
        sent++;
        if (dropAfter !== undefined && sent >= dropAfter) {
          live.delete(client);
          socket.terminate();
        }
      },
    };
    live.add(client);
    socket.on('close', () => live.delete(client));
    if (cursor !== null) {
      const from = Number(cursor);
      for (const event of events.filter((e) => e.time_us >= from)) client.send(event);
    }
  });

  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/subscribe`,
    connections,
    publish(more) {
      events.push(...more);
      for (const client of [...live]) for (const event of more) client.send(event);
    },
    dropAll() {
      for (const client of live) client.socket.terminate();
      live.clear();
    },
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
