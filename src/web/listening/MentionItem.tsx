// One mention: who wrote it and where, when (linking to the post), its text in its own language, and
// badges for its language and sentiment.
import { useTranslation } from 'react-i18next';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { relativeTime } from '../streams/relativeTime.ts';
import type { Mention } from './listeningApi.ts';
import { languageName } from './listeningFormat.ts';

export function MentionItem({ mention, now }: { mention: Mention; now: number }) {
  const { t } = useTranslation();
  const { locale, dateTime } = useLocaleFormat();
  const language = languageName(locale, mention.lang);
  const source = t(`listening.sources.${mention.source}`);
  const author = mention.authorName || mention.authorHandle;
  return (
    <article className="listening-mention" data-testid="mention" data-mention-id={mention.id}>
      <header className="listening-mention-header">
        <span className="listening-mention-author">
          <strong>{author}</strong>
          {mention.authorName && <span className="muted"> {mention.authorHandle}</span>}
        </span>
        <span className="muted listening-mention-meta">
          {source} ·{' '}
          <a href={mention.url} target="_blank" rel="noreferrer noopener" title={dateTime(mention.postedAt)}>
            <time dateTime={mention.postedAt}>{relativeTime(locale, mention.postedAt, now)}</time>
            <span className="visually-hidden">, {t('listening.mention.open', { author, source })}</span>
          </a>
        </span>
      </header>
      <p className="listening-mention-text" lang={language ? mention.lang : undefined}>
        {mention.text}
      </p>
      <div className="listening-mention-badges">
        <span className="badge" data-testid="mention-lang" data-lang={mention.lang}>
          <span className="visually-hidden">{t('listening.mention.languageLabel')} </span>
          {language ?? t('listening.mention.unknownLanguage')}
        </span>
        <span
          className={`badge listening-sentiment listening-sentiment-${mention.sentiment}`}
          data-testid="mention-sentiment"
          data-sentiment={mention.sentiment}
        >
          <span className="visually-hidden">{t('listening.mention.sentimentLabel')} </span>
          {t(`listening.sentiment.${mention.sentiment}`)}
        </span>
        {mention.hashtags.slice(0, 6).map((tag) => (
          <span key={tag} className="listening-hashtag">
            #{tag}
          </span>
        ))}
      </div>
    </article>
  );
}
