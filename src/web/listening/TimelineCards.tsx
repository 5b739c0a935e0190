// A query's mentions over the chosen range: the totals by sentiment, a chart of the volume and one of
// the sentiment (stacked), each with its figures as a table for those who cannot see the chart.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { type ListeningQuery, SENTIMENTS, useTimeline } from './listeningApi.ts';
import { bucketLabel, percent } from './listeningFormat.ts';
import { fillBuckets, type RangeName, rangeWindow } from './timeRange.ts';

const VolumeChart = lazy(() => import('./ListeningCharts.tsx').then((m) => ({ default: m.VolumeChart })));
const SentimentChart = lazy(() =>
  import('./ListeningCharts.tsx').then((m) => ({ default: m.SentimentChart })),
);

export function TimelineCards({
  workspaceId,
  query,
  range,
}: {
  workspaceId: string;
  query: ListeningQuery;
  range: RangeName;
}) {
  const { t } = useTranslation();
  const { number, locale } = useLocaleFormat();
  const timeline = useTimeline(workspaceId, query.id, range);
  if (timeline.isError) return <FormAlert error={timeline.error} />;
  if (!timeline.data) return <section className="card listening-chart-card" aria-busy="true" />;

  const window = { ...rangeWindow(range, new Date()), interval: timeline.data.interval };
  const buckets = fillBuckets(timeline.data.buckets, window);
  const labels = buckets.map((bucket) => bucketLabel(locale, bucket.at, window.interval));
  const totals = { total: 0, positive: 0, negative: 0, neutral: 0 };
  for (const bucket of buckets) {
    totals.total += bucket.total;
    totals.positive += bucket.positive;
    totals.negative += bucket.negative;
    totals.neutral += bucket.neutral;
  }
  const rangeName = t(`listening.range.${range}`);
  const withMentions = buckets.filter((bucket) => bucket.total > 0);

  return (
    <>
      <section
        className="listening-summary"
        aria-label={t('listening.detail.summaryLabel')}
        data-testid="listening-summary"
      >
        <div className="listening-stat">
          <span className="listening-stat-value" data-testid="summary-total">
            {number(totals.total)}
          </span>
          <span className="listening-stat-label">
            {t('listening.detail.mentionsIn', { range: rangeName })}
          </span>
        </div>
        {SENTIMENTS.map((sentiment) => (
          <div key={sentiment} className={`listening-stat listening-stat-${sentiment}`}>
            <span className="listening-stat-value">
              {totals.total === 0 ? '—' : percent(locale, totals[sentiment] / totals.total)}
            </span>
            <span className="listening-stat-label">{t(`listening.sentiment.${sentiment}`)}</span>
          </div>
        ))}
      </section>

      <div className="listening-chart-grid">
        <section className="card listening-chart-card" aria-labelledby="listening-volume-heading">
          <h2 id="listening-volume-heading">{t('listening.detail.volumeHeading')}</h2>
          <Suspense fallback={<div className="listening-chart" />}>
            <VolumeChart
              key={locale}
              label={t('listening.detail.volumeChart', { range: rangeName, formatted: number(totals.total) })}
              labels={labels}
              totals={buckets.map((bucket) => bucket.total)}
              name={t('listening.detail.mentions')}
              formatNumber={number}
            />
          </Suspense>
          <FiguresTable
            caption={t('listening.detail.volumeTable', { range: rangeName })}
            empty={withMentions.length === 0}
            headings={[t('listening.detail.time'), t('listening.detail.mentions')]}
            rows={withMentions.map((bucket) => [
              bucketLabel(locale, bucket.at, window.interval),
              number(bucket.total),
            ])}
          />
        </section>

        <section className="card listening-chart-card" aria-labelledby="listening-sentiment-heading">
          <h2 id="listening-sentiment-heading">{t('listening.detail.sentimentHeading')}</h2>
          <Suspense fallback={<div className="listening-chart" />}>
            <SentimentChart
              key={locale}
              label={t('listening.detail.sentimentChart', {
                range: rangeName,
                positive: number(totals.positive),
                neutral: number(totals.neutral),
                negative: number(totals.negative),
              })}
              labels={labels}
              series={SENTIMENTS.map((key) => ({
                key,
                name: t(`listening.sentiment.${key}`),
                values: buckets.map((bucket) => bucket[key]),
              }))}
              formatNumber={number}
            />
          </Suspense>
          <FiguresTable
            caption={t('listening.detail.sentimentTable', { range: rangeName })}
            empty={withMentions.length === 0}
            headings={[t('listening.detail.time'), ...SENTIMENTS.map((s) => t(`listening.sentiment.${s}`))]}
            rows={withMentions.map((bucket) => [
              bucketLabel(locale, bucket.at, window.interval),
              ...SENTIMENTS.map((s) => number(bucket[s])),
            ])}
          />
        </section>
      </div>
    </>
  );
}

/** A chart's figures as a table, folded away under a summary so the page stays short. */
export function FiguresTable({
  caption,
  headings,
  rows,
  empty,
}: {
  caption: string;
  headings: string[];
  rows: string[][];
  empty: boolean;
}) {
  const { t } = useTranslation();
  return (
    <details className="listening-figures">
      <summary>{t('listening.detail.showTable')}</summary>
      {empty ? (
        <p className="muted">{t('listening.detail.noMentions')}</p>
      ) : (
        <table className="listening-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {headings.map((heading, i) => (
                <th key={heading} scope="col" className={i > 0 ? 'listening-number' : undefined}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={`${row[0]}-h`} scope="row">
                      {cell}
                    </th>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed and never reorder.
                    <td key={i} className="listening-number">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
