// An iCalendar (.ics) invitation for one session: METHOD:REQUEST adds or updates it in a calendar app,
// METHOD:CANCEL removes it. Every version of one session keeps the same UID and a higher SEQUENCE, so the
// calendar replaces the earlier one. Times are written in UTC.
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { MailAttachment } from './mailer.ts';

export interface InvitePerson {
  name: string;
  email: string;
}

export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  /** Stays the same for every version of the session. */
  uid: string;
  /** Raised on every change. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  organizer: InvitePerson;
  attendee: InvitePerson;
  url?: string;
  /** When this version was written (DTSTAMP). */
  stamp: Date;
}

export function calendarInvite(invite: CalendarInvite): string {
  const calendar = ical({
    prodId: { company: 'Kolorob', product: 'Academy', language: 'EN' },
    method: invite.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    stamp: invite.stamp,
    start: invite.start,
    end: invite.end,
    summary: invite.summary,
    description: invite.description,
    organizer: { name: invite.organizer.name, email: invite.organizer.email },
    attendees: [
      {
        name: invite.attendee.name,
        email: invite.attendee.email,
        role: ICalAttendeeRole.REQ,
        // The member asked for the session, so they have already said yes.
        status: ICalAttendeeStatus.ACCEPTED,
      },
    ],
    status: invite.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    url: invite.url ?? null,
  });
  return calendar.toString();
}

/** The invitation as an email attachment, typed so mail programs offer to add it to the calendar. */
export function calendarAttachment(invite: CalendarInvite): MailAttachment {
  return {
    filename: invite.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    content: calendarInvite(invite),
    contentType: `text/calendar; charset=utf-8; method=${invite.method}`,
  };
}

/** An .ics file's lines with folding undone (RFC 5545, 3.1), for reading it back. */
export function unfoldCalendar(ics: string): string[] {
  return ics
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter(Boolean);
}
