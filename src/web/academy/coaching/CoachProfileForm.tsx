// "Offer coaching": my coach profile — introduction, time zone, session length, notice, weekly hours
// per weekday, dates with other hours or a day off, and whether I take bookings now.
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZoneOptions } from '../../bulkImport/timeZones.ts';
import { errorMessage, FormAlert, fieldErrors, SuccessNotice } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import {
  type CoachProfile,
  type CoachProfileInput,
  useMyCoachProfile,
  useSaveCoachProfile,
} from './coachingQueries.ts';
import { addDays, formatters, localDayKey, viewerTimeZone } from './coachingTime.ts';

/** Weekdays as the form lists them: Monday first, Sunday last (0 is Sunday). */
const WEEKDAY_ORDER = [1, 2, 3, 4, 5, 6, 0];

interface WindowRow {
  key: number;
  start: string;
  end: string;
}

interface ExceptionRow {
  key: number;
  date: string;
  dayOff: boolean;
  windows: WindowRow[];
}

interface FormState {
  bio: string;
  timeZone: string;
  sessionMinutes: string;
  noticeHours: string;
  active: boolean;
  weekly: Record<number, WindowRow[]>;
  exceptions: ExceptionRow[];
}

let nextKey = 1;
const newKey = () => nextKey++;

function toMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function toTime(minutes: number): string {
  const clamped = Math.min(Math.max(minutes, 0), 23 * 60 + 59);
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

/** A new window after the last one of the day, or the morning when the day has none. */
function nextWindow(windows: WindowRow[]): WindowRow {
  const last = windows.at(-1);
  if (!last) return { key: newKey(), start: '09:00', end: '12:00' };
  const start = toMinutes(last.end);
  return { key: newKey(), start: toTime(start), end: toTime(start + 120) };
}

function initialState(profile: CoachProfile | null): FormState {
  const weekly: Record<number, WindowRow[]> = { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] };
  for (const w of profile?.weekly ?? [])
    weekly[w.weekday]!.push({ key: newKey(), start: w.start, end: w.end });
  return {
    bio: profile?.bio ?? '',
    timeZone: profile?.timeZone ?? viewerTimeZone(),
    sessionMinutes: String(profile?.sessionMinutes ?? 30),
    noticeHours: String(profile?.noticeHours ?? 24),
    active: profile?.active ?? true,
    weekly,
    exceptions: (profile?.exceptions ?? []).map((e) => ({
      key: newKey(),
      date: e.date,
      dayOff: e.windows.length === 0,
      windows: e.windows.map((w) => ({ key: newKey(), ...w })),
    })),
  };
}

/** The request body, and which row each of its paths ("weekly.3", "exceptions.1.windows.0") is. */
function toInput(state: FormState): { input: CoachProfileInput; rowOfPath: Map<string, number> } {
  const rowOfPath = new Map<string, number>();
  const weekly: CoachProfileInput['weekly'] = [];
  for (const weekday of WEEKDAY_ORDER) {
    for (const row of state.weekly[weekday]!) {
      rowOfPath.set(`weekly.${weekly.length}`, row.key);
      weekly.push({ weekday, start: row.start, end: row.end });
    }
  }
  const exceptions = state.exceptions.map((e, i) => {
    rowOfPath.set(`exceptions.${i}`, e.key);
    const windows = e.dayOff ? [] : e.windows;
    windows.forEach((w, j) => {
      rowOfPath.set(`exceptions.${i}.windows.${j}`, w.key);
    });
    return { date: e.date, windows: windows.map(({ start, end }) => ({ start, end })) };
  });
  return {
    input: {
      bio: state.bio,
      timeZone: state.timeZone,
      sessionMinutes: Number(state.sessionMinutes),
      noticeHours: Number(state.noticeHours),
      active: state.active,
      weekly,
      exceptions,
    },
    rowOfPath,
  };
}

export function CoachProfileForm({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const profile = useMyCoachProfile(workspaceId);
  if (profile.isPending) return <LoadingScreen />;
  if (profile.isError) {
    return (
      <p className="alert alert-error" role="alert">
        {errorMessage(profile.error, t)}
      </p>
    );
  }
  // Keyed by workspace only: saving keeps the form as it is, with its notice, while the profile reloads.
  return <ProfileEditor key={workspaceId} workspaceId={workspaceId} profile={profile.data} />;
}

function ProfileEditor({ workspaceId, profile }: { workspaceId: string; profile: CoachProfile | null }) {
  const { t } = useTranslation();
  const { locale } = useLocaleFormat();
  const format = useMemo(() => formatters(locale), [locale]);
  const save = useSaveCoachProfile(workspaceId);
  const [state, setState] = useState<FormState>(() => initialState(profile));
  const [rowOfPath, setRowOfPath] = useState<Map<string, number>>(new Map());
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZoneOptions(state.timeZone), [state.timeZone]);
  const ids = { bio: useId(), zone: useId(), length: useId(), notice: useId(), active: useId() };
  const savedRef = useRef<HTMLDivElement>(null);

  const errors = fieldErrors(save.error);
  /** Messages for one row, from the server's paths that name it or one of its fields. */
  const rowErrors = (key: number) =>
    Object.entries(errors)
      .filter(([path]) => {
        const base = path.replace(/\.(start|end|date|weekday)$/, '');
        return rowOfPath.get(base) === key;
      })
      .map(([, message]) => message);

  const update = (change: Partial<FormState>) => {
    setSaved(false);
    setState((current) => ({ ...current, ...change }));
  };
  const updateDay = (weekday: number, windows: WindowRow[]) =>
    update({ weekly: { ...state.weekly, [weekday]: windows } });
  const updateException = (key: number, change: Partial<ExceptionRow>) =>
    update({ exceptions: state.exceptions.map((e) => (e.key === key ? { ...e, ...change } : e)) });

  return (
    <form
      className="form coach-profile"
      aria-labelledby="coach-profile-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const { input, rowOfPath: paths } = toInput(state);
        setRowOfPath(paths);
        save.mutate(input, {
          onSuccess: () => {
            setSaved(true);
            requestAnimationFrame(() => savedRef.current?.focus());
          },
        });
      }}
    >
      <h2 id="coach-profile-heading">{t('academyCoaching.offer.heading')}</h2>
      <p className="muted">{t('academyCoaching.offer.intro')}</p>

      <section className="card form-section coach-basics" aria-labelledby="coach-basics-heading">
        <h3 id="coach-basics-heading">{t('academyCoaching.offer.basicsHeading')}</h3>
        <div className="field">
          <label htmlFor={ids.bio}>{t('academyCoaching.offer.bio')}</label>
          <textarea
            id={ids.bio}
            className="coaching-textarea"
            rows={3}
            maxLength={2000}
            value={state.bio}
            aria-describedby={`${ids.bio}-hint`}
            onChange={(event) => update({ bio: event.target.value })}
          />
          <p className="field-hint" id={`${ids.bio}-hint`}>
            {t('academyCoaching.offer.bioHint')}
          </p>
        </div>
        <div className="coach-basics-row">
          <div className="field">
            <label htmlFor={ids.zone}>{t('academyCoaching.offer.timeZone')}</label>
            <select
              id={ids.zone}
              className="select"
              value={state.timeZone}
              onChange={(event) => update({ timeZone: event.target.value })}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
            {errors.timeZone && <p className="field-error">{errors.timeZone}</p>}
          </div>
          <NumberField
            id={ids.length}
            label={t('academyCoaching.offer.sessionMinutes')}
            hint={t('academyCoaching.offer.sessionHint')}
            value={state.sessionMinutes}
            min={15}
            max={120}
            step={5}
            error={errors.sessionMinutes}
            onChange={(sessionMinutes) => update({ sessionMinutes })}
          />
          <NumberField
            id={ids.notice}
            label={t('academyCoaching.offer.noticeHours')}
            hint={t('academyCoaching.offer.noticeHint')}
            value={state.noticeHours}
            min={0}
            max={168}
            step={1}
            error={errors.noticeHours}
            onChange={(noticeHours) => update({ noticeHours })}
          />
        </div>
        <label className="checkbox-row" htmlFor={ids.active}>
          <input
            id={ids.active}
            type="checkbox"
            checked={state.active}
            onChange={(event) => update({ active: event.target.checked })}
          />
          <span>
            <strong>{t('academyCoaching.offer.active')}</strong>
            <span className="field-hint">{t('academyCoaching.offer.activeHint')}</span>
          </span>
        </label>
      </section>

      <section className="card form-section" aria-labelledby="coach-weekly-heading">
        <h3 id="coach-weekly-heading">{t('academyCoaching.offer.weeklyHeading')}</h3>
        <p className="muted small">{t('academyCoaching.offer.weeklyIntro', { zone: state.timeZone })}</p>
        <div className="weekly-days">
          {WEEKDAY_ORDER.map((weekday) => {
            const day = format.weekdayName(weekday);
            const windows = state.weekly[weekday]!;
            return (
              <fieldset key={weekday} className="weekly-day" data-weekday={weekday}>
                <legend>{day}</legend>
                {windows.length === 0 && (
                  <p className="muted small">{t('academyCoaching.offer.notAvailable')}</p>
                )}
                {windows.map((window, index) => (
                  <WindowEditor
                    key={window.key}
                    label={t('academyCoaching.offer.windowLabel', { day, n: format.number(index + 1) })}
                    window={window}
                    errors={rowErrors(window.key)}
                    onChange={(changed) =>
                      updateDay(
                        weekday,
                        windows.map((w) => (w.key === window.key ? changed : w)),
                      )
                    }
                    onRemove={() =>
                      updateDay(
                        weekday,
                        windows.filter((w) => w.key !== window.key),
                      )
                    }
                  />
                ))}
                <button
                  type="button"
                  className="button button-ghost button-small"
                  onClick={() => updateDay(weekday, [...windows, nextWindow(windows)])}
                >
                  {t('academyCoaching.offer.addWindow', { day })}
                </button>
              </fieldset>
            );
          })}
        </div>
      </section>

      <section className="card form-section" aria-labelledby="coach-exceptions-heading">
        <h3 id="coach-exceptions-heading">{t('academyCoaching.offer.exceptionsHeading')}</h3>
        <p className="muted small">{t('academyCoaching.offer.exceptionsIntro')}</p>
        {state.exceptions.length > 0 && (
          <ul className="exception-list">
            {state.exceptions.map((exception, index) => (
              <ExceptionEditor
                key={exception.key}
                exception={exception}
                position={index + 1}
                errors={rowErrors(exception.key)}
                windowErrors={rowErrors}
                onChange={(change) => updateException(exception.key, change)}
                onRemove={() =>
                  update({ exceptions: state.exceptions.filter((e) => e.key !== exception.key) })
                }
              />
            ))}
          </ul>
        )}
        <div>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() =>
              update({
                exceptions: [
                  ...state.exceptions,
                  { key: newKey(), date: localDayKey(addDays(new Date(), 7)), dayOff: true, windows: [] },
                ],
              })
            }
          >
            {t('academyCoaching.offer.addException')}
          </button>
        </div>
      </section>

      <FormAlert error={save.error} />
      {saved && (
        <div ref={savedRef} tabIndex={-1} data-testid="profile-saved">
          <SuccessNotice>{t('academyCoaching.offer.saved')}</SuccessNotice>
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {profile ? t('academyCoaching.offer.save') : t('academyCoaching.offer.start')}
        </button>
      </div>
    </form>
  );
}

function NumberField({
  id,
  label,
  hint,
  value,
  min,
  max,
  step,
  error,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  min: number;
  max: number;
  step: number;
  error?: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function WindowEditor({
  label,
  window,
  errors,
  onChange,
  onRemove,
}: {
  label: string;
  window: WindowRow;
  errors: string[];
  onChange: (window: WindowRow) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="window-row">
      <div className="field window-field">
        <label htmlFor={`${id}-start`}>
          <span className="visually-hidden">{label}: </span>
          {t('academyCoaching.offer.from')}
        </label>
        <input
          id={`${id}-start`}
          type="time"
          value={window.start}
          aria-invalid={errors.length > 0 ? true : undefined}
          onChange={(event) => onChange({ ...window, start: event.target.value })}
        />
      </div>
      <div className="field window-field">
        <label htmlFor={`${id}-end`}>
          <span className="visually-hidden">{label}: </span>
          {t('academyCoaching.offer.to')}
        </label>
        <input
          id={`${id}-end`}
          type="time"
          value={window.end}
          aria-invalid={errors.length > 0 ? true : undefined}
          onChange={(event) => onChange({ ...window, end: event.target.value })}
        />
      </div>
      <button type="button" className="button button-ghost button-small window-remove" onClick={onRemove}>
        {t('academyCoaching.offer.removeWindow')}
        <span className="visually-hidden">: {label}</span>
      </button>
      {errors.map((message) => (
        <p key={message} className="field-error window-error">
          {message}
        </p>
      ))}
    </div>
  );
}

function ExceptionEditor({
  exception,
  position,
  errors,
  windowErrors,
  onChange,
  onRemove,
}: {
  exception: ExceptionRow;
  position: number;
  errors: string[];
  windowErrors: (key: number) => string[];
  onChange: (change: Partial<ExceptionRow>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const id = useId();
  const label = t('academyCoaching.offer.exceptionLabel', { n: number(position) });
  return (
    <li className="exception-row" data-testid="exception">
      <fieldset>
        <legend>{label}</legend>
        <div className="exception-head">
          <div className="field">
            <label htmlFor={`${id}-date`}>{t('academyCoaching.offer.date')}</label>
            <input
              id={`${id}-date`}
              type="date"
              value={exception.date}
              aria-invalid={errors.length > 0 ? true : undefined}
              onChange={(event) => onChange({ date: event.target.value })}
            />
          </div>
          <label className="checkbox-row exception-dayoff" htmlFor={`${id}-off`}>
            <input
              id={`${id}-off`}
              type="checkbox"
              checked={exception.dayOff}
              onChange={(event) =>
                onChange({
                  dayOff: event.target.checked,
                  windows:
                    !event.target.checked && exception.windows.length === 0
                      ? [nextWindow([])]
                      : exception.windows,
                })
              }
            />
            <span>{t('academyCoaching.offer.dayOff')}</span>
          </label>
          <button type="button" className="button button-ghost button-small" onClick={onRemove}>
            {t('academyCoaching.offer.removeException')}
            <span className="visually-hidden">: {label}</span>
          </button>
        </div>
        {errors.map((message) => (
          <p key={message} className="field-error">
            {message}
          </p>
        ))}
        {!exception.dayOff && (
          <>
            {exception.windows.map((window, index) => (
              <WindowEditor
                key={window.key}
                label={t('academyCoaching.offer.exceptionWindowLabel', {
                  n: number(position),
                  m: number(index + 1),
                })}
                window={window}
                errors={windowErrors(window.key)}
                onChange={(changed) =>
                  onChange({ windows: exception.windows.map((w) => (w.key === window.key ? changed : w)) })
                }
                onRemove={() => onChange({ windows: exception.windows.filter((w) => w.key !== window.key) })}
              />
            ))}
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => onChange({ windows: [...exception.windows, nextWindow(exception.windows)] })}
            >
              {t('academyCoaching.offer.addExceptionWindow')}
            </button>
          </>
        )}
      </fieldset>
    </li>
  );
}
