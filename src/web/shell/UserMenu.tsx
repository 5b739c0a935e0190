// The signed-in person's name in the header, with sign-out.
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Me } from '../api/apiTypes.ts';
import { useSignOut } from '../api/sessionQueries.ts';
import { Popover } from '../components/Popover.tsx';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((part) => Array.from(part)[0] ?? '')
    .join('')
    .toUpperCase();
}

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();

  return (
    <Popover
      testId="user-menu"
      align="end"
      buttonClassName="popover-button user-button"
      buttonLabel={
        <>
          <span className="user-avatar" aria-hidden="true">
            {initials(me.user.name)}
          </span>
          <span className="user-button-name">{me.user.name}</span>
          <span className="visually-hidden">{t('shell.accountMenu')}</span>
        </>
      }
    >
      {(close) => (
        <div className="menu">
          <div className="menu-identity">
            <span className="menu-item-main">{me.user.name}</span>
            <span className="menu-item-meta">{me.user.email}</span>
          </div>
          <div className="menu-divider" />
          <button
            type="button"
            className="menu-item"
            data-testid="sign-out"
            disabled={signOut.isPending}
            onClick={() =>
              signOut.mutate(undefined, {
                onSuccess: () => {
                  close();
                  navigate('/sign-in', { replace: true });
                },
              })
            }
          >
            <span className="menu-item-main">{t('shell.signOut')}</span>
          </button>
        </div>
      )}
    </Popover>
  );
}
