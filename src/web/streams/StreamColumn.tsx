// A column of a board: its header (kind, title, account; dragged to reorder), a menu to move or remove
// it, the "N new" pill over its items, its error, and a sentinel at the bottom that loads older items.
import { type DragEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamAction, StreamItem } from '../../core/streams/streamTypes.ts';
import { Popover } from '../components/Popover.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { ColumnKindIcon } from './ColumnKindIcon.tsx';
import type { ColumnFeed } from './columnFeed.ts';
import { columnTitle } from './columnTitle.ts';
import { type ItemAbilities, StreamItemCard } from './StreamItemCard.tsx';
import type { Column } from './streamsApi.ts';

export interface ColumnDrag {
  onDragStart: (columnId: string, event: DragEvent<HTMLElement>) => void;
  onDragOver: (columnId: string, event: DragEvent<HTMLElement>) => void;
  onDrop: (columnId: string, event: DragEvent<HTMLElement>) => void;
  onDragEnd: () => void;
  /** The column a dragged header would land on. */
  overId: string | null;
  draggingId: string | null;
}

export function StreamColumn({
  column,
  feed,
  index,
  count,
  now,
  abilities,
  drag,
  onMove,
  onRemove,
  onReveal,
  onLoadOlder,
  onAct,
  onWrite,
  onCopy,
  onSchedule,
}: {
  column: Column;
  feed: ColumnFeed;
  index: number;
  count: number;
  now: number;
  abilities: ItemAbilities;
  drag: ColumnDrag;
  onMove: (column: Column, step: -1 | 1) => void;
  onRemove: (column: Column) => void;
  onReveal: (column: Column) => void;
  onLoadOlder: (column: Column, retry?: boolean) => void;
  onAct: (column: Column, item: StreamItem, action: StreamAction) => void;
  onWrite: (column: Column, item: StreamItem, kind: 'reply' | 'quote') => void;
  onCopy: (item: StreamItem) => void;
  onSchedule: (item: StreamItem) => void;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const headingId = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const kindLabel = t(`streams.kinds.${column.kind}`);
  const title = columnTitle(column, t);
  const pendingCount = feed.pending.length;
  const canEngage = abilities.engage && column.accountId !== null;

  // Older items load when the bottom of the column comes into view. Observing again after each page
  // fires again when the sentinel is still in view (a short page), as an observer only reports changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: feed.items.length re-observes after each page.
  useEffect(() => {
    const sentinel = sentinelRef.current;
    const root = bodyRef.current;
    if (!sentinel || !root || !feed.cursor || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onLoadOlder(column);
      },
      { root, rootMargin: '0px 0px 400px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [feed.cursor, feed.items.length, column, onLoadOlder]);

  const reveal = () => {
    onReveal(column);
    bodyRef.current?.scrollTo({ top: 0 });
  };

  const classes = ['stream-column'];
  if (drag.draggingId === column.id) classes.push('is-dragging');
  if (drag.overId === column.id && drag.draggingId !== column.id) classes.push('is-drop-target');

  return (
    <section
      className={classes.join(' ')}
      aria-labelledby={headingId}
      data-testid="stream-column"
      data-column-id={column.id}
      data-kind={column.kind}
      onDragOver={(event) => drag.onDragOver(column.id, event)}
      onDrop={(event) => drag.onDrop(column.id, event)}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dragging is the pointer shortcut; the column menu moves columns from the keyboard. */}
      <header
        className="stream-column-header"
        draggable
        onDragStart={(event) => drag.onDragStart(column.id, event)}
        onDragEnd={drag.onDragEnd}
        title={t('streams.column.dragHint')}
        data-testid="stream-column-header"
      >
        <span className={`stream-column-kind stream-column-kind-${column.kind}`}>
          <ColumnKindIcon kind={column.kind} />
        </span>
        <div className="stream-column-heading">
          <h2 id={headingId} tabIndex={-1} className="stream-column-title">
            {title}
          </h2>
          <p className="stream-column-meta">
            {title !== kindLabel && <span>{kindLabel}</span>}
            {column.account && <span className="stream-column-handle">@{column.account.handle}</span>}
          </p>
        </div>
        <Popover
          align="end"
          buttonClassName="stream-column-menu-button"
          panelClassName="stream-menu"
          testId="stream-column-menu"
          buttonLabel={<span className="visually-hidden">{t('streams.column.menu', { title })}</span>}
        >
          {(close) => (
            <div className="menu">
              <button
                type="button"
                className="menu-item"
                disabled={index === 0}
                onClick={() => {
                  close();
                  onMove(column, -1);
                }}
              >
                <span className="menu-item-main">{t('streams.column.moveLeft')}</span>
              </button>
              <button
                type="button"
                className="menu-item"
                disabled={index === count - 1}
                onClick={() => {
                  close();
                  onMove(column, 1);
                }}
              >
                <span className="menu-item-main">{t('streams.column.moveRight')}</span>
              </button>
              <div className="menu-divider" />
              <button
                type="button"
                className="menu-item stream-menu-danger"
                onClick={() => {
                  close();
                  onRemove(column);
                }}
              >
                <span className="menu-item-main">{t('streams.column.remove')}</span>
              </button>
            </div>
          )}
        </Popover>
      </header>

      <p className="visually-hidden" aria-live="polite" data-testid="stream-column-announcement">
        {pendingCount > 0
          ? t('streams.column.newAnnouncement', {
              count: pendingCount,
              formatted: format.number(pendingCount),
              title,
            })
          : ''}
      </p>

      <div className="stream-column-body" ref={bodyRef}>
        {pendingCount > 0 && (
          <div className="stream-new-pill-wrap">
            <button type="button" className="stream-new-pill" onClick={reveal} data-testid="stream-new-pill">
              <span aria-hidden="true">↑</span>
              {t('streams.column.newItems', { count: pendingCount, formatted: format.number(pendingCount) })}
            </button>
          </div>
        )}
        {feed.error && (
          <div className="alert alert-warning stream-column-error" data-testid="stream-column-error">
            {feed.error}
          </div>
        )}
        {feed.loading && feed.items.length === 0 && !feed.error && (
          <div className="stream-column-loading" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>{t('streams.column.loading')}</span>
          </div>
        )}
        {!feed.loading && feed.items.length === 0 && !feed.error && (
          <p className="stream-column-empty muted small">{t(`streams.column.empty.${column.kind}`)}</p>
        )}
        {feed.items.length > 0 && (
          <ul className="stream-items" aria-labelledby={headingId}>
            {feed.items.map((item) => (
              <li key={item.id}>
                <StreamItemCard
                  item={item}
                  now={now}
                  abilities={{ ...abilities, engage: canEngage }}
                  onAct={(target, action) => onAct(column, target, action)}
                  onWrite={(target, kind) => onWrite(column, target, kind)}
                  onCopy={onCopy}
                  onSchedule={onSchedule}
                />
              </li>
            ))}
          </ul>
        )}
        <div ref={sentinelRef} className="stream-column-end">
          {feed.loadingOlder && (
            <span className="muted small" role="status">
              {t('streams.column.loadingOlder')}
            </span>
          )}
          {feed.olderError && (
            <div className="alert alert-error stream-older-error">
              <span>{feed.olderError}</span>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => onLoadOlder(column, true)}
              >
                {t('common.retry')}
              </button>
            </div>
          )}
          {feed.cursor && !feed.loadingOlder && !feed.olderError && (
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => onLoadOlder(column)}
            >
              {t('streams.column.loadOlder')}
            </button>
          )}
          {!feed.cursor && feed.items.length > 0 && (
            <span className="muted small">{t('streams.column.end')}</span>
          )}
        </div>
      </div>
    </section>
  );
}
