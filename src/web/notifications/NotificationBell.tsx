// The bell in the header: unread count and the list of the person's notifications in this workspace.
export function NotificationBell({ workspaceId: _workspaceId }: { workspaceId: string }) {
  return null;
}
