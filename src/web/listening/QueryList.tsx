// The workspace's listening queries: name and query text, on/off, own brand, mentions in the last 24
// hours with a sparkline, and unread alerts; the unread alerts themselves; and how long mentions are kept.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { WorkspaceSummary } from '../api/apiTypes.ts';
import { errorMessage, FormAlert } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { AlertsPanel } from './AlertsPanel.tsx';
import {
  type ListeningQuery,
  useAlerts,
  useListeningQueries,
  useSaveQuery,
  useTimeline,
} from './listeningApi.ts';
import { newQueryPath, queryPagePath, writesQueries } from './listeningPaths.ts';
import { RetentionCard } from './RetentionCard.tsx';
import { Sparkline } from './Sparkline.tsx';
import { fillBuckets, rangeWindow } from './timeRange.ts';

export function QueryList({ workspace }: { workspace: WorkspaceSummary }) {
  const { t } = useTranslation();
  const queries = useListeningQueries(workspace.id);
  const alerts = useAlerts(workspace.id, 15_000);
  const canWrite = writesQueries(workspace.role);
  const unreadByQuery = new Map<string, number>();
  for (const alert of alerts.data?.alerts ?? []) {
    if (!alert.read) unreadByQuery.set(alert.queryId, (unreadByQuery.get(alert.queryId) ?? 0) + 1);
  }

  return (
    <div className="page listening-page" data-testid="listening-page">
      <div className="page-header listening-header">
        <div>
          <p className="eyebrow">{t('listening.eyebrow')}</p>
          <h1>{t('listening.title')}</h1>
          <p className="muted">{t('listening.intro')}</p>
        </div>
        {canWrite && (
          <Link className="button button-primary" to={newQueryPath(workspace.id)} data-testid="new-query">
            {t('listening.list.newQuery')}
          </Link>
        )}
      </div>
      {queries.isPending && <LoadingScreen />}
      {queries.isError && <FormAlert error={queries.error} />}
      {queries.data?.length === 0 && (
        <section className="card empty-state" data-testid="listening-empty">
          <h2>{t('listening.list.emptyTitle')}</h2>
          <p>{canWrite ? t('listening.list.emptyWriter') : t('listening.list.emptyReader')}</p>
        </section>
      )}
      {queries.data && queries.data.length > 0 && (
        <section className="card" aria-labelledby="listening-queries-heading">
          <h2 id="listening-queries-heading" className="visually-hidden">
            {t('listening.list.heading')}
          </h2>
          <div className="table-wrap listening-table-wrap">
            <table className="table listening-queries" data-testid="listening-queries">
              <thead>
                <tr>
                  <th scope="col">{t('listening.list.query')}</th>
                  <th scope="col">{t('listening.list.last24h')}</th>
                  <th scope="col">{t('listening.list.alerts')}</th>
                  <th scope="col">{t('listening.list.active')}</th>
                </tr>
              </thead>
              <tbody>
                {queries.data.map((query) => (
                  <QueryRow
                    key={query.id}
                    workspaceId={workspace.id}
                    query={query}
                    unread={unreadByQuery.get(query.id) ?? 0}
                    canWrite={canWrite}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {alerts.data && alerts.data.unread > 0 && (
        <AlertsPanel
          workspaceId={workspace.id}
          alerts={alerts.data.alerts.filter((a) => !a.read)}
          showQuery
        />
      )}
      <RetentionCard workspace={workspace} />
    </div>
  );
}

function QueryRow({
  workspaceId,
  query,
  unread,
  canWrite,
}: {
  workspaceId: string;
  query: ListeningQuery;
  unread: number;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const save = useSaveQuery(workspaceId);
  const timeline = useTimeline(workspaceId, query.id, '24h', 30_000);
  const buckets = timeline.data ? fillBuckets(timeline.data.buckets, rangeWindow('24h', new Date())) : [];
  const total = buckets.reduce((sum, bucket) => sum + bucket.total, 0);
  const active = save.isPending ? save.variables?.input.active === true : query.active;

  return (
    <tr data-testid="listening-query-row" data-query-id={query.id}>
      <td className="listening-query-cell">
        <Link to={queryPagePath(workspaceId, query.id)} className="listening-query-name">
          {query.name}
        </Link>
        {query.ownBrand && <span className="tag">{t('listening.ownBrand')}</span>}
        <code className="listening-query-text">{query.query}</code>
      </td>
      <td>
        <span className="listening-volume" data-testid="listening-query-volume">
          <Sparkline values={buckets.map((bucket) => bucket.total)} />
          <span>
            {timeline.data ? t('listening.list.mentions', { count: total, formatted: number(total) }) : '…'}
          </span>
        </span>
      </td>
      <td>
        {unread > 0 ? (
          <span className="badge listening-unread" data-testid="listening-unread">
            {t('listening.list.unread', { count: unread, formatted: number(unread) })}
          </span>
        ) : (
          <span className="muted">{t('listening.list.noUnread')}</span>
        )}
      </td>
      <td>
        <label className="listening-switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={active}
            checked={active}
            disabled={!canWrite || save.isPending}
            onChange={(event) => save.mutate({ queryId: query.id, input: { active: event.target.checked } })}
            aria-label={t('listening.list.activeLabel', { name: query.name })}
          />
          <span aria-hidden="true">{active ? t('listening.list.on') : t('listening.list.off')}</span>
        </label>
        {save.isError && (
          <p className="field-error" role="alert">
            {errorMessage(save.error, t)}
          </p>
        )}
      </td>
    </tr>
  );
}
