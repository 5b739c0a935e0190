// Streams: the person's boards of live columns side by side (home timelines, mentions, lists, searches,
// feeds, the workspace's scheduled posts), with new items held under each column's "N new" pill and the
// everyday actions (reply, like, repost, quote, open, copy, schedule) on every item.
import './StreamsPage.css';
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { MAX_COLUMNS_PER_BOARD, type StreamAction, type StreamItem } from '../../core/streams/streamTypes.ts';
import { useAccounts } from '../api/accountQueries.ts';
import { errorMessage } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';
import { AddColumnDialog, streamAccounts } from './AddColumnDialog.tsx';
import { BoardNameDialog, DeleteBoardDialog } from './BoardDialogs.tsx';
import { BoardTabs } from './BoardTabs.tsx';
import { moveColumnBy, moveColumnOnto, sameOrder } from './columnOrder.ts';
import { columnTitle } from './columnTitle.ts';
import { ReplyDialog } from './ReplyDialog.tsx';
import { type ColumnDrag, StreamColumn } from './StreamColumn.tsx';
import { type Board, type Column, useBoards, useRemoveColumn, useReorderColumns } from './streamsApi.ts';
import { canEngage, canWritePosts } from './streamsRoles.ts';
import { useBoardFeed } from './useBoardFeed.ts';

type OpenDialog =
  | { type: 'addColumn' }
  | { type: 'newBoard' }
  | { type: 'renameBoard' }
  | { type: 'deleteBoard' }
  | { type: 'write'; item: StreamItem; kind: 'reply' | 'quote'; column: Column };

interface Notice {
  kind: 'success' | 'error';
  text: string;
}

/** The current time, again every half minute, so "5 min ago" stays true on an open board. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The board fills the window below its own top edge, so each column scrolls on its own. The edge moves
 * when a notice or an alert above the board comes or goes, so the part above is watched too.
 */
function useFillWindow(
  boardRef: React.RefObject<HTMLElement | null>,
  aboveRef: React.RefObject<HTMLElement | null>,
  ready: boolean,
) {
  useEffect(() => {
    const board = boardRef.current;
    if (!board || !ready) return;
    const place = () => {
      const top = board.getBoundingClientRect().top + window.scrollY;
      board.style.setProperty('--board-top', `${Math.round(top)}px`);
    };
    place();
    window.addEventListener('resize', place);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(place);
    const bar = document.querySelector('.topbar');
    if (observer && bar) observer.observe(bar);
    if (observer && aboveRef.current) observer.observe(aboveRef.current);
    return () => {
      window.removeEventListener('resize', place);
      observer?.disconnect();
    };
  }, [boardRef, aboveRef, ready]);
}

function focusColumnHeading(columnId: string) {
  requestAnimationFrame(() =>
    document
      .querySelector<HTMLElement>(`[data-column-id="${CSS.escape(columnId)}"] .stream-column-title`)
      ?.focus(),
  );
}

export function StreamsPage() {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const workspaceId = workspace.id;
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  const navigate = useNavigate();
  const format = useLocaleFormat();
  const [params, setParams] = useSearchParams();
  const boards = useBoards(workspaceId);
  const accounts = useAccounts(workspaceId);
  const now = useNow();

  const requestedId = params.get('board');
  const board: Board | undefined =
    boards.data?.find((candidate) => candidate.id === requestedId) ?? boards.data?.[0];
  const columns = useMemo(
    () => [...(board?.columns ?? [])].sort((a, b) => a.position - b.position),
    [board?.columns],
  );
  const columnIds = useMemo(() => columns.map((column) => column.id), [columns]);

  // The address always names the board shown, so a reload or a shared link opens the same one.
  useEffect(() => {
    if (board && requestedId !== board.id) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set('board', board.id);
          return next;
        },
        { replace: true },
      );
    }
  }, [board, requestedId, setParams]);

  const describe = useCallback((error: unknown) => errorMessage(error, t), [t]);
  const feed = useBoardFeed(workspaceId, board?.id, columnIds, describe);
  const reorder = useReorderColumns(workspaceId, board?.id ?? '');
  const removeColumn = useRemoveColumn(workspaceId, board?.id ?? '');
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const boardRef = useRef<HTMLElement>(null);
  const addColumnRef = useRef<HTMLButtonElement>(null);
  const aboveRef = useRef<HTMLDivElement>(null);
  useFillWindow(boardRef, aboveRef, columns.length > 0);

  // A notice is a sentence in the language it was said in; a new language starts without it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the language changes.
  useEffect(() => setNotice(null), [i18n.language]);

  const readable = streamAccounts(accounts.data ?? []);
  const full = columns.length >= MAX_COLUMNS_PER_BOARD;
  const abilities = {
    engage: canEngage(workspace.role),
    write: canWritePosts(workspace.role),
    schedule: canWritePosts(workspace.role),
  };

  const sendOrder = (ids: string[], moved: Column) => {
    if (sameOrder(ids, columnIds)) return;
    reorder.mutate(ids, {
      onSuccess: () =>
        setNotice({
          kind: 'success',
          text: t('streams.column.moved', {
            title: columnTitle(moved, t),
            position: format.number(ids.indexOf(moved.id) + 1),
            count: format.number(ids.length),
          }),
        }),
      onError: (error) => setNotice({ kind: 'error', text: errorMessage(error, t) }),
    });
  };

  const drag: ColumnDrag = {
    draggingId: dragging,
    overId,
    onDragStart: (columnId, event: DragEvent<HTMLElement>) => {
      setDragging(columnId);
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', columnId);
    },
    onDragOver: (columnId, event) => {
      if (!dragging) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      if (overId !== columnId) setOverId(columnId);
    },
    onDrop: (columnId, event) => {
      event.preventDefault();
      const draggedId = dragging ?? event.dataTransfer.getData('text/plain');
      setDragging(null);
      setOverId(null);
      const moved = columns.find((column) => column.id === draggedId);
      if (moved) sendOrder(moveColumnOnto(columnIds, moved.id, columnId), moved);
    },
    onDragEnd: () => {
      setDragging(null);
      setOverId(null);
    },
  };

  const onMove = (column: Column, step: -1 | 1) => {
    sendOrder(moveColumnBy(columnIds, column.id, step), column);
    focusColumnHeading(column.id);
  };

  const onRemove = (column: Column) => {
    const index = columnIds.indexOf(column.id);
    const neighbour = columnIds[index + 1] ?? columnIds[index - 1];
    removeColumn.mutate(column.id, {
      onSuccess: () => {
        setNotice({ kind: 'success', text: t('streams.column.removed', { title: columnTitle(column, t) }) });
        if (neighbour) focusColumnHeading(neighbour);
        else requestAnimationFrame(() => addColumnRef.current?.focus());
      },
      onError: (error) => setNotice({ kind: 'error', text: errorMessage(error, t) }),
    });
  };

  const onAct = (column: Column, item: StreamItem, action: StreamAction) => {
    if (!column.accountId || !item.postId) return;
    // Every column read by the same account shows the same post the same way.
    const sameAccount = columns.filter((other) => other.accountId === column.accountId).map((c) => c.id);
    setNotice(null);
    void feed
      .act({
        accountId: column.accountId,
        columnIds: sameAccount,
        action,
        postId: item.postId,
        postCid: item.postCid,
      })
      .then((error) => {
        if (error) setNotice({ kind: 'error', text: errorMessage(error, t) });
      });
  };

  const onCopy = (item: StreamItem) => {
    const done = () => setNotice({ kind: 'success', text: t('streams.item.copied') });
    const failed = () => setNotice({ kind: 'error', text: t('streams.item.copyFailed', { url: item.url }) });
    if (!navigator.clipboard) return failed();
    navigator.clipboard.writeText(item.url).then(done, failed);
  };

  const onSchedule = (item: StreamItem) => {
    const text = item.kind === 'article' && item.title ? `${item.title} ${item.url}` : item.url;
    navigate(`${base}/compose?text=${encodeURIComponent(text)}`);
  };

  const closeDialog = () => setDialog(null);
  const selectBoard = (id: string) => setParams({ board: id });

  return (
    <div className="page streams-page">
      <div className="streams-top" ref={aboveRef}>
        <div className="streams-header">
          <div className="streams-title">
            <h1>{t('streams.title')}</h1>
            <p className="muted small">{t('streams.intro')}</p>
          </div>
          <div className="streams-header-actions">
            <Link
              className="button button-secondary button-small"
              to={`${base}/lists`}
              data-testid="lists-link"
            >
              {t('streams.openLists')}
            </Link>
            {board && (
              <button
                ref={addColumnRef}
                type="button"
                className="button button-primary button-small"
                onClick={() => setDialog({ type: 'addColumn' })}
                disabled={full}
                aria-describedby={full ? 'streams-columns-full' : undefined}
                data-testid="add-column"
              >
                <span aria-hidden="true">+</span> {t('streams.addColumn.open')}
              </button>
            )}
          </div>
        </div>

        {boards.data && (
          <BoardTabs
            boards={boards.data}
            selectedId={board?.id}
            onNew={() => setDialog({ type: 'newBoard' })}
            onRename={() => setDialog({ type: 'renameBoard' })}
            onDelete={() => setDialog({ type: 'deleteBoard' })}
          />
        )}

        {full && (
          <p id="streams-columns-full" className="muted small">
            {t('streams.columnsFull', { max: format.number(MAX_COLUMNS_PER_BOARD) })}
          </p>
        )}

        <div aria-live="polite" className="streams-notice">
          {notice && (
            <div
              className={`alert ${notice.kind === 'error' ? 'alert-error' : 'alert-success'}`}
              data-testid="streams-notice"
            >
              <span>{notice.text}</span>
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => setNotice(null)}
              >
                {t('streams.dismiss')}
              </button>
            </div>
          )}
        </div>

        {accounts.isSuccess && readable.length === 0 && (
          <div className="alert alert-warning streams-no-accounts" data-testid="streams-no-accounts">
            <span>{t('streams.noAccounts')}</span>{' '}
            <Link to={`${base}/settings/accounts`}>{t('streams.connectAccount')}</Link>
          </div>
        )}

        {boards.isPending && (
          <div className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('common.loading')}
          </div>
        )}
        {boards.isError && (
          <div className="alert alert-error streams-load-error" role="alert">
            <span>{errorMessage(boards.error, t)}</span>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => void boards.refetch()}
            >
              {t('common.retry')}
            </button>
          </div>
        )}
        {Boolean(feed.loadError) && (
          <div className="alert alert-error streams-load-error" role="alert">
            <span>{errorMessage(feed.loadError, t)}</span>
            <button type="button" className="button button-secondary button-small" onClick={feed.reload}>
              {t('common.retry')}
            </button>
          </div>
        )}
      </div>

      {board && columns.length === 0 && (
        <div className="card empty-state streams-empty" data-testid="streams-empty">
          <h2>{t('streams.empty.title')}</h2>
          <p className="muted">{t('streams.empty.body')}</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => setDialog({ type: 'addColumn' })}
          >
            {t('streams.addColumn.open')}
          </button>
        </div>
      )}

      {board && columns.length > 0 && (
        <section
          className="streams-board"
          ref={boardRef}
          data-testid="streams-board"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the board scrolls sideways; keyboard users scroll it too.
          tabIndex={0}
          aria-label={t('streams.boardLabel', { name: board.name })}
        >
          {columns.map((column, index) => (
            <StreamColumn
              key={column.id}
              column={column}
              feed={feed.feedOf(column.id)}
              index={index}
              count={columns.length}
              now={now}
              abilities={abilities}
              drag={drag}
              onMove={onMove}
              onRemove={onRemove}
              onReveal={(target) => feed.reveal(target.id)}
              onLoadOlder={(target, retry) => feed.loadOlder(target.id, retry)}
              onAct={onAct}
              onWrite={(target, item, kind) => setDialog({ type: 'write', item, kind, column: target })}
              onCopy={onCopy}
              onSchedule={onSchedule}
            />
          ))}
        </section>
      )}

      {dialog?.type === 'addColumn' && board && (
        <AddColumnDialog
          workspaceId={workspaceId}
          boardId={board.id}
          accounts={accounts.data ?? []}
          onClose={closeDialog}
          onAdded={(column) => {
            setNotice({
              kind: 'success',
              text: t('streams.column.added', { title: columnTitle(column, t) }),
            });
            focusColumnHeading(column.id);
          }}
        />
      )}
      {dialog?.type === 'newBoard' && (
        <BoardNameDialog
          workspaceId={workspaceId}
          onClose={closeDialog}
          onSaved={(saved) => selectBoard(saved.id)}
        />
      )}
      {dialog?.type === 'renameBoard' && board && (
        <BoardNameDialog
          workspaceId={workspaceId}
          board={board}
          onClose={closeDialog}
          onSaved={() => undefined}
        />
      )}
      {dialog?.type === 'deleteBoard' && board && (
        <DeleteBoardDialog
          workspaceId={workspaceId}
          board={board}
          onClose={closeDialog}
          onDeleted={() => {
            const next = boards.data?.find((other) => other.id !== board.id);
            setNotice({ kind: 'success', text: t('streams.boards.deleted', { name: board.name }) });
            if (next) selectBoard(next.id);
            else setParams({});
          }}
        />
      )}
      {dialog?.type === 'write' && (
        <ReplyDialog
          workspaceId={workspaceId}
          item={dialog.item}
          kind={dialog.kind}
          accounts={readable}
          defaultAccountId={dialog.column.accountId}
          onClose={closeDialog}
        />
      )}
    </div>
  );
}
