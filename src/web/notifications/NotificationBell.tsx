// The bell in the header: unread count and the list of the person's notifications in this workspace.
// Opening one marks it read and goes to what it is about; "Mark all read" clears the count.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import {
  type AppNotification,
  useMarkRead,
  useNotificationList,
  useUnreadCount,
} from './notificationQueries.ts';
import { notificationText } from './notificationText.ts';
import './NotificationBell.css';

export function NotificationBell({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const unread = useUnreadCount(workspaceId).data ?? 0;
  const list = useNotificationList(workspaceId, open);
  const mark = useMarkRead(workspaceId);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const openOne = (notification: AppNotification) => {
    if (!notification.readAt) mark.one.mutate(notification.id);
    setOpen(false);
    navigate(notification.link);
  };

  const items = list.data?.pages.flatMap((page) => page.notifications) ?? [];
  const label =
    unread > 0
      ? t('notifications.buttonUnread', { count: unread, formatted: format.number(unread) })
      : t('notifications.button');

  return (
    <div className="notification-bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        data-testid="notification-bell"
      >
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path
            d="M10 2.5a5 5 0 0 0-5 5v3.2l-1.4 2.6a.6.6 0 0 0 .5.9h11.8a.6.6 0 0 0 .5-.9L15 10.7V7.5a5 5 0 0 0-5-5Zm-2 12.7a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 ? (
          <span className="bell-badge" aria-hidden="true">
            {unread > 99 ? `${format.number(99)}+` : format.number(unread)}
          </span>
        ) : null}
      </button>
      <section
        id={panelId}
        className="bell-panel"
        hidden={!open}
        aria-labelledby={headingId}
        data-testid="notification-panel"
      >
        {open ? (
          <>
            <div className="bell-panel-header">
              <h2 id={headingId}>{t('notifications.title')}</h2>
              <button
                type="button"
                className="button button-ghost button-small"
                disabled={unread === 0 || mark.all.isPending}
                onClick={() => mark.all.mutate()}
              >
                {t('notifications.markAllRead')}
              </button>
            </div>
            {list.isPending ? (
              <p className="bell-empty muted">{t('notifications.loading')}</p>
            ) : list.isError ? (
              <p className="bell-empty alert alert-error" role="alert">
                {errorMessage(list.error, t)}
              </p>
            ) : items.length === 0 ? (
              <p className="bell-empty muted">{t('notifications.empty')}</p>
            ) : (
              <ul className="bell-list">
                {items.map((notification) => {
                  const words = notificationText(notification, t, format.number);
                  return (
                    <li key={notification.id}>
                      <button
                        type="button"
                        className={notification.readAt ? 'bell-item' : 'bell-item unread'}
                        onClick={() => openOne(notification)}
                      >
                        {notification.readAt ? null : (
                          <span className="visually-hidden">{t('notifications.unreadMark')}</span>
                        )}
                        <span className="bell-item-headline">{words.headline}</span>
                        {words.detail ? <span className="bell-item-detail">{words.detail}</span> : null}
                        <time className="bell-item-time" dateTime={notification.createdAt}>
                          {format.dateTime(notification.createdAt)}
                        </time>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
            {list.hasNextPage ? (
              <div className="bell-more">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={list.isFetchingNextPage}
                  onClick={() => list.fetchNextPage()}
                >
                  {t('notifications.older')}
                </button>
              </div>
            ) : null}
          </>
        ) : null}
      </section>
    </div>
  );
}
