// Spike alerts as sentences, each with a button to mark it read; an alert about the workspace's own
// brand also suggests considering crisis mode.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { alertText } from './alertText.ts';
import { type ListeningAlert, useMarkAlertRead } from './listeningApi.ts';
import { decimal, percent } from './listeningFormat.ts';
import { queryPagePath } from './listeningPaths.ts';

export function AlertsPanel({
  workspaceId,
  alerts,
  showQuery = false,
}: {
  workspaceId: string;
  alerts: ListeningAlert[];
  /** On the list of queries each alert links to its query. */
  showQuery?: boolean;
}) {
  const { t } = useTranslation();
  const { number, dateTime, locale } = useLocaleFormat();
  const markRead = useMarkAlertRead(workspaceId);
  const format = {
    number,
    decimal: (value: number) => decimal(locale, value),
    percent: (share: number) => percent(locale, share),
    time: dateTime,
  };

  return (
    <section
      className="card listening-alerts"
      aria-labelledby="listening-alerts-heading"
      data-testid="listening-alerts"
    >
      <h2 id="listening-alerts-heading">
        {showQuery ? t('listening.alerts.unreadHeading') : t('listening.alerts.heading')}
      </h2>
      {alerts.length === 0 ? (
        <p className="muted">{t('listening.alerts.none')}</p>
      ) : (
        <ul className="listening-alert-list">
          {alerts.map((alert) => {
            const text = alertText(alert, format);
            return (
              <li
                key={alert.id}
                className={alert.read ? 'listening-alert' : 'listening-alert unread'}
                data-testid="listening-alert"
              >
                <div className="listening-alert-body">
                  <p>
                    {!alert.read && <span className="badge listening-new">{t('listening.alerts.new')}</span>}{' '}
                    {t(text.key, text.values)}
                  </p>
                  {alert.suggestCrisisMode && (
                    <p className="alert alert-warning listening-crisis" data-testid="listening-crisis">
                      {t('listening.alerts.crisis')}
                    </p>
                  )}
                  {showQuery && (
                    <Link to={queryPagePath(workspaceId, alert.queryId)}>
                      {t('listening.alerts.open', { query: alert.queryName })}
                    </Link>
                  )}
                </div>
                {!alert.read && (
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    disabled={markRead.isPending && markRead.variables === alert.id}
                    onClick={() => markRead.mutate(alert.id)}
                  >
                    {t('listening.alerts.markRead')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {markRead.isError && (
        <p className="field-error" role="alert">
          {errorMessage(markRead.error, t)}
        </p>
      )}
    </section>
  );
}
