// Chooses the connected account whose lists are shown or made: each option names the network and handle.
// With no account connected yet it points to Settings → Accounts instead.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SocialAccount } from '../api/apiTypes.ts';
import { accountsSettingsPath } from './listsPaths.ts';

export function accountLabel(account: SocialAccount, t: (key: string) => string): string {
  return `${t(`accounts.networks.${account.network}`)} · @${account.handle}`;
}

export function AccountChooser({
  accounts,
  value,
  onChange,
  label,
  name = 'account',
}: {
  accounts: SocialAccount[];
  value: string;
  onChange: (accountId: string) => void;
  label?: string;
  name?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const chosen = accounts.find((account) => account.id === value);
  const warningId = `${id}-warning`;
  const needsReconnect = chosen?.status === 'needs_reconnect';
  return (
    <div className="field lists-account-field">
      <label htmlFor={id}>{label ?? t('lists.account.label')}</label>
      <select
        id={id}
        name={name}
        className="select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={needsReconnect ? warningId : undefined}
        data-testid={`${name}-chooser`}
      >
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {accountLabel(account, t)}
            {account.displayName && account.displayName !== account.handle ? ` (${account.displayName})` : ''}
          </option>
        ))}
      </select>
      {needsReconnect && (
        <p className="field-hint lists-warning" id={warningId}>
          {t('lists.account.needsReconnect', {
            reason: chosen.statusReason ?? t('accounts.status.noReason'),
          })}
        </p>
      )}
    </div>
  );
}

export function NoAccounts({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state" data-testid="lists-no-accounts">
      <h2>{t('lists.account.noneTitle')}</h2>
      <p>
        {t('lists.account.noneBody')}{' '}
        <Link to={accountsSettingsPath(workspaceId)}>{t('lists.account.noneLink')}</Link>
      </p>
    </div>
  );
}
