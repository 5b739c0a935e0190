// The answer to an address the app does not know.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AuthLayout } from '../components/AuthLayout.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('shell.backHome')}</Link>
    </AuthLayout>
  );
}

/** The same answer inside the workspace frame, so the navigation stays in reach. */
export function NotFoundPanel() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
    </div>
  );
}
