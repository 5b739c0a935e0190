// Where a signed-in person lands: their current workspace, or the first one they belong to.
import type { Me } from '../api/apiTypes.ts';

export function workspaceHome(me: Me): string {
  const current =
    me.workspaces.find((workspace) => workspace.id === me.currentWorkspaceId) ?? me.workspaces[0];
  return current ? `/w/${encodeURIComponent(current.id)}/streams` : '/workspaces/new';
}

/** Only paths inside this app are followed after signing in, so a crafted link cannot send people elsewhere. */
export function safeReturnPath(value: string | null): string | undefined {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  return value;
}
