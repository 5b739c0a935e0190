// The signed-in frame around a workspace: section navigation, the header with workspace, language and account, and the page.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useParams } from 'react-router-dom';
import type { Me } from '../api/apiTypes.ts';
import { useUpdateMe } from '../api/sessionQueries.ts';
import { BrandMark } from '../components/BrandMark.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { NavIcon, type SectionName } from '../components/NavIcon.tsx';
import { CrisisBanner } from '../crisis/CrisisBanner.tsx';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { UserMenu } from './UserMenu.tsx';
import { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx';

const SECTIONS: { name: SectionName; path: string }[] = [
  { name: 'streams', path: 'streams' },
  { name: 'publisher', path: 'publisher' },
  { name: 'inbox', path: 'inbox' },
  { name: 'listening', path: 'listening' },
  { name: 'analytics', path: 'analytics' },
  { name: 'academy', path: 'academy' },
  // Stays highlighted on every settings page; the bare address leads to Members.
  { name: 'settings', path: 'settings' },
];

export function WorkspaceShell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const membership = me.workspaces.find((workspace) => workspace.id === workspaceId);
  useRememberCurrentWorkspace(me, membership ? workspaceId : undefined);
  const base = `/w/${encodeURIComponent(workspaceId)}`;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <div className="sidebar">
        <div className="sidebar-inner">
          <div className="sidebar-brand">
            <BrandMark />
          </div>
          <nav aria-label={t('shell.mainNavigation')} data-testid="main-nav">
            <ul className="nav-list">
              {SECTIONS.map((section) => (
                <li key={section.name}>
                  <NavLink
                    to={`${base}/${section.path}`}
                    className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}
                  >
                    <NavIcon section={section.name} />
                    <span>{t(`sections.${section.name}.nav`)}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
      <div className="shell-body">
        <header className="topbar">
          <WorkspaceSwitcher me={me} workspaceId={workspaceId} />
          <div className="topbar-end">
            {membership && membership.role !== 'viewer' ? (
              <Link className="button button-primary" to={`${base}/compose`} data-testid="create-post">
                {t('shell.createPost')}
              </Link>
            ) : null}
            {membership ? <NotificationBell workspaceId={workspaceId} /> : null}
            <LanguageSwitch />
            <UserMenu me={me} />
          </div>
        </header>
        {membership ? <CrisisBanner workspaceId={workspaceId} /> : null}
        <main id="main" className="content" tabIndex={-1}>
          {membership ? (
            <Outlet context={{ me, workspace: membership }} />
          ) : (
            <div className="page">
              <h1>{t('shell.noAccessTitle')}</h1>
              <p>{t('shell.noAccessBody')}</p>
              <Link to="/">{t('shell.backHome')}</Link>
            </div>
          )}
        </main>
      </div>
    </div>
  );
}

/** Opening a workspace by its address makes it the current one, so the next visit to / lands there again. */
function useRememberCurrentWorkspace(me: Me, workspaceId: string | undefined) {
  const updateMe = useUpdateMe();
  const asked = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!workspaceId || me.currentWorkspaceId === workspaceId || asked.current === workspaceId) return;
    asked.current = workspaceId;
    updateMe.mutate({ currentWorkspaceId: workspaceId });
  }, [me.currentWorkspaceId, workspaceId, updateMe]);
}
