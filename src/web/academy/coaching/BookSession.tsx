// "Book a session": the coaches as cards; choosing one opens the week of their free times, then the
// topic and the confirmation.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, FormAlert, SuccessNotice } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { type Booking, type Coach, useBookSession, useCoaches } from './coachingQueries.ts';
import { formatters } from './coachingTime.ts';
import { SlotPicker } from './SlotPicker.tsx';

interface BookSessionProps {
  workspaceId: string;
  myUserId: string;
  onOfferCoaching: () => void;
}

export function BookSession({ workspaceId, myUserId, onOfferCoaching }: BookSessionProps) {
  const { t } = useTranslation();
  const coaches = useCoaches(workspaceId);
  const [chosen, setChosen] = useState<Coach | undefined>(undefined);
  // Kept as data so the sentence follows the page's language.
  const [booked, setBooked] = useState<{ startsAt: string; endsAt: string; name: string } | undefined>(
    undefined,
  );
  const { locale } = useLocaleFormat();
  const format = useMemo(() => formatters(locale), [locale]);

  if (coaches.isPending) return <LoadingScreen />;
  if (coaches.isError) {
    return (
      <p className="alert alert-error" role="alert">
        {errorMessage(coaches.error, t)}
      </p>
    );
  }
  return (
    <div className="coaching-book">
      <h2>{t('academyCoaching.book.heading')}</h2>
      {booked && (
        <div className="coaching-notice">
          <SuccessNotice>
            <span data-testid="booking-success">
              {t('academyCoaching.book.booked', {
                when: format.span(new Date(booked.startsAt), new Date(booked.endsAt)),
                name: booked.name,
              })}
            </span>
          </SuccessNotice>
        </div>
      )}
      {coaches.data.length === 0 ? (
        <div className="card coaching-empty">
          <p>{t('academyCoaching.book.none')}</p>
          <button type="button" className="button button-secondary" onClick={onOfferCoaching}>
            {t('academyCoaching.book.offerInstead')}
          </button>
        </div>
      ) : (
        <ul className="coach-cards">
          {coaches.data.map((coach) => (
            <CoachCard
              key={coach.id}
              coach={coach}
              isMe={coach.userId === myUserId}
              chosen={chosen?.id === coach.id}
              onChoose={() => {
                setChosen(coach);
                setBooked(undefined);
              }}
            />
          ))}
        </ul>
      )}
      {chosen && (
        <BookingPanel
          key={chosen.id}
          workspaceId={workspaceId}
          coach={chosen}
          onBooked={(booking) => {
            setBooked({ startsAt: booking.startsAt, endsAt: booking.endsAt, name: chosen.name });
            setChosen(undefined);
          }}
        />
      )}
    </div>
  );
}

function CoachCard({
  coach,
  isMe,
  chosen,
  onChoose,
}: {
  coach: Coach;
  isMe: boolean;
  chosen: boolean;
  onChoose: () => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  return (
    <li className={chosen ? 'card coach-card chosen' : 'card coach-card'}>
      <h3>{coach.name}</h3>
      {coach.bio && <p className="coach-bio">{coach.bio}</p>}
      <ul className="coach-facts">
        <li>{t('academyCoaching.book.zone', { zone: coach.timeZone })}</li>
        <li>{t('academyCoaching.book.length', { minutes: number(coach.sessionMinutes) })}</li>
        <li>
          {t('academyCoaching.book.notice', { hours: number(coach.noticeHours), count: coach.noticeHours })}
        </li>
      </ul>
      {isMe ? (
        <p className="muted small">{t('academyCoaching.book.you')}</p>
      ) : (
        <button
          type="button"
          className={chosen ? 'button button-primary' : 'button button-secondary'}
          aria-pressed={chosen}
          onClick={onChoose}
        >
          {t('academyCoaching.book.choose', { name: coach.name })}
        </button>
      )}
    </li>
  );
}

function BookingPanel({
  workspaceId,
  coach,
  onBooked,
}: {
  workspaceId: string;
  coach: Coach;
  onBooked: (booking: Booking) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLocaleFormat();
  const format = useMemo(() => formatters(locale), [locale]);
  const book = useBookSession(workspaceId);
  const [startsAt, setStartsAt] = useState<string | undefined>(undefined);
  const [topic, setTopic] = useState('');
  const topicId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  useEffect(() => {
    if (startsAt) confirmRef.current?.focus();
  }, [startsAt]);

  const when = startsAt
    ? format.span(new Date(startsAt), new Date(new Date(startsAt).getTime() + coach.sessionMinutes * 60_000))
    : '';

  return (
    <section
      className="card booking-panel"
      aria-labelledby="booking-panel-heading"
      data-testid="booking-panel"
    >
      <h3 id="booking-panel-heading" ref={headingRef} tabIndex={-1}>
        {t('academyCoaching.book.pickHeading', { name: coach.name })}
      </h3>
      {!startsAt ? (
        <SlotPicker
          workspaceId={workspaceId}
          coachId={coach.id}
          onPick={(picked) => {
            book.reset();
            setStartsAt(picked);
          }}
          label={t('academyCoaching.book.pickHeading', { name: coach.name })}
        />
      ) : (
        <form
          className="form booking-confirm"
          onSubmit={(event) => {
            event.preventDefault();
            book.mutate(
              { coachId: coach.id, startsAt, topic },
              {
                onSuccess: onBooked,
                // The slot went to someone else: back to the week, which now shows it gone.
                onError: () => setStartsAt(undefined),
              },
            );
          }}
        >
          <h4 ref={confirmRef} tabIndex={-1}>
            {t('academyCoaching.book.confirmHeading')}
          </h4>
          <p className="booking-summary" data-testid="booking-summary">
            {t('academyCoaching.book.summary', { when, name: coach.name })}
          </p>
          <div className="field">
            <label htmlFor={topicId}>{t('academyCoaching.book.topic')}</label>
            <textarea
              id={topicId}
              className="coaching-textarea"
              value={topic}
              maxLength={500}
              rows={3}
              onChange={(event) => setTopic(event.target.value)}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={book.isPending}>
              {t('academyCoaching.book.confirm')}
            </button>
            <button type="button" className="button button-ghost" onClick={() => setStartsAt(undefined)}>
              {t('academyCoaching.book.otherTime')}
            </button>
          </div>
        </form>
      )}
      <FormAlert error={book.error} />
    </section>
  );
}
