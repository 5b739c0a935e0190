// The unified inbox: what people said to every connected account in one list beside the open item.
// Filters (account, type, state, assignee, text), assigning, tags, resolving, replying in place with
// the network's length rule and saved replies, the team's notes on the item, open items per member,
// and new items arriving live with a polite "N new" announcement. ?item=<id> opens an item.
import './InboxPage.css';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { textRuleFor } from '../../core/textRules/index.ts';
import { useAccounts } from '../api/accountQueries.ts';
import { ROLES, type Role } from '../api/apiTypes.ts';
import { useMembers } from '../api/workspaceQueries.ts';
import { CommentThread } from '../comments/CommentThread.tsx';
import { errorMessage, FormAlert } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';
import {
  INBOX_KINDS,
  type InboxFilters,
  type InboxItem,
  type SavedReply,
  useAssign,
  useDeleteSavedReply,
  useInboxCounts,
  useInboxEvents,
  useInboxItem,
  useInboxItems,
  useInboxSources,
  useReply,
  useSavedReplies,
  useSaveReply,
  useSetState,
  useTags,
} from './inboxApi.ts';

const atLeast = (role: Role, lowest: Role) => ROLES.indexOf(role) <= ROLES.indexOf(lowest);

export function InboxPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const workspaceId = workspace.id;
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('item');
  const [filters, setFilters] = useState<InboxFilters>({ state: 'open' });
  const [fresh, setFresh] = useState(0);
  const [managing, setManaging] = useState(false);
  const format = useLocaleFormat();
  useInboxEvents(workspaceId, (count) => setFresh((n) => n + count));

  const select = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('item', id);
    else next.delete('item');
    setParams(next, { replace: true });
  };

  return (
    <div className="page inbox-page">
      <header className="inbox-header">
        <div>
          <h1>{t('inbox.title')}</h1>
          <p className="muted">{t('inbox.intro')}</p>
        </div>
        {atLeast(workspace.role, 'editor') && (
          <button type="button" className="button button-secondary" onClick={() => setManaging(true)}>
            {t('inbox.saved.manage')}
          </button>
        )}
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">
        {fresh > 0 ? t('inbox.newAnnouncement', { count: fresh, formatted: format.number(fresh) }) : ''}
      </p>
      {fresh > 0 && (
        <button type="button" className="inbox-fresh" onClick={() => setFresh(0)}>
          {t('inbox.newPill', { count: fresh, formatted: format.number(fresh) })}
        </button>
      )}
      <SourceNotes workspaceId={workspaceId} />
      <InboxFilterBar workspaceId={workspaceId} filters={filters} onChange={setFilters} />
      <div className="inbox-panes">
        <ItemList workspaceId={workspaceId} filters={filters} selectedId={selectedId} onSelect={select} />
        <section className="inbox-detail" aria-label={t('inbox.detailLabel')}>
          {selectedId ? (
            <ItemDetail workspaceId={workspaceId} itemId={selectedId} role={workspace.role} />
          ) : (
            <p className="muted inbox-empty">{t('inbox.pick')}</p>
          )}
        </section>
        <MemberCounts workspaceId={workspaceId} onPick={(assignee) => setFilters({ ...filters, assignee })} />
      </div>
      {managing && <SavedRepliesDialog workspaceId={workspaceId} onClose={() => setManaging(false)} />}
    </div>
  );
}

function SourceNotes({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const sources = useInboxSources(workspaceId);
  const notes = (sources.data ?? []).flatMap((source) => [
    ...source.unavailable.map((u) => ({
      key: `${source.accountId}-${u.feed}`,
      // The reasons Kolorob knows are said in the page's language; any other as the server put it.
      text: t(`inbox.unavailable.${source.network}.${u.feed}`, {
        handle: source.handle,
        defaultValue: `@${source.handle}: ${u.reason}`,
      }),
    })),
    ...(source.lastError
      ? [
          {
            key: `${source.accountId}-error`,
            text: t('inbox.sourceError', { handle: source.handle, error: source.lastError }),
          },
        ]
      : []),
  ]);
  if (notes.length === 0) return null;
  return (
    <ul className="inbox-notes">
      {notes.map((note) => (
        <li key={note.key} className="muted">
          {note.text}
        </li>
      ))}
    </ul>
  );
}

function InboxFilterBar({
  workspaceId,
  filters,
  onChange,
}: {
  workspaceId: string;
  filters: InboxFilters;
  onChange: (filters: InboxFilters) => void;
}) {
  const { t } = useTranslation();
  const accounts = useAccounts(workspaceId);
  const members = useMembers(workspaceId);
  const id = useId();
  const set = (name: keyof InboxFilters, value: string) =>
    onChange({ ...filters, [name]: value || undefined });
  return (
    <form
      className="inbox-filters"
      aria-label={t('inbox.filters.label')}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="field">
        <label htmlFor={`${id}-account`}>{t('inbox.filters.account')}</label>
        <select
          id={`${id}-account`}
          className="select"
          value={filters.accountId ?? ''}
          onChange={(e) => set('accountId', e.target.value)}
        >
          <option value="">{t('inbox.filters.all')}</option>
          {(accounts.data ?? []).map((account) => (
            <option key={account.id} value={account.id}>
              @{account.handle}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('inbox.filters.kind')}</label>
        <select
          id={`${id}-kind`}
          className="select"
          value={filters.kind ?? ''}
          onChange={(e) => set('kind', e.target.value)}
        >
          <option value="">{t('inbox.filters.all')}</option>
          {INBOX_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`inbox.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-state`}>{t('inbox.filters.state')}</label>
        <select
          id={`${id}-state`}
          className="select"
          value={filters.state ?? ''}
          onChange={(e) => set('state', e.target.value)}
        >
          <option value="">{t('inbox.filters.all')}</option>
          <option value="open">{t('inbox.states.open')}</option>
          <option value="resolved">{t('inbox.states.resolved')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-assignee`}>{t('inbox.filters.assignee')}</label>
        <select
          id={`${id}-assignee`}
          className="select"
          value={filters.assignee ?? ''}
          onChange={(e) => set('assignee', e.target.value)}
        >
          <option value="">{t('inbox.filters.anyone')}</option>
          <option value="me">{t('inbox.filters.me')}</option>
          <option value="unassigned">{t('inbox.filters.unassigned')}</option>
          {(members.data ?? []).map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field inbox-search">
        <label htmlFor={`${id}-q`}>{t('inbox.filters.search')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={filters.q ?? ''}
          onChange={(e) => set('q', e.target.value)}
          maxLength={200}
        />
      </div>
    </form>
  );
}

function ItemList({
  workspaceId,
  filters,
  selectedId,
  onSelect,
}: {
  workspaceId: string;
  filters: InboxFilters;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const items = useInboxItems(workspaceId, filters);
  const all = items.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="inbox-list" aria-label={t('inbox.listLabel')}>
      {items.isError && <p className="alert alert-error">{errorMessage(items.error, t)}</p>}
      {items.isPending && <p className="muted">{t('inbox.loading')}</p>}
      {!items.isPending && all.length === 0 && <p className="muted inbox-empty">{t('inbox.empty')}</p>}
      <ul>
        {all.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="inbox-row"
              aria-current={item.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(item.id)}
            >
              <ItemSummary item={item} />
            </button>
          </li>
        ))}
      </ul>
      {items.hasNextPage && (
        <button
          type="button"
          className="button button-ghost button-block"
          onClick={() => void items.fetchNextPage()}
          disabled={items.isFetchingNextPage}
        >
          {t('inbox.more')}
        </button>
      )}
    </section>
  );
}

function ItemSummary({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <>
      <span className="inbox-row-top">
        <span className={`inbox-kind inbox-kind-${item.kind}`}>{t(`inbox.kinds.${item.kind}`)}</span>
        <strong>{item.author.name || item.author.handle}</strong>
        <span className="muted">@{item.author.handle}</span>
      </span>
      <span className="inbox-row-text">{item.text}</span>
      <span className="inbox-row-meta muted">
        <span>{t('inbox.to', { handle: item.account.handle })}</span>
        <time dateTime={item.receivedAt}>{format.dateTime(item.receivedAt)}</time>
        {item.state === 'resolved' && <span>{t('inbox.states.resolved')}</span>}
        <span>{item.assignee ? item.assignee.name : t('inbox.filters.unassigned')}</span>
        {item.tags.map((tag) => (
          <span key={tag} className="inbox-tag">
            #{tag}
          </span>
        ))}
      </span>
    </>
  );
}

function ItemDetail({ workspaceId, itemId, role }: { workspaceId: string; itemId: string; role: Role }) {
  const { t } = useTranslation();
  const item = useInboxItem(workspaceId, itemId);
  const members = useMembers(workspaceId);
  const assign = useAssign(workspaceId);
  const setState = useSetState(workspaceId);
  const format = useLocaleFormat();
  const id = useId();
  const canWork = atLeast(role, 'contributor');
  if (item.isPending) return <p className="muted">{t('inbox.loading')}</p>;
  if (item.isError) return <p className="alert alert-error">{errorMessage(item.error, t)}</p>;
  const detail = item.data;
  return (
    <article className="inbox-item" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t(`inbox.kindTitle.${detail.kind}`, { name: detail.author.name || detail.author.handle })}
      </h2>
      <p className="muted">
        @{detail.author.handle} · {t('inbox.to', { handle: detail.account.handle })} ·{' '}
        <time dateTime={detail.receivedAt}>{format.dateTime(detail.receivedAt)}</time>
      </p>
      <blockquote className="inbox-text">{detail.text}</blockquote>
      <p className="inbox-links">
        {detail.remoteUrl && (
          <a href={detail.remoteUrl} target="_blank" rel="noreferrer">
            {t('inbox.openOnNetwork')}
          </a>
        )}
        {detail.threadUrl && (
          <a href={detail.threadUrl} target="_blank" rel="noreferrer">
            {t('inbox.openThread')}
          </a>
        )}
      </p>
      <div className="inbox-controls">
        <div className="field">
          <label htmlFor={`${id}-assignee`}>{t('inbox.assign')}</label>
          <select
            id={`${id}-assignee`}
            className="select"
            value={detail.assignee?.id ?? ''}
            disabled={!canWork || assign.isPending}
            onChange={(e) => assign.mutate({ itemId, userId: e.target.value || null })}
          >
            <option value="">{t('inbox.filters.unassigned')}</option>
            {(members.data ?? [])
              .filter((member) => member.role !== 'viewer' || member.userId === detail.assignee?.id)
              .map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name}
                </option>
              ))}
          </select>
        </div>
        {canWork && (
          <button
            type="button"
            className="button button-secondary"
            disabled={setState.isPending}
            onClick={() => setState.mutate({ itemId, state: detail.state === 'open' ? 'resolved' : 'open' })}
          >
            {detail.state === 'open' ? t('inbox.resolve') : t('inbox.reopen')}
          </button>
        )}
        <span className={`inbox-state inbox-state-${detail.state}`}>
          {detail.state === 'resolved' && detail.resolvedBy
            ? t('inbox.resolvedBy', { name: detail.resolvedBy.name })
            : t('inbox.states.open')}
        </span>
      </div>
      <FormAlert error={assign.error ?? setState.error} />
      <TagEditor workspaceId={workspaceId} itemId={itemId} tags={detail.tags} canWork={canWork} />
      {detail.replies.length > 0 && (
        <section className="inbox-replies">
          <h3>{t('inbox.replies')}</h3>
          <ul>
            {detail.replies.map((reply) => (
              <li key={reply.postId}>
                <p>{reply.text}</p>
                <p className="muted">
                  {reply.authorName ?? ''} · {t(`inbox.replyStatus.${replyStatus(reply.status)}`)}
                  {reply.remoteUrl && (
                    <>
                      {' · '}
                      <a href={reply.remoteUrl} target="_blank" rel="noreferrer">
                        {t('inbox.openOnNetwork')}
                      </a>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {atLeast(role, 'contributor') &&
        (detail.replyRefusal ? (
          <p className="alert alert-warning">{detail.replyRefusal}</p>
        ) : (
          <ReplyForm
            workspaceId={workspaceId}
            itemId={itemId}
            network={detail.network}
            accountId={detail.account.id}
            role={role}
          />
        ))}
      <CommentThread workspaceId={workspaceId} subjectType="inbox_item" subjectId={itemId} />
    </article>
  );
}

function replyStatus(status: string): 'sent' | 'approval' | 'failed' | 'other' {
  if (status === 'published' || status === 'publishing' || status === 'scheduled') return 'sent';
  if (status === 'pending_approval') return 'approval';
  if (status === 'failed') return 'failed';
  return 'other';
}

function TagEditor({
  workspaceId,
  itemId,
  tags,
  canWork,
}: {
  workspaceId: string;
  itemId: string;
  tags: string[];
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const change = useTags(workspaceId);
  const [draft, setDraft] = useState('');
  const id = useId();
  return (
    <div className="inbox-tags">
      <span id={`${id}-label`}>{t('inbox.tags')}</span>
      <ul aria-labelledby={`${id}-label`}>
        {tags.map((tag) => (
          <li key={tag} className="inbox-tag">
            #{tag}
            {canWork && (
              <button
                type="button"
                className="inbox-tag-remove"
                aria-label={t('inbox.removeTag', { tag })}
                onClick={() => change.mutate({ itemId, remove: [tag] })}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {canWork && (
        <form
          className="inbox-tag-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!draft.trim()) return;
            change.mutate({ itemId, add: [draft] }, { onSuccess: () => setDraft('') });
          }}
        >
          <label htmlFor={`${id}-new`} className="visually-hidden">
            {t('inbox.newTag')}
          </label>
          <input
            id={`${id}-new`}
            value={draft}
            maxLength={40}
            placeholder={t('inbox.newTag')}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button button-small button-secondary" disabled={change.isPending}>
            {t('inbox.addTag')}
          </button>
        </form>
      )}
      <FormAlert error={change.error} />
    </div>
  );
}

function ReplyForm({
  workspaceId,
  itemId,
  network,
  accountId,
  role,
}: {
  workspaceId: string;
  itemId: string;
  network: 'bluesky' | 'mastodon';
  accountId: string;
  role: Role;
}) {
  const { t } = useTranslation();
  const sources = useInboxSources(workspaceId);
  const saved = useSavedReplies(workspaceId);
  const reply = useReply(workspaceId);
  const format = useLocaleFormat();
  const [text, setText] = useState('');
  const [resolve, setResolve] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const id = useId();
  const limit = sources.data?.find((s) => s.accountId === accountId)?.textLimit;
  const rule = useMemo(
    () => textRuleFor(network, network === 'mastodon' && limit ? { mastodonLimit: limit } : {}),
    [network, limit],
  );
  const count = rule.count(text);
  return (
    <form
      className="inbox-reply"
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim() || count.over) return;
        reply.mutate(
          { itemId, text: text.trim(), resolve },
          {
            onSuccess: (answer) => {
              setText('');
              setOutcome(answer.status === 'pending_approval' ? 'approval' : 'sent');
            },
          },
        );
      }}
    >
      <h3>{t('inbox.reply')}</h3>
      {(saved.data ?? []).length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-saved`}>{t('inbox.saved.pick')}</label>
          <select
            id={`${id}-saved`}
            className="select"
            value=""
            onChange={(e) => {
              const picked = saved.data?.find((s) => s.id === e.target.value);
              if (picked) setText((current) => (current ? `${current} ${picked.text}` : picked.text));
            }}
          >
            <option value="">{t('inbox.saved.choose')}</option>
            {(saved.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('inbox.replyText')}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOutcome(null);
          }}
          aria-invalid={count.over ? true : undefined}
          aria-describedby={`${id}-count`}
        />
        <p id={`${id}-count`} className={count.over ? 'field-error' : 'field-hint'}>
          {count.over && count.problem
            ? count.problem
            : t('inbox.count', { used: format.number(count.used), limit: format.number(count.limit) })}
        </p>
      </div>
      <label className="inbox-check">
        <input type="checkbox" checked={resolve} onChange={(e) => setResolve(e.target.checked)} />{' '}
        {t('inbox.resolveAfter')}
      </label>
      {!atLeast(role, 'editor') && <p className="muted">{t('inbox.needsApproval')}</p>}
      <FormAlert error={reply.error} />
      {outcome && (
        <p className="alert alert-success" role="status">
          {t(`inbox.replyOutcome.${outcome}`)}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary"
        disabled={reply.isPending || !text.trim() || count.over}
      >
        {t('inbox.send')}
      </button>
    </form>
  );
}

function MemberCounts({ workspaceId, onPick }: { workspaceId: string; onPick: (assignee: string) => void }) {
  const { t } = useTranslation();
  const counts = useInboxCounts(workspaceId);
  const format = useLocaleFormat();
  if (!counts.data) return <aside className="inbox-counts" />;
  return (
    <aside className="inbox-counts" aria-labelledby="inbox-counts-title">
      <h2 id="inbox-counts-title">{t('inbox.counts.title')}</h2>
      <p className="muted">
        {t('inbox.counts.open', { count: counts.data.open, formatted: format.number(counts.data.open) })}
      </p>
      <ul>
        <li>
          <button type="button" className="inbox-count-row" onClick={() => onPick('unassigned')}>
            <span>{t('inbox.filters.unassigned')}</span>
            <span>{format.number(counts.data.unassigned)}</span>
          </button>
        </li>
        {counts.data.members
          .filter((member) => member.role !== 'viewer')
          .map((member) => (
            <li key={member.userId}>
              <button type="button" className="inbox-count-row" onClick={() => onPick(member.userId)}>
                <span>{member.name}</span>
                <span>{format.number(member.open)}</span>
              </button>
            </li>
          ))}
      </ul>
    </aside>
  );
}

function SavedRepliesDialog({ workspaceId, onClose }: { workspaceId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const saved = useSavedReplies(workspaceId);
  const save = useSaveReply(workspaceId);
  const remove = useDeleteSavedReply(workspaceId);
  const [editing, setEditing] = useState<Partial<SavedReply>>({});
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  // The browser's own modal: focus stays inside, Escape closes it, focus returns to the opening button.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="inbox-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>{t('inbox.saved.title')}</h2>
      <ul className="inbox-saved-list">
        {(saved.data ?? []).map((s) => (
          <li key={s.id}>
            <strong>{s.title}</strong>
            <p>{s.text}</p>
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => setEditing(s)}
              aria-label={t('inbox.saved.editNamed', { title: s.title })}
            >
              {t('inbox.saved.edit')}
            </button>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => remove.mutate(s.id)}
              aria-label={t('inbox.saved.deleteNamed', { title: s.title })}
            >
              {t('inbox.saved.delete')}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(
            { id: editing.id, title: editing.title ?? '', text: editing.text ?? '' },
            { onSuccess: () => setEditing({}) },
          );
        }}
      >
        <h3>{editing.id ? t('inbox.saved.editTitle') : t('inbox.saved.new')}</h3>
        <div className="field">
          <label htmlFor={`${id}-t`}>{t('inbox.saved.titleLabel')}</label>
          <input
            id={`${id}-t`}
            value={editing.title ?? ''}
            maxLength={80}
            onChange={(e) => setEditing({ ...editing, title: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-x`}>{t('inbox.saved.textLabel')}</label>
          <textarea
            id={`${id}-x`}
            rows={3}
            value={editing.text ?? ''}
            maxLength={5000}
            onChange={(e) => setEditing({ ...editing, text: e.target.value })}
          />
        </div>
        <FormAlert error={save.error ?? remove.error} />
        <div className="inbox-dialog-buttons">
          <button type="button" className="button button-ghost" onClick={() => dialog.current?.close()}>
            {t('inbox.saved.close')}
          </button>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {t('inbox.saved.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
