// Share of voice: this query's mentions against other queries' over the chosen range (a brand against
// its competitors), as a ring chart and a table. The queries to compare with are chosen with checkboxes
// and kept in the address (?compare=…).
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { FormAlert } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { type ListeningQuery, useListeningQueries, useShareOfVoice } from './listeningApi.ts';
import { percent } from './listeningFormat.ts';
import type { RangeName } from './timeRange.ts';

const ShareChart = lazy(() => import('./ListeningCharts.tsx').then((m) => ({ default: m.ShareChart })));

export function ShareOfVoiceCard({
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
  const queries = useListeningQueries(workspaceId);
  const [params, setParams] = useSearchParams();
  const others = (queries.data ?? []).filter((candidate) => candidate.id !== query.id);
  const known = new Set(others.map((other) => other.id));
  const compared = (params.get('compare') ?? '').split(',').filter((id) => known.has(id));
  const share = useShareOfVoice(workspaceId, [query.id, ...compared], range);

  const toggle = (id: string, on: boolean) => {
    const next = on ? [...compared, id] : compared.filter((other) => other !== id);
    setParams(
      (before) => {
        const after = new URLSearchParams(before);
        if (next.length > 0) after.set('compare', next.join(','));
        else after.delete('compare');
        return after;
      },
      { replace: true },
    );
  };

  const rangeName = t(`listening.range.${range}`);
  const data = compared.length > 0 ? share.data : undefined;
  return (
    <section className="card" aria-labelledby="listening-sov-heading" data-testid="share-of-voice">
      <h2 id="listening-sov-heading">{t('listening.shareOfVoice.heading')}</h2>
      {others.length === 0 ? (
        <p className="muted">{t('listening.shareOfVoice.noOthers')}</p>
      ) : (
        <div className="listening-sov">
          <fieldset className="listening-sov-choices">
            <legend>{t('listening.shareOfVoice.compareWith')}</legend>
            {others.map((other) => (
              <label key={other.id} className="listening-choice">
                <input
                  type="checkbox"
                  checked={compared.includes(other.id)}
                  onChange={(event) => toggle(other.id, event.target.checked)}
                />
                {other.name}
              </label>
            ))}
          </fieldset>
          <div className="listening-sov-result">
            {compared.length === 0 && <p className="muted">{t('listening.shareOfVoice.choose')}</p>}
            {compared.length > 0 && share.isError && <FormAlert error={share.error} />}
            {data && (
              <>
                {data.total > 0 && (
                  <Suspense fallback={<div className="listening-chart" />}>
                    <ShareChart
                      key={locale}
                      label={t('listening.shareOfVoice.chart', {
                        range: rangeName,
                        shares: data.queries.map((q) => `${q.name} ${percent(locale, q.share)}`).join(', '),
                      })}
                      slices={data.queries.map((q) => ({ name: q.name, value: q.total }))}
                      formatNumber={number}
                    />
                  </Suspense>
                )}
                <table className="listening-table" data-testid="share-table">
                  <caption>{t('listening.shareOfVoice.table', { range: rangeName })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('listening.shareOfVoice.query')}</th>
                      <th scope="col" className="listening-number">
                        {t('listening.detail.mentions')}
                      </th>
                      <th scope="col" className="listening-number">
                        {t('listening.shareOfVoice.share')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.queries.map((row) => (
                      <tr key={row.queryId}>
                        <th scope="row">{row.name}</th>
                        <td className="listening-number">{number(row.total)}</td>
                        <td className="listening-number">{percent(locale, row.share)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
