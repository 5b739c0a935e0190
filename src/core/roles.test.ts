import { describe, expect, it } from 'vitest';
import { can, type Permission, type Role, roleChangeRefusal } from './roles.ts';

describe('can', () => {
  const table: [Role, Permission, boolean][] = [
    ['owner', 'members.manage', true],
    ['admin', 'members.manage', true],
    ['editor', 'members.manage', false],
    ['viewer', 'workspace.read', true],
    ['viewer', 'posts.write', false],
    ['contributor', 'posts.write', true],
    ['contributor', 'posts.publishWithoutApproval', false],
    ['editor', 'posts.publishWithoutApproval', true],
    ['admin', 'workspace.rename', true],
    ['editor', 'invitations.manage', false],
    ['owner', 'accounts.manage', true],
    ['admin', 'accounts.manage', true],
    ['editor', 'accounts.manage', true],
    ['contributor', 'accounts.manage', false],
    ['viewer', 'accounts.manage', false],
  ];
  it.each(table)('%s may %s: %s', (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });
});

describe('roleChangeRefusal', () => {
  it.each([
    ['owner', 'viewer', 'owner', undefined],
    ['owner', 'owner', 'admin', undefined],
    ['admin', 'viewer', 'editor', undefined],
    ['admin', null, 'admin', undefined],
    ['admin', 'editor', 'owner', 'Only an owner can grant or remove the owner role.'],
    ['admin', 'owner', 'viewer', 'Only an owner can grant or remove the owner role.'],
    ['editor', 'viewer', 'contributor', 'Only owners and admins can manage members.'],
  ] as [Role, Role | null, Role, string | undefined][])(
    '%s changing %s to %s',
    (actor, from, to, expected) => {
      expect(roleChangeRefusal(actor, from, to)).toBe(expected);
    },
  );
});
