import { describe, expect, it } from 'vitest';
import { type CalendarInvite, calendarAttachment, calendarInvite, unfoldCalendar } from './calendarInvite.ts';

const base: CalendarInvite = {
  method: 'REQUEST',
  uid: 'coaching-1f0c@kolorob.test',
  sequence: 0,
  start: new Date('2026-03-02T03:00:00Z'),
  end: new Date('2026-03-02T03:30:00Z'),
  summary: 'Coaching: Nusrat Jahan and Rafiq Islam',
  description: 'Topic: hashtags, captions; and a long line that the format folds past seventy-five octets',
  organizer: { name: 'Nusrat Jahan', email: 'nusrat@example.com' },
  attendee: { name: 'Rafiq Islam', email: 'rafiq@example.com' },
  url: 'http://kolorob.test/w/1/academy/coaching',
  stamp: new Date('2026-02-20T10:15:00Z'),
};

/** The value of the first line that starts with `name` followed by ":" or ";". */
function property(lines: string[], name: string): string | undefined {
  const line = lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line?.slice(line.indexOf(':') + 1);
}

describe('calendar invitations', () => {
  it('writes a request with the UID, sequence, UTC times, organizer and attendee', () => {
    const ics = calendarInvite(base);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const lines = unfoldCalendar(ics);
    expect(property(lines, 'METHOD')).toBe('REQUEST');
    expect(property(lines, 'UID')).toBe(base.uid);
    expect(property(lines, 'SEQUENCE')).toBe('0');
    expect(property(lines, 'DTSTART')).toBe('20260302T030000Z');
    expect(property(lines, 'DTEND')).toBe('20260302T033000Z');
    expect(property(lines, 'DTSTAMP')).toBe('20260220T101500Z');
    expect(property(lines, 'SUMMARY')).toBe('Coaching: Nusrat Jahan and Rafiq Islam');
    // Commas and semicolons are escaped in text values.
    expect(property(lines, 'DESCRIPTION')).toBe(
      'Topic: hashtags\\, captions\\; and a long line that the format folds past seventy-five octets',
    );
    expect(lines.find((l) => l.startsWith('ORGANIZER'))).toMatch(
      /CN="Nusrat Jahan":mailto:nusrat@example\.com$/i,
    );
    expect(lines.find((l) => l.startsWith('ATTENDEE'))).toMatch(
      /CN="Rafiq Islam":mailto:rafiq@example\.com$/i,
    );
    expect(property(lines, 'STATUS')).toBe('CONFIRMED');
    // Folded: no physical line is longer than 75 octets.
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('writes a cancellation of the same session with a higher sequence', () => {
    const lines = unfoldCalendar(calendarInvite({ ...base, method: 'CANCEL', sequence: 2 }));
    expect(property(lines, 'METHOD')).toBe('CANCEL');
    expect(property(lines, 'UID')).toBe(base.uid);
    expect(property(lines, 'SEQUENCE')).toBe('2');
    expect(property(lines, 'STATUS')).toBe('CANCELLED');
  });

  it('keeps Bengali names whole', () => {
    const lines = unfoldCalendar(
      calendarInvite({ ...base, summary: 'কোচিং: নুসরাত জাহান ও রফিক ইসলাম', organizer: { ...base.organizer } }),
    );
    expect(property(lines, 'SUMMARY')).toBe('কোচিং: নুসরাত জাহান ও রফিক ইসলাম');
  });

  it('makes an attachment mail programs recognise', () => {
    expect(calendarAttachment(base)).toMatchObject({
      filename: 'invite.ics',
      contentType: 'text/calendar; charset=utf-8; method=REQUEST',
    });
    const cancel = calendarAttachment({ ...base, method: 'CANCEL' });
    expect(cancel.filename).toBe('cancel.ics');
    expect(cancel.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    expect(cancel.content).toContain('METHOD:CANCEL');
  });
});
