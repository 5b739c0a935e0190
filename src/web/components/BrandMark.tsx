// Kolorob's mark and name, used in the navigation and on the signed-out pages.
import { useTranslation } from 'react-i18next';

export function BrandMark({ size = 28 }: { size?: number }) {
  const { t } = useTranslation();
  return (
    <span className="brand">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill="#4338ca" />
        <path d="M9 8h3.2v6.6L18.6 8h4L15.8 15l7.2 9h-4.1l-5.5-7-1.2 1.2V24H9z" fill="#fff" />
        <circle cx="24" cy="9" r="2.4" fill="#fbbf24" />
      </svg>
      <span className="brand-name">{t('app.name')}</span>
    </span>
  );
}
