// Settings → Accounts: the workspace's connected social accounts and their state; owners, admins and
// editors also connect Bluesky (app password) and Mastodon (the server's own sign-in), reconnect and
// disconnect, and set each account's posting slots for the queue. Everyone else sees the list only.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  useAccounts,
  useConnectBluesky,
  useDisconnectAccount,
  useStartMastodon,
} from '../api/accountQueries.ts';
import type { Role, SocialAccount } from '../api/apiTypes.ts';
import { scheduleOf } from '../api/postingSlotsQueries.ts';
import { PostingSlotsDialog } from '../bulkImport/PostingSlotsDialog.tsx';
import { errorMessage, FormAlert, fieldErrors, SuccessNotice } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { TextField } from '../components/TextField.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';

/** Mirrors the server's accounts.manage permission, which has the final say. */
const managesAccounts = (role: Role) => role === 'owner' || role === 'admin' || role === 'editor';

const BLUESKY_FORM_ID = 'connect-bluesky';

interface BlueskyPrefill {
  identifier: string;
  service: string;
  /** Changes on every request, so asking twice for the same account fills the form again. */
  asked: number;
}

export function AccountsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const canManage = managesAccounts(workspace.role);
  const [params, setParams] = useSearchParams();
  const [prefill, setPrefill] = useState<BlueskyPrefill | undefined>(undefined);
  const connected = params.get('connected');
  const callbackError = params.get('error');

  const dismissNotice = () => setParams({}, { replace: true });

  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{t('settings.title')}</p>
        <h1>{t('accounts.title')}</h1>
        <p className="muted">{canManage ? t('accounts.introManage') : t('accounts.introReadOnly')}</p>
      </div>
      {connected && (
        <div className="notice-row">
          <SuccessNotice>{t('accounts.connectedNotice')}</SuccessNotice>
          <button type="button" className="button button-ghost button-small" onClick={dismissNotice}>
            {t('accounts.dismiss')}
          </button>
        </div>
      )}
      {callbackError && (
        <div className="notice-row">
          <div className="alert alert-error" role="alert">
            {t('accounts.connectFailed', { reason: callbackError })}
          </div>
          <button type="button" className="button button-ghost button-small" onClick={dismissNotice}>
            {t('accounts.dismiss')}
          </button>
        </div>
      )}
      <AccountListCard
        workspaceId={workspace.id}
        canManage={canManage}
        onReconnectBluesky={(account) => {
          setPrefill({ identifier: account.handle, service: account.serviceUrl, asked: Date.now() });
          document.getElementById(BLUESKY_FORM_ID)?.scrollIntoView({ behavior: 'smooth' });
        }}
      />
      {canManage && (
        <div className="connect-forms">
          <ConnectBlueskyCard key={prefill?.asked ?? 0} workspaceId={workspace.id} prefill={prefill} />
          <ConnectMastodonCard workspaceId={workspace.id} />
        </div>
      )}
    </div>
  );
}

function networkName(network: SocialAccount['network'], t: ReturnType<typeof useTranslation>['t']) {
  return t(`accounts.networks.${network}`);
}

function AccountListCard({
  workspaceId,
  canManage,
  onReconnectBluesky,
}: {
  workspaceId: string;
  canManage: boolean;
  onReconnectBluesky: (account: SocialAccount) => void;
}) {
  const { t } = useTranslation();
  const accounts = useAccounts(workspaceId);
  const { number } = useLocaleFormat();
  const disconnect = useDisconnectAccount(workspaceId);
  const startMastodon = useStartMastodon(workspaceId);
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const [slotsFor, setSlotsFor] = useState<SocialAccount | undefined>(undefined);
  const [slotsSaved, setSlotsSaved] = useState<string | undefined>(undefined);

  const reconnect = (account: SocialAccount) => {
    if (account.network === 'bluesky') return onReconnectBluesky(account);
    startMastodon.mutate(
      { instanceUrl: account.serviceUrl },
      { onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl) },
    );
  };

  return (
    <section className="card" aria-labelledby="accounts-heading">
      <div className="card-header">
        <h2 id="accounts-heading">{t('accounts.listTitle')}</h2>
      </div>
      <FormAlert error={disconnect.error ?? startMastodon.error} />
      {slotsSaved && <SuccessNotice>{t('postingSlots.saved', { handle: slotsSaved })}</SuccessNotice>}
      {slotsFor && (
        <PostingSlotsDialog
          workspaceId={workspaceId}
          account={slotsFor}
          onClose={() => setSlotsFor(undefined)}
          onSaved={(saved) => setSlotsSaved(saved.handle)}
        />
      )}
      {accounts.isPending && <LoadingScreen />}
      {accounts.isError && <p className="alert alert-error">{errorMessage(accounts.error, t)}</p>}
      {accounts.data && accounts.data.length === 0 && (
        <p className="muted" data-testid="no-accounts">
          {canManage ? t('accounts.noneManage') : t('accounts.none')}
        </p>
      )}
      {accounts.data && accounts.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('accounts.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.columns.network')}</th>
                <th scope="col">{t('accounts.columns.account')}</th>
                <th scope="col">{t('accounts.columns.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('accounts.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.map((account) => (
                <tr key={account.id} data-testid="account-row">
                  <td className="nowrap">{networkName(account.network, t)}</td>
                  <td>
                    <div className="person">
                      <span className="person-name">{account.displayName || account.handle}</span>
                      <span className="person-email">@{account.handle}</span>
                    </div>
                  </td>
                  <td>
                    {account.status === 'connected' ? (
                      <span className="account-status account-status-connected" data-testid="account-status">
                        {t('accounts.status.connected')}
                      </span>
                    ) : (
                      <div className="account-needs-reconnect">
                        <span className="alert alert-warning" data-testid="account-status">
                          {t('accounts.status.needsReconnect', {
                            reason: account.statusReason ?? t('accounts.status.noReason'),
                          })}
                        </span>
                        {canManage && (
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            disabled={startMastodon.isPending}
                            onClick={() => reconnect(account)}
                            aria-label={t('accounts.reconnectNamed', { handle: account.handle })}
                          >
                            {t('accounts.reconnect')}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                  <td className="actions">
                    {canManage && confirming !== account.id && (
                      <button
                        type="button"
                        className="button button-secondary button-small account-slots-button"
                        onClick={() => {
                          setSlotsSaved(undefined);
                          setSlotsFor(account);
                        }}
                        aria-label={t('postingSlots.openNamed', {
                          handle: account.handle,
                          count: scheduleOf(account).postingSlots.length,
                          formatted: number(scheduleOf(account).postingSlots.length),
                        })}
                      >
                        {t('postingSlots.open')}{' '}
                        <span className="badge" aria-hidden="true">
                          {number(scheduleOf(account).postingSlots.length)}
                        </span>
                      </button>
                    )}
                    {canManage &&
                      (confirming === account.id ? (
                        <span className="confirm">
                          <span>{t('accounts.confirmDisconnect', { handle: account.handle })}</span>
                          <button
                            type="button"
                            className="button button-danger button-small"
                            disabled={disconnect.isPending}
                            onClick={() =>
                              disconnect.mutate(account.id, { onSuccess: () => setConfirming(undefined) })
                            }
                          >
                            {t('accounts.disconnect')}
                          </button>
                          <button
                            type="button"
                            className="button button-ghost button-small"
                            onClick={() => setConfirming(undefined)}
                          >
                            {t('common.cancel')}
                          </button>
                        </span>
                      ) : (
                        <button
                          type="button"
                          className="button button-ghost button-small"
                          onClick={() => {
                            disconnect.reset();
                            setConfirming(account.id);
                          }}
                          aria-label={t('accounts.disconnectNamed', { handle: account.handle })}
                        >
                          {t('accounts.disconnect')}
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ConnectBlueskyCard({ workspaceId, prefill }: { workspaceId: string; prefill?: BlueskyPrefill }) {
  const { t } = useTranslation();
  const connect = useConnectBluesky(workspaceId);
  const [identifier, setIdentifier] = useState(prefill?.identifier ?? '');
  const [appPassword, setAppPassword] = useState('');
  const [service, setService] = useState(
    prefill && prefill.service !== 'https://bsky.social' ? prefill.service : '',
  );
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const headingId = useId();
  const fields = fieldErrors(connect.error);

  useEffect(() => {
    if (prefill)
      document.querySelector<HTMLInputElement>(`#${BLUESKY_FORM_ID} input[name="appPassword"]`)?.focus();
  }, [prefill]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    const trimmed = service.trim();
    connect.mutate(
      { identifier: identifier.trim(), appPassword, ...(trimmed ? { service: trimmed } : {}) },
      {
        onSuccess: (account) => {
          setSaved(account.handle);
          setAppPassword('');
          setIdentifier('');
        },
      },
    );
  };

  return (
    <section className="card" aria-labelledby={headingId} id={BLUESKY_FORM_ID}>
      <div className="card-header">
        <h2 id={headingId}>{t('accounts.bluesky.title')}</h2>
      </div>
      <p className="muted">{t('accounts.bluesky.intro')}</p>
      <form className="form" onSubmit={submit} noValidate data-testid="bluesky-form">
        <FormAlert error={connect.error} fieldNames={['identifier', 'appPassword', 'service']} />
        {saved && <SuccessNotice>{t('accounts.bluesky.connected', { handle: saved })}</SuccessNotice>}
        <TextField
          label={t('accounts.bluesky.identifier')}
          name="identifier"
          value={identifier}
          onChange={setIdentifier}
          autoComplete="off"
          hint={t('accounts.bluesky.identifierHint')}
          required
          error={fields.identifier}
        />
        <TextField
          label={t('accounts.bluesky.appPassword')}
          name="appPassword"
          type="password"
          value={appPassword}
          onChange={setAppPassword}
          autoComplete="new-password"
          hint={t('accounts.bluesky.appPasswordHint')}
          required
          error={fields.appPassword}
        />
        <details className="advanced" open={Boolean(service) || Boolean(fields.service)}>
          <summary>{t('accounts.bluesky.advanced')}</summary>
          <TextField
            label={t('accounts.bluesky.service')}
            name="service"
            value={service}
            onChange={setService}
            autoComplete="url"
            hint={t('accounts.bluesky.serviceHint')}
            error={fields.service}
          />
        </details>
        <div>
          <button
            type="submit"
            className="button button-primary"
            disabled={connect.isPending || identifier.trim() === '' || appPassword === ''}
          >
            {connect.isPending ? t('accounts.connecting') : t('accounts.bluesky.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ConnectMastodonCard({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const start = useStartMastodon(workspaceId);
  const [instanceUrl, setInstanceUrl] = useState('');
  const headingId = useId();
  const fields = fieldErrors(start.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    start.mutate(
      { instanceUrl: instanceUrl.trim() },
      // The server's own page asks the person to sign in and approve; it sends them back here.
      { onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl) },
    );
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>{t('accounts.mastodon.title')}</h2>
      </div>
      <p className="muted">{t('accounts.mastodon.intro')}</p>
      <form className="form" onSubmit={submit} noValidate data-testid="mastodon-form">
        <FormAlert error={start.error} fieldNames={['instanceUrl']} />
        <TextField
          label={t('accounts.mastodon.instanceUrl')}
          name="instanceUrl"
          value={instanceUrl}
          onChange={setInstanceUrl}
          autoComplete="url"
          hint={t('accounts.mastodon.instanceUrlHint')}
          required
          error={fields.instanceUrl}
        />
        <div>
          <button
            type="submit"
            className="button button-primary"
            disabled={start.isPending || instanceUrl.trim() === ''}
          >
            {start.isPending ? t('accounts.connecting') : t('accounts.mastodon.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
