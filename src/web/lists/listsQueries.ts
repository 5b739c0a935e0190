// Lists on the networks (per connected account), the people in them, searching the network for people,
// the person's Streams boards, and the workspace's list templates, as TanStack queries and mutations.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnKind, NetworkActor, NetworkList } from '../../core/streams/streamTypes.ts';
import { api } from '../api/apiClient.ts';
import type { AccountNetwork } from '../api/apiTypes.ts';

export type { NetworkActor, NetworkList };

export interface BoardColumn {
  id: string;
  kind: ColumnKind;
  accountId: string | null;
  listId?: string;
  listName?: string;
  title: string;
}

export interface Board {
  id: string;
  name: string;
  position: number;
  columns: BoardColumn[];
}

export interface TemplateMember {
  network: AccountNetwork;
  handle: string;
}

export interface ListTemplate {
  id: string;
  name: string;
  description: string;
  members: TemplateMember[];
  updatedAt: string;
}

export interface TemplateInput {
  name: string;
  description: string;
  members: TemplateMember[];
}

export interface AppliedTemplate {
  list: NetworkList;
  added: string[];
  notFound: string[];
  column: BoardColumn | null;
}

const enc = encodeURIComponent;
const workspacePath = (workspaceId: string) => `/workspaces/${enc(workspaceId)}`;
const listsPath = (workspaceId: string, accountId: string) =>
  `${workspacePath(workspaceId)}/accounts/${enc(accountId)}/lists`;
// Bluesky list ids are at:// URIs, so they always travel URL-encoded.
const listPath = (workspaceId: string, accountId: string, listId: string) =>
  `${listsPath(workspaceId, accountId)}/${enc(listId)}`;

const keys = {
  lists: (workspaceId: string, accountId: string) => ['workspace', workspaceId, 'lists', accountId] as const,
  members: (workspaceId: string, accountId: string, listId: string) =>
    ['workspace', workspaceId, 'lists', accountId, listId, 'members'] as const,
  actors: (workspaceId: string, accountId: string, query: string) =>
    ['workspace', workspaceId, 'actors', accountId, query] as const,
  boards: (workspaceId: string) => ['workspace', workspaceId, 'boards'] as const,
  templates: (workspaceId: string) => ['workspace', workspaceId, 'listTemplates'] as const,
};

export function useNetworkLists(workspaceId: string, accountId: string | undefined) {
  return useQuery({
    queryKey: keys.lists(workspaceId, accountId ?? ''),
    queryFn: async () =>
      (await api.get<{ lists: NetworkList[] }>(listsPath(workspaceId, accountId ?? ''))).lists,
    enabled: Boolean(accountId),
  });
}

/*
 * Networks index writes a moment after they are made (Bluesky's AppView reads lists and members from its
 * index), so reading again right after a change can miss it. The mutations below write what the server
 * answered into the cache instead, and the next ordinary refetch confirms it.
 */
function useListsCache(workspaceId: string, accountId: string) {
  const queryClient = useQueryClient();
  return (change: (lists: NetworkList[]) => NetworkList[]) =>
    queryClient.setQueryData<NetworkList[]>(keys.lists(workspaceId, accountId), (lists) =>
      lists ? change(lists) : lists,
    );
}

export function useCreateList(workspaceId: string, accountId: string) {
  const updateLists = useListsCache(workspaceId, accountId);
  return useMutation({
    mutationFn: (input: { name: string; description: string }) =>
      api.post<NetworkList>(listsPath(workspaceId, accountId), input),
    onSuccess: (created) =>
      updateLists((lists) => [created, ...lists.filter((list) => list.id !== created.id)]),
  });
}

export function useUpdateList(workspaceId: string, accountId: string) {
  const updateLists = useListsCache(workspaceId, accountId);
  return useMutation({
    mutationFn: ({ listId, ...input }: { listId: string; name: string; description: string }) =>
      api.patch<NetworkList>(listPath(workspaceId, accountId, listId), input),
    // The answer may leave out the member count; the one already known stays.
    onSuccess: (updated) =>
      updateLists((lists) => lists.map((list) => (list.id === updated.id ? { ...list, ...updated } : list))),
  });
}

export function useDeleteList(workspaceId: string, accountId: string) {
  const updateLists = useListsCache(workspaceId, accountId);
  return useMutation({
    mutationFn: (listId: string) => api.delete(listPath(workspaceId, accountId, listId)),
    onSuccess: (_answer, listId) => updateLists((lists) => lists.filter((list) => list.id !== listId)),
  });
}

export function useListMembers(workspaceId: string, accountId: string, listId: string) {
  return useQuery({
    queryKey: keys.members(workspaceId, accountId, listId),
    queryFn: async () =>
      (await api.get<{ members: NetworkActor[] }>(`${listPath(workspaceId, accountId, listId)}/members`))
        .members,
  });
}

/** A person added or removed changes the list's members and its member count. */
function useMembersCache(workspaceId: string, accountId: string, listId: string) {
  const queryClient = useQueryClient();
  const updateLists = useListsCache(workspaceId, accountId);
  return (change: (members: NetworkActor[]) => NetworkActor[]) => {
    const before = queryClient.getQueryData<NetworkActor[]>(keys.members(workspaceId, accountId, listId));
    if (!before) return;
    const after = change(before);
    queryClient.setQueryData(keys.members(workspaceId, accountId, listId), after);
    const difference = after.length - before.length;
    updateLists((lists) =>
      lists.map((list) =>
        list.id === listId && list.memberCount !== undefined
          ? { ...list, memberCount: Math.max(0, list.memberCount + difference) }
          : list,
      ),
    );
  };
}

export function useAddListMember(workspaceId: string, accountId: string, listId: string) {
  const updateMembers = useMembersCache(workspaceId, accountId, listId);
  return useMutation({
    mutationFn: (actor: NetworkActor) =>
      api.post<void>(`${listPath(workspaceId, accountId, listId)}/members`, { actorId: actor.id }),
    onSuccess: (_answer, actor) =>
      updateMembers((members) =>
        members.some((member) => member.id === actor.id) ? members : [...members, actor],
      ),
  });
}

export function useRemoveListMember(workspaceId: string, accountId: string, listId: string) {
  const updateMembers = useMembersCache(workspaceId, accountId, listId);
  return useMutation({
    mutationFn: (actorId: string) =>
      api.delete(`${listPath(workspaceId, accountId, listId)}/members/${enc(actorId)}`),
    onSuccess: (_answer, actorId) =>
      updateMembers((members) => members.filter((member) => member.id !== actorId)),
  });
}

export function useActorSearch(workspaceId: string, accountId: string, query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: keys.actors(workspaceId, accountId, q),
    queryFn: async () =>
      (
        await api.get<{ actors: NetworkActor[] }>(
          `${workspacePath(workspaceId)}/accounts/${enc(accountId)}/actors?q=${enc(q)}`,
        )
      ).actors,
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useBoards(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: keys.boards(workspaceId),
    queryFn: async () => (await api.get<{ boards: Board[] }>(`${workspacePath(workspaceId)}/boards`)).boards,
    enabled,
  });
}

export function useAddListColumn(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      boardId,
      ...input
    }: {
      boardId: string;
      accountId: string;
      listId: string;
      listName: string;
    }) =>
      api.post<BoardColumn>(`${workspacePath(workspaceId)}/boards/${enc(boardId)}/columns`, {
        kind: 'list',
        ...input,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.boards(workspaceId) }),
  });
}

export function useListTemplates(workspaceId: string) {
  return useQuery({
    queryKey: keys.templates(workspaceId),
    queryFn: async () =>
      (await api.get<{ templates: ListTemplate[] }>(`${workspacePath(workspaceId)}/list-templates`))
        .templates,
  });
}

export function useSaveTemplate(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ templateId, input }: { templateId?: string; input: TemplateInput }) =>
      templateId
        ? api.patch<ListTemplate>(`${workspacePath(workspaceId)}/list-templates/${enc(templateId)}`, input)
        : api.post<ListTemplate>(`${workspacePath(workspaceId)}/list-templates`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.templates(workspaceId) }),
  });
}

export function useDeleteTemplate(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (templateId: string) =>
      api.delete(`${workspacePath(workspaceId)}/list-templates/${enc(templateId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.templates(workspaceId) }),
  });
}

export function useApplyTemplate(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ templateId, ...input }: { templateId: string; accountId: string; boardId?: string }) =>
      api.post<AppliedTemplate>(
        `${workspacePath(workspaceId)}/list-templates/${enc(templateId)}/apply`,
        input,
      ),
    onSuccess: (applied, input) => {
      const made = { ...applied.list, memberCount: applied.list.memberCount ?? applied.added.length };
      queryClient.setQueryData<NetworkList[]>(keys.lists(workspaceId, input.accountId), (lists) =>
        lists ? [made, ...lists.filter((list) => list.id !== made.id)] : lists,
      );
      return queryClient.invalidateQueries({ queryKey: keys.boards(workspaceId) });
    },
  });
}
