// The Streams API as the web app uses it: the person's boards and their columns (TanStack Query), the
// items of a board, older items of a column, likes and reposts, replies and quotes, and an account's lists.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnKind, NetworkList, StreamAction, StreamItem } from '../../core/streams/streamTypes.ts';
import { api } from '../api/apiClient.ts';
import type { AccountNetwork } from '../api/apiTypes.ts';
import type { ColumnItemsAnswer } from './columnFeed.ts';

export interface ColumnAccount {
  id: string;
  network: AccountNetwork;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface Column {
  id: string;
  position: number;
  kind: ColumnKind;
  accountId: string | null;
  account: ColumnAccount | null;
  listId?: string;
  listName?: string;
  query?: string;
  feedUrl?: string;
  queryId?: string;
  title: string;
}

export interface Board {
  id: string;
  name: string;
  position: number;
  columns: Column[];
}

export interface NewColumn {
  kind: ColumnKind;
  accountId?: string;
  listId?: string;
  listName?: string;
  query?: string;
  feedUrl?: string;
  queryId?: string;
}

export interface ReplyInput {
  accountId: string;
  text: string;
  kind: 'reply' | 'quote';
  postId: string;
  postCid?: string;
  postUrl: string;
  rootId?: string;
  rootCid?: string;
  rootUrl?: string;
}

export interface ReplyAnswer {
  postId: string;
  status: string;
}

const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
const boardPath = (workspaceId: string, boardId: string) =>
  `${ws(workspaceId)}/boards/${encodeURIComponent(boardId)}`;

export const boardsKey = (workspaceId: string) => ['workspace', workspaceId, 'streams', 'boards'] as const;

export function useBoards(workspaceId: string) {
  return useQuery({
    queryKey: boardsKey(workspaceId),
    queryFn: async () => (await api.get<{ boards: Board[] }>(`${ws(workspaceId)}/boards`)).boards,
  });
}

/** Puts one board, as the server answered it, into the cached list. */
function useStoreBoard(workspaceId: string) {
  const queryClient = useQueryClient();
  return (board: Board) =>
    queryClient.setQueryData<Board[]>(boardsKey(workspaceId), (boards) =>
      boards?.some((known) => known.id === board.id)
        ? boards.map((known) => (known.id === board.id ? board : known))
        : [...(boards ?? []), board],
    );
}

export function useCreateBoard(workspaceId: string) {
  const store = useStoreBoard(workspaceId);
  return useMutation({
    mutationFn: (name: string) => api.post<Board>(`${ws(workspaceId)}/boards`, { name }),
    onSuccess: store,
  });
}

export function useRenameBoard(workspaceId: string) {
  const store = useStoreBoard(workspaceId);
  return useMutation({
    mutationFn: ({ boardId, name }: { boardId: string; name: string }) =>
      api.patch<Board>(boardPath(workspaceId, boardId), { name }),
    onSuccess: store,
  });
}

export function useDeleteBoard(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (boardId: string) => api.delete(boardPath(workspaceId, boardId)),
    onSuccess: (_answer, boardId) =>
      queryClient.setQueryData<Board[]>(boardsKey(workspaceId), (boards) =>
        boards?.filter((board) => board.id !== boardId),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: boardsKey(workspaceId) }),
  });
}

export function useAddColumn(workspaceId: string, boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (column: NewColumn) => api.post<Column>(`${boardPath(workspaceId, boardId)}/columns`, column),
    onSuccess: (column) =>
      queryClient.setQueryData<Board[]>(boardsKey(workspaceId), (boards) =>
        boards?.map((board) =>
          board.id === boardId ? { ...board, columns: [...board.columns, column] } : board,
        ),
      ),
  });
}

export function useRemoveColumn(workspaceId: string, boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (columnId: string) =>
      api.delete(`${boardPath(workspaceId, boardId)}/columns/${encodeURIComponent(columnId)}`),
    onSuccess: (_answer, columnId) =>
      queryClient.setQueryData<Board[]>(boardsKey(workspaceId), (boards) =>
        boards?.map((board) =>
          board.id === boardId
            ? { ...board, columns: board.columns.filter((column) => column.id !== columnId) }
            : board,
        ),
      ),
  });
}

/** Shows the new order at once and puts the old one back if the server refuses it. */
export function useReorderColumns(workspaceId: string, boardId: string) {
  const queryClient = useQueryClient();
  const key = boardsKey(workspaceId);
  return useMutation({
    mutationFn: (columnIds: string[]) =>
      api.put<Board>(`${boardPath(workspaceId, boardId)}/columns/order`, { columnIds }),
    onMutate: async (columnIds) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Board[]>(key);
      const rank = new Map(columnIds.map((id, index) => [id, index]));
      queryClient.setQueryData<Board[]>(key, (boards) =>
        boards?.map((board) =>
          board.id === boardId
            ? {
                ...board,
                columns: [...board.columns].sort(
                  (a, b) => (rank.get(a.id) ?? columnIds.length) - (rank.get(b.id) ?? columnIds.length),
                ),
              }
            : board,
        ),
      );
      return { before };
    },
    onError: (_error, _ids, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSuccess: (board) =>
      queryClient.setQueryData<Board[]>(key, (boards) =>
        boards?.map((known) => (known.id === board.id ? board : known)),
      ),
  });
}

export async function fetchBoardItems(workspaceId: string, boardId: string): Promise<ColumnItemsAnswer[]> {
  return (await api.get<{ columns: ColumnItemsAnswer[] }>(`${boardPath(workspaceId, boardId)}/items`))
    .columns;
}

export function fetchOlderItems(workspaceId: string, boardId: string, columnId: string, cursor: string) {
  return api.get<{ items: StreamItem[]; cursor: string | null }>(
    `${boardPath(workspaceId, boardId)}/columns/${encodeURIComponent(columnId)}/items?cursor=${encodeURIComponent(cursor)}`,
  );
}

export function boardEventsUrl(workspaceId: string, boardId: string): string {
  return `/api${boardPath(workspaceId, boardId)}/events`;
}

export function sendItemAction(
  workspaceId: string,
  input: { accountId: string; action: StreamAction; postId: string; postCid?: string },
) {
  return api.post<void>(`${ws(workspaceId)}/streams/actions`, input);
}

export function useSendReply(workspaceId: string) {
  return useMutation({
    mutationFn: (input: ReplyInput) => api.post<ReplyAnswer>(`${ws(workspaceId)}/streams/replies`, input),
  });
}

export function useAccountLists(workspaceId: string, accountId: string | null) {
  return useQuery({
    queryKey: ['workspace', workspaceId, 'accounts', accountId, 'lists'],
    queryFn: async () =>
      (
        await api.get<{ lists: NetworkList[] }>(
          `${ws(workspaceId)}/accounts/${encodeURIComponent(accountId ?? '')}/lists`,
        )
      ).lists,
    enabled: accountId !== null,
  });
}
