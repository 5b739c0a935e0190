// How many days Listening keeps the workspace's mentions, counts and alerts: everyone sees it, owners
// and admins change it.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceSummary } from '../api/apiTypes.ts';
import { FormAlert, fieldErrors, SuccessNotice } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useRetention, useSetRetention } from './listeningApi.ts';
import { setsRetention } from './listeningPaths.ts';
import { readNumber } from './queryForm.ts';

export function RetentionCard({ workspace }: { workspace: WorkspaceSummary }) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const retention = useRetention(workspace.id);
  const save = useSetRetention(workspace.id);
  const [days, setDays] = useState('');
  const [notNumber, setNotNumber] = useState(false);
  const id = useId();
  const stored = retention.data?.days;
  useEffect(() => {
    if (stored !== undefined) setDays(String(stored));
  }, [stored]);

  if (!retention.data) return null;
  const canSet = setsRetention(workspace.role);
  const error = notNumber ? t('listening.retention.notNumber') : fieldErrors(save.error).days;

  return (
    <section className="card listening-retention" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('listening.retention.heading')}</h2>
      {!canSet ? (
        <p className="muted">
          {t('listening.retention.readOnly', {
            count: retention.data.days,
            formatted: number(retention.data.days),
          })}
        </p>
      ) : (
        <form
          className="listening-retention-form"
          onSubmit={(event) => {
            event.preventDefault();
            const value = readNumber(days);
            setNotNumber(value === undefined);
            if (value !== undefined) save.mutate(value);
          }}
        >
          <p className="muted">{t('listening.retention.intro')}</p>
          <div className="field">
            <label htmlFor={id}>{t('listening.retention.days')}</label>
            <input
              id={id}
              name="days"
              inputMode="numeric"
              value={days}
              onChange={(event) => {
                setDays(event.target.value);
                save.reset();
              }}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            {error && (
              <p className="field-error" id={`${id}-error`}>
                {error}
              </p>
            )}
          </div>
          <button type="submit" className="button button-secondary" disabled={save.isPending}>
            {t('listening.retention.save')}
          </button>
          <FormAlert error={save.error} fieldNames={['days']} />
          {save.isSuccess && (
            <SuccessNotice>
              {t('listening.retention.saved', { count: save.data.days, formatted: number(save.data.days) })}
            </SuccessNotice>
          )}
        </form>
      )}
    </section>
  );
}
