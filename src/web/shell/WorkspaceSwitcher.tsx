// Lists the person's workspaces in the header; choosing one makes it current on the account and opens it.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Me } from '../api/apiTypes.ts';
import { meKey, useUpdateMe } from '../api/sessionQueries.ts';
import { Popover } from '../components/Popover.tsx';

export function WorkspaceSwitcher({ me, workspaceId }: { me: Me; workspaceId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const updateMe = useUpdateMe();
  const current = me.workspaces.find((workspace) => workspace.id === workspaceId);

  const switchTo = (id: string, close: () => void) => {
    close();
    if (id === workspaceId) return;
    // Marked current before the answer arrives, so the workspace frame does not ask the server a second time.
    queryClient.setQueryData(meKey, { ...me, currentWorkspaceId: id });
    updateMe.mutate({ currentWorkspaceId: id });
    navigate(`/w/${encodeURIComponent(id)}/streams`);
  };

  return (
    <Popover
      testId="workspace-switcher"
      buttonClassName="popover-button workspace-button"
      buttonLabel={
        <>
          <span className="workspace-avatar" aria-hidden="true">
            {(current?.name ?? '?').slice(0, 1).toUpperCase()}
          </span>
          <span className="workspace-button-text">
            <span className="workspace-button-caption">{t('shell.workspace')}</span>
            <span className="workspace-button-name">{current?.name ?? t('shell.noWorkspace')}</span>
            <span className="visually-hidden">{t('shell.switchWorkspace')}</span>
          </span>
        </>
      }
    >
      {(close) => (
        <div className="menu">
          <p className="menu-heading" id="workspace-menu-heading">
            {t('shell.yourWorkspaces')}
          </p>
          <ul className="menu-list" aria-labelledby="workspace-menu-heading">
            {me.workspaces.map((workspace) => (
              <li key={workspace.id}>
                <button
                  type="button"
                  className="menu-item"
                  aria-current={workspace.id === workspaceId ? 'true' : undefined}
                  onClick={() => switchTo(workspace.id, close)}
                >
                  <span className="menu-item-main">{workspace.name}</span>
                  <span className="menu-item-meta">{t(`roles.${workspace.role}.name`)}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="menu-divider" />
          <Link className="menu-item" to="/workspaces/new" onClick={close}>
            <span className="menu-item-main">+ {t('shell.createWorkspace')}</span>
          </Link>
        </div>
      )}
    </Popover>
  );
}
