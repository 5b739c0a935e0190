// The import routes over HTTP: the dry run's answer, the import's 201 and its 422 with the problems by
// row, body validation, and sign-in. The routes are mounted on a Fastify of their own over the test
// app's database and sessions, the way buildApi mounts them.
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestApp, type TestApp } from '../../testing/testApp.ts';
import { installErrorHandler } from '../errorHandler.ts';
import { installSessions } from '../session.ts';
import { importRoutes } from './routes.ts';

let app: TestApp;
let imports: FastifyInstance;
let owner: ApiClient;
let cookie: string;
let ws: string;
let accountId: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Rafiq Hasan',
    email: 'rafiq@example.com',
    password: 'correct horse battery',
    workspaceName: 'Jamuna Desk',
  });
  expect(setup.statusCode).toBe(201);
  ws = setup.json().workspaces[0].id;
  cookie = `kolorob_session=${setup.cookies.find((c) => c.name === 'kolorob_session')!.value}`;
  const [account] = (
    await app.database.executor.executeSql(
      `INSERT INTO social_accounts (workspace_id, network, remote_id, handle, display_name, service_url, credentials_sealed)
       VALUES ($1, 'bluesky', 'did:plc:rafiq', 'rafiq.test', 'Rafiq', 'https://pds.example', $2) RETURNING id`,
      [ws, app.ctx.secretBox.seal('{}')],
    )
  ).rows;
  accountId = account.id;

  imports = Fastify({ bodyLimit: 256 * 1024 }).withTypeProvider<ZodTypeProvider>();
  imports.setValidatorCompiler(validatorCompiler);
  imports.setSerializerCompiler(serializerCompiler);
  installErrorHandler(imports);
  await imports.register(fastifyCookie);
  installSessions(imports, app.database.db);
  await imports.register(importRoutes({ ctx: app.ctx, cookieSecure: false }));
  await imports.ready();
});
afterAll(async () => {
  await imports?.close();
  await app?.close();
});

function send(url: string, body: unknown, signedIn = true) {
  const options: InjectOptions = {
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(signedIn ? { cookie } : {}) },
  };
  return imports.inject(options);
}

const body = (csv: string) => ({ csv, timeZone: 'Asia/Dhaka', dateFormat: 'DMY', accountIds: [accountId] });

describe('import routes', () => {
  it('answers the dry run with every row, its time as ISO 8601 and its problems', async () => {
    const response = await send(
      `/api/workspaces/${ws}/imports/dry-run`,
      body('date,message\n01/12/2099 09:30,Shubho sokal\n01/01/2020 09:30,Too late'),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      hasHeader: true,
      ignoredColumns: [],
      problems: [],
      rows: [
        {
          row: 2,
          scheduledAt: '2099-12-01T03:30:00.000Z',
          text: 'Shubho sokal',
          accounts: [{ id: accountId, handle: 'rafiq.test', network: 'bluesky' }],
          imageUrl: null,
          imageAlt: '',
          problems: [],
        },
        {
          row: 3,
          scheduledAt: '2020-01-01T03:30:00.000Z',
          text: 'Too late',
          accounts: [{ id: accountId, handle: 'rafiq.test', network: 'bluesky' }],
          imageUrl: null,
          imageAlt: '',
          problems: [
            {
              code: 'in_past',
              message: '01/01/2020 09:30 has already passed.',
              params: { value: '01/01/2020 09:30' },
            },
          ],
        },
      ],
      summary: { rows: 2, rowsWithProblems: 1, posts: 1, targets: 1 },
    });
  });

  it('imports with 201 and the posts appear in the planner’s list; a file with a problem gets 422', async () => {
    const refused = await send(
      `/api/workspaces/${ws}/imports`,
      body('01/12/2099 10:00,Good\n01/12/2099 10:05,Bad,,@nobody.test'),
    );
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toEqual({
      error: 'import_has_problems',
      message:
        'Nothing was imported. 1 of 2 rows has problems. Row 2: @nobody.test is not an account connected to this workspace.',
      fields: { 'rows.2': '@nobody.test is not an account connected to this workspace.' },
    });

    const response = await send(
      `/api/workspaces/${ws}/imports`,
      body('01/12/2099 10:00,Good\n01/12/2099 10:05,Also good,,@rafiq.test'),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      posts: 2,
      targets: 2,
      status: 'scheduled',
      firstAt: '2099-12-01T04:00:00.000Z',
      lastAt: '2099-12-01T04:05:00.000Z',
    });
    const listed = await owner.get(
      `/api/workspaces/${ws}/posts?from=2099-12-01T00:00:00Z&to=2099-12-02T00:00:00Z`,
    );
    expect(listed.json().posts.map((p: { text: string }) => p.text)).toEqual(['Good', 'Also good']);
  });

  it('validates the body, naming the field', async () => {
    const cases: [object, string][] = [
      [{ ...body('x'), csv: undefined }, 'csv'],
      [{ ...body('x'), csv: 'a\u0000b' }, 'csv'],
      [{ ...body('x'), timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...body('x'), dateFormat: 'DDMMYYYY' }, 'dateFormat'],
      [{ ...body('x'), accountIds: ['x'] }, 'accountIds'],
      [{ ...body('x'), hasHeader: 'yes' }, 'hasHeader'],
      [{ ...body('x'), bogus: 1 }, 'bogus'],
    ];
    for (const [payload, field] of cases) {
      const response = await send(`/api/workspaces/${ws}/imports/dry-run`, payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().fields).toHaveProperty([field]);
    }
  });

  it('asks a visitor to sign in, and answers 404 for a workspace that is not theirs', async () => {
    const visitor = await send(`/api/workspaces/${ws}/imports/dry-run`, body('01/12/2099 10:00,Hi'), false);
    expect(visitor.statusCode).toBe(401);
    const elsewhere = await send(
      '/api/workspaces/00000000-0000-4000-8000-000000000000/imports',
      body('01/12/2099 10:00,Hi'),
    );
    expect(elsewhere.statusCode).toBe(404);
  });
});
