// "My sessions": upcoming sessions I booked and sessions I coach, each with its change deadline, and
// cancelling or moving one (the week of free times opens to pick the new time).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, FormAlert, SuccessNotice } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { type MyBooking, useCancelBooking, useMyBookings, useRescheduleBooking } from './coachingQueries.ts';
import { formatters, viewerTimeZone, zoneLabel } from './coachingTime.ts';
import { SlotPicker } from './SlotPicker.tsx';

/** What just happened to a session, kept as data so the sentence follows the page's language. */
interface SessionNotice {
  kind: 'cancelled' | 'moved';
  startsAt: string;
  endsAt: string;
}

export function MySessions({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const { locale } = useLocaleFormat();
  const bookings = useMyBookings(workspaceId);
  const [notice, setNotice] = useState<SessionNotice | undefined>(undefined);
  const format = useMemo(() => formatters(locale), [locale]);

  if (bookings.isPending) return <LoadingScreen />;
  if (bookings.isError) {
    return (
      <p className="alert alert-error" role="alert">
        {errorMessage(bookings.error, t)}
      </p>
    );
  }
  const asMember = bookings.data.filter((b) => b.role === 'member');
  const asCoach = bookings.data.filter((b) => b.role === 'coach');
  return (
    <div className="coaching-sessions">
      <h2>{t('academyCoaching.sessions.heading')}</h2>
      <p className="muted">{t('academyCoaching.sessions.rule')}</p>
      <p className="muted small">
        {t('academyCoaching.slots.zone', { zone: zoneLabel(viewerTimeZone(), locale) })}
      </p>
      {notice && (
        <div className="coaching-notice">
          <SuccessNotice>
            <span data-testid="sessions-notice">
              {t(`academyCoaching.sessions.${notice.kind}Notice`, {
                when: format.span(new Date(notice.startsAt), new Date(notice.endsAt)),
              })}
            </span>
          </SuccessNotice>
        </div>
      )}
      <SessionList
        workspaceId={workspaceId}
        title={t('academyCoaching.sessions.asMember')}
        empty={t('academyCoaching.sessions.noneMember')}
        bookings={asMember}
        testId="sessions-member"
        onDone={setNotice}
      />
      <SessionList
        workspaceId={workspaceId}
        title={t('academyCoaching.sessions.asCoach')}
        empty={t('academyCoaching.sessions.noneCoach')}
        bookings={asCoach}
        testId="sessions-coach"
        onDone={setNotice}
      />
    </div>
  );
}

function SessionList({
  workspaceId,
  title,
  empty,
  bookings,
  testId,
  onDone,
}: {
  workspaceId: string;
  title: string;
  empty: string;
  bookings: MyBooking[];
  testId: string;
  onDone: (notice: SessionNotice) => void;
}) {
  return (
    <section className="card session-list" aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      {bookings.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="sessions">
          {bookings.map((booking) => (
            <SessionItem key={booking.id} workspaceId={workspaceId} booking={booking} onDone={onDone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SessionItem({
  workspaceId,
  booking,
  onDone,
}: {
  workspaceId: string;
  booking: MyBooking;
  onDone: (notice: SessionNotice) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLocaleFormat();
  const format = useMemo(() => formatters(locale), [locale]);
  const cancel = useCancelBooking(workspaceId);
  const reschedule = useRescheduleBooking(workspaceId);
  const [confirming, setConfirming] = useState(false);
  const [moving, setMoving] = useState(false);
  const [moveTo, setMoveTo] = useState<string | undefined>(undefined);

  const start = new Date(booking.startsAt);
  const end = new Date(booking.endsAt);
  const deadline = new Date(booking.changeDeadline);
  const changeable = booking.status === 'booked' && deadline.getTime() > Date.now();
  const other =
    booking.role === 'member'
      ? t('academyCoaching.sessions.withCoach', { name: booking.coach.name })
      : t('academyCoaching.sessions.withMember', { name: booking.member.name });

  return (
    <li
      className={booking.status === 'cancelled' ? 'session cancelled' : 'session'}
      data-testid="session"
      data-booking-id={booking.id}
      data-status={booking.status}
    >
      <div className="session-main">
        <p className="session-when">
          <strong>{format.span(start, end)}</strong>{' '}
          <span className={booking.status === 'booked' ? 'badge badge-booked' : 'badge'}>
            {t(`academyCoaching.sessions.status.${booking.status}`)}
          </span>
        </p>
        <p className="session-who">{other}</p>
        {booking.topic && (
          <p className="session-topic">{t('academyCoaching.sessions.topic', { topic: booking.topic })}</p>
        )}
        {booking.status === 'booked' && (
          <p className="muted small">
            {changeable
              ? t('academyCoaching.sessions.deadline', { when: format.moment(deadline) })
              : t('academyCoaching.sessions.deadlinePassed', { when: format.moment(deadline) })}
          </p>
        )}
      </div>
      {changeable && !confirming && !moving && (
        <div className="button-row session-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              reschedule.reset();
              setMoving(true);
            }}
          >
            {t('academyCoaching.sessions.reschedule')}
          </button>
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => {
              cancel.reset();
              setConfirming(true);
            }}
          >
            {t('academyCoaching.sessions.cancel')}
          </button>
        </div>
      )}
      {confirming && (
        <div className="session-confirm">
          <p>{t('academyCoaching.sessions.confirmCancel')}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-danger button-small"
              disabled={cancel.isPending}
              onClick={() =>
                cancel.mutate(booking.id, {
                  onSuccess: () => {
                    setConfirming(false);
                    onDone({ kind: 'cancelled', startsAt: booking.startsAt, endsAt: booking.endsAt });
                  },
                })
              }
            >
              {t('academyCoaching.sessions.yesCancel')}
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setConfirming(false)}
            >
              {t('academyCoaching.sessions.keep')}
            </button>
          </div>
        </div>
      )}
      {moving && (
        <div className="session-move">
          <h4>{t('academyCoaching.sessions.rescheduleHeading', { name: booking.coach.name })}</h4>
          <SlotPicker
            workspaceId={workspaceId}
            coachId={booking.coach.id}
            selected={moveTo}
            onPick={setMoveTo}
            label={t('academyCoaching.sessions.rescheduleHeading', { name: booking.coach.name })}
            dayHeadingLevel={5}
          />
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={!moveTo || reschedule.isPending}
              onClick={() => {
                if (!moveTo) return;
                reschedule.mutate(
                  { bookingId: booking.id, startsAt: moveTo },
                  {
                    onSuccess: (moved) => {
                      setMoving(false);
                      onDone({ kind: 'moved', startsAt: moved.startsAt, endsAt: moved.endsAt });
                      setMoveTo(undefined);
                    },
                  },
                );
              }}
            >
              {moveTo
                ? t('academyCoaching.sessions.moveTo', { when: format.moment(new Date(moveTo)) })
                : t('academyCoaching.sessions.pickFirst')}
            </button>
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                setMoving(false);
                setMoveTo(undefined);
              }}
            >
              {t('academyCoaching.sessions.closePicker')}
            </button>
          </div>
        </div>
      )}
      <FormAlert error={cancel.error ?? reschedule.error} />
    </li>
  );
}
