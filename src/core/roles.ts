// Workspace roles and what each may do. Commands call these; the UI only mirrors them.
export const ROLES = ['owner', 'admin', 'editor', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { owner: 5, admin: 4, editor: 3, contributor: 2, viewer: 1 };

export type Permission =
  | 'workspace.read'
  | 'workspace.rename'
  | 'members.manage'
  | 'invitations.manage'
  | 'posts.write'
  | 'posts.publishWithoutApproval'
  /** Connect, reconnect and disconnect social accounts: editors run the publishing, so they may too. */
  | 'accounts.manage'
  /** Write and publish Academy courses and certifications, revoke certificates, read demo requests. */
  | 'academy.manage'
  /** Like, unlike, repost and unrepost as a connected account from Streams (replies go through posts.write). */
  | 'streams.engage'
  /** Create, edit and delete lists on the networks, and their members, as a connected account. */
  | 'lists.manage'
  /** Write the workspace's "people to learn from" list templates. */
  | 'listTemplates.manage'
  /** Approve or reject posts at a chain step open to any editor (steps may name a person or role instead). */
  | 'posts.approve'
  /** Set up each account's approval chain. */
  | 'approvals.manage'
  /** Comment on posts and inbox items, mentioning teammates. */
  | 'comments.write'
  /** Read the audit log and export it. */
  | 'audit.read'
  /** Start and end crisis mode, review posts after it, and publish a post anyway during it. */
  | 'crisis.manage'
  /** Write the crisis playbook: holding statements and stakeholder contacts. */
  | 'playbooks.manage'
  /** Assign, tag and resolve inbox items (replies go through posts.write and approval). */
  | 'inbox.work'
  /** Write the workspace's saved replies. */
  | 'savedReplies.manage';

const MINIMUM: Record<Permission, Role> = {
  'workspace.read': 'viewer',
  'workspace.rename': 'admin',
  'members.manage': 'admin',
  'invitations.manage': 'admin',
  'posts.write': 'contributor',
  'posts.publishWithoutApproval': 'editor',
  'accounts.manage': 'editor',
  'academy.manage': 'admin',
  'streams.engage': 'editor',
  'lists.manage': 'editor',
  'listTemplates.manage': 'admin',
  'posts.approve': 'editor',
  'approvals.manage': 'admin',
  'comments.write': 'contributor',
  'audit.read': 'admin',
  'crisis.manage': 'admin',
  'playbooks.manage': 'admin',
  'inbox.work': 'contributor',
  'savedReplies.manage': 'editor',
};

export function can(role: Role, permission: Permission): boolean {
  return RANK[role] >= RANK[MINIMUM[permission]];
}

export function outranksOrEquals(a: Role, b: Role): boolean {
  return RANK[a] >= RANK[b];
}

/**
 * Why `actor` may not give `target` (currently `from`, or a new invitee when `from` is null) the role `to`;
 * undefined when allowed. Only owners grant or take away ownership; admins manage everyone below owner.
 */
export function roleChangeRefusal(actor: Role, from: Role | null, to: Role): string | undefined {
  if (!can(actor, 'members.manage')) return 'Only owners and admins can manage members.';
  if ((to === 'owner' || from === 'owner') && actor !== 'owner')
    return 'Only an owner can grant or remove the owner role.';
  return undefined;
}
