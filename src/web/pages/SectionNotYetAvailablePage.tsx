// The page of a section this version of Kolorob does not have yet: says so plainly and what the section will do.
import { useTranslation } from 'react-i18next';
import { NavIcon, type SectionName } from '../components/NavIcon.tsx';

export function SectionNotYetAvailablePage({ section }: { section: Exclude<SectionName, 'settings'> }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t(`sections.${section}.title`)}</h1>
      </div>
      <section className="card empty-state" data-testid="not-yet-available">
        <div className="empty-state-icon">
          <NavIcon section={section} />
        </div>
        <h2>{t('sections.notYetAvailable')}</h2>
        <p>{t(`sections.${section}.purpose`)}</p>
      </section>
    </div>
  );
}
