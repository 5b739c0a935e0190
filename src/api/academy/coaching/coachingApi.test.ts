// Coaching through the API: a coach's hours in their own zone (Asia/Dhaka) become free slots, members
// book them, ten members asking for one slot at once leave exactly one booking, cancelling frees the
// slot, moving keeps the calendar UID with a higher SEQUENCE, the notice period is enforced, and both
// people get an email with the .ics invitation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSlotTaken } from '../../../commands/academy/coaching/coachingAccess.ts';
import type { Role } from '../../../core/roles.ts';
import { coaches, coachingBookings } from '../../../db/schema.ts';
import { unfoldCalendar } from '../../../mail/calendarInvite.ts';
import type { MailMessage } from '../../../mail/mailer.ts';
import { ApiClient, eventually, startTestApp, type TestApp } from '../../../testing/testApp.ts';

const PASSWORD = 'correct horse battery';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Dhaka keeps UTC+6 all year, so expected slots are simple arithmetic here.
const DHAKA = 6 * HOUR;
const SLOT_TAKEN = 'This slot was just booked by someone else. Pick another time.';

interface Person {
  client: ApiClient;
  id: string;
  email: string;
  name: string;
}

let app: TestApp;
let ws: string;
let coach: Person;
let member: Person;
let other: Person;
let viewer: Person;
let outsider: Person;
const crowd: Person[] = [];
let coachId: string;
let seq = 0;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;

async function join(role: Role, workspaceId: string, inviter: ApiClient, name: string): Promise<Person> {
  const invited = await inviter.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  expect(invited.statusCode, invited.body).toBe(201);
  const token = (invited.json().link as string).split('/invite/')[1];
  seq += 1;
  const email = `person${seq}@example.com`;
  const client = new ApiClient(app);
  const accepted = await client.post(`/api/invitations/${token}/accept`, { name, email, password: PASSWORD });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return { client, id: accepted.json().user.id, email, name };
}

/** Midnight in Dhaka `days` from today (Dhaka's today). */
function dhakaMidnight(days: number): number {
  return Math.floor((Date.now() + DHAKA) / DAY) * DAY - DHAKA + days * DAY;
}

/** The instant of a wall time on the Dhaka day starting at `midnight`. */
const dhakaAt = (midnight: number, hour: number, minute = 0) => midnight + hour * HOUR + minute * 60_000;

/** "YYYY-MM-DD" of the Dhaka day starting at `midnight`. */
const dhakaDate = (midnight: number) => new Date(midnight + DHAKA).toISOString().slice(0, 10);

const iso = (ms: number) => new Date(ms).toISOString();

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
const weeklyMorning = EVERY_DAY.map((weekday) => ({ weekday, start: '09:00', end: '12:00' }));
// Three days and four days ahead: one date with other hours, one day off.
const specialDay = dhakaMidnight(3);
const dayOff = dhakaMidnight(4);

function profile(overrides: object = {}) {
  return {
    bio: 'Ten years of running community pages for Dhaka brands.',
    timeZone: 'Asia/Dhaka',
    sessionMinutes: 60,
    noticeHours: 24,
    weekly: weeklyMorning,
    exceptions: [
      { date: dhakaDate(specialDay), windows: [{ start: '14:00', end: '16:00' }] },
      { date: dhakaDate(dayOff), windows: [] },
    ],
    active: true,
    ...overrides,
  };
}

async function saveProfile(overrides: object = {}) {
  const saved = await coach.client.request(
    'PUT',
    `/api/workspaces/${ws}/academy/coaching/me`,
    profile(overrides),
  );
  expect(saved.statusCode, saved.body).toBe(200);
  return saved.json().coach;
}

async function slots(client: ApiClient, from: number, to: number): Promise<string[]> {
  const response = await client.get(
    `/api/academy/coaches/${coachId}/slots?from=${encodeURIComponent(iso(from))}&to=${encodeURIComponent(iso(to))}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json().slots;
}

const book = (client: ApiClient, startsAt: number, topic = 'Planning a month of posts') =>
  client.post(`/api/academy/coaches/${coachId}/bookings`, { startsAt: iso(startsAt), topic });

/** The mails of a booking's one change, found by the .ics UID and SEQUENCE. */
async function mailsOf(bookingId: string, sequence: number): Promise<MailMessage[]> {
  return eventually(() => {
    const found = app.mail.filter((m) =>
      m.attachments?.some(
        (a) =>
          a.content.includes(`UID:coaching-${bookingId}@`) && a.content.includes(`SEQUENCE:${sequence}\r\n`),
      ),
    );
    return found.length >= 2 ? found : undefined;
  });
}

/** The value of an .ics property, from the unfolded lines. */
function icsValue(ics: string, name: string): string | undefined {
  const line = unfoldCalendar(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line?.slice(line.indexOf(':') + 1);
}

const icsTime = (ms: number) =>
  iso(ms)
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

beforeAll(async () => {
  app = await startTestApp();
  const owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Nusrat Jahan',
    email: 'nusrat@example.com',
    password: PASSWORD,
    workspaceName: 'Padma Desk',
  });
  expect(setup.statusCode).toBe(201);
  ws = setup.json().workspaces[0].id;
  coach = { client: owner, id: setup.json().user.id, email: 'nusrat@example.com', name: 'Nusrat Jahan' };
  // The coach reads email in Bengali, the member in English.
  expect((await owner.patch('/api/me', { locale: 'bn' })).statusCode).toBe(200);
  member = await join('contributor', ws, owner, 'Rafiq Islam');
  other = await join('editor', ws, owner, 'Mita Roy');
  viewer = await join('viewer', ws, owner, 'Sumon Das');
  for (let i = 0; i < 10; i++) crowd.push(await join('contributor', ws, owner, `Crowd Member ${i + 1}`));
  const elsewhere = await owner.post('/api/workspaces', { name: 'Other Desk' });
  expect(elsewhere.statusCode, elsewhere.body).toBe(201);
  outsider = await join('owner', elsewhere.json().id, owner, 'Outside Person');
}, 120_000);
afterAll(() => app?.close());

describe('the coach profile', () => {
  it('refuses hours that do not make sense, with messages beside the fields', async () => {
    const put = (body: object) =>
      coach.client.request('PUT', `/api/workspaces/${ws}/academy/coaching/me`, body);
    const overlap = await put(
      profile({
        weekly: [
          { weekday: 1, start: '09:00', end: '12:00' },
          { weekday: 1, start: '11:00', end: '13:00' },
        ],
      }),
    );
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().message).toContain('Monday: the hours 11:00–13:00 overlap 09:00–12:00.');
    expect(overlap.json().fields).toEqual({
      'weekly.1': 'Monday: the hours 11:00–13:00 overlap 09:00–12:00.',
    });

    const backwards = await put(profile({ exceptions: [{ date: '2026-13-01', windows: [] }] }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().fields['exceptions.0.date']).toMatch(/YYYY-MM-DD/);

    const zone = await put(profile({ timeZone: 'Mars/Olympus' }));
    expect(zone.statusCode).toBe(400);
    expect(zone.json().fields.timeZone).toBeDefined();

    const short = await put(profile({ sessionMinutes: 10, noticeHours: 200 }));
    expect(short.statusCode).toBe(400);
    expect(short.json().fields).toMatchObject({
      sessionMinutes: 'A session is at least 15 minutes long.',
      noticeHours: 'Ask for at most 168 hours (one week) of notice.',
    });
    expect(await rows('SELECT count(*)::int AS n FROM coaches')).toEqual([{ n: 0 }]);

    const mine = await coach.client.get(`/api/workspaces/${ws}/academy/coaching/me`);
    expect(mine.json()).toEqual({ coach: null });
  });

  it('saves the profile, shows it back, and lists the coach to every member but not to outsiders', async () => {
    const saved = await saveProfile();
    coachId = saved.id;
    expect(saved).toMatchObject({
      timeZone: 'Asia/Dhaka',
      sessionMinutes: 60,
      noticeHours: 24,
      active: true,
    });
    const mine = await coach.client.get(`/api/workspaces/${ws}/academy/coaching/me`);
    expect(mine.json().coach.exceptions).toEqual(profile().exceptions);
    expect(mine.json().coach.weekly).toHaveLength(7);

    const listed = await viewer.client.get(`/api/workspaces/${ws}/academy/coaches`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().coaches).toEqual([
      {
        id: coachId,
        userId: coach.id,
        name: 'Nusrat Jahan',
        bio: profile().bio,
        timeZone: 'Asia/Dhaka',
        sessionMinutes: 60,
        noticeHours: 24,
      },
    ]);
    expect((await outsider.client.get(`/api/workspaces/${ws}/academy/coaches`)).statusCode).toBe(404);
    expect((await new ApiClient(app).get(`/api/workspaces/${ws}/academy/coaches`)).statusCode).toBe(401);
  });
});

describe('free slots', () => {
  /** The starts the profile's hours give in [from, to), worked out by hand for Dhaka's fixed offset. */
  function expectedSlots(from: number, to: number, earliest = 0): string[] {
    const expected: string[] = [];
    for (let midnight = dhakaMidnight(-1); midnight < to; midnight += DAY) {
      if (midnight === dayOff) continue;
      const hours = midnight === specialDay ? [14, 15] : [9, 10, 11];
      for (const hour of hours) {
        const start = dhakaAt(midnight, hour);
        if (start >= from && start < to && start >= earliest) expected.push(iso(start));
      }
    }
    return expected;
  }

  it('follow the weekly hours in the coach’s zone, with the exception date and the day off', async () => {
    const from = dhakaMidnight(2);
    const to = dhakaMidnight(7);
    const expected = expectedSlots(from, to);
    // Three hours a day on three days, two on the exception date, none on the day off.
    expect(expected).toHaveLength(11);
    expect(await slots(member.client, from, to)).toEqual(expected);
  });

  it('leave out what is sooner than the notice period', async () => {
    const now = Date.now();
    const found = await slots(member.client, now, now + 3 * DAY);
    const earliest = now + 24 * HOUR;
    const expected = expectedSlots(now, now + 3 * DAY, earliest);
    // Every start the hours offer in the next day is left out; the slot lists differ by exactly those.
    expect(expectedSlots(now, now + 3 * DAY).length).toBeGreaterThan(expected.length);
    // The lists are compared without the first minute, in case a start passes the line between the two clocks.
    expect(found.filter((s) => Date.parse(s) >= earliest + 60_000)).toEqual(
      expected.filter((s) => Date.parse(s) >= earliest + 60_000),
    );
    for (const start of found) expect(Date.parse(start)).toBeGreaterThanOrEqual(earliest);
  });

  it('answer only members, and only for ranges up to 31 days', async () => {
    const from = dhakaMidnight(2);
    const url = (to: number) =>
      `/api/academy/coaches/${coachId}/slots?from=${encodeURIComponent(iso(from))}&to=${encodeURIComponent(iso(to))}`;
    expect((await outsider.client.get(url(from + DAY))).statusCode).toBe(404);
    const long = await member.client.get(url(from + 32 * DAY));
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('Ask for at most 31 days at a time.');
    const backwards = await member.client.get(url(from - DAY));
    expect(backwards.statusCode).toBe(400);
  });
});

describe('booking', () => {
  it('books a free slot, takes it out of the free slots, and emails both with a calendar invitation', async () => {
    const startsAt = dhakaAt(dhakaMidnight(5), 9);
    const booked = await book(member.client, startsAt);
    expect(booked.statusCode, booked.body).toBe(201);
    const booking = booked.json();
    expect(booking).toMatchObject({
      coachId,
      memberId: member.id,
      startsAt: iso(startsAt),
      endsAt: iso(startsAt + HOUR),
      status: 'booked',
      sequence: 0,
      topic: 'Planning a month of posts',
    });
    expect(await slots(other.client, dhakaMidnight(5), dhakaMidnight(6))).toEqual([
      iso(dhakaAt(dhakaMidnight(5), 10)),
      iso(dhakaAt(dhakaMidnight(5), 11)),
    ]);

    const mails = await mailsOf(booking.id, 0);
    expect(mails.map((m) => m.to).sort()).toEqual([coach.email, member.email].sort());
    const toMember = mails.find((m) => m.to === member.email)!;
    const toCoach = mails.find((m) => m.to === coach.email)!;
    expect(toMember.subject).toBe('Kolorob: your coaching session with Nusrat Jahan is booked');
    expect(toMember.text).toContain('(Asia/Dhaka)');
    expect(toMember.text).toContain('Topic: Planning a month of posts');
    // The coach chose Bengali.
    expect(toCoach.subject).toBe('কলরব: Rafiq Islam আপনার সঙ্গে কোচিং সেশন বুক করেছেন');
    expect(toCoach.text).toContain('বিষয়: Planning a month of posts');
    for (const mail of mails) {
      const [attachment] = mail.attachments!;
      expect(attachment!.filename).toBe('invite.ics');
      expect(attachment!.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
      const ics = attachment!.content;
      expect(icsValue(ics, 'METHOD')).toBe('REQUEST');
      expect(icsValue(ics, 'UID')).toBe(`coaching-${booking.id}@kolorob.test`);
      expect(icsValue(ics, 'SEQUENCE')).toBe('0');
      expect(icsValue(ics, 'DTSTART')).toBe(icsTime(startsAt));
      expect(icsValue(ics, 'DTEND')).toBe(icsTime(startsAt + HOUR));
      expect(unfoldCalendar(ics).find((l) => l.startsWith('ORGANIZER'))).toMatch(
        /mailto:nusrat@example\.com$/i,
      );
      expect(unfoldCalendar(ics).find((l) => l.startsWith('ATTENDEE'))).toMatch(
        new RegExp(`mailto:${member.email}$`, 'i'),
      );
    }
    expect(icsValue(toMember.attachments![0]!.content, 'SUMMARY')).toBe(
      'Coaching: Nusrat Jahan and Rafiq Islam',
    );
    expect(icsValue(toCoach.attachments![0]!.content, 'SUMMARY')).toBe('কোচিং: Nusrat Jahan ও Rafiq Islam');

    const mine = await member.client.get(`/api/workspaces/${ws}/academy/coaching/bookings`);
    expect(mine.json().bookings).toEqual([
      expect.objectContaining({
        id: booking.id,
        role: 'member',
        coach: { id: coachId, name: 'Nusrat Jahan', timeZone: 'Asia/Dhaka' },
        member: { id: member.id, name: 'Rafiq Islam' },
        noticeHours: 24,
        changeDeadline: iso(startsAt - 24 * HOUR),
      }),
    ]);
    const asCoach = await coach.client.get(`/api/workspaces/${ws}/academy/coaching/bookings`);
    expect(asCoach.json().bookings.map((b: { id: string; role: string }) => [b.id, b.role])).toEqual([
      [booking.id, 'coach'],
    ]);
    expect(
      (await other.client.get(`/api/workspaces/${ws}/academy/coaching/bookings`)).json().bookings,
    ).toEqual([]);
  });

  it('refuses a time that is not a slot, one inside the notice period, one with yourself, and outsiders', async () => {
    const before = await rows('SELECT count(*)::int AS n FROM coaching_bookings');
    const between = await book(other.client, dhakaAt(dhakaMidnight(5), 9, 30));
    expect(between.statusCode).toBe(400);
    expect(between.json().message).toBe(
      'That time is not one of Nusrat Jahan’s slots. Pick a time from the free slots.',
    );

    const tooSoon = await book(other.client, dhakaAt(dhakaMidnight(0), 9));
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.json().message).toMatch(
      /^Nusrat Jahan needs 24 hours notice: pick a start at \d{4}-\d\d-\d\d \d\d:\d\d UTC or later\.$/,
    );

    const self = await book(coach.client, dhakaAt(dhakaMidnight(5), 10));
    expect(self.statusCode).toBe(400);
    expect(self.json().message).toBe('You cannot book a session with yourself.');

    expect((await book(outsider.client, dhakaAt(dhakaMidnight(5), 10))).statusCode).toBe(404);
    expect(await rows('SELECT count(*)::int AS n FROM coaching_bookings')).toEqual(before);
  });

  it('lets exactly one of ten members who ask for the same slot at the same moment have it', async () => {
    const startsAt = dhakaAt(dhakaMidnight(6), 10);
    const responses = await Promise.all(crowd.map((person) => book(person.client, startsAt, person.name)));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const refused of responses.filter((r) => r.statusCode === 409)) {
      expect(refused.json().message).toBe(SLOT_TAKEN);
    }
    const winner = responses.find((r) => r.statusCode === 201)!.json();
    expect(
      await rows('SELECT id, member_id FROM coaching_bookings WHERE coach_id = $1 AND starts_at = $2', [
        coachId,
        new Date(startsAt),
      ]),
    ).toEqual([{ id: winner.id, member_id: winner.memberId }]);
    // Only the winner's booking was emailed.
    await mailsOf(winner.id, 0);
    const loserEmails = crowd.filter((p) => p.id !== winner.memberId).map((p) => p.email);
    expect(app.mail.filter((m) => loserEmails.includes(m.to))).toEqual([]);
  });

  it('is guarded by the unique index itself, whose error the booking turns into the 409', async () => {
    const [taken] = await rows(
      "SELECT coach_id, starts_at, ends_at FROM coaching_bookings WHERE status = 'booked' LIMIT 1",
    );
    const { db } = app.database;
    const duplicate = await db
      .insert(coachingBookings)
      .values({
        coachId: taken.coach_id,
        memberId: other.id,
        startsAt: taken.starts_at,
        endsAt: taken.ends_at,
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(duplicate).toBeDefined();
    expect(isSlotTaken(duplicate)).toBe(true);
    // A cancelled session at the same start is allowed: only booked ones are unique.
    await db.insert(coachingBookings).values({
      coachId: taken.coach_id,
      memberId: other.id,
      startsAt: taken.starts_at,
      endsAt: taken.ends_at,
      status: 'cancelled',
    });
    // Another unique rule breaking is not mistaken for a taken slot.
    const twice = await db
      .insert(coaches)
      .values({ workspaceId: ws, userId: coach.id, timeZone: 'UTC' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(twice).toBeDefined();
    expect(isSlotTaken(twice)).toBe(false);
  });
});

describe('cancelling and moving', () => {
  it('cancels a session, frees its slot, and sends a cancellation with the same UID', async () => {
    const startsAt = dhakaAt(dhakaMidnight(5), 11);
    const booking = (await book(other.client, startsAt)).json();
    expect((await outsider.client.post(`/api/academy/bookings/${booking.id}/cancel`)).statusCode).toBe(404);
    // Someone in the workspace who is neither its member nor its coach cannot see it either.
    expect((await member.client.post(`/api/academy/bookings/${booking.id}/cancel`)).statusCode).toBe(404);

    const cancelled = await other.client.post(`/api/academy/bookings/${booking.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(await slots(member.client, dhakaMidnight(5), dhakaMidnight(6))).toContain(iso(startsAt));

    const mails = await mailsOf(booking.id, 1);
    expect(mails.map((m) => m.to).sort()).toEqual([coach.email, other.email].sort());
    const toMember = mails.find((m) => m.to === other.email)!;
    expect(toMember.subject).toBe('Kolorob: your coaching session with Nusrat Jahan is cancelled');
    expect(toMember.text).toContain('You cancelled your coaching session with Nusrat Jahan.');
    expect(mails.find((m) => m.to === coach.email)!.text).toContain(
      'Mita Roy আপনাদের কোচিং সেশনটি বাতিল করেছেন।',
    );
    for (const mail of mails) {
      const ics = mail.attachments![0]!.content;
      expect(icsValue(ics, 'METHOD')).toBe('CANCEL');
      expect(icsValue(ics, 'UID')).toBe(`coaching-${booking.id}@kolorob.test`);
      expect(icsValue(ics, 'SEQUENCE')).toBe('1');
      expect(icsValue(ics, 'STATUS')).toBe('CANCELLED');
      expect(icsValue(ics, 'DTSTART')).toBe(icsTime(startsAt));
    }

    const again = await other.client.post(`/api/academy/bookings/${booking.id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('This session is already cancelled.');
    // The freed slot can be booked again.
    expect((await book(viewer.client, startsAt)).statusCode).toBe(201);
  });

  it('moves a session to another free slot with a higher sequence, and refuses a taken one', async () => {
    const first = dhakaAt(dhakaMidnight(8), 9);
    const second = dhakaAt(dhakaMidnight(8), 11);
    const taken = dhakaAt(dhakaMidnight(8), 10);
    const booking = (await book(member.client, first)).json();
    expect((await book(other.client, taken)).statusCode).toBe(201);

    const onTaken = await member.client.post(`/api/academy/bookings/${booking.id}/reschedule`, {
      startsAt: iso(taken),
    });
    expect(onTaken.statusCode).toBe(409);
    expect(onTaken.json().message).toBe(SLOT_TAKEN);

    // The coach moves it.
    const moved = await coach.client.post(`/api/academy/bookings/${booking.id}/reschedule`, {
      startsAt: iso(second),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      id: booking.id,
      startsAt: iso(second),
      endsAt: iso(second + HOUR),
      status: 'booked',
      sequence: 1,
    });
    const day = await slots(viewer.client, dhakaMidnight(8), dhakaMidnight(9));
    expect(day).toEqual([iso(first)]);

    const mails = await mailsOf(booking.id, 1);
    const toMember = mails.find((m) => m.to === member.email)!;
    expect(toMember.text).toContain('Nusrat Jahan moved your coaching session to a new time.');
    expect(toMember.text).toMatch(/Was: .*09:00–10:00 \(Asia\/Dhaka\)/);
    expect(toMember.text).toMatch(/Now: .*11:00–12:00 \(Asia\/Dhaka\)/);
    for (const mail of mails) {
      const ics = mail.attachments![0]!.content;
      expect(icsValue(ics, 'METHOD')).toBe('REQUEST');
      expect(icsValue(ics, 'UID')).toBe(`coaching-${booking.id}@kolorob.test`);
      expect(icsValue(ics, 'SEQUENCE')).toBe('1');
      expect(icsValue(ics, 'DTSTART')).toBe(icsTime(second));
    }

    // Back to the first time, by the member: the sequence keeps rising.
    const back = await member.client.post(`/api/academy/bookings/${booking.id}/reschedule`, {
      startsAt: iso(first),
    });
    expect(back.json().sequence).toBe(2);
    await mailsOf(booking.id, 2);
    const same = await member.client.post(`/api/academy/bookings/${booking.id}/reschedule`, {
      startsAt: iso(first),
    });
    expect(same.statusCode).toBe(400);
  });

  it('refuses to cancel or move a session inside the notice period, naming the deadline', async () => {
    const startsAt = dhakaAt(dhakaMidnight(2), 11);
    const booking = (await book(other.client, startsAt)).json();
    // The coach now asks for a week's notice: the session, two days away, is inside it.
    await saveProfile({ noticeHours: 168 });
    const deadline = new Date(startsAt - 168 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
    const cancel = await other.client.post(`/api/academy/bookings/${booking.id}/cancel`);
    expect(cancel.statusCode).toBe(400);
    expect(cancel.json().message).toBe(
      `A session can be cancelled until 168 hours before it starts; the deadline for this one was ${deadline} UTC.`,
    );
    const move = await coach.client.post(`/api/academy/bookings/${booking.id}/reschedule`, {
      startsAt: iso(dhakaAt(dhakaMidnight(20), 9)),
    });
    expect(move.statusCode).toBe(400);
    expect(move.json().message).toContain(`the deadline for this one was ${deadline} UTC.`);
    expect(await rows('SELECT status, sequence FROM coaching_bookings WHERE id = $1', [booking.id])).toEqual([
      { status: 'booked', sequence: 0 },
    ]);
    await saveProfile();
    expect((await other.client.post(`/api/academy/bookings/${booking.id}/cancel`)).statusCode).toBe(200);
  });

  it('stops new bookings while the coach is away, and keeps the ones made', async () => {
    await saveProfile({ active: false });
    expect((await member.client.get(`/api/workspaces/${ws}/academy/coaches`)).json().coaches).toEqual([]);
    expect(await slots(member.client, dhakaMidnight(2), dhakaMidnight(9))).toEqual([]);
    const refused = await book(member.client, dhakaAt(dhakaMidnight(9), 9));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('Nusrat Jahan is not taking bookings at the moment.');
    const asCoach = await coach.client.get(`/api/workspaces/${ws}/academy/coaching/bookings`);
    expect(
      asCoach.json().bookings.filter((b: { status: string }) => b.status === 'booked').length,
    ).toBeGreaterThan(0);
    await saveProfile();
  });
});
