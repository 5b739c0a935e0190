// The dialog behind Settings → Accounts → "Posting slots": an account's weekly slots for the queue and
// the time zone they are read in. The composer's "Add to queue" puts a post into the next free slot.
import './PostingSlotsDialog.css';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SocialAccount } from '../api/apiTypes.ts';
import { type PostingSlot, scheduleOf, useSetPostingSlots } from '../api/postingSlotsQueries.ts';
import { FormAlert } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { timeZoneOptions } from './timeZones.ts';

/** Monday first; day numbers are the API's, Sunday 0. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
const WEEKDAYS = [1, 2, 3, 4, 5];
const MAX_SLOTS = 70;

const byTime = (a: PostingSlot, b: PostingSlot) => a.day - b.day || a.time.localeCompare(b.time);

function useDayNames(language: string): string[] {
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(language === 'bn' ? 'bn-BD' : 'en-GB', {
      weekday: 'long',
      timeZone: 'UTC',
    });
    // 7 January 2024 was a Sunday.
    return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(2024, 0, 7 + day))));
  }, [language]);
}

/** HH:MM in the page's digits, always 24-hour as it is entered. */
function useSlotTime(language: string): (time: string) => string {
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(language === 'bn' ? 'bn-BD' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
      numberingSystem: language === 'bn' ? 'beng' : 'latn',
    });
    return (time: string) => {
      const [hour, minute] = time.split(':').map(Number);
      return format.format(new Date(Date.UTC(2024, 0, 1, hour, minute)));
    };
  }, [language]);
}

export function PostingSlotsDialog({
  workspaceId,
  account,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  account: SocialAccount;
  onClose: () => void;
  onSaved: (account: SocialAccount) => void;
}) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const zoneId = useId();
  const initial = scheduleOf(account);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [slots, setSlots] = useState<PostingSlot[]>([...initial.postingSlots].sort(byTime));
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const save = useSetPostingSlots(workspaceId);
  const dayNames = useDayNames(i18n.language);
  const slotTime = useSlotTime(i18n.language);
  const { number } = useLocaleFormat();
  const zones = useMemo(() => timeZoneOptions(initial.timeZone), [initial.timeZone]);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const timesOn = (day: number) => slots.filter((s) => s.day === day).map((s) => s.time);
  const full = slots.length >= MAX_SLOTS;

  const add = (day: number) => {
    const time = drafts[day] ?? '';
    if (!/^\d{2}:\d{2}$/.test(time) || timesOn(day).includes(time) || full) return;
    setSlots([...slots, { day, time }].sort(byTime));
    setDrafts({ ...drafts, [day]: '' });
  };
  const remove = (slot: PostingSlot) =>
    setSlots(slots.filter((s) => !(s.day === slot.day && s.time === slot.time)));
  const copyToWeekdays = (from: number) => {
    const times = timesOn(from);
    const kept = slots.filter((s) => !WEEKDAYS.includes(s.day) || s.day === from);
    const copied = WEEKDAYS.filter((day) => day !== from).flatMap((day) =>
      times.map((time) => ({ day, time })),
    );
    setSlots([...kept, ...copied].slice(0, MAX_SLOTS).sort(byTime));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    save.mutate(
      { accountId: account.id, timeZone, postingSlots: slots },
      {
        onSuccess: (saved) => {
          dialog.current?.close();
          onSaved(saved);
        },
      },
    );
  };

  return (
    <dialog
      ref={dialog}
      className="slots-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="posting-slots-dialog"
    >
      <form className="slots-form" onSubmit={submit} noValidate>
        <div className="slots-header">
          <h2 id={titleId}>{t('postingSlots.title', { handle: account.handle })}</h2>
          <p className="muted">{t('postingSlots.intro')}</p>
        </div>
        <FormAlert error={save.error} />
        <div className="field slots-zone">
          <label htmlFor={zoneId}>{t('postingSlots.timeZone')}</label>
          <select
            id={zoneId}
            className="select"
            value={timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          <p className="field-hint">{t('postingSlots.timeZoneHint')}</p>
        </div>
        <ul className="slots-week" aria-label={t('postingSlots.weekLabel')}>
          {WEEK.map((day) => {
            const dayName = dayNames[day]!;
            const times = timesOn(day);
            const draft = drafts[day] ?? '';
            return (
              <li key={day} className="slots-day" data-testid={`slots-day-${day}`}>
                <span className="slots-day-name">{dayName}</span>
                <div className="slots-times">
                  {times.length === 0 && <span className="muted small">{t('postingSlots.none')}</span>}
                  {times.map((time) => (
                    <span key={time} className="slot-chip">
                      <span>{slotTime(time)}</span>
                      <button
                        type="button"
                        className="slot-remove"
                        onClick={() => remove({ day, time })}
                        aria-label={t('postingSlots.remove', { time: slotTime(time), day: dayName })}
                      >
                        <span aria-hidden="true">×</span>
                      </button>
                    </span>
                  ))}
                </div>
                <div className="slots-add">
                  <input
                    type="time"
                    className="slots-time-input"
                    value={draft}
                    onChange={(event) => setDrafts({ ...drafts, [day]: event.target.value })}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') {
                        event.preventDefault();
                        add(day);
                      }
                    }}
                    aria-label={t('postingSlots.newTime', { day: dayName })}
                  />
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => add(day)}
                    disabled={draft === '' || times.includes(draft) || full}
                    aria-label={t('postingSlots.addOn', { day: dayName })}
                  >
                    {t('postingSlots.add')}
                  </button>
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() => copyToWeekdays(day)}
                    disabled={times.length === 0}
                    aria-label={t('postingSlots.copyToWeekdaysFrom', { day: dayName })}
                  >
                    {t('postingSlots.copyToWeekdays')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        <p className="muted small" data-testid="slots-count">
          {full
            ? t('postingSlots.full', { max: number(MAX_SLOTS) })
            : t('postingSlots.count', { count: slots.length, formatted: number(slots.length) })}
        </p>
        <div className="slots-footer">
          <button
            type="button"
            className="button button-ghost"
            onClick={() => dialog.current?.close()}
            disabled={save.isPending}
          >
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? t('postingSlots.saving') : t('postingSlots.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
