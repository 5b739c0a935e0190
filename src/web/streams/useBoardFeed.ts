// The live contents of an open board: the first items from the server, new items over Server-Sent
// Events held under each column's "N new" pill, older pages on demand, column errors, and likes and
// reposts shown at once and put back if the network refuses them.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { StreamAction, StreamItem } from '../../core/streams/streamTypes.ts';
import {
  appendOlder,
  applyAction,
  type ColumnFeed,
  type ColumnItemsAnswer,
  emptyFeed,
  type Feeds,
  feedOf,
  oppositeAction,
  receiveAnswer,
  receiveItems,
  revealPending,
} from './columnFeed.ts';
import { boardEventsUrl, fetchBoardItems, fetchOlderItems, sendItemAction } from './streamsApi.ts';

type FeedChange =
  | { type: 'reset' }
  | { type: 'answers'; answers: ColumnItemsAnswer[] }
  | { type: 'items'; columnId: string; items: StreamItem[] }
  | { type: 'error'; columnId: string; message: string | null }
  | { type: 'reveal'; columnId: string }
  | { type: 'olderStart'; columnId: string }
  | { type: 'older'; columnId: string; items: StreamItem[]; cursor: string | null }
  | { type: 'olderFailed'; columnId: string; message: string }
  | { type: 'action'; columnIds: string[]; postId: string; action: StreamAction };

function change(feeds: Feeds, columnId: string, update: (feed: ColumnFeed) => ColumnFeed): Feeds {
  const before = feedOf(feeds, columnId);
  const after = update(before);
  return after === before && feeds[columnId] ? feeds : { ...feeds, [columnId]: after };
}

function feedReducer(feeds: Feeds, event: FeedChange): Feeds {
  switch (event.type) {
    case 'reset':
      return {};
    case 'answers': {
      const next: Record<string, ColumnFeed> = { ...feeds };
      for (const answer of event.answers)
        next[answer.columnId] = receiveAnswer(feeds[answer.columnId], answer);
      return next;
    }
    case 'items':
      return change(feeds, event.columnId, (feed) => receiveItems(feed, event.items));
    case 'error':
      return change(feeds, event.columnId, (feed) =>
        feed.error === event.message ? feed : { ...feed, error: event.message },
      );
    case 'reveal':
      return change(feeds, event.columnId, revealPending);
    case 'olderStart':
      return change(feeds, event.columnId, (feed) => ({ ...feed, loadingOlder: true, olderError: null }));
    case 'older':
      return change(feeds, event.columnId, (feed) => appendOlder(feed, event.items, event.cursor));
    case 'olderFailed':
      return change(feeds, event.columnId, (feed) => ({
        ...feed,
        loadingOlder: false,
        olderError: event.message,
      }));
    case 'action':
      return applyAction(feeds, event.columnIds, event.postId, event.action);
  }
}

function parse<T>(data: string): T | undefined {
  try {
    return JSON.parse(data) as T;
  } catch {
    return undefined;
  }
}

export interface BoardFeed {
  feeds: Feeds;
  feedOf: (columnId: string) => ColumnFeed;
  /** The first load failed (the error to show), until a later load works. */
  loadError: unknown;
  reload: () => void;
  reveal: (columnId: string) => void;
  loadOlder: (columnId: string, retry?: boolean) => void;
  /** Likes or reposts at once in `columnIds`; answers the server's refusal, after putting the item back. */
  act: (input: {
    accountId: string;
    columnIds: string[];
    action: StreamAction;
    postId: string;
    postCid?: string;
  }) => Promise<unknown>;
}

export function useBoardFeed(
  workspaceId: string,
  boardId: string | undefined,
  columnIds: readonly string[],
  describeError: (error: unknown) => string,
): BoardFeed {
  const [feeds, dispatch] = useReducer(feedReducer, {});
  const [loadError, setLoadError] = useState<unknown>(null);
  const feedsRef = useRef(feeds);
  feedsRef.current = feeds;
  const describeRef = useRef(describeError);
  describeRef.current = describeError;

  const load = useCallback(() => {
    if (!boardId) return;
    fetchBoardItems(workspaceId, boardId).then(
      (answers) => {
        setLoadError(null);
        dispatch({ type: 'answers', answers });
      },
      (error: unknown) => setLoadError(error),
    );
  }, [workspaceId, boardId]);

  useEffect(() => {
    dispatch({ type: 'reset' });
    setLoadError(null);
    load();
  }, [load]);

  // The server reads the columns the board has when the stream opens, so a new column opens it again.
  const columnsKey = [...columnIds].sort().join(',');
  useEffect(() => {
    if (!boardId || !columnsKey || typeof EventSource === 'undefined') return;
    const source = new EventSource(boardEventsUrl(workspaceId, boardId));
    // Whatever arrived while the stream was down (or before a new column was known) is read again.
    const onOpen = () => load();
    const onItems = (event: MessageEvent<string>) => {
      const data = parse<{ columnId: string; items: StreamItem[] }>(event.data);
      if (data && Array.isArray(data.items))
        dispatch({ type: 'items', columnId: data.columnId, items: data.items });
    };
    const onColumnError = (event: MessageEvent<string>) => {
      const data = parse<{ columnId: string; message: string }>(event.data);
      if (data) dispatch({ type: 'error', columnId: data.columnId, message: data.message });
    };
    const onColumnOk = (event: MessageEvent<string>) => {
      const data = parse<{ columnId: string }>(event.data);
      if (data) dispatch({ type: 'error', columnId: data.columnId, message: null });
    };
    source.addEventListener('open', onOpen);
    source.addEventListener('items', onItems as EventListener);
    source.addEventListener('column-error', onColumnError as EventListener);
    source.addEventListener('column-ok', onColumnOk as EventListener);
    return () => source.close();
  }, [workspaceId, boardId, columnsKey, load]);

  /** The next older page; after a failure only an explicit retry (not the scroll sentinel) asks again. */
  const loadOlder = useCallback(
    (columnId: string, retry = false) => {
      const feed = feedsRef.current[columnId] ?? emptyFeed;
      if (!boardId || !feed.cursor || feed.loadingOlder || (feed.olderError && !retry)) return;
      dispatch({ type: 'olderStart', columnId });
      fetchOlderItems(workspaceId, boardId, columnId, feed.cursor).then(
        (page) => dispatch({ type: 'older', columnId, items: page.items, cursor: page.cursor }),
        (error: unknown) => dispatch({ type: 'olderFailed', columnId, message: describeRef.current(error) }),
      );
    },
    [workspaceId, boardId],
  );

  const act = useCallback<BoardFeed['act']>(
    async ({ accountId, columnIds: columns, action, postId, postCid }) => {
      dispatch({ type: 'action', columnIds: columns, postId, action });
      try {
        await sendItemAction(workspaceId, { accountId, action, postId, postCid });
        return null;
      } catch (error) {
        dispatch({ type: 'action', columnIds: columns, postId, action: oppositeAction(action) });
        return error;
      }
    },
    [workspaceId],
  );

  return {
    feeds,
    feedOf: (columnId) => feedOf(feeds, columnId),
    loadError,
    reload: load,
    reveal: (columnId) => dispatch({ type: 'reveal', columnId }),
    loadOlder,
    act,
  };
}
