// Addresses of the Lists pages and of the Streams board a list column lands on. The Lists page keeps the
// chosen account and the open list in its address, so a link can lead straight to one list.

const base = (workspaceId: string) => `/w/${encodeURIComponent(workspaceId)}`;

export function listsPagePath(workspaceId: string, where: { accountId?: string; listId?: string } = {}) {
  const params = new URLSearchParams();
  if (where.accountId) params.set('account', where.accountId);
  if (where.listId) params.set('list', where.listId);
  const query = params.toString();
  return `${base(workspaceId)}/lists${query ? `?${query}` : ''}`;
}

export const listTemplatesPagePath = (workspaceId: string) => `${base(workspaceId)}/lists/templates`;

export const boardPath = (workspaceId: string, boardId: string) =>
  `${base(workspaceId)}/streams?board=${encodeURIComponent(boardId)}`;

export const accountsSettingsPath = (workspaceId: string) => `${base(workspaceId)}/settings/accounts`;
