import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, eventually, startTestApp, type TestApp } from '../../testing/testApp.ts';

let app: TestApp;
const owner = {
  name: 'Asha Rahman',
  email: 'asha@example.com',
  password: 'correct horse battery',
  workspaceName: 'Acme',
};

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

describe('setup and sign-in', () => {
  it('asks for setup on first start, then sets up once', async () => {
    const client = new ApiClient(app);
    expect((await client.get('/api/setup')).json()).toEqual({ needed: true });
    const created = await client.post('/api/setup', owner);
    expect(created.statusCode).toBe(201);
    expect(created.json().workspaces).toEqual([expect.objectContaining({ name: 'Acme', role: 'owner' })]);
    const cookie = created.cookies.find((c) => c.name === 'kolorob_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect((await client.get('/api/me')).json().user.email).toBe('asha@example.com');
    expect((await client.get('/api/setup')).json()).toEqual({ needed: false });
    const again = await new ApiClient(app).post('/api/setup', { ...owner, email: 'other@example.com' });
    expect(again.statusCode).toBe(409);
  });

  it('stores the password as an argon2id hash', async () => {
    const { rows } = await app.database.executor.executeSql('SELECT password_hash FROM users');
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('signs out and back in, case-insensitively on the email', async () => {
    const client = new ApiClient(app);
    expect(
      (await client.post('/api/auth/sign-in', { email: 'ASHA@example.com', password: owner.password }))
        .statusCode,
    ).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/sign-out')).statusCode).toBe(204);
    const me = await client.get('/api/me');
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ error: 'unauthorized', message: expect.any(String) });
  });

  it('refuses a wrong password with a message, without saying which part was wrong', async () => {
    const response = await new ApiClient(app, '198.51.100.9').post('/api/auth/sign-in', {
      email: owner.email,
      password: 'wrong password',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toBe('That email and password do not match an account.');
  });

  it('limits failed sign-ins per account, even with the right password afterwards', async () => {
    const email = 'limited@example.com';
    for (let i = 0; i < 5; i++) {
      const r = await new ApiClient(app, `192.0.2.${i + 10}`).post('/api/auth/sign-in', {
        email,
        password: 'nope nope',
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await new ApiClient(app, '192.0.2.99').post('/api/auth/sign-in', {
      email,
      password: 'nope nope',
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(/Too many failed sign-in attempts/);
  });

  it('limits failed sign-ins per address across accounts', async () => {
    const client = new ApiClient(app, '192.0.2.200');
    for (let i = 0; i < 20; i++) {
      expect(
        (await client.post('/api/auth/sign-in', { email: `guess${i}@example.com`, password: 'nope nope' }))
          .statusCode,
      ).toBe(401);
    }
    expect(
      (await client.post('/api/auth/sign-in', { email: owner.email, password: owner.password })).statusCode,
    ).toBe(429);
    // Another address is not affected.
    expect(
      (
        await new ApiClient(app, '192.0.2.201').post('/api/auth/sign-in', {
          email: owner.email,
          password: owner.password,
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('password reset', () => {
  it('emails a link that sets a new password once and ends other sessions', async () => {
    const other = new ApiClient(app, '203.0.113.50');
    await other.post('/api/auth/sign-in', { email: owner.email, password: owner.password });
    const before = app.mail.length;
    const requested = await new ApiClient(app).post('/api/auth/password-reset', { email: owner.email });
    expect(requested.statusCode).toBe(202);
    const mail = await eventually(() => app.mail.slice(before).find((m) => m.to === owner.email));
    const token = /reset-password\?token=([\w-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    const client = new ApiClient(app, '203.0.113.51');
    const reset = await client.post('/api/auth/password-reset/confirm', {
      token,
      password: 'a brand new password',
    });
    expect(reset.statusCode).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    const reused = await client.post('/api/auth/password-reset/confirm', {
      token,
      password: 'yet another password',
    });
    expect(reused.statusCode).toBe(410);
    expect(
      (await client.post('/api/auth/sign-in', { email: owner.email, password: 'a brand new password' }))
        .statusCode,
    ).toBe(200);
    owner.password = 'a brand new password';
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const before = app.mail.length;
    const r = await new ApiClient(app).post('/api/auth/password-reset', { email: 'nobody@example.com' });
    expect(r.statusCode).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(app.mail.length).toBe(before);
  });
});
