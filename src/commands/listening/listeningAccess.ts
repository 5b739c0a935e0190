// Who may do what in Listening: every member reads queries, mentions, statistics and alerts; owners,
// admins and editors (the roles that run the accounts) write queries; owners and admins set how long
// mentions are kept.
import { forbidden, notFound } from '../../core/appError.ts';
import { can, type Role } from '../../core/roles.ts';
import type { Queryable } from '../../db/database.ts';
import { memberRole, requirePermission } from '../workspaceAccess.ts';

export const requireListeningReader = (q: Queryable, workspaceId: string, userId: string): Promise<Role> =>
  requirePermission(q, workspaceId, userId, 'workspace.read');

export async function requireListeningEditor(
  q: Queryable,
  workspaceId: string,
  userId: string,
): Promise<Role> {
  const role = await memberRole(q, workspaceId, userId);
  if (!role) throw notFound('The workspace');
  if (!can(role, 'accounts.manage'))
    throw forbidden('Only owners, admins and editors can create or change listening queries.');
  return role;
}

export const requireListeningAdmin = (q: Queryable, workspaceId: string, userId: string): Promise<Role> =>
  requirePermission(q, workspaceId, userId, 'workspace.rename');
