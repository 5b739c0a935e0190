// When the post goes out: now, at a date and time in the person's own time zone, or in each account's
// next free posting slot.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleProblem } from './composerDraft.ts';
import { browserTimeZone, type LocalInputs } from './composerTime.ts';

export type SendMode = 'now' | 'schedule' | 'queue';

export function WhenPicker({
  mode,
  onMode,
  inputs,
  onInputs,
  minDate,
  problem,
  error,
}: {
  mode: SendMode;
  onMode: (mode: SendMode) => void;
  inputs: LocalInputs;
  onInputs: (inputs: LocalInputs) => void;
  /** Today in the browser's time zone, YYYY-MM-DD. */
  minDate: string;
  problem?: ScheduleProblem;
  /** The server's word on the time. */
  error?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const zone = browserTimeZone();
  const modes: SendMode[] = ['now', 'schedule', 'queue'];
  const problemText =
    problem === 'past'
      ? t('composer.when.past')
      : problem === 'noTime'
        ? t('composer.when.noTime')
        : undefined;
  const shownError = error ?? problemText;

  return (
    <fieldset className="composer-when">
      <legend className="composer-section-title">{t('composer.when.legend')}</legend>
      <div className="composer-when-options">
        {modes.map((option) => (
          <label key={option} className={`composer-when-option${mode === option ? ' is-chosen' : ''}`}>
            <input
              type="radio"
              name={`${id}-mode`}
              value={option}
              checked={mode === option}
              onChange={() => onMode(option)}
              aria-describedby={`${id}-${option}-hint`}
            />
            <span>
              <span className="composer-when-name">{t(`composer.when.${option}`)}</span>
              <span className="composer-when-hint" id={`${id}-${option}-hint`}>
                {t(`composer.when.${option}Hint`)}
              </span>
            </span>
          </label>
        ))}
      </div>
      {mode === 'schedule' && (
        <div className="composer-when-time">
          <div className="composer-when-inputs">
            <div className="field">
              <label htmlFor={`${id}-date`}>{t('composer.when.date')}</label>
              <input
                id={`${id}-date`}
                type="date"
                value={inputs.date}
                min={minDate}
                onChange={(event) => onInputs({ ...inputs, date: event.target.value })}
                aria-invalid={shownError ? true : undefined}
                aria-describedby={`${id}-zone${shownError ? ` ${id}-time-error` : ''}`}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-time`}>{t('composer.when.time')}</label>
              <input
                id={`${id}-time`}
                type="time"
                value={inputs.time}
                onChange={(event) => onInputs({ ...inputs, time: event.target.value })}
                aria-invalid={shownError ? true : undefined}
                aria-describedby={`${id}-zone${shownError ? ` ${id}-time-error` : ''}`}
              />
            </div>
          </div>
          <p className="field-hint" id={`${id}-zone`} data-testid="composer-time-zone">
            {t('composer.when.zone', { zone })}
          </p>
          {shownError && (
            <p className="field-error" id={`${id}-time-error`}>
              {shownError}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
