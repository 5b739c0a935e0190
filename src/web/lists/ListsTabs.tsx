// The tabs between the Lists page and the List templates page.
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { listsPagePath, listTemplatesPagePath } from './listsPaths.ts';

export function ListsTabs({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const tabClass = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'settings-tab active' : 'settings-tab';
  return (
    <nav className="settings-tabs" aria-label={t('lists.tabs.label')} data-testid="lists-nav">
      <NavLink to={listsPagePath(workspaceId)} end className={tabClass}>
        {t('lists.tabs.lists')}
      </NavLink>
      <NavLink to={listTemplatesPagePath(workspaceId)} end className={tabClass}>
        {t('lists.tabs.templates')}
      </NavLink>
    </nav>
  );
}
