// One listening query's page: the range switch (24 hours, 7 days, 30 days, kept in the address), how many
// mentions came and how they felt over time, the alerts, the most active authors and most used words and
// hashtags, the share of voice against other queries, and the mentions themselves with filters.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { WorkspaceSummary } from '../api/apiTypes.ts';
import { FormAlert } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { AlertsPanel } from './AlertsPanel.tsx';
import { useAlerts, useListeningQuery } from './listeningApi.ts';
import { editQueryPath, listeningPath, writesQueries } from './listeningPaths.ts';
import { MentionsCard } from './MentionsCard.tsx';
import { ShareOfVoiceCard } from './ShareOfVoiceCard.tsx';
import { TimelineCards } from './TimelineCards.tsx';
import { TopCard } from './TopCard.tsx';
import { isRangeName, RANGES, type RangeName } from './timeRange.ts';

export function QueryDetail({ workspace, queryId }: { workspace: WorkspaceSummary; queryId: string }) {
  const { t } = useTranslation();
  const query = useListeningQuery(workspace.id, queryId);
  const alerts = useAlerts(workspace.id);
  const [params, setParams] = useSearchParams();
  const wanted = params.get('range');
  const range: RangeName = isRangeName(wanted) ? wanted : '7d';

  if (query.isPending) return <LoadingScreen />;
  if (query.isError) {
    return (
      <div className="page listening-page">
        <FormAlert error={query.error} />
        <p>
          <Link to={listeningPath(workspace.id)}>{t('listening.backToList')}</Link>
        </p>
      </div>
    );
  }
  const q = query.data;
  const queryAlerts = (alerts.data?.alerts ?? []).filter((alert) => alert.queryId === q.id);

  return (
    <div className="page listening-page" data-testid="listening-query">
      <nav className="listening-breadcrumb" aria-label={t('listening.breadcrumb')}>
        <Link to={listeningPath(workspace.id)}>{t('listening.backToList')}</Link>
      </nav>
      <div className="page-header listening-header">
        <div>
          <p className="eyebrow">{t('listening.queryEyebrow')}</p>
          <h1>
            {q.name}
            {q.ownBrand && <span className="tag">{t('listening.ownBrand')}</span>}
            {!q.active && <span className="tag listening-paused">{t('listening.paused')}</span>}
          </h1>
          <code className="listening-query-text">{q.query}</code>
        </div>
        {writesQueries(workspace.role) && (
          <Link className="button button-secondary" to={editQueryPath(workspace.id, q.id)}>
            {t('listening.detail.edit')}
          </Link>
        )}
      </div>

      <fieldset className="listening-range" data-testid="range-switch">
        <legend className="visually-hidden">{t('listening.range.label')}</legend>
        {RANGES.map((name) => (
          <button
            key={name}
            type="button"
            className={
              name === range ? 'button button-small listening-range-on' : 'button button-small button-ghost'
            }
            aria-pressed={name === range}
            onClick={() => setParams({ range: name }, { replace: true })}
          >
            {t(`listening.range.${name}`)}
          </button>
        ))}
      </fieldset>

      <TimelineCards workspaceId={workspace.id} query={q} range={range} />
      {queryAlerts.length > 0 && <AlertsPanel workspaceId={workspace.id} alerts={queryAlerts} />}
      <TopCard workspaceId={workspace.id} queryId={q.id} range={range} />
      <ShareOfVoiceCard workspaceId={workspace.id} query={q} range={range} />
      <MentionsCard workspaceId={workspace.id} queryId={q.id} range={range} />
    </div>
  );
}
