// Settings: the workspace's audit log, filtered, and its CSV export. Only owners and admins may read it;
// everyone else is told so.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../api/workspaceQueries.ts';
import { errorMessage } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';
import { fieldChanges, type PeopleNames } from './auditChanges.ts';
import {
  type AuditEvent,
  type AuditFilters,
  auditCsvHref,
  NO_FILTERS,
  useAuditEvents,
} from './auditQueries.ts';
import './AuditLogPage.css';

/** The kinds of change one can narrow the log to; each is the start of the actions it covers. */
const CATEGORIES = [
  'post.',
  'post_target.',
  'approval',
  'account.',
  'member.',
  'invitation.',
  'comment.',
  'inbox.',
  'savedReply.',
  'crisis',
  'workspace.',
  'listening',
] as const;
const categoryKey = (prefix: string) => prefix.replace(/[._]/g, '');

export function AuditLogPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const allowed = workspace.role === 'owner' || workspace.role === 'admin';
  return (
    <div className="page audit-page">
      <div className="page-header">
        <p className="eyebrow">{t('settings.title')}</p>
        <h1>{t('audit.title')}</h1>
        <p className="muted">{allowed ? t('audit.intro') : t('audit.adminsOnly')}</p>
      </div>
      {allowed ? <AuditLog workspaceId={workspace.id} /> : null}
    </div>
  );
}

function AuditLog({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const ids = {
    category: useId(),
    actor: useId(),
    type: useId(),
    target: useId(),
    from: useId(),
    to: useId(),
  };
  const members = useMembers(workspaceId).data ?? [];
  const people: PeopleNames = {
    nameOf: (userId) => members.find((member) => member.userId === userId)?.name,
    nobody: t('audit.nobody'),
  };
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const events = useAuditEvents(workspaceId, filters, true);
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];
  const set = (key: keyof AuditFilters) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft({ ...draft, [key]: event.target.value });

  return (
    <>
      <section className="card" aria-labelledby={`${ids.category}-heading`}>
        <h2 id={`${ids.category}-heading`} className="visually-hidden">
          {t('audit.filters')}
        </h2>
        <form
          className="audit-filters"
          onSubmit={(event) => {
            event.preventDefault();
            setFilters(draft);
          }}
        >
          <div className="field">
            <label htmlFor={ids.category}>{t('audit.category')}</label>
            <select
              id={ids.category}
              className="select"
              value={draft.actionPrefix}
              onChange={set('actionPrefix')}
            >
              <option value="">{t('audit.allCategories')}</option>
              {CATEGORIES.map((prefix) => (
                <option key={prefix} value={prefix}>
                  {t(`audit.categories.${categoryKey(prefix)}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.actor}>{t('audit.actor')}</label>
            <select id={ids.actor} className="select" value={draft.actorId} onChange={set('actorId')}>
              <option value="">{t('audit.anyone')}</option>
              {members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name} ({member.email})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.type}>{t('audit.targetType')}</label>
            <input id={ids.type} value={draft.targetType} onChange={set('targetType')} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor={ids.target}>{t('audit.targetId')}</label>
            <input id={ids.target} value={draft.targetId} onChange={set('targetId')} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor={ids.from}>{t('audit.from')}</label>
            <input id={ids.from} type="date" value={draft.fromDay} onChange={set('fromDay')} />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('audit.to')}</label>
            <input id={ids.to} type="date" value={draft.toDay} onChange={set('toDay')} />
          </div>
          <div className="audit-filter-actions">
            <button type="submit" className="button button-primary">
              {t('audit.apply')}
            </button>
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                setDraft(NO_FILTERS);
                setFilters(NO_FILTERS);
              }}
            >
              {t('audit.clear')}
            </button>
            <a className="button button-secondary" href={auditCsvHref(workspaceId, filters)} download>
              {t('audit.exportCsv')}
            </a>
          </div>
        </form>
      </section>
      {events.isError ? (
        <p className="alert alert-error" role="alert">
          {errorMessage(events.error, t)}
        </p>
      ) : events.isPending ? (
        <p className="muted">{t('audit.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <section className="card audit-results">
          <div className="table-wrap">
            <table className="table audit-table">
              <caption className="visually-hidden">{t('audit.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.columns.time')}</th>
                  <th scope="col">{t('audit.columns.actor')}</th>
                  <th scope="col">{t('audit.columns.action')}</th>
                  <th scope="col">{t('audit.columns.target')}</th>
                  <th scope="col">{t('audit.columns.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((event) => (
                  <AuditRow key={event.id} event={event} people={people} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {events.hasNextPage ? (
        <div className="audit-more">
          <button
            type="button"
            className="button button-secondary"
            disabled={events.isFetchingNextPage}
            onClick={() => events.fetchNextPage()}
          >
            {events.isFetchingNextPage ? t('audit.loading') : t('audit.loadMore')}
          </button>
        </div>
      ) : null}
    </>
  );
}

function AuditRow({ event, people }: { event: AuditEvent; people: PeopleNames }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const changes = fieldChanges(event.before, event.after, people);
  return (
    <tr>
      <td className="nowrap">
        <time dateTime={event.at}>{format.dateTime(event.at)}</time>
      </td>
      <td>
        {event.actor ? (
          <>
            <span className="person-name">{event.actor.name}</span>
            <span className="person-email muted small">{event.actor.email}</span>
          </>
        ) : (
          <span className="muted">{t('audit.system')}</span>
        )}
      </td>
      <td>
        <code>{event.action}</code>
      </td>
      <td>
        <span className="audit-target">
          {event.targetType} <code className="audit-id">{event.targetId}</code>
        </span>
      </td>
      <td>
        {changes.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <dl className="audit-changes">
            {changes.map((change) => (
              <div key={change.field} className="audit-change">
                <dt>
                  {change.field
                    ? t(`audit.fields.${change.field}`, { defaultValue: change.field })
                    : t('audit.value')}
                </dt>
                <dd>
                  {change.before !== null ? (
                    <del className="audit-before">
                      <span className="visually-hidden">{t('audit.before')} </span>
                      {change.before}
                    </del>
                  ) : null}
                  {change.before !== null && change.after !== null ? (
                    <span aria-hidden="true"> → </span>
                  ) : null}
                  {change.after !== null ? (
                    <ins className="audit-after">
                      <span className="visually-hidden">{t('audit.after')} </span>
                      {change.after}
                    </ins>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </td>
    </tr>
  );
}
