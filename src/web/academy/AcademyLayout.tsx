// The Academy: its tabs (courses, certifications, skills, coaching, resume) above the page itself.
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';

const PAGES = ['courses', 'certifications', 'skills', 'coaching', 'resume'] as const;

export function AcademyLayout() {
  const { t } = useTranslation();
  const context = useWorkspaceContext();
  return (
    <>
      <nav className="settings-tabs" aria-label={t('academy.navigation')} data-testid="academy-nav">
        {PAGES.map((page) => (
          <NavLink
            key={page}
            to={`/w/${encodeURIComponent(context.workspace.id)}/academy/${page}`}
            className={({ isActive }) => (isActive ? 'settings-tab active' : 'settings-tab')}
          >
            {t(`academy.pages.${page}`)}
          </NavLink>
        ))}
      </nav>
      <Outlet context={context} />
    </>
  );
}
