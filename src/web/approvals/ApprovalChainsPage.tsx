// Settings: each account's approval chain.
import { useTranslation } from 'react-i18next';

export function ApprovalChainsPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('approvals.title')}</h1>
    </div>
  );
}
