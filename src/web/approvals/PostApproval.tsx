// The post panel's approval part: where each account's chain stands, why the post was sent back, and
// Approve / Reject for whoever may decide the open step.
import { useTranslation } from 'react-i18next';
import { NetworkBadge } from '../planner/PostChip.tsx';
import { ApprovalProgress } from './ApprovalProgress.tsx';
import { usePostApproval } from './approvalQueries.ts';
import { DecisionButtons } from './DecisionButtons.tsx';
import './approvals.css';

export function PostApprovalSection({ workspaceId, postId }: { workspaceId: string; postId: string }) {
  const { t } = useTranslation();
  const approval = usePostApproval(workspaceId, postId);
  if (!approval.isSuccess) return null;
  const state = approval.data;
  const shown = state.accounts.filter((a) => a.state !== 'none');
  if (shown.length === 0 && !state.rejectionReason) return null;
  return (
    <section
      className="post-panel-section"
      aria-label={t('planner.approval.heading')}
      data-testid="post-approval"
    >
      <h3>{t('planner.approval.heading')}</h3>
      {state.rejectionReason && (
        <div className="alert alert-error" data-testid="rejection-reason">
          <strong>
            {t('planner.approval.sentBack', { name: state.rejectedBy?.name ?? t('approvals.formerMember') })}
          </strong>{' '}
          {state.rejectionReason}
        </div>
      )}
      {shown.map((account) => (
        <div key={account.accountId} className="approval-account">
          <p className="approval-account-title">
            <NetworkBadge network={account.network} />@{account.handle}{' '}
            <span className="muted small">{t(`planner.approval.state.${account.state}`)}</span>
          </p>
          <ApprovalProgress account={account} />
          {account.canDecide && (
            <DecisionButtons
              workspaceId={workspaceId}
              postId={postId}
              accountId={account.accountId}
              step={account.currentStep ?? undefined}
            />
          )}
        </div>
      ))}
    </section>
  );
}
