// The planner header's way to the approval queue, with how many posts wait for this person.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useApprovalQueue } from './approvalQueries.ts';
import './approvals.css';

export function ApprovalQueueLink({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const queue = useApprovalQueue(workspaceId);
  const count = queue.data?.count ?? 0;
  return (
    <Link
      className="button button-secondary approvals-link"
      to={`/w/${encodeURIComponent(workspaceId)}/publisher/approvals`}
      data-testid="approvals-link"
      aria-label={
        count > 0
          ? t('approvals.link.labelWithCount', { n: format.number(count) })
          : t('approvals.link.label')
      }
    >
      {t('approvals.link.label')}
      {count > 0 && (
        <span className="approvals-count" aria-hidden="true" data-testid="approvals-count">
          {format.number(count)}
        </span>
      )}
    </Link>
  );
}
