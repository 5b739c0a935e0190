// A workspace with one person in each role, plus an outsider who owns another workspace, all signed in
// through the API (setup, invitations, sign-up by invitation), for the team feature tests.
import { expect } from 'vitest';
import { ROLES, type Role } from '../../core/roles.ts';
import { ApiClient, type TestApp } from '../../testing/testApp.ts';

export const TEAM_PASSWORD = 'correct horse battery';

export interface TeamMember {
  client: ApiClient;
  id: string;
  name: string;
  email: string;
}

export interface Team {
  workspaceId: string;
  otherWorkspaceId: string;
  people: Record<Role | 'outsider', TeamMember>;
  visitor: ApiClient;
}

const NAMES: Record<Role | 'outsider', string> = {
  owner: 'Nadia Islam',
  admin: 'Arif Hossain',
  editor: 'Esha Rahman',
  contributor: 'Rina Akter',
  viewer: 'Vera Das',
  outsider: 'Omar Faruk',
};

export async function createTeam(
  app: TestApp,
  locales: Partial<Record<Role, 'en' | 'bn'>> = {},
): Promise<Team> {
  const ownerClient = new ApiClient(app, '203.0.113.10');
  const setup = await ownerClient.post('/api/setup', {
    name: NAMES.owner,
    email: 'nadia@example.com',
    password: TEAM_PASSWORD,
    workspaceName: 'Dhaka Desk',
  });
  expect(setup.statusCode, setup.body).toBe(201);
  const workspaceId: string = setup.json().workspaces[0].id;
  const people = {
    owner: { client: ownerClient, id: setup.json().user.id, name: NAMES.owner, email: 'nadia@example.com' },
  } as Team['people'];

  const join = async (key: Role | 'outsider', role: Role, inWorkspace: string, index: number) => {
    const invited = await ownerClient.post(`/api/workspaces/${inWorkspace}/invitations`, { role });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = invited.json().link.split('/invite/')[1];
    const client = new ApiClient(app, `203.0.113.${20 + index}`);
    const email = `${NAMES[key].split(' ')[0]!.toLowerCase()}@example.com`;
    const accepted = await client.post(`/api/invitations/${token}/accept`, {
      name: NAMES[key],
      email,
      password: TEAM_PASSWORD,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    people[key] = { client, id: accepted.json().user.id, name: NAMES[key], email };
  };
  let index = 0;
  for (const role of ROLES.filter((r) => r !== 'owner')) await join(role, role, workspaceId, index++);
  // The outsider belongs to another workspace only.
  const other = await ownerClient.post('/api/workspaces', { name: 'Elsewhere' });
  expect(other.statusCode, other.body).toBe(201);
  const otherWorkspaceId: string = other.json().id;
  await join('outsider', 'owner', otherWorkspaceId, index++);
  for (const [role, locale] of Object.entries(locales)) {
    const changed = await people[role as Role].client.patch('/api/me', { locale });
    expect(changed.statusCode, changed.body).toBe(200);
  }
  return { workspaceId, otherWorkspaceId, people, visitor: new ApiClient(app, '203.0.113.99') };
}
