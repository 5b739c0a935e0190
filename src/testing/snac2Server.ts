// Starts a real snac2 server on 127.0.0.1 for the Mastodon connector's tests: installs the binary with
// scripts/snac2/ensureSnac2.sh (once per machine), initialises a data folder in a temporary directory,
// adds the users, serves it, and connects each user through the server's own OAuth flow.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  authorizeUrl,
  exchangeCode,
  type RegisteredApp,
  registerApp,
} from '../networks/mastodon/mastodonOAuth.ts';

const run = promisify(execFile);
const ENSURE_SCRIPT = fileURLToPath(new URL('../../scripts/snac2/ensureSnac2.sh', import.meta.url));
/** Where the OAuth flow sends the person back; snac2 only puts it in its answer, nothing listens. */
export const SNAC2_REDIRECT_URI = 'http://127.0.0.1:9/kolorob/oauth/callback';

export interface Snac2User {
  name: string;
  password: string;
  accessToken: string;
}

export interface Snac2Server {
  /** e.g. http://127.0.0.1:43117 */
  instanceUrl: string;
  users: Record<string, Snac2User>;
  /** The data folder, for reading snac2's own files in a test. */
  dataDir: string;
  /** How long startSnac2 took, install check included. */
  startMs: number;
  /** Runs the login form snac2 shows on its authorize page and returns the code it redirects with. */
  login(user: string, app: RegisteredApp, state?: string): Promise<string>;
  close(): Promise<void>;
}

/** The snac binary, installed into .peers/snac2 if needed (SNAC2_BIN overrides). */
export async function ensureSnac2(): Promise<string> {
  if (process.env.SNAC2_BIN) return process.env.SNAC2_BIN;
  const { stdout } = await run('bash', [ENSURE_SCRIPT], { maxBuffer: 16 * 1024 * 1024 });
  const bin = stdout.trim().split('\n').pop();
  if (!bin) throw new Error('scripts/snac2/ensureSnac2.sh printed no binary path');
  return bin;
}

export async function startSnac2(options: { users?: string[] } = {}): Promise<Snac2Server> {
  const started = performance.now();
  const bin = await ensureSnac2();
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kolorob-snac2-'));
  const dataDir = path.join(root, 'data');
  let child: ChildProcess | undefined;
  let front: http.Server | undefined;
  try {
    // snac2 closes its connection after every answer without saying so (no `Connection: close`), so a
    // client reusing the socket now and then meets a closed one. A small proxy in front says it.
    const port = await freePort();
    front = await closingProxy(port);
    const host = `127.0.0.1:${(front.address() as net.AddressInfo).port}`;
    // snac init asks: address, port (where it listens, behind the proxy), host name (the proxy's), URL
    // prefix, admin email.
    await runWithInput(bin, ['init', dataDir], `127.0.0.1\n${port}\n${host}\n\nadmin@${host}\n`);
    // Links in its answers should use the scheme the tests actually speak.
    const serverJsonPath = path.join(dataDir, 'server.json');
    const serverJson = JSON.parse(await fs.readFile(serverJsonPath, 'utf8')) as Record<string, unknown>;
    await fs.writeFile(serverJsonPath, JSON.stringify({ ...serverJson, protocol: 'http' }, null, 2));

    const passwords: Record<string, string> = {};
    for (const name of options.users ?? ['alice', 'bob']) {
      const { stdout } = await run(bin, ['adduser', dataDir, name]);
      const password = /User password is (\S+)/.exec(stdout)?.[1];
      if (!password) throw new Error(`snac adduser ${name} printed no password: ${stdout}`);
      passwords[name] = password;
    }

    const log: string[] = [];
    child = spawn(bin, ['httpd', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.length > 200) log.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const instanceUrl = `http://${host}`;
    await waitUntilServing(instanceUrl, child, log);

    const login = async (user: string, app: RegisteredApp, state = 'kolorob-test') => {
      const password = passwords[user];
      if (!password) throw new Error(`No snac2 user ${user}`);
      // The authorize page is a form posting to /oauth/x-snac-login; post it as a person would.
      const page = await fetch(authorizeUrl(app, state));
      // Read the page to the end, so its connection goes back to the pool in a clean state.
      await page.text();
      if (!page.ok) throw new Error(`snac2 authorize page answered ${page.status}`);
      const response = await fetch(`${instanceUrl}/oauth/x-snac-login`, {
        method: 'POST',
        body: new URLSearchParams({
          login: user,
          passwd: password,
          redir: app.redirectUri,
          cid: app.clientId,
          state,
        }),
        redirect: 'manual',
      });
      const body = await response.text();
      const location = response.headers.get('location') ?? body;
      const code = new URL(location, instanceUrl).searchParams.get('code');
      if (!code) throw new Error(`snac2 login for ${user} gave no code (${response.status} ${location})`);
      return code;
    };

    const app = await registerApp(instanceUrl, SNAC2_REDIRECT_URI, { clientName: 'Kolorob tests' });
    const users: Record<string, Snac2User> = {};
    for (const [name, password] of Object.entries(passwords)) {
      const { accessToken } = await exchangeCode(app, await login(name, app));
      users[name] = { name, password, accessToken };
    }

    const server = child;
    const proxy = front;
    return {
      instanceUrl,
      users,
      dataDir,
      startMs: Math.round(performance.now() - started),
      login,
      async close() {
        await stopProcess(server);
        await new Promise((resolve) => proxy.close(resolve));
        await fs.rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child) await stopProcess(child);
    front?.close();
    await fs.rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** Forwards to snac2 on `port` and marks every answer `Connection: close`. */
async function closingProxy(port: number): Promise<http.Server> {
  const proxy = http.createServer((request, response) => {
    const upstream = http.request(
      // A new connection for every request: snac2 closes each one after answering.
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent: false,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { connection: 'close' });
      response.end(`snac2 is not answering: ${error.message}`);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return proxy;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function runWithInput(bin: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(bin, args, (error, stdout, stderr) => {
      if (error) reject(new Error(`snac ${args[0]} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
    child.stdin?.end(input);
  });
}

async function waitUntilServing(instanceUrl: string, child: ChildProcess, log: string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`snac httpd exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      const response = await fetch(`${instanceUrl}/api/v1/instance`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`snac httpd did not answer within 15 s:\n${log.join('')}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 1_000);
  await exited;
  clearTimeout(timer);
}
