// Keeps one WebSocket subscription open for a streaming source (Jetstream, the firehose): connects to
// the address the source gives at that moment (so a reconnect carries the latest cursor), passes each
// message on, and when the connection closes or fails, reconnects after a growing wait. A ping every
// half minute finds connections that died without a close. While the source is busy storing, reading
// is paused, so the server's sending is held back by TCP rather than by memory in this process.
import WebSocket from 'ws';
import { messageOf } from './deliverBatch.ts';
import { type RetryDelay, waitUnlessStopped } from './retryDelay.ts';

const PING_INTERVAL_MS = 30_000;
const CLOSE_TIMEOUT_MS = 2_000;

export interface SocketSubscriptionOptions {
  /** What the source calls itself in messages. */
  name: string;
  /** The address to connect to, asked again before every connection. */
  url: () => string;
  onMessage: (data: Buffer, isBinary: boolean) => void;
  onError: (error: Error) => void;
  delay: RetryDelay;
  signal: AbortSignal;
}

export interface SocketSubscription {
  /** Pauses (true) or resumes (false) reading from the socket. */
  setPaused(paused: boolean): void;
  /** Closes the socket; resolves when it is closed and no reconnect is pending. */
  closed(): Promise<void>;
}

export function socketSubscription(options: SocketSubscriptionOptions): SocketSubscription {
  const { signal } = options;
  let socket: WebSocket | undefined;
  let paused = false;

  const connectOnce = (): Promise<void> =>
    new Promise((resolve) => {
      const url = options.url();
      const ws = new WebSocket(url);
      socket = ws;
      let alive = true;
      let heard = false;
      const ping = setInterval(() => {
        // A paused socket reads no pongs either; judge it only while reading.
        if (paused) return;
        if (!alive) {
          options.onError(new Error(`${options.name}: the connection stopped answering; reconnecting.`));
          ws.terminate();
          return;
        }
        alive = false;
        ws.ping();
      }, PING_INTERVAL_MS);
      let errored = false;
      const stop = () => {
        // A paused socket would not read the server's answer to a close; end it at once.
        if (ws.readyState === WebSocket.OPEN && !paused) {
          ws.close(1000);
          setTimeout(() => ws.terminate(), CLOSE_TIMEOUT_MS).unref();
        } else if (ws.readyState !== WebSocket.CLOSED) {
          ws.terminate();
        }
      };
      signal.addEventListener('abort', stop, { once: true });

      ws.on('open', () => {
        if (paused) ws.pause();
      });
      ws.on('pong', () => {
        alive = true;
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        alive = true;
        if (!heard) {
          heard = true;
          options.delay.reset();
        }
        if (!signal.aborted) options.onMessage(data, isBinary);
      });
      ws.on('error', (error) => {
        if (!signal.aborted) {
          errored = true;
          options.onError(new Error(`${options.name}: ${messageOf(error)}`, { cause: error }));
        }
      });
      ws.on('close', (code) => {
        clearInterval(ping);
        signal.removeEventListener('abort', stop);
        if (socket === ws) socket = undefined;
        if (!signal.aborted && !errored) {
          const what =
            code === 1006 ? 'the connection was lost' : `the server closed the connection (code ${code})`;
          options.onError(new Error(`${options.name}: ${what}; reconnecting.`));
        }
        resolve();
      });
    });

  const run = async () => {
    while (!signal.aborted) {
      await connectOnce();
      if (signal.aborted) break;
      await waitUnlessStopped(options.delay.next(), signal);
    }
  };
  const running = run();

  return {
    setPaused(value) {
      paused = value;
      if (socket?.readyState !== WebSocket.OPEN) return;
      if (value) socket.pause();
      else socket.resume();
    },
    closed() {
      return running;
    },
  };
}
