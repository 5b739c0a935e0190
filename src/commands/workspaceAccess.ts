// Finds the actor's role in a workspace and checks a permission. Someone outside the workspace
// gets "not found", never a hint that it exists.
import { and, eq } from 'drizzle-orm';
import { forbidden, notFound } from '../core/appError.ts';
import { can, type Permission, type Role } from '../core/roles.ts';
import type { Queryable } from '../db/database.ts';
import { memberships } from '../db/schema.ts';

const PERMISSION_MESSAGES: Record<Permission, string> = {
  'workspace.read': 'You are not a member of this workspace.',
  'workspace.rename': 'Only owners and admins can change the workspace settings.',
  'members.manage': 'Only owners and admins can manage members.',
  'invitations.manage': 'Only owners and admins can invite people.',
  'posts.write': 'Viewers cannot write posts.',
  'posts.publishWithoutApproval': 'Your posts need approval before they are published.',
  'accounts.manage': 'Only owners, admins and editors can connect or disconnect social accounts.',
  'academy.manage': 'Only owners and admins can manage the Academy.',
  'streams.engage': 'Only owners, admins and editors can like and repost as the workspace’s accounts.',
  'lists.manage': 'Only owners, admins and editors can change lists on the workspace’s accounts.',
  'listTemplates.manage': 'Only owners and admins can edit list templates.',
  'posts.approve': 'Only owners, admins and editors can approve posts here.',
  'approvals.manage': 'Only owners and admins can set up approval chains.',
  'comments.write': 'Viewers cannot comment.',
  'audit.read': 'Only owners and admins can read the audit log.',
  'crisis.manage': 'Only owners and admins can start or end crisis mode.',
  'playbooks.manage': 'Only owners and admins can edit the crisis playbook.',
  'inbox.work': 'Viewers cannot assign, tag or resolve inbox items.',
  'savedReplies.manage': 'Only owners, admins and editors can edit saved replies.',
};

export async function memberRole(
  q: Queryable,
  workspaceId: string,
  userId: string,
): Promise<Role | undefined> {
  const [row] = await q
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row?.role;
}

/** The actor's role, or 404 when they are not a member, or 403 when the role lacks the permission. */
export async function requirePermission(
  q: Queryable,
  workspaceId: string,
  userId: string,
  permission: Permission,
): Promise<Role> {
  const role = await memberRole(q, workspaceId, userId);
  if (!role) throw notFound('The workspace');
  if (!can(role, permission)) throw forbidden(PERMISSION_MESSAGES[permission]);
  return role;
}
