// The emails about a coaching session, to the coach and to the member, each in their own language and
// each with the session's calendar invitation (or its cancellation) attached.
import { calendarAttachment } from './calendarInvite.ts';
import type { MailMessage } from './mailer.ts';
import type { MailLocale } from './mailTemplates.ts';

export type CoachingChange = 'booked' | 'rescheduled' | 'cancelled';

export interface CoachingMailPerson {
  name: string;
  email: string;
  locale: MailLocale;
}

export interface CoachingMailInput {
  change: CoachingChange;
  bookingId: string;
  /** The session's sequence after this change. */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  /** Where the session was before it moved (rescheduled only). */
  previousStartsAt?: Date;
  previousEndsAt?: Date;
  topic: string;
  coach: CoachingMailPerson & { timeZone: string };
  member: CoachingMailPerson;
  /** Who made the change. */
  changedBy: 'coach' | 'member';
  /** The coaching page, where both see their sessions. */
  link: string;
  /** The host name that makes the calendar UID unique to this installation. */
  uidHost: string;
  now: Date;
}

const INTL_TAG: Record<MailLocale, { tag: string; numberingSystem: string }> = {
  en: { tag: 'en-GB', numberingSystem: 'latn' },
  bn: { tag: 'bn-BD', numberingSystem: 'beng' },
};

/** "Monday 2 March 2026, 09:00–09:30" in the zone, in the recipient's language. */
function formatSpan(locale: MailLocale, start: Date, end: Date, timeZone: string): string {
  const { tag, numberingSystem } = INTL_TAG[locale];
  const day = new Intl.DateTimeFormat(tag, {
    numberingSystem,
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(start);
  const time = new Intl.DateTimeFormat(tag, {
    numberingSystem,
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${day}, ${time.format(start)}–${time.format(end)}`;
}

/** The time in the coach's zone and in UTC, since the member's own zone is not known here. */
function when(locale: MailLocale, start: Date, end: Date, coachZone: string): string {
  const local = `${formatSpan(locale, start, end, coachZone)} (${coachZone})`;
  if (coachZone === 'UTC') return local;
  return `${local}\n  = ${formatSpan(locale, start, end, 'UTC')} (UTC)`;
}

export function coachingSummary(locale: MailLocale, coach: string, member: string): string {
  return locale === 'bn' ? `কোচিং: ${coach} ও ${member}` : `Coaching: ${coach} and ${member}`;
}

interface Wording {
  subject: string;
  opening: string;
}

function wording(input: CoachingMailInput, recipient: 'coach' | 'member'): Wording {
  const person = recipient === 'coach' ? input.coach : input.member;
  const other = recipient === 'coach' ? input.member.name : input.coach.name;
  const bySelf = input.changedBy === recipient;
  if (person.locale === 'bn') {
    switch (input.change) {
      case 'booked':
        return recipient === 'coach'
          ? {
              subject: `কলরব: ${other} আপনার সঙ্গে কোচিং সেশন বুক করেছেন`,
              opening: `${other} আপনার সঙ্গে একটি কোচিং সেশন বুক করেছেন।`,
            }
          : {
              subject: `কলরব: ${other}-এর সঙ্গে আপনার কোচিং সেশন বুক হয়েছে`,
              opening: `আপনি ${other}-এর সঙ্গে একটি কোচিং সেশন বুক করেছেন।`,
            };
      case 'rescheduled':
        return {
          subject: `কলরব: ${other}-এর সঙ্গে কোচিং সেশনের সময় বদলেছে`,
          opening: bySelf
            ? `আপনি ${other}-এর সঙ্গে কোচিং সেশনের সময় বদলেছেন।`
            : `${other} আপনাদের কোচিং সেশনের সময় বদলেছেন।`,
        };
      case 'cancelled':
        return {
          subject: `কলরব: ${other}-এর সঙ্গে কোচিং সেশন বাতিল হয়েছে`,
          opening: bySelf
            ? `আপনি ${other}-এর সঙ্গে কোচিং সেশনটি বাতিল করেছেন।`
            : `${other} আপনাদের কোচিং সেশনটি বাতিল করেছেন।`,
        };
    }
  }
  switch (input.change) {
    case 'booked':
      return recipient === 'coach'
        ? {
            subject: `Kolorob: ${other} booked a coaching session with you`,
            opening: `${other} booked a coaching session with you.`,
          }
        : {
            subject: `Kolorob: your coaching session with ${other} is booked`,
            opening: `You booked a coaching session with ${other}.`,
          };
    case 'rescheduled':
      return {
        subject: `Kolorob: your coaching session with ${other} has moved`,
        opening: bySelf
          ? `You moved your coaching session with ${other}.`
          : `${other} moved your coaching session to a new time.`,
      };
    case 'cancelled':
      return {
        subject: `Kolorob: your coaching session with ${other} is cancelled`,
        opening: bySelf
          ? `You cancelled your coaching session with ${other}.`
          : `${other} cancelled your coaching session.`,
      };
  }
}

function body(input: CoachingMailInput, recipient: 'coach' | 'member'): { subject: string; text: string } {
  const locale = (recipient === 'coach' ? input.coach : input.member).locale;
  const { subject, opening } = wording(input, recipient);
  const zone = input.coach.timeZone;
  const bn = locale === 'bn';
  const lines = [opening, ''];
  if (input.change === 'rescheduled' && input.previousStartsAt && input.previousEndsAt) {
    lines.push(
      `${bn ? 'আগের সময়' : 'Was'}: ${when(locale, input.previousStartsAt, input.previousEndsAt, zone)}`,
      `${bn ? 'নতুন সময়' : 'Now'}: ${when(locale, input.startsAt, input.endsAt, zone)}`,
    );
  } else {
    lines.push(`${bn ? 'সময়' : 'When'}: ${when(locale, input.startsAt, input.endsAt, zone)}`);
  }
  if (input.topic) lines.push(`${bn ? 'বিষয়' : 'Topic'}: ${input.topic}`);
  lines.push('');
  if (input.change === 'cancelled') {
    lines.push(
      bn
        ? 'সংযুক্ত ফাইলটি খুললে সেশনটি আপনার ক্যালেন্ডার থেকে সরে যাবে।'
        : 'Open the attached file to remove the session from your calendar.',
    );
  } else {
    lines.push(
      bn
        ? 'সংযুক্ত আমন্ত্রণটি খুললে সেশনটি আপনার ক্যালেন্ডারে যোগ হবে বা হালনাগাদ হবে।'
        : 'Open the attached invitation to add the session to your calendar, or update it there.',
    );
  }
  lines.push(`${bn ? 'আপনার সেশনগুলো দেখুন' : 'See your sessions'}: ${input.link}`);
  return { subject, text: lines.join('\n') };
}

/** The two emails of one change: to the coach first, then to the member. */
export function coachingMails(input: CoachingMailInput): MailMessage[] {
  return (['coach', 'member'] as const).map((recipient) => {
    const person = recipient === 'coach' ? input.coach : input.member;
    const { subject, text } = body(input, recipient);
    const attachment = calendarAttachment({
      method: input.change === 'cancelled' ? 'CANCEL' : 'REQUEST',
      uid: `coaching-${input.bookingId}@${input.uidHost}`,
      sequence: input.sequence,
      start: input.startsAt,
      end: input.endsAt,
      summary: coachingSummary(person.locale, input.coach.name, input.member.name),
      description: input.topic,
      organizer: { name: input.coach.name, email: input.coach.email },
      attendee: { name: input.member.name, email: input.member.email },
      url: input.link,
      stamp: input.now,
    });
    return { to: person.email, subject, text, attachments: [attachment] };
  });
}
