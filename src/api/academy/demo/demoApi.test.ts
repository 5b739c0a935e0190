// Demo requests through the API: the public form (stored, mailed to the first workspace's owners and
// admins), its hidden robot trap, the hourly limit per address, and the list only those admins may read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../core/roles.ts';
import { ApiClient, eventually, PUBLIC_URL, startTestApp, type TestApp } from '../../../testing/testApp.ts';

let app: TestApp;
let owner: ApiClient;
let admin: ApiClient;
let editor: ApiClient;
let outsider: ApiClient;
let firstWs: string;
let otherWs: string;
let seq = 0;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;
const storedCount = async () => (await rows('SELECT count(*)::int AS n FROM demo_requests'))[0].n as number;
const mailJobs = async () =>
  (await rows("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'send-mail'"))[0].n as number;

const request = (overrides: Record<string, unknown> = {}) => ({
  name: 'Tanvir Hasan',
  email: 'tanvir@meghna.example',
  company: 'Meghna Foods',
  teamSize: '11-50',
  message: 'আমরা তিনটি ব্র্যান্ডের জন্য কলরব ব্যবহার করতে চাই।',
  ...overrides,
});

/** A visitor's own client, from an address of its own so the hourly limit of other tests does not apply. */
function visitorFrom(ip = `198.51.100.${++seq}`) {
  return new ApiClient(app, ip);
}

async function join(role: Role, workspaceId: string, locale: 'en' | 'bn' = 'en') {
  const invitation = await owner.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  expect(invitation.statusCode).toBe(201);
  const token = invitation.json().link.split('/invite/')[1];
  seq += 1;
  const client = new ApiClient(app);
  const accepted = await client.post(`/api/invitations/${token}/accept`, {
    name: `${role} ${seq}`,
    email: `${role}${seq}@example.com`,
    password: 'correct horse battery',
    locale,
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return { client, email: `${role}${seq}@example.com` };
}

let adminEmail: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Farhana Akter',
    email: 'farhana@example.com',
    password: 'correct horse battery',
    workspaceName: 'Kolorob HQ',
  });
  expect(setup.statusCode).toBe(201);
  firstWs = setup.json().workspaces[0].id;
  ({ client: admin, email: adminEmail } = await join('admin', firstWs, 'bn'));
  ({ client: editor } = await join('editor', firstWs));
  const other = await owner.post('/api/workspaces', { name: 'Second Desk' });
  expect(other.statusCode).toBe(201);
  otherWs = other.json().id;
  outsider = new ApiClient(app);
  const signUp = await owner.post(`/api/workspaces/${otherWs}/invitations`, { role: 'owner' });
  const token = signUp.json().link.split('/invite/')[1];
  expect(
    (
      await outsider.post(`/api/invitations/${token}/accept`, {
        name: 'Outside Owner',
        email: 'outside@example.com',
        password: 'correct horse battery',
      })
    ).statusCode,
  ).toBe(200);
});
afterAll(() => app?.close());

describe('the public form', () => {
  it('stores the request and emails every owner and admin of the first workspace, in their language', async () => {
    const mailBefore = app.mail.length;
    const response = await visitorFrom().post('/api/demo-requests', request());
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toEqual({ received: true });
    const stored = await rows('SELECT name, email, company, team_size, message, ip FROM demo_requests');
    expect(stored).toEqual([
      {
        name: 'Tanvir Hasan',
        email: 'tanvir@meghna.example',
        company: 'Meghna Foods',
        team_size: '11-50',
        message: request().message,
        ip: `198.51.100.${seq}`,
      },
    ]);
    const mail = await eventually(() =>
      app.mail.length >= mailBefore + 2 ? app.mail.slice(mailBefore) : undefined,
    );
    expect(mail.map((m) => m.to).sort()).toEqual([adminEmail, 'farhana@example.com'].sort());
    const toOwner = mail.find((m) => m.to === 'farhana@example.com')!;
    expect(toOwner.subject).toBe('Kolorob: demo request from Meghna Foods');
    expect(toOwner.text).toContain('tanvir@meghna.example');
    expect(toOwner.text).toContain(request().message);
    expect(toOwner.text).toContain(`${PUBLIC_URL}/w/${firstWs}/settings/demo-requests`);
    const toAdmin = mail.find((m) => m.to === adminEmail)!;
    expect(toAdmin.subject).toBe('কলরব: Meghna Foods থেকে ডেমোর অনুরোধ');
    expect(toAdmin.text).toContain('দলের আকার: ১১-৫০ জন');
    // Editors and the other workspace's owner are not told.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(app.mail.slice(mailBefore)).toHaveLength(2);
  });

  it('answers a filled hidden field exactly as a real request, storing and sending nothing', async () => {
    const stored = await storedCount();
    const jobs = await mailJobs();
    const visitor = visitorFrom();
    const real = await visitorFrom().post('/api/demo-requests', request({ website: '' }));
    const trapped = await visitor.post('/api/demo-requests', request({ website: 'https://spam.example' }));
    expect(trapped.statusCode).toBe(real.statusCode);
    expect(trapped.body).toBe(real.body);
    expect(trapped.headers['content-type']).toBe(real.headers['content-type']);
    expect(await storedCount()).toBe(stored + 1);
    expect(await mailJobs()).toBe(jobs + 2);
    expect(await rows('SELECT 1 FROM demo_requests WHERE ip = $1', [visitor.ip])).toEqual([]);
  });

  it('refuses a sixth request from one address within the hour, saying when to try again', async () => {
    const visitor = visitorFrom('192.0.2.77');
    for (let i = 1; i <= 5; i += 1) {
      const response = await visitor.post('/api/demo-requests', request({ company: `Company ${i}` }));
      expect(response.statusCode, response.body).toBe(202);
    }
    const jobs = await mailJobs();
    const sixth = await visitor.post('/api/demo-requests', request({ company: 'Company 6' }));
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().message).toMatch(/Try again in (59|60) minutes\./);
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(
      await rows('SELECT company FROM demo_requests WHERE ip = $1 ORDER BY created_at', [visitor.ip]),
    ).toEqual([1, 2, 3, 4, 5].map((i) => ({ company: `Company ${i}` })));
    expect(await mailJobs()).toBe(jobs);
    // Another address is not affected.
    expect((await visitorFrom().post('/api/demo-requests', request())).statusCode).toBe(202);
  });

  it('lets an address ask again once its oldest request of the hour is an hour old', async () => {
    const visitor = visitorFrom('192.0.2.78');
    for (let i = 1; i <= 5; i += 1)
      expect((await visitor.post('/api/demo-requests', request())).statusCode).toBe(202);
    expect((await visitor.post('/api/demo-requests', request())).statusCode).toBe(429);
    await rows(
      `UPDATE demo_requests SET created_at = now() - interval '61 minutes'
       WHERE id = (SELECT id FROM demo_requests WHERE ip = $1 ORDER BY created_at LIMIT 1)`,
      [visitor.ip],
    );
    expect((await visitor.post('/api/demo-requests', request())).statusCode).toBe(202);
    expect((await visitor.post('/api/demo-requests', request())).statusCode).toBe(429);
  });

  it.each([
    ['no company', { company: '  ' }, 'company'],
    ['an unknown team size', { teamSize: '5000' }, 'teamSize'],
    ['an address that is no email', { email: 'tanvir' }, 'email'],
    ['no name', { name: '' }, 'name'],
    ['a message of 2001 characters', { message: 'm'.repeat(2001) }, 'message'],
    ['a field the form does not have', { phone: '017' }, 'phone'],
  ])('refuses %s with 400, storing nothing', async (_what, overrides, field) => {
    const stored = await storedCount();
    const response = await visitorFrom().post('/api/demo-requests', request(overrides));
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields)).toContain(field);
    expect(await storedCount()).toBe(stored);
  });
});

describe('the list of requests', () => {
  it('shows owners and admins of the first workspace every request, newest first, a page at a time', async () => {
    const all = await rows('SELECT id, company FROM demo_requests ORDER BY created_at DESC, id DESC');
    expect(all.length).toBeGreaterThan(10);
    for (const reader of [owner, admin]) {
      const response = await reader.get(`/api/workspaces/${firstWs}/demo-requests`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().receivesRequests).toBe(true);
      expect(response.json().requests.map((r: { id: string }) => r.id)).toEqual(all.map((r) => r.id));
      expect(response.json().nextCursor).toBeNull();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await owner.get(
        `/api/workspaces/${firstWs}/demo-requests?limit=4${cursor ? `&before=${cursor}` : ''}`,
      );
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().requests.length).toBeLessThanOrEqual(4);
      seen.push(...page.json().requests.map((r: { id: string }) => r.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => r.id));
    const [first] = (await owner.get(`/api/workspaces/${firstWs}/demo-requests?limit=1`)).json().requests;
    expect(Object.keys(first).sort()).toEqual(
      ['company', 'createdAt', 'email', 'id', 'message', 'name', 'teamSize'].sort(),
    );
  });

  it('answers an empty list marked as not receiving requests in any other workspace', async () => {
    for (const reader of [owner, outsider]) {
      const response = await reader.get(`/api/workspaces/${otherWs}/demo-requests`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ receivesRequests: false, requests: [], nextCursor: null });
    }
  });

  it('refuses editors, people outside the workspace and signed-out visitors', async () => {
    expect((await editor.get(`/api/workspaces/${firstWs}/demo-requests`)).statusCode).toBe(403);
    expect((await outsider.get(`/api/workspaces/${firstWs}/demo-requests`)).statusCode).toBe(404);
    expect((await new ApiClient(app).get(`/api/workspaces/${firstWs}/demo-requests`)).statusCode).toBe(401);
    const bad = await owner.get(`/api/workspaces/${firstWs}/demo-requests?limit=51`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('limit');
  });
});
