// A workspace with one person in each role and an outsider (owner of another workspace), signed in
// through the API, for the crisis-mode and playbook tests.
import { expect } from 'vitest';
import { ROLES, type Role } from '../../core/roles.ts';
import { ApiClient, type TestApp } from '../../testing/testApp.ts';

export type Person = Role | 'outsider';
export const PEOPLE: readonly Person[] = [...ROLES, 'outsider'];

export interface CrisisTeam {
  workspaceId: string;
  clients: Record<Person, ApiClient>;
  ids: Record<Person, string>;
  emails: Record<Person, string>;
}

const NAMES: Record<Person, string> = {
  owner: 'Nadia Islam',
  admin: 'Arif Hossain',
  editor: 'Esha Rahman',
  contributor: 'Rina Akter',
  viewer: 'Vera Das',
  outsider: 'Omar Faruk',
};

export async function createCrisisTeam(app: TestApp): Promise<CrisisTeam> {
  const owner = new ApiClient(app, '198.51.100.10');
  const setup = await owner.post('/api/setup', {
    name: NAMES.owner,
    email: 'nadia@example.com',
    password: 'correct horse battery',
    workspaceName: 'Dhaka Desk',
  });
  expect(setup.statusCode, setup.body).toBe(201);
  const workspaceId: string = setup.json().workspaces[0].id;
  const clients = { owner } as Record<Person, ApiClient>;
  const ids = { owner: setup.json().user.id } as Record<Person, string>;
  const emails = { owner: 'nadia@example.com' } as Record<Person, string>;
  const join = async (person: Person, role: Role, inWorkspace: string, index: number) => {
    const invited = await owner.post(`/api/workspaces/${inWorkspace}/invitations`, { role });
    expect(invited.statusCode, invited.body).toBe(201);
    const client = new ApiClient(app, `198.51.100.${20 + index}`);
    const email = `${person}@example.com`;
    const accepted = await client.post(
      `/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`,
      {
        name: NAMES[person],
        email,
        password: 'correct horse battery',
      },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    clients[person] = client;
    ids[person] = accepted.json().user.id;
    emails[person] = email;
  };
  let index = 0;
  for (const role of ROLES.filter((r) => r !== 'owner')) await join(role, role, workspaceId, index++);
  const other = await owner.post('/api/workspaces', { name: 'Elsewhere' });
  expect(other.statusCode, other.body).toBe(201);
  await join('outsider', 'owner', other.json().id, index++);
  return { workspaceId, clients, ids, emails };
}
