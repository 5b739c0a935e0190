// Settings: the tabs between its pages (Members, Accounts, Approvals, Crisis mode, Audit log, Demo
// requests) above the page itself.
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { useWorkspaceContext } from './workspaceContext.ts';

const PAGES = ['members', 'accounts', 'approvals', 'crisis', 'audit', 'demo-requests'] as const;

export function SettingsLayout() {
  const { t } = useTranslation();
  const context = useWorkspaceContext();
  return (
    <>
      <nav className="settings-tabs" aria-label={t('settings.navigation')} data-testid="settings-nav">
        {PAGES.map((page) => (
          <NavLink
            key={page}
            to={`/w/${encodeURIComponent(context.workspace.id)}/settings/${page}`}
            className={({ isActive }) => (isActive ? 'settings-tab active' : 'settings-tab')}
          >
            {t(`settings.pages.${page}`)}
          </NavLink>
        ))}
      </nav>
      <Outlet context={context} />
    </>
  );
}
