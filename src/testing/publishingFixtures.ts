// Rows the publishing tests, the drill and the benchmark start from: a person, a workspace they own,
// and Bluesky accounts stored the way Kolorob stores them (credentials sealed), plus a connectionFor
// that signs in with the real connector, and a Bluesky-shaped sink to publish to when what is measured
// is Kolorob rather than a network.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { ActorContext } from '../commands/context.ts';
import { createSecretBox, type SecretBox } from '../core/secretBox.ts';
import type { Database, Queryable } from '../db/database.ts';
import { memberships, socialAccounts, users, workspaces } from '../db/schema.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import type { AccountConnectionHandle } from '../jobs/publishTargetJob.ts';
import {
  type BlueskyCredentials,
  type BlueskySession,
  blueskyConnector,
} from '../networks/bluesky/blueskyConnector.ts';
import type { Connector } from '../networks/connector.ts';
import type { AtprotoAccount } from './atprotoNetwork.ts';

export const PUBLISHING_SECRET = 'kolorob-publishing-test-secret';

export interface PublishingWorkspace {
  userId: string;
  workspaceId: string;
}

export async function createPublishingWorkspace(
  db: Queryable,
  role: 'owner' | 'contributor' = 'owner',
): Promise<PublishingWorkspace> {
  const [user] = await db
    .insert(users)
    .values({
      email: `p${Math.random().toString(36).slice(2)}@example.test`,
      name: 'Poster',
      passwordHash: 'x',
    })
    .returning();
  const [workspace] = await db.insert(workspaces).values({ name: 'Publishing' }).returning();
  await db.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id, role });
  return { userId: user!.id, workspaceId: workspace!.id };
}

export async function addMember(
  db: Queryable,
  workspaceId: string,
  role: 'owner' | 'admin' | 'editor' | 'contributor' | 'viewer',
): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({ email: `m${Math.random().toString(36).slice(2)}@example.test`, name: role, passwordHash: 'x' })
    .returning();
  await db.insert(memberships).values({ workspaceId, userId: user!.id, role });
  return user!.id;
}

/** Stores a Bluesky account of the local network as connected to the workspace. */
export async function storeBlueskyAccount(
  db: Queryable,
  secretBox: SecretBox,
  workspaceId: string,
  pdsUrl: string,
  account: Pick<AtprotoAccount, 'did' | 'handle' | 'appPassword'> & { session?: BlueskySession },
): Promise<string> {
  const credentials: BlueskyCredentials = {
    service: pdsUrl,
    identifier: account.handle,
    appPassword: account.appPassword,
    // Connecting an account stores the session it signed in with; without one the first use signs in.
    session: account.session,
  };
  const [row] = await db
    .insert(socialAccounts)
    .values({
      workspaceId,
      network: 'bluesky',
      remoteId: account.did,
      handle: account.handle,
      displayName: account.handle,
      serviceUrl: pdsUrl,
      credentialsSealed: secretBox.seal(JSON.stringify(credentials)),
    })
    .returning({ id: socialAccounts.id });
  return row!.id;
}

/** Signs in to a stored Bluesky account with the real connector. */
export function blueskyConnectionFor(
  database: Database,
  secretBox: SecretBox,
): (accountId: string) => Promise<AccountConnectionHandle> {
  return async (accountId) => {
    const [account] = await database.db.select().from(socialAccounts).where(eq(socialAccounts.id, accountId));
    if (!account) throw new Error(`No account ${accountId}`);
    const credentials = JSON.parse(secretBox.open(account.credentialsSealed)) as BlueskyCredentials;
    return {
      connector: blueskyConnector as Connector<unknown>,
      connection: await blueskyConnector.connect(credentials),
    };
  };
}

export function actorContext(database: Database, jobs: JobQueue, actorId: string): ActorContext {
  return {
    database,
    jobs,
    secretBox: createSecretBox(PUBLISHING_SECRET),
    config: { publicUrl: 'http://kolorob.test', allowPrivateFetch: true },
    actorId,
  };
}

/** A Bluesky-shaped sink: a stand-in PDS for benchmarks and tests that count what reaches a network. */
export interface BlueskySink {
  url: string;
  /** Requests answered, by XRPC method (`com.atproto.server.createSession`, ...). */
  counts: Record<string, number>;
  /** Posts created, by `${did}/${rkey}`. */
  records: Map<string, unknown>;
  /** createRecord calls for a key already taken: a post sent twice. */
  duplicates: number;
  /** The next `times` calls of the method are answered with this error instead. */
  failNext(method: string, status: number, error: string, times?: number): void;
  close(): Promise<void>;
}

/** The DID the sink gives a handle: any handle signs in, each with its own repository. */
export function sinkDid(handle: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const digest = createHash('sha256').update(handle).digest();
  return `did:plc:${Array.from(digest.subarray(0, 24), (byte) => alphabet[byte % 32]).join('')}`;
}

// Any well-formed CID: the client checks the shape, and the sink stores no content.
const SINK_CID = 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm';

/**
 * Starts a local HTTP server answering Bluesky's createSession, refreshSession, getSession, getRecord
 * and createRecord the way a PDS does (tokens are unsigned JWTs naming the account, fresh each time),
 * keeping posts in memory. `GET /sink/stats` answers the counts, for a sink in another process.
 */
export async function startBlueskySink(): Promise<BlueskySink> {
  const records = new Map<string, unknown>();
  const counts: Record<string, number> = {};
  const handles = new Map<string, string>();
  const failures = new Map<string, { status: number; error: string; times: number }>();
  let issued = 0;
  const jwt = (did: string, scope: string) => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const iat = Math.floor(Date.now() / 1000);
    return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ scope, sub: did, iat, exp: iat + 7200, jti: ++issued })}.sig`;
  };
  const subject = (authorization: string | undefined) => {
    try {
      const payload = authorization?.replace(/^Bearer /, '').split('.')[1] ?? '';
      return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: string }).sub;
    } catch {
      return undefined;
    }
  };
  const sink: BlueskySink = {
    url: '',
    counts,
    records,
    duplicates: 0,
    failNext(method, status, error, times = 1) {
      failures.set(method, { status, error, times });
    },
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, value: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const url = new URL(req.url ?? '/', 'http://sink');
      if (url.pathname === '/sink/stats') {
        return reply(200, { counts, records: records.size, duplicates: sink.duplicates });
      }
      const method = url.pathname.replace(/^\/xrpc\//, '');
      counts[method] = (counts[method] ?? 0) + 1;
      const failure = failures.get(method);
      if (failure) {
        if (--failure.times <= 0) failures.delete(method);
        return reply(failure.status, { error: failure.error, message: `The sink refused ${method}.` });
      }
      const body =
        chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, string>) : {};
      const session = (did: string) => ({
        did,
        handle: handles.get(did) ?? 'handle.invalid',
        accessJwt: jwt(did, 'com.atproto.appPass'),
        refreshJwt: jwt(did, 'com.atproto.refresh'),
        active: true,
      });
      switch (method) {
        case 'com.atproto.server.createSession': {
          const did = sinkDid(body.identifier ?? '');
          handles.set(did, body.identifier ?? '');
          return reply(200, session(did));
        }
        case 'com.atproto.server.refreshSession':
        case 'com.atproto.server.getSession': {
          const did = subject(req.headers.authorization);
          if (!did)
            return reply(401, { error: 'AuthenticationRequired', message: 'Authentication Required' });
          if (method === 'com.atproto.server.getSession') {
            return reply(200, { did, handle: handles.get(did) ?? 'handle.invalid', active: true });
          }
          return reply(200, session(did));
        }
        case 'com.atproto.repo.getRecord': {
          const rkey = url.searchParams.get('rkey') ?? '';
          const repo = url.searchParams.get('repo') ?? '';
          const value = records.get(`${repo}/${rkey}`);
          if (!value)
            return reply(400, { error: 'RecordNotFound', message: `Could not locate record: ${rkey}` });
          return reply(200, { uri: `at://${repo}/app.bsky.feed.post/${rkey}`, cid: SINK_CID, value });
        }
        case 'com.atproto.repo.createRecord': {
          const key = `${body.repo}/${body.rkey}`;
          if (records.has(key)) {
            sink.duplicates++;
            return reply(500, { error: 'InternalServerError', message: 'Internal Server Error' });
          }
          records.set(key, body.record);
          return reply(200, { uri: `at://${body.repo}/app.bsky.feed.post/${body.rkey}`, cid: SINK_CID });
        }
        default:
          return reply(404, { error: 'MethodNotImplemented', message: `${method} is not implemented.` });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sink.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}
