// Approve and Reject for one post (one account's copy of it, or every copy this person may decide):
// each opens a dialog for the comment; rejecting needs a reason.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../components/FormAlert.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { useDecide } from './approvalQueries.ts';

export function DecisionButtons({
  workspaceId,
  postId,
  accountId,
  step,
  onDecided,
}: {
  workspaceId: string;
  postId: string;
  accountId?: string;
  step?: number;
  onDecided?: (decision: 'approved' | 'rejected') => void;
}) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<'approved' | 'rejected' | null>(null);
  return (
    <div className="approval-buttons">
      <button
        type="button"
        className="button button-primary button-small"
        onClick={() => setDecision('approved')}
        data-testid="approve-button"
      >
        {t('approvals.approve')}
      </button>
      <button
        type="button"
        className="button button-danger button-small"
        onClick={() => setDecision('rejected')}
        data-testid="reject-button"
      >
        {t('approvals.reject')}
      </button>
      {decision && (
        <DecisionDialog
          workspaceId={workspaceId}
          postId={postId}
          accountId={accountId}
          step={step}
          decision={decision}
          onClose={() => setDecision(null)}
          onDecided={onDecided}
        />
      )}
    </div>
  );
}

function DecisionDialog({
  workspaceId,
  postId,
  accountId,
  step,
  decision,
  onClose,
  onDecided,
}: {
  workspaceId: string;
  postId: string;
  accountId?: string;
  step?: number;
  decision: 'approved' | 'rejected';
  onClose: () => void;
  onDecided?: (decision: 'approved' | 'rejected') => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const decide = useDecide(workspaceId);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (decision === 'rejected' && comment.trim() === '') {
      setMissing(true);
      return;
    }
    decide.mutate(
      { postId, accountId, step, decision, comment },
      {
        onSuccess: () => {
          onDecided?.(decision);
          onClose();
        },
      },
    );
  };

  return (
    <dialog
      ref={ref}
      className="approval-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="decision-dialog"
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{t(`approvals.dialog.${decision}Title`)}</h2>
        <p className="muted">{t(`approvals.dialog.${decision}Intro`)}</p>
        <TextAreaField
          label={t(decision === 'rejected' ? 'approvals.dialog.reason' : 'approvals.dialog.comment')}
          name="comment"
          value={comment}
          onChange={(value) => {
            setComment(value);
            setMissing(false);
          }}
          error={missing ? t('approvals.dialog.reasonNeeded') : undefined}
          rows={4}
        />
        <FormAlert error={decide.error} fieldNames={['comment']} />
        <div className="approval-dialog-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            {t('approvals.dialog.cancel')}
          </button>
          <button
            type="submit"
            className={decision === 'rejected' ? 'button button-danger' : 'button button-primary'}
            disabled={decide.isPending}
            data-testid="decision-submit"
          >
            {t(`approvals.dialog.${decision}Submit`)}
          </button>
        </div>
      </form>
    </dialog>
  );
}
