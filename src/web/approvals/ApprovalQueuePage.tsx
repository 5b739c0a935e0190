// The approver's queue: posts waiting for this person's decision, each with its text per account, its
// author, its time and the open step ("step 2 of 3"), to approve or reject with a comment. Owners and
// admins can switch to every post waiting in the workspace.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { FormAlert } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { NetworkBadge } from '../planner/PostChip.tsx';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';
import { ApprovalProgress } from './ApprovalProgress.tsx';
import { type PostApproval, useApprovalQueue } from './approvalQueries.ts';
import { DecisionButtons } from './DecisionButtons.tsx';
import './approvals.css';

export function ApprovalQueuePage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const [params] = useSearchParams();
  const mayShowAll = workspace.role === 'owner' || workspace.role === 'admin';
  const [all, setAll] = useState(false);
  const queue = useApprovalQueue(workspace.id, all && mayShowAll);
  const [notice, setNotice] = useState<string | null>(null);
  const highlighted = params.get('post');

  return (
    <div className="page approvals-page">
      <div className="page-header">
        <div>
          <p className="eyebrow">{t('sections.publisher.title')}</p>
          <h1>{t('approvals.queue.title')}</h1>
          <p className="muted">{t('approvals.queue.intro')}</p>
        </div>
        <div className="approvals-header-actions">
          <Link className="button button-secondary" to={`/w/${encodeURIComponent(workspace.id)}/publisher`}>
            {t('approvals.queue.backToPlanner')}
          </Link>
        </div>
      </div>
      {mayShowAll && (
        <label className="approvals-all">
          <input type="checkbox" checked={all} onChange={(event) => setAll(event.target.checked)} />{' '}
          {t('approvals.queue.showAll')}
        </label>
      )}
      <div role="status" aria-live="polite" className="approvals-notice">
        {notice && <p className="alert alert-success">{notice}</p>}
      </div>
      {queue.isError && <FormAlert error={queue.error} />}
      {queue.isPending && <p className="muted">{t('approvals.queue.loading')}</p>}
      {queue.isSuccess && queue.data.items.length === 0 && (
        <p className="approvals-empty" data-testid="approvals-empty">
          {t('approvals.queue.empty')}
        </p>
      )}
      {queue.isSuccess && queue.data.items.length > 0 && (
        <ul className="approvals-list" data-testid="approvals-list">
          {queue.data.items.map((item) => (
            <QueueItem
              key={item.postId}
              workspaceId={workspace.id}
              item={item}
              highlighted={item.postId === highlighted}
              onDecided={(decision) => setNotice(t(`approvals.queue.done.${decision}`))}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function QueueItem({
  workspaceId,
  item,
  highlighted,
  onDecided,
}: {
  workspaceId: string;
  item: PostApproval;
  highlighted: boolean;
  onDecided: (decision: 'approved' | 'rejected') => void;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <li
      className={highlighted ? 'approval-card approval-card-highlighted' : 'approval-card'}
      data-testid="approval-item"
      aria-label={t('approvals.queue.itemLabel', { name: item.authorName ?? t('approvals.formerMember') })}
    >
      <p className="approval-card-meta">
        <span>{t('approvals.queue.by', { name: item.authorName ?? t('approvals.formerMember') })}</span>
        <span className="muted small">
          {t('approvals.queue.written', { time: format.dateTime(item.createdAt) })}
        </span>
      </p>
      {item.accounts.map((account) => (
        <section key={account.accountId} className="approval-account">
          <h2 className="approval-account-title">
            <NetworkBadge network={account.network} />@{account.handle}
          </h2>
          <p className="approval-text">{account.text}</p>
          <p className="muted small">
            {account.scheduledAt
              ? t('approvals.queue.dueAt', { time: format.dateTime(account.scheduledAt) })
              : t('approvals.queue.asap')}
          </p>
          <ApprovalProgress account={account} />
          {account.canDecide && (
            <DecisionButtons
              workspaceId={workspaceId}
              postId={item.postId}
              accountId={account.accountId}
              step={account.currentStep ?? undefined}
              onDecided={onDecided}
            />
          )}
        </section>
      ))}
    </li>
  );
}
