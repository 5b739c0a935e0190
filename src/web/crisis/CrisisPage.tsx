// Settings → Crisis mode: its state, starting and ending it (owners and admins, each after a
// confirmation), the posts it holds (publish anyway during a crisis; a new time, publish now or discard
// after it), the playbook (holding statements to load into the composer, stakeholders to tell) and
// the history of crisis periods.
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Role } from '../api/apiTypes.ts';
import { FormAlert, fieldErrors, SuccessNotice } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { TextField } from '../components/TextField.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';
import { CrisisDialog } from './CrisisDialog.tsx';
import {
  type ContactInput,
  type HeldPost,
  type HoldingStatement,
  type StakeholderContact,
  useCrisisHistory,
  useCrisisState,
  useDecideHeldPost,
  useDeleteHoldingStatement,
  useDeleteStakeholderContact,
  useEndCrisis,
  useHeldPosts,
  useHoldingStatements,
  usePublishAnyway,
  useSaveHoldingStatement,
  useSaveStakeholderContact,
  useStakeholderContacts,
  useStartCrisis,
} from './crisisQueries.ts';
import './crisis.css';

const manages = (role: Role) => role === 'owner' || role === 'admin';

export function CrisisPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const admin = manages(workspace.role);
  return (
    <div className="page crisis-page">
      <div className="page-header">
        <p className="eyebrow">{t('settings.title')}</p>
        <h1>{t('crisis.title')}</h1>
        <p className="muted">{admin ? t('crisis.introManage') : t('crisis.introRead')}</p>
      </div>
      <CrisisStateCard workspaceId={workspace.id} admin={admin} />
      <HeldPostsCard workspaceId={workspace.id} admin={admin} />
      <HoldingStatementsCard workspaceId={workspace.id} admin={admin} />
      <ContactsCard workspaceId={workspace.id} admin={admin} />
      <HistoryCard workspaceId={workspace.id} />
    </div>
  );
}

function CrisisStateCard({ workspaceId, admin }: { workspaceId: string; admin: boolean }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const state = useCrisisState(workspaceId);
  const start = useStartCrisis(workspaceId);
  const end = useEndCrisis(workspaceId);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<'start' | 'end' | undefined>();
  const [ended, setEnded] = useState<{ resumedTargets: number; awaitingReview: number } | undefined>();
  if (!state.data) return <LoadingScreen />;
  const crisis = state.data;

  return (
    <section
      className={`card crisis-state${crisis.active ? ' crisis-state-on' : ''}`}
      aria-labelledby="crisis-state-heading"
    >
      <div className="card-header">
        <h2 id="crisis-state-heading">{crisis.active ? t('crisis.state.on') : t('crisis.state.off')}</h2>
      </div>
      {crisis.active && crisis.startedAt && (
        <dl>
          <dt>{t('crisis.state.reason')}</dt>
          <dd>{crisis.reason}</dd>
          <dt>{t('crisis.state.since')}</dt>
          <dd>{format.dateTime(crisis.startedAt)}</dd>
          <dt>{t('crisis.state.startedBy')}</dt>
          <dd>{crisis.startedBy?.name ?? t('crisis.someone')}</dd>
          <dt>{t('crisis.state.paused')}</dt>
          <dd>
            {t('crisis.state.pausedCount', {
              count: crisis.pausedPosts,
              n: format.number(crisis.pausedPosts),
            })}
          </dd>
        </dl>
      )}
      {ended && (
        <SuccessNotice>
          {t('crisis.state.ended', {
            resumed: format.number(ended.resumedTargets),
            waiting: format.number(ended.awaitingReview),
          })}
        </SuccessNotice>
      )}
      {admin && !crisis.active && (
        <form
          className="crisis-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const trimmed = reason.trim();
            if (trimmed.length < 3) return setProblem(t('crisis.start.reasonMissing'));
            if (trimmed.length > 500) return setProblem(t('crisis.start.reasonTooLong'));
            setProblem(undefined);
            start.reset();
            setConfirming('start');
          }}
        >
          <TextAreaField
            label={t('crisis.start.reason')}
            name="reason"
            value={reason}
            onChange={setReason}
            hint={t('crisis.start.reasonHint')}
            error={problem ?? fieldErrors(start.error).reason}
          />
          <div className="crisis-actions">
            <button type="submit" className="button button-danger">
              {t('crisis.start.button')}
            </button>
          </div>
        </form>
      )}
      {admin && crisis.active && (
        <div className="crisis-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              end.reset();
              setConfirming('end');
            }}
          >
            {t('crisis.end.button')}
          </button>
        </div>
      )}
      {confirming === 'start' && (
        <CrisisDialog
          title={t('crisis.start.confirmTitle')}
          confirmLabel={t('crisis.start.confirm')}
          danger
          busy={start.isPending}
          error={start.error}
          onClose={() => setConfirming(undefined)}
          onConfirm={() =>
            start.mutate(reason.trim(), {
              onSuccess: () => {
                setReason('');
                setEnded(undefined);
                setConfirming(undefined);
              },
            })
          }
        >
          <p>{t('crisis.start.confirmText')}</p>
          <p className="crisis-item-text">{reason.trim()}</p>
        </CrisisDialog>
      )}
      {confirming === 'end' && (
        <CrisisDialog
          title={t('crisis.end.confirmTitle')}
          confirmLabel={t('crisis.end.confirm')}
          busy={end.isPending}
          error={end.error}
          onClose={() => setConfirming(undefined)}
          onConfirm={() =>
            end.mutate(undefined, {
              onSuccess: (result) => {
                setEnded(result);
                setConfirming(undefined);
              },
            })
          }
        >
          <p>{t('crisis.end.confirmText')}</p>
        </CrisisDialog>
      )}
    </section>
  );
}

/** A value for <input type="datetime-local"> an hour from now, in the browser's time zone. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function HeldPostsCard({ workspaceId, admin }: { workspaceId: string; admin: boolean }) {
  const { t } = useTranslation();
  const state = useCrisisState(workspaceId);
  const held = useHeldPosts(workspaceId);
  const active = state.data?.active === true;
  const posts = held.data ?? [];
  if (!active && posts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="crisis-held-heading">
      <div className="card-header">
        <h2 id="crisis-held-heading">
          {active ? t('crisis.held.titleActive') : t('crisis.held.titleReview')}
        </h2>
      </div>
      <p className="muted">{active ? t('crisis.held.introActive') : t('crisis.held.introReview')}</p>
      <FormAlert error={held.error} />
      {posts.length === 0 ? (
        <p className="muted">{t('crisis.held.none')}</p>
      ) : (
        <ul className="crisis-list">
          {posts.map((post) => (
            <HeldPostItem
              key={post.postId}
              workspaceId={workspaceId}
              post={post}
              active={active}
              admin={admin}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function HeldPostItem({
  workspaceId,
  post,
  active,
  admin,
}: {
  workspaceId: string;
  post: HeldPost;
  active: boolean;
  admin: boolean;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const decide = useDecideHeldPost(workspaceId);
  const anyway = usePublishAnyway(workspaceId);
  const [newTime, setNewTime] = useState(() => localInputValue(new Date(Date.now() + 3_600_000)));
  const [confirming, setConfirming] = useState(false);
  const timeId = `crisis-time-${post.postId}`;
  const handles = [...new Set(post.targets.map((target) => `@${target.handle}`))].join(', ');

  return (
    <li className="crisis-item" data-testid="crisis-held-post">
      <p className="crisis-item-text">{post.text}</p>
      <p className="crisis-item-meta">
        {t(post.overdue ? 'crisis.held.meta' : 'crisis.held.metaDue', {
          handles,
          time: post.scheduledAt ? format.dateTime(post.scheduledAt) : '—',
          author: post.authorName ?? t('crisis.someone'),
        })}
      </p>
      <FormAlert error={decide.error ?? anyway.error} fieldNames={[]} />
      {admin && active && (
        <div className="crisis-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              anyway.reset();
              setConfirming(true);
            }}
          >
            {t('crisis.held.publishAnyway')}
          </button>
        </div>
      )}
      {admin && !active && (
        <div className="crisis-actions">
          <div className="crisis-time-field field">
            <label htmlFor={timeId}>{t('crisis.held.newTime')}</label>
            <input
              id={timeId}
              type="datetime-local"
              value={newTime}
              onChange={(event) => setNewTime(event.target.value)}
            />
          </div>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={decide.isPending || !newTime}
            onClick={() =>
              decide.mutate({
                postId: post.postId,
                decision: { action: 'reschedule', scheduledAt: new Date(newTime).toISOString() },
              })
            }
          >
            {t('crisis.held.reschedule')}
          </button>
          <button
            type="button"
            className="button button-primary button-small"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ postId: post.postId, decision: { action: 'publish_now' } })}
          >
            {t('crisis.held.publishNow')}
          </button>
          <button
            type="button"
            className="button button-danger button-small"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ postId: post.postId, decision: { action: 'discard' } })}
          >
            {t('crisis.held.discard')}
          </button>
        </div>
      )}
      {confirming && (
        <CrisisDialog
          title={t('crisis.held.anywayTitle')}
          confirmLabel={t('crisis.held.anywayConfirm')}
          danger
          busy={anyway.isPending}
          error={anyway.error}
          onClose={() => setConfirming(false)}
          onConfirm={() => anyway.mutate(post.postId, { onSuccess: () => setConfirming(false) })}
        >
          <p>{t('crisis.held.anywayText')}</p>
          <p className="crisis-item-text">{post.text}</p>
        </CrisisDialog>
      )}
    </li>
  );
}

/** A card of the playbook: its heading with an "add" button for admins, errors, the open form, the list. */
function PlaybookCard({
  id,
  title,
  addLabel,
  canAdd,
  onAdd,
  error,
  form,
  children,
}: {
  id: string;
  title: string;
  addLabel: string;
  canAdd: boolean;
  onAdd: () => void;
  error: unknown;
  form: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id}>
      <div className="card-header">
        <h2 id={id}>{title}</h2>
        {canAdd && (
          <button type="button" className="button button-secondary button-small" onClick={onAdd}>
            {addLabel}
          </button>
        )}
      </div>
      <FormAlert error={error} />
      {form}
      {children}
    </section>
  );
}

function HoldingStatementsCard({ workspaceId, admin }: { workspaceId: string; admin: boolean }) {
  const { t } = useTranslation();
  const statements = useHoldingStatements(workspaceId);
  const remove = useDeleteHoldingStatement(workspaceId);
  const [editing, setEditing] = useState<HoldingStatement | 'new' | undefined>();
  return (
    <PlaybookCard
      id="crisis-statements-heading"
      title={t('crisis.statements.title')}
      addLabel={t('crisis.statements.add')}
      canAdd={admin && editing === undefined}
      onAdd={() => setEditing('new')}
      error={statements.error ?? remove.error}
      form={
        editing !== undefined && (
          <StatementForm
            workspaceId={workspaceId}
            statement={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(undefined)}
          />
        )
      }
    >
      {statements.data?.length === 0 && <p className="muted">{t('crisis.statements.none')}</p>}
      <ul className="crisis-list">
        {statements.data?.map((statement) => (
          <li key={statement.id} className="crisis-item">
            <h3>{statement.title}</h3>
            <p className="crisis-item-text">{statement.text}</p>
            <div className="crisis-actions">
              <Link
                className="button button-primary button-small"
                to={`/w/${workspaceId}/compose?text=${encodeURIComponent(statement.text)}`}
              >
                {t('crisis.statements.use')}
              </Link>
              {admin && (
                <>
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() => setEditing(statement)}
                  >
                    {t('crisis.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(statement.id)}
                    aria-label={t('crisis.deleteNamed', { name: statement.title })}
                  >
                    {t('crisis.delete')}
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </PlaybookCard>
  );
}

function StatementForm({
  workspaceId,
  statement,
  onDone,
}: {
  workspaceId: string;
  statement?: HoldingStatement;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveHoldingStatement(workspaceId);
  const [title, setTitle] = useState(statement?.title ?? '');
  const [text, setText] = useState(statement?.text ?? '');
  const fields = fieldErrors(save.error);
  return (
    <form
      className="crisis-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ id: statement?.id, title, text }, { onSuccess: onDone });
      }}
    >
      <FormAlert error={save.error} fieldNames={['title', 'text']} />
      <TextField
        label={t('crisis.statements.titleField')}
        name="title"
        value={title}
        onChange={setTitle}
        error={fields.title}
      />
      <TextAreaField
        label={t('crisis.statements.textField')}
        name="text"
        value={text}
        onChange={setText}
        rows={5}
        error={fields.text}
      />
      <div className="crisis-actions">
        <button type="button" className="button button-ghost" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function ContactsCard({ workspaceId, admin }: { workspaceId: string; admin: boolean }) {
  const { t } = useTranslation();
  const contacts = useStakeholderContacts(workspaceId);
  const remove = useDeleteStakeholderContact(workspaceId);
  const [editing, setEditing] = useState<StakeholderContact | 'new' | undefined>();
  return (
    <PlaybookCard
      id="crisis-contacts-heading"
      title={t('crisis.contacts.title')}
      addLabel={t('crisis.contacts.add')}
      canAdd={admin && editing === undefined}
      onAdd={() => setEditing('new')}
      error={contacts.error ?? remove.error}
      form={
        editing !== undefined && (
          <ContactForm
            workspaceId={workspaceId}
            contact={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(undefined)}
          />
        )
      }
    >
      {contacts.data?.length === 0 ? (
        <p className="muted">{t('crisis.contacts.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table crisis-contacts">
            <thead>
              <tr>
                <th scope="col">{t('crisis.contacts.name')}</th>
                <th scope="col">{t('crisis.contacts.role')}</th>
                <th scope="col">{t('crisis.contacts.email')}</th>
                <th scope="col">{t('crisis.contacts.phone')}</th>
                <th scope="col">{t('crisis.contacts.notes')}</th>
                {admin && <th scope="col">{t('crisis.contacts.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {contacts.data?.map((contact) => (
                <tr key={contact.id}>
                  <th scope="row">{contact.name}</th>
                  <td>{contact.role}</td>
                  <td>{contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}</td>
                  <td>
                    {contact.phone && (
                      <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>{contact.phone}</a>
                    )}
                  </td>
                  <td>{contact.notes}</td>
                  {admin && (
                    <td className="actions">
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        onClick={() => setEditing(contact)}
                        aria-label={t('crisis.editNamed', { name: contact.name })}
                      >
                        {t('crisis.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate(contact.id)}
                        aria-label={t('crisis.deleteNamed', { name: contact.name })}
                      >
                        {t('crisis.delete')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PlaybookCard>
  );
}

function ContactForm({
  workspaceId,
  contact,
  onDone,
}: {
  workspaceId: string;
  contact?: StakeholderContact;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveStakeholderContact(workspaceId);
  const [form, setForm] = useState<ContactInput>({
    name: contact?.name ?? '',
    role: contact?.role ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    notes: contact?.notes ?? '',
  });
  const fields = fieldErrors(save.error);
  const set = (key: keyof ContactInput) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <form
      className="crisis-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ id: contact?.id, ...form }, { onSuccess: onDone });
      }}
    >
      <FormAlert error={save.error} fieldNames={['name', 'role', 'email', 'phone', 'notes']} />
      <TextField
        label={t('crisis.contacts.name')}
        name="name"
        value={form.name}
        onChange={set('name')}
        error={fields.name}
      />
      <TextField
        label={t('crisis.contacts.role')}
        name="role"
        value={form.role}
        onChange={set('role')}
        error={fields.role}
      />
      <TextField
        label={t('crisis.contacts.email')}
        name="email"
        type="email"
        value={form.email ?? ''}
        onChange={set('email')}
        error={fields.email}
      />
      <TextField
        label={t('crisis.contacts.phone')}
        name="phone"
        value={form.phone ?? ''}
        onChange={set('phone')}
        error={fields.phone}
      />
      <TextAreaField
        label={t('crisis.contacts.notes')}
        name="notes"
        value={form.notes}
        onChange={set('notes')}
        error={fields.notes}
      />
      <div className="crisis-actions">
        <button type="button" className="button button-ghost" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function HistoryCard({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const history = useCrisisHistory(workspaceId);
  return (
    <section className="card" aria-labelledby="crisis-history-heading">
      <div className="card-header">
        <h2 id="crisis-history-heading">{t('crisis.history.title')}</h2>
      </div>
      <FormAlert error={history.error} />
      {history.data?.length === 0 ? (
        <p className="muted">{t('crisis.history.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('crisis.history.started')}</th>
                <th scope="col">{t('crisis.history.ended')}</th>
                <th scope="col">{t('crisis.history.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {history.data?.map((period) => (
                <tr key={period.id}>
                  <td>
                    {format.dateTime(period.startedAt)}
                    <br />
                    <span className="muted">{period.startedBy ?? t('crisis.someone')}</span>
                  </td>
                  <td>
                    {period.endedAt ? (
                      <>
                        {format.dateTime(period.endedAt)}
                        <br />
                        <span className="muted">{period.endedBy ?? t('crisis.someone')}</span>
                      </>
                    ) : (
                      t('crisis.history.ongoing')
                    )}
                  </td>
                  <td>{period.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
