// The most active authors, the most used words and hashtags, and the languages of a query's mentions
// over the chosen range, each a ranked table with a bar for its count.
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useTop } from './listeningApi.ts';
import { languageName } from './listeningFormat.ts';
import type { RangeName } from './timeRange.ts';

export function TopCard({
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
  const top = useTop(workspaceId, queryId, range);
  if (top.isError) return <FormAlert error={top.error} />;
  if (!top.data) return null;
  const { authors, terms, hashtags, languages } = top.data;
  return (
    <section className="card" aria-labelledby="listening-top-heading" data-testid="listening-top">
      <h2 id="listening-top-heading">{t('listening.top.heading')}</h2>
      <div className="listening-top-grid">
        <RankedTable
          caption={t('listening.top.authors')}
          rows={authors.map((a) => ({
            key: a.handle,
            label: a.name ? `${a.name} (${a.handle})` : a.handle,
            count: a.count,
          }))}
          testId="top-authors"
        />
        <RankedTable
          caption={t('listening.top.terms')}
          rows={terms.map((term) => ({ key: term.term, label: term.term, count: term.count }))}
          testId="top-terms"
        />
        <RankedTable
          caption={t('listening.top.hashtags')}
          rows={hashtags.map((tag) => ({ key: tag.tag, label: `#${tag.tag}`, count: tag.count }))}
          testId="top-hashtags"
        />
        <RankedTable
          caption={t('listening.top.languages')}
          rows={languages.map((l) => ({
            key: l.lang,
            label: languageName(locale, l.lang) ?? t('listening.mention.unknownLanguage'),
            count: l.count,
          }))}
          testId="top-languages"
        />
      </div>
    </section>
  );
}

function RankedTable({
  caption,
  rows,
  testId,
}: {
  caption: string;
  rows: { key: string; label: string; count: number }[];
  testId: string;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const max = Math.max(1, ...rows.map((row) => row.count));
  return (
    <div className="listening-ranked" data-testid={testId}>
      {rows.length === 0 ? (
        <>
          <h3 className="listening-ranked-caption">{caption}</h3>
          <p className="muted">{t('listening.top.none')}</p>
        </>
      ) : (
        <table className="listening-table">
          <caption className="listening-ranked-caption">{caption}</caption>
          <thead className="visually-hidden">
            <tr>
              <th scope="col">{t('listening.top.item')}</th>
              <th scope="col">{t('listening.detail.mentions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="listening-ranked-label">
                  <span>{row.label}</span>
                  <span className="listening-ranked-bar" aria-hidden="true">
                    <span style={{ width: `${(row.count / max) * 100}%` }} />
                  </span>
                </th>
                <td className="listening-number">{number(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
