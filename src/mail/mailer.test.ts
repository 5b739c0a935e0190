import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, eventually, startTestApp, type TestApp } from '../testing/testApp.ts';
import { createMailer } from './mailer.ts';

interface Received {
  to: string[];
  raw: string;
}

const received: Received[] = [];
let smtp: SMTPServer;
let smtpUrl: string;
let app: TestApp;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk) => {
        raw += chunk;
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  const mailer = createMailer({ smtpUrl, from: 'Kolorob <kolorob@example.com>', log: { info() {} } });
  app = await startTestApp({ mailer });
});

afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** The text body of a single-part message, undoing its transfer encoding. */
function decoded(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

describe('mail through SMTP_URL', () => {
  it('delivers a password reset link and an email invitation through a real SMTP server', async () => {
    const owner = new ApiClient(app);
    const setup = await owner.post('/api/setup', {
      name: 'Asha',
      email: 'asha@example.com',
      password: 'correct horse battery',
      workspaceName: 'Acme',
    });
    const workspaceId = setup.json().currentWorkspaceId;

    await new ApiClient(app).post('/api/auth/password-reset', { email: 'asha@example.com' });
    const reset = await eventually(() => received.find((m) => m.to.includes('asha@example.com')));
    expect(reset.raw).toMatch(/Subject: Kolorob: reset your password/);
    const token = /reset-password\?token=([\w-]+)/.exec(decoded(reset.raw))?.[1];
    expect(token).toBeDefined();
    // A reset ends every session, so go on as the person who just reset.
    const signedIn = new ApiClient(app);
    const confirmed = await signedIn.post('/api/auth/password-reset/confirm', {
      token,
      password: 'another good password',
    });
    expect(confirmed.statusCode).toBe(200);

    expect((await owner.get('/api/me')).statusCode).toBe(401);
    await signedIn.patch('/api/me', { locale: 'bn' });
    const invited = await signedIn.post(`/api/workspaces/${workspaceId}/invitations`, {
      role: 'editor',
      email: 'Bina@Example.com',
    });
    expect(invited.statusCode).toBe(201);
    const invitation = await eventually(() => received.find((m) => m.to.includes('bina@example.com')));
    // The inviter chose Bengali, so the invitation is written in Bengali.
    expect(invitation.raw).toMatch(/Subject: =\?UTF-8\?/);
    const text = decoded(invitation.raw);
    expect(text).toContain(invited.json().link);
    expect(text).toContain('আমন্ত্রণ');
  });
});

describe('attachments', () => {
  const invite = {
    filename: 'invite.ics',
    content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:কোচিং\r\nEND:VCALENDAR\r\n',
    contentType: 'text/calendar; charset=utf-8; method=REQUEST',
  };

  it('sends an attachment given as text through SMTP, with its type and name', async () => {
    const mailer = createMailer({ smtpUrl, from: 'Kolorob <kolorob@example.com>', log: { info() {} } });
    await mailer.send({
      to: 'rafiq@example.com',
      subject: 'Session',
      text: 'See the invitation.',
      attachments: [invite],
    });
    const message = await eventually(() => received.find((m) => m.to.includes('rafiq@example.com')));
    expect(message.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(message.raw).toMatch(/filename=invite\.ics/);
    const part = message.raw.split(/\r\n--/).find((p) => /Content-Type: text\/calendar/.test(p))!;
    expect(decoded(part)).toBe(invite.content);
  });

  it('names the attachments in the log when there is no SMTP server', async () => {
    const logged: { obj: object; msg: string }[] = [];
    const mailer = createMailer({
      from: 'Kolorob <kolorob@example.com>',
      log: { info: (obj, msg) => logged.push({ obj, msg }) },
    });
    await mailer.send({
      to: 'rafiq@example.com',
      subject: 'Session',
      text: 'See the invitation.',
      attachments: [invite],
    });
    await mailer.send({ to: 'mita@example.com', subject: 'Reset', text: 'A link.' });
    expect(logged).toEqual([
      {
        obj: { to: 'rafiq@example.com', subject: 'Session', attachments: ['invite.ics'] },
        msg: 'Email not sent (no SMTP_URL): See the invitation.',
      },
      { obj: { to: 'mita@example.com', subject: 'Reset' }, msg: 'Email not sent (no SMTP_URL): A link.' },
    ]);
  });
});
