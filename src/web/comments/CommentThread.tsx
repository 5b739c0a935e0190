// Comments and internal notes on a post or an inbox item, with @mentions of teammates: the thread,
// a text area whose "@" opens a list of members (arrow keys, Enter, Escape), and editing or deleting
// one's own comments (owners and admins may delete any).
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Role } from '../api/apiTypes.ts';
import { useMe } from '../api/sessionQueries.ts';
import { useMembers } from '../api/workspaceQueries.ts';
import { errorMessage } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import {
  commentParts,
  insertVisibleMention,
  matchingMembers,
  mentionQueryAt,
  type PickedMentions,
  toEditableText,
  toStoredBody,
} from './commentBody.ts';
import {
  type Comment,
  type CommentSubjectType,
  useCommentChanges,
  useCommentThread,
} from './commentQueries.ts';
import './CommentThread.css';

const MAX_LENGTH = 5000;

export function CommentThread({
  workspaceId,
  subjectType,
  subjectId,
}: {
  workspaceId: string;
  subjectType: 'post' | 'inbox_item';
  subjectId: string;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const me = useMe().data;
  const role: Role | undefined = me?.workspaces.find((w) => w.id === workspaceId)?.role;
  const thread = useCommentThread(workspaceId, subjectType, subjectId);
  const members = useMembers(workspaceId).data ?? [];
  const changes = useCommentChanges(workspaceId, subjectType, subjectId);
  const canWrite = role !== undefined && role !== 'viewer';
  const canDeleteAny = role === 'owner' || role === 'admin';

  return (
    <section className="comment-thread" aria-labelledby={headingId}>
      <h3 id={headingId} className="comment-thread-title">
        {t('comments.title')}
      </h3>
      {thread.isPending ? (
        <p className="muted">{t('comments.loading')}</p>
      ) : thread.isError ? (
        <p className="alert alert-error" role="alert">
          {errorMessage(thread.error, t)}
        </p>
      ) : thread.data.length === 0 ? (
        <p className="muted">{t('comments.empty')}</p>
      ) : (
        <ol className="comment-list">
          {thread.data.map((comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              members={members}
              mine={comment.author?.userId === me?.user.id}
              canWrite={canWrite}
              canDelete={canWrite && (comment.author?.userId === me?.user.id || canDeleteAny)}
              subject={{ workspaceId, subjectType, subjectId }}
            />
          ))}
        </ol>
      )}
      {canWrite ? (
        <CommentComposer
          members={members}
          label={t('comments.newLabel')}
          submitLabel={t('comments.post')}
          pending={changes.add.isPending}
          error={changes.add.error}
          onSubmit={(body, reset) => changes.add.mutate(body, { onSuccess: reset })}
        />
      ) : role === 'viewer' ? (
        <p className="muted">{t('comments.viewerNote')}</p>
      ) : null}
    </section>
  );
}

function CommentItem({
  comment,
  members,
  mine,
  canWrite,
  canDelete,
  subject,
}: {
  comment: Comment;
  members: Member[];
  mine: boolean;
  canWrite: boolean;
  canDelete: boolean;
  subject: { workspaceId: string; subjectType: CommentSubjectType; subjectId: string };
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const changes = useCommentChanges(subject.workspaceId, subject.subjectType, subject.subjectId);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const author = comment.author?.name ?? t('comments.formerMember');

  return (
    <li className="comment">
      <div className="comment-meta">
        <span className="comment-author">{author}</span>
        <time dateTime={comment.createdAt} className="muted small">
          {format.dateTime(comment.createdAt)}
        </time>
        {comment.editedAt ? <span className="muted small">{t('comments.edited')}</span> : null}
      </div>
      {editing ? (
        <CommentComposer
          members={members}
          initialBody={comment.body}
          label={t('comments.editLabel', { author })}
          submitLabel={t('comments.save')}
          pending={changes.edit.isPending}
          error={changes.edit.error}
          onCancel={() => setEditing(false)}
          onSubmit={(body) =>
            changes.edit.mutate({ id: comment.id, body }, { onSuccess: () => setEditing(false) })
          }
        />
      ) : (
        <p className="comment-body">
          {commentParts(comment.body).map((part, index) =>
            part.kind === 'text' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never move.
              <span key={index}>{part.text}</span>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never move.
              <mark key={index} className="comment-mention">
                @{part.name}
              </mark>
            ),
          )}
        </p>
      )}
      {!editing && (canDelete || (mine && canWrite)) ? (
        <div className="comment-actions">
          {mine && canWrite ? (
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setEditing(true)}
            >
              {t('comments.edit')}
            </button>
          ) : null}
          {canDelete && !confirming ? (
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setConfirming(true)}
            >
              {t('comments.delete')}
            </button>
          ) : null}
          {confirming ? (
            <span className="comment-confirm">
              <span>{t('comments.confirmDelete')}</span>
              <button
                type="button"
                className="button button-danger button-small"
                disabled={changes.remove.isPending}
                onClick={() => changes.remove.mutate(comment.id)}
              >
                {t('comments.deleteConfirmed')}
              </button>
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => setConfirming(false)}
              >
                {t('comments.cancel')}
              </button>
            </span>
          ) : null}
          {changes.remove.error ? (
            <span className="field-error" role="alert">
              {errorMessage(changes.remove.error, t)}
            </span>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function CommentComposer({
  members,
  initialBody = '',
  label,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  members: Member[];
  initialBody?: string;
  label: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: string, reset: () => void) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const id = useId();
  const listId = `${id}-mentions`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [initial] = useState(() => toEditableText(initialBody));
  const [text, setText] = useState(initial.text);
  const [picked, setPicked] = useState<PickedMentions>(initial.picked);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const options = query ? matchingMembers(members, query.query) : [];
  const open = query !== null && options.length > 0;

  const lookAtCaret = (value: string, caret: number) => {
    setQuery(mentionQueryAt(value, caret));
    setActive(0);
  };

  const choose = (member: Member) => {
    if (!query) return;
    // The name as a token can hold it, so what is shown is what is saved.
    const name = member.name.replace(/[[\]()\n\r]/g, ' ').trim();
    const next = insertVisibleMention(text, query, name);
    setText(next.text);
    setPicked(new Map(picked).set(name, member.userId));
    setQuery(null);
    requestAnimationFrame(() => {
      textRef.current?.focus();
      textRef.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        setActive((active + 1) % options.length);
        return;
      }
      if (event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((active - 1 + options.length) % options.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        choose(options[active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const submit = () => {
    if (!text.trim() || pending) return;
    onSubmit(toStoredBody(text, picked), () => {
      setText('');
      setPicked(new Map());
    });
  };

  return (
    <form
      className="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <div className="comment-input-wrap">
        <textarea
          id={id}
          ref={textRef}
          className="comment-input"
          value={text}
          rows={3}
          maxLength={MAX_LENGTH}
          placeholder={t('comments.placeholder')}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setText(event.target.value);
            lookAtCaret(event.target.value, event.target.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onClick={(event) => lookAtCaret(text, event.currentTarget.selectionStart)}
          onBlur={() => setTimeout(() => setQuery(null), 150)}
        />
        {open ? (
          <div id={listId} role="listbox" className="mention-list" aria-label={t('comments.mentionList')}>
            {options.map((member, index) => (
              <div
                key={member.userId}
                tabIndex={-1}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'mention-option active' : 'mention-option'}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(member);
                }}
                onMouseEnter={() => setActive(index)}
              >
                <span className="mention-name">{member.name}</span>
                <span className="mention-email muted small">{member.email}</span>
              </div>
            ))}
          </div>
        ) : null}
      </div>
      <p id={hintId} className="field-hint">
        {t('comments.hint')}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {open
          ? t('comments.suggestions', { count: options.length, formatted: format.number(options.length) })
          : ''}
      </p>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {errorMessage(error, t)}
        </p>
      ) : null}
      <div className="comment-composer-actions">
        {onCancel ? (
          <button type="button" className="button button-ghost button-small" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        ) : null}
        <button
          type="submit"
          className="button button-primary button-small"
          disabled={pending || !text.trim()}
        >
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
