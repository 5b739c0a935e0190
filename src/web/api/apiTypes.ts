// The shapes the Kolorob API answers with, as the web app reads them.
export type Locale = 'en' | 'bn';

export const ROLES = ['owner', 'admin', 'editor', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface WorkspaceSummary {
  id: string;
  name: string;
  requireAltText: boolean;
  role: Role;
}

export interface Me {
  user: { id: string; name: string; email: string; locale: Locale };
  workspaces: WorkspaceSummary[];
  currentWorkspaceId: string | null;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string | null;
  role: Role;
  expiresAt: string;
  createdAt: string;
}

export interface CreatedInvitation {
  id: string;
  email: string | null;
  role: Role;
  expiresAt: string;
  link: string;
}

export interface InvitationPreview {
  workspaceName: string;
  inviterName: string;
  role: Role;
  email: string | null;
  accountExists: boolean;
  expiresAt: string;
}

export type AccountNetwork = 'bluesky' | 'mastodon' | 'x' | 'threads' | 'linkedin';

export interface SocialAccount {
  id: string;
  network: AccountNetwork;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  serviceUrl: string;
  status: 'connected' | 'needs_reconnect';
  statusReason: string | null;
  /** Weekly posting slots for the queue, in timeZone; day 0 is Sunday. */
  postingSlots: { day: number; time: string }[];
  timeZone: string;
  /** The server's own post length limit, when it reports one. */
  textLimit: number | null;
  createdAt: string;
}
