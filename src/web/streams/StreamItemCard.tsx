// One item of a column: who, when, the text (plain text only), images with their descriptions, the
// repost and notification context, counts, and the actions a person takes from a stream.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamAction, StreamItem } from '../../core/streams/streamTypes.ts';
import { Popover } from '../components/Popover.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { relativeTime } from './relativeTime.ts';

/** Notification kinds carry a badge saying what happened. */
const NOTIFICATION_KINDS = new Set(['mention', 'reply', 'quote', 'like', 'repost', 'follow']);

export interface ItemAbilities {
  /** Like and repost, as the column's account. */
  engage: boolean;
  /** Reply and quote. */
  write: boolean;
  /** Open the composer with the item. */
  schedule: boolean;
}

export function StreamItemCard({
  item,
  now,
  abilities,
  onAct,
  onWrite,
  onCopy,
  onSchedule,
}: {
  item: StreamItem;
  now: number;
  abilities: ItemAbilities;
  onAct: (item: StreamItem, action: StreamAction) => void;
  onWrite: (item: StreamItem, kind: 'reply' | 'quote') => void;
  onCopy: (item: StreamItem) => void;
  onSchedule: (item: StreamItem) => void;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const nameId = useId();
  const liked = item.viewer?.liked ?? false;
  const reposted = item.viewer?.reposted ?? false;
  const counts = item.counts;
  const isArticle = item.kind === 'article';
  const onPost = Boolean(item.postId) && item.network !== 'rss' && item.kind !== 'scheduled';

  return (
    <article
      className={`stream-item stream-item-${item.kind}`}
      aria-labelledby={nameId}
      data-testid="stream-item"
      data-item-id={item.id}
    >
      {item.repostedBy && (
        <p className="stream-item-context">
          <RepostIcon />
          {t('streams.item.repostedBy', { name: item.repostedBy.displayName || item.repostedBy.handle })}
        </p>
      )}
      {NOTIFICATION_KINDS.has(item.kind) && (
        <p className={`stream-item-badge stream-item-badge-${item.kind}`}>
          {t(`streams.item.kinds.${item.kind}`)}
        </p>
      )}
      <header className="stream-item-head">
        <Avatar url={item.author.avatarUrl} name={item.author.displayName || item.author.handle} />
        <div className="stream-item-who">
          <span id={nameId} className="stream-item-name">
            {isArticle && item.title ? item.title : item.author.displayName || item.author.handle}
          </span>
          <span className="stream-item-handle">
            {isArticle ? item.author.displayName || item.author.handle : `@${item.author.handle}`}
          </span>
        </div>
        <time className="stream-item-time" dateTime={item.createdAt} title={format.dateTime(item.createdAt)}>
          {relativeTime(format.locale, item.createdAt, now)}
        </time>
      </header>
      {item.text && <p className="stream-item-text">{item.text}</p>}
      {item.sentiment && (
        <p className="stream-item-badges">
          <span className={`badge stream-item-sentiment stream-item-sentiment-${item.sentiment}`}>
            {t(`listening.sentiment.${item.sentiment}`)}
          </span>
        </p>
      )}
      {item.images && item.images.length > 0 && (
        <div className={`stream-item-images stream-item-images-${Math.min(item.images.length, 4)}`}>
          {item.images.slice(0, 4).map((image) => (
            <img key={image.url} src={image.url} alt={image.alt} loading="lazy" />
          ))}
        </div>
      )}
      {item.kind === 'scheduled' && (
        <p className="stream-item-schedule">
          {item.status && <span className="badge">{t(`planner.status.${item.status}`, item.status)}</span>}
          {item.scheduledAt && <span>{format.dateTime(item.scheduledAt)}</span>}
        </p>
      )}
      {counts && (
        <p className="visually-hidden">
          {t('streams.item.countsSummary', {
            replies: format.number(counts.replies),
            reposts: format.number(counts.reposts),
            likes: format.number(counts.likes),
          })}
        </p>
      )}
      <div className="stream-item-actions">
        {onPost && abilities.write && (
          <ActionButton
            label={t('streams.item.reply')}
            count={counts?.replies}
            icon="reply"
            onClick={() => onWrite(item, 'reply')}
          />
        )}
        {onPost && abilities.engage && (
          <ActionButton
            label={reposted ? t('streams.item.undoRepost') : t('streams.item.repost')}
            count={counts?.reposts}
            icon="repost"
            active={reposted}
            onClick={() => onAct(item, reposted ? 'unrepost' : 'repost')}
          />
        )}
        {onPost && abilities.engage && (
          <ActionButton
            label={liked ? t('streams.item.unlike') : t('streams.item.like')}
            count={counts?.likes}
            icon="like"
            active={liked}
            onClick={() => onAct(item, liked ? 'unlike' : 'like')}
          />
        )}
        {onPost && abilities.write && (
          <ActionButton label={t('streams.item.quote')} icon="quote" onClick={() => onWrite(item, 'quote')} />
        )}
        <div className="stream-item-more">
          <Popover
            align="end"
            buttonClassName="stream-action"
            panelClassName="stream-menu"
            buttonLabel={
              <>
                <span aria-hidden="true">⋯</span>
                <span className="visually-hidden">
                  {t('streams.item.more', { name: item.author.displayName || item.author.handle })}
                </span>
              </>
            }
          >
            {(close) => (
              <div className="menu">
                <a className="menu-item" href={item.url} target="_blank" rel="noopener noreferrer">
                  <span className="menu-item-main">
                    {isArticle ? t('streams.item.openArticle') : t('streams.item.openThread')}
                  </span>
                  <span className="visually-hidden">{t('streams.item.newTab')}</span>
                </a>
                {item.author.url && (
                  <a className="menu-item" href={item.author.url} target="_blank" rel="noopener noreferrer">
                    <span className="menu-item-main">
                      {isArticle ? t('streams.item.openSite') : t('streams.item.openAuthor')}
                    </span>
                    <span className="visually-hidden">{t('streams.item.newTab')}</span>
                  </a>
                )}
                <button
                  type="button"
                  className="menu-item"
                  onClick={() => {
                    close();
                    onCopy(item);
                  }}
                >
                  <span className="menu-item-main">{t('streams.item.copyLink')}</span>
                </button>
                {abilities.schedule && (
                  <button
                    type="button"
                    className="menu-item"
                    onClick={() => {
                      close();
                      onSchedule(item);
                    }}
                  >
                    <span className="menu-item-main">{t('streams.item.schedule')}</span>
                  </button>
                )}
              </div>
            )}
          </Popover>
        </div>
      </div>
    </article>
  );
}

function Avatar({ url, name }: { url?: string; name: string }) {
  if (url) return <img className="stream-avatar" src={url} alt="" loading="lazy" />;
  return (
    <span className="stream-avatar stream-avatar-initial" aria-hidden="true">
      {Array.from(name.trim())[0]?.toUpperCase() ?? '?'}
    </span>
  );
}

const ICONS = {
  reply: 'M9 7 4 12l5 5M4 12h10a6 6 0 0 1 6 6v1',
  repost: 'M17 2l3 3-3 3M4 11V9a4 4 0 0 1 4-4h12M7 22l-3-3 3-3M20 13v2a4 4 0 0 1-4 4H4',
  like: 'M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10Z',
  quote: 'M7 7h4v4c0 3-1.5 5-4 6M14 7h4v4c0 3-1.5 5-4 6',
} as const;

function ActionButton({
  label,
  icon,
  count,
  active = false,
  onClick,
}: {
  label: string;
  icon: keyof typeof ICONS;
  count?: number;
  active?: boolean;
  onClick: () => void;
}) {
  const format = useLocaleFormat();
  return (
    <button
      type="button"
      className={`stream-action stream-action-${icon}${active ? ' is-active' : ''}`}
      onClick={onClick}
      title={label}
    >
      <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d={ICONS[icon]}
          fill={active && icon === 'like' ? 'currentColor' : 'none'}
          stroke="currentColor"
          strokeWidth="1.9"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="visually-hidden">{label}</span>
      {count !== undefined && count > 0 && <span aria-hidden="true">{format.number(count)}</span>}
    </button>
  );
}

function RepostIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={ICONS.repost}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
