// The banner everyone in a workspace sees while it is in crisis mode.
export function CrisisBanner({ workspaceId: _workspaceId }: { workspaceId: string }) {
  return null;
}
