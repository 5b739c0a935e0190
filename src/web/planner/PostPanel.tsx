// The side panel of one account's copy of a post: everything it says and shows, where it stands, what
// went wrong, where it went out; and what can still be done with it (move it, send a draft out, edit
// its text, try a failed one again, delete the post); its approval (each chain's progress, why it was
// sent back, Approve / Reject for whoever may decide) and the team's comments on it.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TextRuleNetwork, textRuleFor } from '../../core/textRules/index.ts';
import { PostApprovalSection } from '../approvals/PostApproval.tsx';
import { CommentThread } from '../comments/CommentThread.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { type Day, dayOf, instantAt, wallClockOf } from './calendarDates.ts';
import { NetworkBadge, networkName, StatusPill } from './PostChip.tsx';
import { isMovable, isTextEditable, type PlannedTarget, type PlannerEntry } from './plannedPosts.ts';
import type { PlannerFormat } from './plannerFormat.ts';
import {
  mediaUrl,
  type ScheduleMode,
  useDeletePost,
  useEditTarget,
  useReschedulePost,
  useRetryTarget,
  useScheduleDraft,
} from './plannerQueries.ts';

export type Notice = { kind: 'success' | 'error'; text: string };

interface PostPanelProps {
  panelId: string;
  workspaceId: string;
  entry: PlannerEntry;
  /** Every chip of the same post, to switch to another account's copy. */
  siblings: PlannerEntry[];
  format: PlannerFormat;
  canAct: boolean;
  onClose: () => void;
  onSelect: (entry: PlannerEntry) => void;
  onNotice: (notice: Notice) => void;
}

/**
 * The panel may be gone when an action finishes (the post moved out of view or was deleted), so
 * actions report through their promise, which still settles then; a failure shows beside the action.
 */
const ignore = () => undefined;

const TEXT_RULE_NETWORKS = ['bluesky', 'mastodon', 'x', 'threads', 'linkedin'];

export function PostPanel({
  panelId,
  workspaceId,
  entry,
  siblings,
  format,
  canAct,
  onClose,
  onSelect,
  onNotice,
}: PostPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { target, post } = entry;

  // Escape closes the panel wherever focus is, even after a button that had it was disabled.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the panel each time another chip opens it.
  useEffect(() => {
    heading.current?.focus();
  }, [target.id]);

  const when = entry.at
    ? target.status === 'published'
      ? t('planner.panel.publishedAt', { time: format.dateTime(entry.at) })
      : t('planner.panel.dueAt', { time: format.dateTime(entry.at) })
    : t('planner.panel.noTime');

  return (
    <aside id={panelId} className="post-panel" aria-labelledby={headingId} data-testid="post-panel">
      <div className="post-panel-header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          <NetworkBadge network={target.network} />
          <span>
            {t('planner.panel.title', { network: networkName(target.network, t), handle: target.handle })}
          </span>
        </h2>
        <button type="button" className="button button-ghost button-small" onClick={onClose}>
          {t('planner.panel.close')}
        </button>
      </div>

      <div className="post-panel-status">
        <StatusPill status={target.status} />
        <span className="muted small">{when}</span>
      </div>

      {target.status === 'failed' && (
        <div className="alert alert-error" data-testid="panel-error">
          <strong>{t('planner.panel.failedTitle')}</strong>{' '}
          {target.lastError ? target.lastError : t('planner.panel.failedNoReason')}
        </div>
      )}
      {target.remoteUrl && (
        <p>
          <a href={target.remoteUrl} target="_blank" rel="noreferrer" data-testid="remote-link">
            {t('planner.panel.openPublished')}
          </a>
        </p>
      )}

      <section className="post-panel-section" aria-labelledby={`${headingId}-text`}>
        <h3 id={`${headingId}-text`}>{t('planner.panel.textHeading')}</h3>
        {entry.parts.map((part, index) => (
          <PartView
            key={part.id}
            part={part}
            index={index}
            total={entry.parts.length}
            workspaceId={workspaceId}
            format={format}
            canEdit={canAct && isTextEditable(part.status)}
            onNotice={onNotice}
          />
        ))}
        {post.tags.length > 0 && (
          <p className="post-panel-tags">
            <span className="muted small">{t('planner.panel.tags')}</span>{' '}
            {post.tags.map((tag) => (
              <span key={tag} className="badge">
                #{tag}
              </span>
            ))}
          </p>
        )}
      </section>

      <PostApprovalSection workspaceId={workspaceId} postId={post.id} />

      {siblings.length > 1 && (
        <section className="post-panel-section" aria-labelledby={`${headingId}-accounts`}>
          <h3 id={`${headingId}-accounts`}>{t('planner.panel.accountsHeading')}</h3>
          <ul className="post-panel-siblings">
            {siblings.map((sibling) => (
              <li key={sibling.target.id}>
                <button
                  type="button"
                  className="button button-ghost button-small"
                  aria-current={sibling.target.id === target.id ? 'true' : undefined}
                  onClick={() => onSelect(sibling)}
                >
                  <NetworkBadge network={sibling.target.network} />@{sibling.target.handle}
                </button>{' '}
                <StatusPill status={sibling.target.status} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {canAct && (
        <section className="post-panel-section" aria-labelledby={`${headingId}-actions`}>
          <h3 id={`${headingId}-actions`}>{t('planner.panel.actionsHeading')}</h3>
          {target.status === 'failed' && (
            <RetryAction workspaceId={workspaceId} target={target} onNotice={onNotice} />
          )}
          {target.status === 'draft' ? (
            <ScheduleDraftForm
              key={target.id}
              workspaceId={workspaceId}
              entry={entry}
              format={format}
              onNotice={onNotice}
            />
          ) : (
            isMovable(target.status) && (
              <RescheduleForm
                key={target.id}
                workspaceId={workspaceId}
                entry={entry}
                format={format}
                onNotice={onNotice}
              />
            )
          )}
          <DeleteAction
            key={post.id}
            workspaceId={workspaceId}
            entry={entry}
            onDone={onClose}
            onNotice={onNotice}
          />
        </section>
      )}

      <CommentThread workspaceId={workspaceId} subjectType="post" subjectId={post.id} />
    </aside>
  );
}

function PartView({
  part,
  index,
  total,
  workspaceId,
  format,
  canEdit,
  onNotice,
}: {
  part: PlannedTarget;
  index: number;
  total: number;
  workspaceId: string;
  format: PlannerFormat;
  canEdit: boolean;
  onNotice: (notice: Notice) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [offerRetry, setOfferRetry] = useState(false);
  return (
    <div className="post-panel-part" data-testid="panel-part">
      {total > 1 && (
        <p className="eyebrow">
          {t('planner.panel.part', { n: format.number(index + 1), total: format.number(total) })}
        </p>
      )}
      {editing ? (
        <EditTextForm
          part={part}
          workspaceId={workspaceId}
          format={format}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onNotice({ kind: 'success', text: t('planner.edit.saved') });
            if (part.status === 'failed') setOfferRetry(true);
          }}
        />
      ) : (
        <p className="post-panel-text" data-testid="panel-text">
          {part.text || <span className="muted">{t('planner.chip.noText')}</span>}
        </p>
      )}
      {part.media.length > 0 && (
        <div className="post-panel-media">
          {part.media.map((image) => (
            <img
              key={image.mediaId}
              src={mediaUrl(workspaceId, image.mediaId)}
              alt={image.alt}
              loading="lazy"
              data-testid="panel-image"
            />
          ))}
        </div>
      )}
      {offerRetry && part.status === 'failed' && (
        <div className="alert alert-success post-panel-offer">
          <span>{t('planner.edit.offerRetry')}</span>
          <RetryAction workspaceId={workspaceId} target={part} onNotice={onNotice} />
        </div>
      )}
      {canEdit && !editing && (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setEditing(true)}
        >
          {total > 1
            ? t('planner.edit.buttonPart', { n: format.number(index + 1) })
            : t('planner.edit.button')}
        </button>
      )}
    </div>
  );
}

function EditTextForm({
  part,
  workspaceId,
  format,
  onCancel,
  onSaved,
}: {
  part: PlannedTarget;
  workspaceId: string;
  format: PlannerFormat;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(part.text);
  const edit = useEditTarget(workspaceId);
  const count = TEXT_RULE_NETWORKS.includes(part.network)
    ? textRuleFor(part.network as TextRuleNetwork).count(text)
    : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    edit.mutateAsync({ targetId: part.id, text }).then(onSaved, ignore);
  };
  return (
    <form className="form post-panel-form" onSubmit={submit}>
      <FormAlert error={edit.error} />
      <div className="field">
        <label htmlFor={id}>{t('planner.edit.label', { handle: part.handle })}</label>
        <textarea
          id={id}
          className="planner-textarea"
          value={text}
          rows={6}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={count?.over ? true : undefined}
          aria-describedby={count ? `${id}-count` : undefined}
        />
        {count && (
          <p id={`${id}-count`} className={count.over ? 'field-error' : 'field-hint'}>
            {count.over
              ? count.problem
              : t('planner.edit.count', {
                  used: format.number(count.used),
                  limit: format.number(count.limit),
                })}
          </p>
        )}
      </div>
      <div className="post-panel-buttons">
        <button
          type="submit"
          className="button button-primary button-small"
          disabled={edit.isPending || count?.over}
        >
          {t('planner.edit.save')}
        </button>
        <button type="button" className="button button-ghost button-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Date and time inputs for a moment in the person's zone, starting at `initial` or the next hour. */
function useMomentInputs(initial: string | null, timeZone: string) {
  const start = initial ? new Date(initial) : new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const clock = wallClockOf(start, timeZone);
  const [day, setDay] = useState<Day>(dayOf(start, timeZone));
  const [time, setTime] = useState(
    `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`,
  );
  const instant = (): Date | null => {
    const match = /^(\d{2}):(\d{2})$/.exec(time);
    if (!match || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
    return instantAt(day, Number(match[1]), Number(match[2]), timeZone);
  };
  return { day, setDay, time, setTime, instant };
}

function MomentFields({ moment }: { moment: ReturnType<typeof useMomentInputs> }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="post-panel-moment">
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('planner.moment.date')}</label>
        <input
          id={`${id}-date`}
          type="date"
          value={moment.day}
          onChange={(event) => moment.setDay(event.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-time`}>{t('planner.moment.time')}</label>
        <input
          id={`${id}-time`}
          type="time"
          value={moment.time}
          onChange={(event) => moment.setTime(event.target.value)}
          required
        />
      </div>
    </div>
  );
}

function RescheduleForm({
  workspaceId,
  entry,
  format,
  onNotice,
}: {
  workspaceId: string;
  entry: PlannerEntry;
  format: PlannerFormat;
  onNotice: (notice: Notice) => void;
}) {
  const { t } = useTranslation();
  const moment = useMomentInputs(entry.at, format.timeZone);
  const reschedule = useReschedulePost(workspaceId);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = moment.instant();
    if (!at) return setProblem(t('planner.moment.invalid'));
    if (at.getTime() <= Date.now()) return setProblem(t('planner.moment.past'));
    setProblem(null);
    reschedule.mutateAsync({ postId: entry.post.id, scheduledAt: at.toISOString() }).then(
      () =>
        onNotice({
          kind: 'success',
          text: t('planner.moved', { time: format.dateTime(at.toISOString()) }),
        }),
      ignore,
    );
  };
  return (
    <form className="form post-panel-form" onSubmit={submit} aria-labelledby={`${entry.target.id}-move`}>
      <h4 id={`${entry.target.id}-move`}>{t('planner.reschedule.heading')}</h4>
      <p className="field-hint">{t('planner.reschedule.hint', { zone: format.zone })}</p>
      {problem && (
        <div className="alert alert-error" role="alert">
          {problem}
        </div>
      )}
      <FormAlert error={reschedule.error} />
      <MomentFields moment={moment} />
      <div className="post-panel-buttons">
        <button type="submit" className="button button-primary button-small" disabled={reschedule.isPending}>
          {t('planner.reschedule.submit')}
        </button>
      </div>
    </form>
  );
}

function ScheduleDraftForm({
  workspaceId,
  entry,
  format,
  onNotice,
}: {
  workspaceId: string;
  entry: PlannerEntry;
  format: PlannerFormat;
  onNotice: (notice: Notice) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  const [mode, setMode] = useState<ScheduleMode>(entry.at ? 'schedule' : 'queue');
  const moment = useMomentInputs(entry.at, format.timeZone);
  const schedule = useScheduleDraft(workspaceId);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let scheduledAt: string | undefined;
    if (mode === 'schedule') {
      const at = moment.instant();
      if (!at) return setProblem(t('planner.moment.invalid'));
      if (at.getTime() <= Date.now()) return setProblem(t('planner.moment.past'));
      scheduledAt = at.toISOString();
    }
    setProblem(null);
    schedule
      .mutateAsync({ postId: entry.post.id, mode, scheduledAt })
      .then(() => onNotice({ kind: 'success', text: t(`planner.schedule.done.${mode}`) }), ignore);
  };
  const modes: ScheduleMode[] = ['now', 'schedule', 'queue'];
  return (
    <form className="form post-panel-form" onSubmit={submit}>
      <fieldset className="planner-fieldset">
        <legend>{t('planner.schedule.heading')}</legend>
        {modes.map((option) => (
          <label key={option} className="planner-option">
            <input
              type="radio"
              name={name}
              value={option}
              checked={mode === option}
              onChange={() => setMode(option)}
            />
            {t(`planner.schedule.mode.${option}`)}
          </label>
        ))}
      </fieldset>
      {problem && (
        <div className="alert alert-error" role="alert">
          {problem}
        </div>
      )}
      <FormAlert error={schedule.error} />
      {mode === 'schedule' && <MomentFields moment={moment} />}
      <div className="post-panel-buttons">
        <button type="submit" className="button button-primary button-small" disabled={schedule.isPending}>
          {t('planner.schedule.submit')}
        </button>
      </div>
    </form>
  );
}

function RetryAction({
  workspaceId,
  target,
  onNotice,
}: {
  workspaceId: string;
  target: PlannedTarget;
  onNotice: (notice: Notice) => void;
}) {
  const { t } = useTranslation();
  const retry = useRetryTarget(workspaceId);
  return (
    <div className="post-panel-action">
      <FormAlert error={retry.error} />
      <button
        type="button"
        className="button button-primary button-small"
        disabled={retry.isPending}
        onClick={() =>
          retry.mutateAsync(target.id).then(
            (answer) =>
              onNotice({
                kind: 'success',
                // During crisis mode the post waits, paused, until the crisis ends.
                text: t(answer.status === 'paused' ? 'planner.retry.paused' : 'planner.retry.done'),
              }),
            ignore,
          )
        }
      >
        {t('planner.retry.button')}
      </button>
    </div>
  );
}

function DeleteAction({
  workspaceId,
  entry,
  onDone,
  onNotice,
}: {
  workspaceId: string;
  entry: PlannerEntry;
  onDone: () => void;
  onNotice: (notice: Notice) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const remove = useDeletePost(workspaceId);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  if (!confirming) {
    return (
      <div className="post-panel-action">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setConfirming(true)}
        >
          {t('planner.delete.button')}
        </button>
      </div>
    );
  }
  return (
    <fieldset className="planner-fieldset post-panel-action post-panel-confirm">
      <legend>{t('planner.delete.confirm')}</legend>
      <FormAlert error={remove.error} />
      <div className="post-panel-buttons">
        <button
          ref={confirmButton}
          type="button"
          className="button button-danger button-small"
          disabled={remove.isPending}
          onClick={() =>
            remove.mutateAsync(entry.post.id).then((result) => {
              onNotice({
                kind: 'success',
                text: result.kept.length > 0 ? t('planner.delete.doneKept') : t('planner.delete.done'),
              });
              onDone();
            }, ignore)
          }
        >
          {t('planner.delete.yes')}
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => setConfirming(false)}
        >
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
