// The approver's queue: posts waiting for this person's decision.
import { useTranslation } from 'react-i18next';

export function ApprovalQueuePage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('approvals.title')}</h1>
    </div>
  );
}
