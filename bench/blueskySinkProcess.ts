// The Bluesky-shaped sink (src/testing/publishingFixtures.ts) in a process of its own, so the
// publishing benchmarks measure Kolorob rather than the stand-in network: run directly, it prints its
// address and serves until stdin closes. Also the bare request loop that measures the sink's own rate.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBlueskySink } from '../src/testing/publishingFixtures.ts';

const SELF = fileURLToPath(import.meta.url);

export interface SinkStats {
  counts: Record<string, number>;
  records: number;
  duplicates: number;
}

export interface SinkProcess {
  url: string;
  pid: number;
  stats(): Promise<SinkStats>;
  stop(): Promise<void>;
}

export async function spawnBlueskySink(): Promise<SinkProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF], {
    cwd: path.resolve(path.dirname(SELF), '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = /^(http:\/\/\S+)\n/m.exec(out);
      if (line) resolve(line[1]!);
    });
    child.once('exit', (code) => reject(new Error(`The sink process exited with ${code}.`)));
  });
  return {
    url,
    pid: child.pid!,
    stats: async () => (await (await fetch(`${url}/sink/stats`)).json()) as SinkStats,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/**
 * Posts per second the sink takes from a bare loop: getRecord (not found) then createRecord, as the
 * connector sends them, `concurrency` at a time from this process.
 */
export async function sinkPairRate(url: string, pairs: number, concurrency: number): Promise<number> {
  const repo = 'did:plc:baselinebaselinebaselin';
  const prefix = `b${Date.now()}`;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pairs) {
        const rkey = `${prefix}${next++}`;
        await (
          await fetch(
            `${url}/xrpc/com.atproto.repo.getRecord?repo=${repo}&collection=app.bsky.feed.post&rkey=${rkey}`,
          )
        ).arrayBuffer();
        await (
          await fetch(`${url}/xrpc/com.atproto.repo.createRecord`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ repo, collection: 'app.bsky.feed.post', rkey, record: { text: rkey } }),
          })
        ).arrayBuffer();
      }
    }),
  );
  return pairs / ((performance.now() - started) / 1000);
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  const sink = await startBlueskySink();
  process.stdout.write(`${sink.url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void sink.close().then(() => process.exit(0));
  });
}
