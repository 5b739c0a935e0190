// The accounts a post goes to: each connected account as a toggle with its picture, handle and network;
// an account that needs reconnecting is listed, cannot be chosen, and says why.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ComposerAccount } from './composerQueries.ts';
import { NetworkBadge } from './NetworkBadge.tsx';

export function AccountAvatar({ account, size = 36 }: { account: ComposerAccount; size?: number }) {
  const initial = (account.displayName || account.handle).trim().charAt(0).toUpperCase();
  return account.avatarUrl ? (
    <img className="composer-avatar" src={account.avatarUrl} alt="" width={size} height={size} />
  ) : (
    <span
      className="composer-avatar composer-avatar-initial"
      style={{ width: size, height: size }}
      aria-hidden
    >
      {initial}
    </span>
  );
}

export function AccountPicker({
  workspaceId,
  accounts,
  chosen,
  onToggle,
  canManageAccounts,
}: {
  workspaceId: string;
  accounts: ComposerAccount[];
  chosen: ReadonlySet<string>;
  onToggle: (accountId: string, on: boolean) => void;
  canManageAccounts: boolean;
}) {
  const { t } = useTranslation();
  const accountsPage = `/w/${encodeURIComponent(workspaceId)}/settings/accounts`;

  if (accounts.length === 0) {
    return (
      <div className="composer-no-accounts" data-testid="composer-no-accounts">
        <p>{t('composer.accounts.none')}</p>
        {canManageAccounts && <Link to={accountsPage}>{t('composer.accounts.connect')}</Link>}
      </div>
    );
  }

  return (
    <fieldset className="composer-accounts">
      <legend className="composer-section-title">{t('composer.accounts.legend')}</legend>
      <ul className="composer-account-list">
        {accounts.map((account) => {
          const usable = account.status === 'connected';
          const reasonId = `composer-account-reason-${account.id}`;
          return (
            <li key={account.id}>
              <label
                className={`composer-account${chosen.has(account.id) ? ' is-chosen' : ''}${usable ? '' : ' is-unusable'}`}
                data-testid="composer-account"
              >
                <input
                  type="checkbox"
                  checked={usable && chosen.has(account.id)}
                  disabled={!usable}
                  onChange={(event) => onToggle(account.id, event.target.checked)}
                  aria-describedby={usable ? undefined : reasonId}
                />
                <AccountAvatar account={account} />
                <span className="composer-account-text">
                  <span className="composer-account-name">{account.displayName || account.handle}</span>
                  <span className="composer-account-handle" title={`@${account.handle}`}>
                    @{account.handle}
                  </span>
                </span>
                <NetworkBadge network={account.network} />
              </label>
              {!usable && (
                <p className="composer-account-reason" id={reasonId}>
                  {t('composer.accounts.needsReconnect', {
                    reason: account.statusReason ?? t('accounts.status.noReason'),
                  })}{' '}
                  {canManageAccounts && <Link to={accountsPage}>{t('composer.accounts.reconnect')}</Link>}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
