// The unified inbox API as the web app uses it: items with filters and pages, one item with its
// replies, assigning, tagging, resolving, replying, counts per member, each account's inbox status,
// saved replies, and the live events of an open inbox.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api/apiClient.ts';

export type InboxKind = 'mention' | 'reply' | 'quote' | 'dm';
export const INBOX_KINDS: readonly InboxKind[] = ['mention', 'reply', 'quote', 'dm'];

export interface InboxItem {
  id: string;
  account: { id: string; network: 'bluesky' | 'mastodon'; handle: string; displayName: string };
  kind: InboxKind;
  remoteId: string;
  remoteUrl: string | null;
  threadUrl: string | null;
  conversationId: string | null;
  author: { remoteId: string; handle: string; name: string; avatarUrl: string | null };
  text: string;
  receivedAt: string;
  state: 'open' | 'resolved';
  assignee: { id: string; name: string } | null;
  tags: string[];
  resolvedBy: { id: string; name: string } | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InboxItemDetail extends InboxItem {
  network: 'bluesky' | 'mastodon';
  replyRefusal: string | null;
  replies: {
    postId: string;
    status: string;
    text: string;
    authorName: string | null;
    remoteUrl: string | null;
    createdAt: string;
  }[];
}

export interface InboxFilters {
  accountId?: string;
  kind?: InboxKind;
  state?: 'open' | 'resolved';
  assignee?: string;
  q?: string;
  tag?: string;
}

export interface InboxCounts {
  members: { userId: string; name: string; role: string; open: number }[];
  unassigned: number;
  open: number;
}

export interface InboxSource {
  accountId: string;
  network: string;
  handle: string;
  lastPolledAt: string | null;
  lastError: string | null;
  unavailable: { feed: string; reason: string }[];
  textLimit: number;
}

export interface SavedReply {
  id: string;
  title: string;
  text: string;
  updatedAt: string;
}

const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
const itemPath = (workspaceId: string, itemId: string) =>
  `${ws(workspaceId)}/inbox/items/${encodeURIComponent(itemId)}`;
const inboxKey = (workspaceId: string) => ['workspace', workspaceId, 'inbox'] as const;
const savedKey = (workspaceId: string) => ['workspace', workspaceId, 'savedReplies'] as const;

function queryString(filters: InboxFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

type ItemsPage = { items: InboxItem[]; cursor: string | null };

export function useInboxItems(workspaceId: string, filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: [...inboxKey(workspaceId), 'items', filters],
    queryFn: ({ pageParam }) =>
      api.get<ItemsPage>(`${ws(workspaceId)}/inbox/items${queryString(filters, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.cursor ?? undefined,
  });
}

export function useInboxItem(workspaceId: string, itemId: string | null) {
  return useQuery({
    queryKey: [...inboxKey(workspaceId), 'item', itemId],
    queryFn: () => api.get<InboxItemDetail>(itemPath(workspaceId, itemId!)),
    enabled: Boolean(itemId),
  });
}

export function useInboxCounts(workspaceId: string) {
  return useQuery({
    queryKey: [...inboxKey(workspaceId), 'counts'],
    queryFn: () => api.get<InboxCounts>(`${ws(workspaceId)}/inbox/counts`),
  });
}

export function useInboxSources(workspaceId: string) {
  return useQuery({
    queryKey: [...inboxKey(workspaceId), 'sources'],
    queryFn: async () =>
      (await api.get<{ sources: InboxSource[] }>(`${ws(workspaceId)}/inbox/sources`)).sources,
  });
}

/** Everything the inbox shows is read again after a change: lists, the open item and the counts. */
function useRefreshInbox(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: inboxKey(workspaceId) });
}

function useItemAction<Input, Output>(workspaceId: string, send: (input: Input) => Promise<Output>) {
  const refresh = useRefreshInbox(workspaceId);
  return useMutation({ mutationFn: send, onSuccess: refresh });
}

export function useAssign(workspaceId: string) {
  return useItemAction(workspaceId, ({ itemId, userId }: { itemId: string; userId: string | null }) =>
    api.put<InboxItem>(`${itemPath(workspaceId, itemId)}/assignee`, { userId }),
  );
}

export function useTags(workspaceId: string) {
  return useItemAction(
    workspaceId,
    ({ itemId, add, remove }: { itemId: string; add?: string[]; remove?: string[] }) =>
      api.patch<InboxItem>(`${itemPath(workspaceId, itemId)}/tags`, { add, remove }),
  );
}

export function useSetState(workspaceId: string) {
  return useItemAction(workspaceId, ({ itemId, state }: { itemId: string; state: 'open' | 'resolved' }) =>
    api.post<InboxItem>(`${itemPath(workspaceId, itemId)}/${state === 'resolved' ? 'resolve' : 'reopen'}`),
  );
}

export function useReply(workspaceId: string) {
  return useItemAction(
    workspaceId,
    ({ itemId, text, resolve }: { itemId: string; text: string; resolve: boolean }) =>
      api.post<{ postId: string; status: string; item: InboxItem }>(
        `${itemPath(workspaceId, itemId)}/replies`,
        {
          text,
          resolve,
        },
      ),
  );
}

export function useSavedReplies(workspaceId: string) {
  return useQuery({
    queryKey: savedKey(workspaceId),
    queryFn: async () =>
      (await api.get<{ savedReplies: SavedReply[] }>(`${ws(workspaceId)}/saved-replies`)).savedReplies,
  });
}

export function useSaveReply(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title, text }: { id?: string; title: string; text: string }) =>
      id
        ? api.patch<SavedReply>(`${ws(workspaceId)}/saved-replies/${encodeURIComponent(id)}`, { title, text })
        : api.post<SavedReply>(`${ws(workspaceId)}/saved-replies`, { title, text }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedKey(workspaceId) }),
  });
}

export function useDeleteSavedReply(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${ws(workspaceId)}/saved-replies/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedKey(workspaceId) }),
  });
}

/**
 * Listens to the inbox's live events while the page is open: new items are counted for the
 * announcement and everything shown is read again; a teammate's change refreshes it too, and the
 * bell's count with it.
 */
export function useInboxEvents(workspaceId: string, onNew: (count: number) => void) {
  const queryClient = useQueryClient();
  const onNewRef = useRef(onNew);
  onNewRef.current = onNew;
  useEffect(() => {
    const source = new EventSource(`/api${ws(workspaceId)}/inbox/events`);
    const refresh = () => queryClient.invalidateQueries({ queryKey: inboxKey(workspaceId) });
    source.addEventListener('new', (event) => {
      const { items } = JSON.parse((event as MessageEvent<string>).data) as { items: InboxItem[] };
      onNewRef.current(items.length);
      void refresh();
    });
    // A change may be an assignment to the person looking, whose bell then has news.
    source.addEventListener('changed', () => {
      void refresh();
      void queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'notifications'] });
    });
    return () => source.close();
  }, [workspaceId, queryClient]);
}
