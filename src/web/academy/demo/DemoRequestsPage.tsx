// Demo requests as admins see them.
import './demo.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../../shell/workspaceContext.ts';
import { TEAM_SIZES, useDemoRequests } from './demoQueries.ts';

export function DemoRequestsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const manages = workspace.role === 'owner' || workspace.role === 'admin';

  return (
    <div className="page" data-testid="demo-requests">
      <div className="page-header">
        <p className="eyebrow">{t('settings.title')}</p>
        <h1>{t('academyDemo.list.title')}</h1>
        <p className="muted">
          {t('academyDemo.list.intro')} <Link to="/demo">{t('academyDemo.list.formLink')}</Link>
        </p>
      </div>
      {manages ? (
        <RequestList workspaceId={workspace.id} />
      ) : (
        <section className="card demo-note" data-testid="demo-requests-admins-only">
          <p>{t('academyDemo.list.onlyAdmins')}</p>
        </section>
      )}
    </div>
  );
}

function RequestList({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const list = useDemoRequests(workspaceId, true);

  if (list.isPending) return <LoadingScreen />;
  if (list.isError) return <p className="alert alert-error">{errorMessage(list.error, t)}</p>;
  if (!list.data.pages[0]?.receivesRequests) {
    return (
      <section className="card demo-note" data-testid="demo-requests-elsewhere">
        <p>{t('academyDemo.list.otherWorkspace')}</p>
      </section>
    );
  }
  const requests = list.data.pages.flatMap((page) => page.requests);
  const teamSize = (size: string) =>
    (TEAM_SIZES as readonly string[]).includes(size) ? t(`academyDemo.teamSizes.${size}`) : size;

  return (
    <section className="card" aria-labelledby="demo-requests-heading">
      <div className="card-header">
        <h2 id="demo-requests-heading">{t('academyDemo.list.received')}</h2>
        <span className="badge" data-testid="demo-request-count">
          {t('academyDemo.list.count', { count: requests.length, formatted: format.number(requests.length) })}
          {list.hasNextPage ? '+' : ''}
        </span>
      </div>
      {requests.length === 0 ? (
        <p className="muted" data-testid="demo-requests-empty">
          {t('academyDemo.list.empty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table demo-table">
            <caption className="visually-hidden">{t('academyDemo.list.received')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('academyDemo.list.columns.received')}</th>
                <th scope="col">{t('academyDemo.list.columns.person')}</th>
                <th scope="col">{t('academyDemo.list.columns.company')}</th>
                <th scope="col">{t('academyDemo.list.columns.teamSize')}</th>
                <th scope="col">{t('academyDemo.list.columns.message')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id} data-testid="demo-request-row">
                  <td className="nowrap">{format.dateTime(request.createdAt)}</td>
                  <td>
                    <div className="person">
                      <span className="person-name">{request.name}</span>
                      <a className="person-email" href={`mailto:${request.email}`}>
                        {request.email}
                      </a>
                    </div>
                  </td>
                  <td>{request.company}</td>
                  <td className="nowrap">{teamSize(request.teamSize)}</td>
                  <td className="demo-message">
                    {request.message || <span className="muted">{t('academyDemo.list.noMessage')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <div className="demo-more">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
          >
            {t('academyDemo.list.loadMore')}
          </button>
        </div>
      )}
    </section>
  );
}
