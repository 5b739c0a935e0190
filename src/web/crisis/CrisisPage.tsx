// Settings: crisis mode (start, end, review) and the playbook.
import { useTranslation } from 'react-i18next';

export function CrisisPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('crisis.title')}</h1>
    </div>
  );
}
