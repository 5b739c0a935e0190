// The unified inbox.
import { useTranslation } from 'react-i18next';

export function InboxPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('inbox.title')}</h1>
    </div>
  );
}
