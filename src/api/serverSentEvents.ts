// Server-Sent Events for a route plugin: takes over the reply, sends the stream's headers, a comment
// every 20 s so proxies keep it open, ends it after the asked timeout (browsers reconnect by
// themselves) and when the server closes, and runs the route's clean-up exactly once when it ends.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';

const HEARTBEAT_MS = 20_000;

export interface EventStream {
  send(event: string, data: unknown): void;
  /** Runs when the stream ends, however it ends. */
  onClose(cleanUp: () => void): void;
}

/** Opens event streams for one plugin; all of them are ended when the server closes. */
export function eventStreams(
  app: FastifyInstance,
): (reply: FastifyReply, timeoutSeconds: number) => EventStream {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });
  return (reply, timeoutSeconds) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n: connected\n\n');
    open.add(raw);
    const cleanUps: (() => void)[] = [];
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    const expiry = setTimeout(() => raw.end(), timeoutSeconds * 1000);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      open.delete(raw);
      clearTimeout(expiry);
      clearInterval(heartbeat);
      for (const cleanUp of cleanUps) cleanUp();
    };
    raw.on('close', end);
    raw.on('error', end);
    return {
      send: (event, data) => {
        if (!ended) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      onClose: (cleanUp) => {
        if (ended) cleanUp();
        else cleanUps.push(cleanUp);
      },
    };
  };
}
