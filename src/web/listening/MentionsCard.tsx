// A query's mentions over the chosen range, newest first, with filters by sentiment, language, source
// and words in the text, and a button for older ones. New mentions appear as they are stored.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../components/FormAlert.tsx';
import { useDebouncedValue } from '../components/useDebouncedValue.ts';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { type MentionFilters, SENTIMENTS, SOURCES, useMentions, useTop } from './listeningApi.ts';
import { languageName } from './listeningFormat.ts';
import { MentionItem } from './MentionItem.tsx';
import type { RangeName } from './timeRange.ts';

/** Always offered, whatever the mentions so far: the app's own two languages. */
const USUAL_LANGUAGES = ['bn', 'en'];

export function MentionsCard({
  workspaceId,
  queryId,
  range,
}: {
  workspaceId: string;
  queryId: string;
  range: RangeName;
}) {
  const { t } = useTranslation();
  const { locale } = useLocaleFormat();
  const id = useId();
  const [filters, setFilters] = useState<MentionFilters>({});
  const [text, setText] = useState('');
  const contains = useDebouncedValue(text.trim(), 400);
  const mentions = useMentions(workspaceId, queryId, range, { ...filters, contains: contains || undefined });
  const top = useTop(workspaceId, queryId, range);
  const languages = [
    ...new Set([...USUAL_LANGUAGES, ...(top.data?.languages ?? []).map((l) => l.lang)]),
  ].filter((code) => languageName(locale, code));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const all = mentions.data?.pages.flatMap((page) => page.mentions) ?? [];
  const choose = <K extends keyof MentionFilters>(name: K, value: string) =>
    setFilters((before) => ({ ...before, [name]: value || undefined }));

  return (
    <section className="card" aria-labelledby="listening-mentions-heading" data-testid="listening-mentions">
      <h2 id="listening-mentions-heading">{t('listening.mentions.heading')}</h2>
      <fieldset className="listening-filters">
        <legend className="visually-hidden">{t('listening.mentions.filters')}</legend>
        <div className="field">
          <label htmlFor={`${id}-sentiment`}>{t('listening.mentions.sentiment')}</label>
          <select
            id={`${id}-sentiment`}
            className="select"
            value={filters.sentiment ?? ''}
            onChange={(event) => choose('sentiment', event.target.value)}
          >
            <option value="">{t('listening.mentions.any')}</option>
            {SENTIMENTS.map((s) => (
              <option key={s} value={s}>
                {t(`listening.sentiment.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-lang`}>{t('listening.mentions.language')}</label>
          <select
            id={`${id}-lang`}
            className="select"
            value={filters.lang ?? ''}
            onChange={(event) => choose('lang', event.target.value)}
          >
            <option value="">{t('listening.mentions.any')}</option>
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(locale, code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('listening.mentions.source')}</label>
          <select
            id={`${id}-source`}
            className="select"
            value={filters.source ?? ''}
            onChange={(event) => choose('source', event.target.value)}
          >
            <option value="">{t('listening.mentions.any')}</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`listening.sources.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field listening-filter-text">
          <label htmlFor={`${id}-text`}>{t('listening.mentions.contains')}</label>
          <input
            id={`${id}-text`}
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      </fieldset>
      {mentions.isError && <FormAlert error={mentions.error} />}
      {mentions.data && all.length === 0 && (
        <p className="muted" data-testid="mentions-empty">
          {t('listening.mentions.none')}
        </p>
      )}
      <div className="listening-mentions" data-testid="mention-list">
        {all.map((mention) => (
          <MentionItem key={mention.id} mention={mention} now={now} />
        ))}
      </div>
      {mentions.hasNextPage && (
        <button
          type="button"
          className="button button-secondary listening-more"
          disabled={mentions.isFetchingNextPage}
          onClick={() => void mentions.fetchNextPage()}
        >
          {t('listening.mentions.more')}
        </button>
      )}
    </section>
  );
}
