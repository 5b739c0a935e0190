// The crisis playbook through the API: holding statements and stakeholder contacts, read by everyone in
// the workspace, written by owners and admins only, every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/testApp.ts';
import { type CrisisTeam, createCrisisTeam } from '../crisis/crisisTeam.ts';

let app: TestApp;
let team: CrisisTeam;
const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows as Record<string, unknown>[];
const ws = () => `/api/workspaces/${team.workspaceId}`;

beforeAll(async () => {
  app = await startTestApp();
  team = await createCrisisTeam(app);
}, 60_000);
afterAll(() => app?.close());

describe('holding statements', () => {
  it('are written by owners and admins, read by everyone in the workspace, and audited', async () => {
    const statement = { title: 'Service outage', text: 'We know about the outage and are working on it.' };
    for (const role of ['viewer', 'contributor', 'editor'] as const) {
      const refused = await team.clients[role].post(`${ws()}/holding-statements`, statement);
      expect(refused.statusCode, role).toBe(403);
      expect(refused.json().message).toBe('Only owners and admins can edit the crisis playbook.');
    }
    expect((await team.clients.outsider.post(`${ws()}/holding-statements`, statement)).statusCode).toBe(404);
    expect(
      (await team.clients.admin.post(`${ws()}/holding-statements`, { title: '', text: 'x' })).statusCode,
    ).toBe(400);
    expect(
      (await team.clients.admin.post(`${ws()}/holding-statements`, { ...statement, text: 'y'.repeat(5001) }))
        .statusCode,
    ).toBe(400);

    const created = await team.clients.admin.post(`${ws()}/holding-statements`, statement);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    for (const role of ['owner', 'admin', 'editor', 'contributor', 'viewer'] as const) {
      const listed = await team.clients[role].get(`${ws()}/holding-statements`);
      expect(listed.statusCode, role).toBe(200);
      expect(listed.json().statements).toMatchObject([statement]);
    }
    expect((await team.clients.outsider.get(`${ws()}/holding-statements`)).statusCode).toBe(404);

    expect(
      (await team.clients.editor.patch(`/api/holding-statements/${id}`, { title: 'New' })).statusCode,
    ).toBe(403);
    expect(
      (await team.clients.outsider.patch(`/api/holding-statements/${id}`, { title: 'New' })).statusCode,
    ).toBe(404);
    expect((await team.clients.owner.patch(`/api/holding-statements/${id}`, {})).statusCode).toBe(400);
    const changed = await team.clients.owner.patch(`/api/holding-statements/${id}`, {
      title: 'Outage (short)',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'Outage (short)', text: statement.text });

    expect((await team.clients.viewer.delete(`/api/holding-statements/${id}`)).statusCode).toBe(403);
    expect((await team.clients.admin.delete(`/api/holding-statements/${id}`)).statusCode).toBe(204);
    expect((await team.clients.admin.delete(`/api/holding-statements/${id}`)).statusCode).toBe(404);
    expect(
      await rows(`SELECT action, before, after FROM audit_events WHERE target_id = $1 ORDER BY id`, [id]),
    ).toEqual([
      { action: 'holding_statement.created', before: null, after: statement },
      {
        action: 'holding_statement.updated',
        before: statement,
        after: { ...statement, title: 'Outage (short)' },
      },
      { action: 'holding_statement.deleted', before: { ...statement, title: 'Outage (short)' }, after: null },
    ]);
  });
});

describe('stakeholder contacts', () => {
  it('are kept by owners and admins and read by members', async () => {
    const contact = {
      name: 'Salma Chowdhury',
      role: 'Head of communications',
      email: 'salma@example.com',
      phone: '+880 1711-000000',
      notes: 'Call first, then email.',
    };
    expect((await team.clients.editor.post(`${ws()}/stakeholder-contacts`, contact)).statusCode).toBe(403);
    for (const bad of [
      { ...contact, email: 'not an email' },
      { ...contact, phone: 'call me' },
      { ...contact, name: ' ' },
      { ...contact, unknown: 1 },
    ]) {
      expect((await team.clients.admin.post(`${ws()}/stakeholder-contacts`, bad)).statusCode).toBe(400);
    }
    const created = await team.clients.admin.post(`${ws()}/stakeholder-contacts`, contact);
    expect(created.statusCode, created.body).toBe(201);
    const minimal = await team.clients.owner.post(`${ws()}/stakeholder-contacts`, { name: 'Press desk' });
    expect(minimal.statusCode, minimal.body).toBe(201);
    expect(minimal.json()).toMatchObject({ role: '', email: null, phone: null, notes: '' });

    const listed = await team.clients.viewer.get(`${ws()}/stakeholder-contacts`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().contacts.map((c: { name: string }) => c.name)).toEqual([
      'Press desk',
      'Salma Chowdhury',
    ]);
    expect((await team.clients.outsider.get(`${ws()}/stakeholder-contacts`)).statusCode).toBe(404);

    const id = created.json().id;
    expect(
      (await team.clients.contributor.patch(`/api/stakeholder-contacts/${id}`, { phone: '' })).statusCode,
    ).toBe(403);
    const cleared = await team.clients.admin.patch(`/api/stakeholder-contacts/${id}`, {
      phone: '',
      email: '',
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ phone: null, email: null, name: contact.name });
    expect((await team.clients.outsider.delete(`/api/stakeholder-contacts/${id}`)).statusCode).toBe(404);
    expect((await team.clients.owner.delete(`/api/stakeholder-contacts/${id}`)).statusCode).toBe(204);
    expect(
      (await rows(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY id`, [id])).map(
        (r) => r.action,
      ),
    ).toEqual(['stakeholder_contact.created', 'stakeholder_contact.updated', 'stakeholder_contact.deleted']);
  });
});
