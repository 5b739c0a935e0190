// The API over a fresh test database, with the job queue and workers running and mail captured in memory.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApi } from '../api/app.ts';
import type { CommandContext } from '../commands/context.ts';
import { createSecretBox } from '../core/secretBox.ts';
import { type JobQueue, startJobQueue } from '../jobs/jobQueue.ts';
import { workSendMail } from '../jobs/sendMailJob.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import { openTestDatabase, type TestDatabase } from './testDatabase.ts';

export interface TestApp {
  api: FastifyInstance;
  database: TestDatabase;
  jobs: JobQueue;
  ctx: CommandContext;
  mail: MailMessage[];
  close(): Promise<void>;
}

export const PUBLIC_URL = 'http://kolorob.test';
/** The instance secret of every test app, so a test can open what the app sealed. */
export const TEST_SECRET = 'kolorob-test-secret-not-for-production';

export interface TestAppOptions {
  mailer?: Mailer;
  /** As KOLOROB_ALLOW_PRIVATE_FETCH: the local test networks live on 127.0.0.1. */
  allowPrivateFetch?: boolean;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const jobs = await startJobQueue(database, { pollingIntervalSeconds: 0.5 });
  const mail: MailMessage[] = [];
  const mailer: Mailer = options.mailer ?? {
    async send(message) {
      mail.push(message);
    },
  };
  await workSendMail(jobs, mailer);
  const ctx: CommandContext = {
    database,
    jobs,
    secretBox: createSecretBox(TEST_SECRET),
    config: { publicUrl: PUBLIC_URL, allowPrivateFetch: options.allowPrivateFetch ?? false },
  };
  const api = await buildApi({ ctx, cookieSecure: false });
  return {
    api,
    database,
    jobs,
    ctx,
    mail,
    async close() {
      await api.close();
      await jobs.stop();
      await database.close();
    },
  };
}

/** A person using the API through their own cookie jar. */
export class ApiClient {
  private cookie: string | undefined;

  constructor(
    private readonly app: TestApp,
    readonly ip = '203.0.113.1',
  ) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    extra: Partial<InjectOptions> = {},
  ) {
    const response = await this.app.api.inject({
      method,
      url,
      remoteAddress: this.ip,
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      ...extra,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(extra.headers ?? {}) },
    } as InjectOptions);
    const setCookie = response.cookies.find((c) => c.name === 'kolorob_session');
    if (setCookie) this.cookie = setCookie.value ? `kolorob_session=${setCookie.value}` : undefined;
    return response;
  }

  /** The Cookie header this person sends, for a request made outside inject (a real HTTP stream). */
  get cookieHeader(): string | undefined {
    return this.cookie;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body);
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body);
  delete = (url: string) => this.request('DELETE', url);
}

/** Waits until check returns a value, polling; fails after the timeout. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
