// Step 2 of the import page: how to read the file — the order of day, month and year, the time zone
// of its times, whether the first row names the columns — and the accounts for rows that name none.
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SocialAccount } from '../api/apiTypes.ts';
import type { DateFormat } from './importApi.ts';
import { timeZoneOptions } from './timeZones.ts';

export type HeaderChoice = 'auto' | 'yes' | 'no';

export interface ImportSettings {
  dateFormat: DateFormat;
  timeZone: string;
  header: HeaderChoice;
  accountIds: string[];
}

const DATE_FORMATS: DateFormat[] = ['DMY', 'MDY', 'YMD'];
const HEADERS: HeaderChoice[] = ['auto', 'yes', 'no'];

export function ImportSettingsCard({
  workspaceId,
  settings,
  onChange,
  accounts,
}: {
  workspaceId: string;
  settings: ImportSettings;
  onChange: (settings: ImportSettings) => void;
  accounts: SocialAccount[] | undefined;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const formatId = useId();
  const zoneId = useId();
  const headerId = useId();
  const accountsHintId = useId();
  const zones = useMemo(() => timeZoneOptions(settings.timeZone), [settings.timeZone]);
  const set = (changes: Partial<ImportSettings>) => onChange({ ...settings, ...changes });
  const toggle = (id: string, on: boolean) =>
    set({ accountIds: on ? [...settings.accountIds, id] : settings.accountIds.filter((a) => a !== id) });

  return (
    <section className="card import-card" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>{t('bulkImport.settings.title')}</h2>
      </div>
      <div className="import-settings">
        <div className="field">
          <label htmlFor={formatId}>{t('bulkImport.settings.dateFormat')}</label>
          <select
            id={formatId}
            className="select"
            value={settings.dateFormat}
            onChange={(event) => set({ dateFormat: event.target.value as DateFormat })}
          >
            {DATE_FORMATS.map((format) => (
              <option key={format} value={format}>
                {t(`bulkImport.settings.dateFormats.${format}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={zoneId}>{t('bulkImport.settings.timeZone')}</label>
          <select
            id={zoneId}
            className="select"
            value={settings.timeZone}
            onChange={(event) => set({ timeZone: event.target.value })}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={headerId}>{t('bulkImport.settings.header')}</label>
          <select
            id={headerId}
            className="select"
            value={settings.header}
            onChange={(event) => set({ header: event.target.value as HeaderChoice })}
          >
            {HEADERS.map((choice) => (
              <option key={choice} value={choice}>
                {t(`bulkImport.settings.headers.${choice}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="import-accounts" aria-describedby={accountsHintId}>
        <legend>{t('bulkImport.settings.accounts')}</legend>
        <p className="field-hint" id={accountsHintId}>
          {t('bulkImport.settings.accountsHint')}
        </p>
        {accounts && accounts.length === 0 && (
          <p className="muted">
            {t('bulkImport.settings.noAccounts')}{' '}
            <Link to={`/w/${encodeURIComponent(workspaceId)}/settings/accounts`}>
              {t('bulkImport.settings.connectAccounts')}
            </Link>
          </p>
        )}
        <div className="import-account-list">
          {accounts?.map((account) => (
            <label key={account.id} className="import-account">
              <input
                type="checkbox"
                checked={settings.accountIds.includes(account.id)}
                onChange={(event) => toggle(account.id, event.target.checked)}
              />
              <span>
                <span className="import-account-network">{t(`accounts.networks.${account.network}`)}</span>
                {` @${account.handle}`}
                {account.status === 'needs_reconnect' && (
                  <span className="muted small"> ({t('bulkImport.settings.needsReconnect')})</span>
                )}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
