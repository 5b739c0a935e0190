// Coaching in real browsers against the real server: the owner offers coaching with weekly hours and a
// day off, a member books a free time in their own time zone, finds it under My sessions and moves it,
// and the coach cancels it — in English and Bengali, with accessibility checks and screenshots.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from './appProcess.ts';
import { chooseLanguage, expectAccessible, launchChromium, saveScreenshot } from './browser.ts';
import { eventually, setUpInstance } from './journeySteps.ts';

const coach = { name: 'Nusrat Jahan', email: 'nusrat@example.org', password: 'correct horse battery' };
const member = { name: 'Rafiq Islam', email: 'rafiq@example.org', password: 'another good password' };
const HOUR = 3_600_000;
const DHAKA = 6 * HOUR;

interface Booking {
  id: string;
  startsAt: string;
  status: string;
  role: string;
  sequence: number;
}

describe('coaching in the browser', { timeout: 180_000 }, () => {
  let app: AppProcess;
  let browser: Browser;
  let coachContext: BrowserContext;
  let memberContext: BrowserContext;
  let coachPage: Page;
  let memberPage: Page;
  let workspaceId: string;
  let bookedAt = '';

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchChromium(), startApp()]);
    const options = { viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Dhaka' };
    coachContext = await browser.newContext(options);
    memberContext = await browser.newContext(options);
    coachPage = await coachContext.newPage();
    memberPage = await memberContext.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function memberBookings(): Promise<Booking[]> {
    const response = await memberContext.request.get(
      `${app.url}/api/workspaces/${workspaceId}/academy/coaching/bookings`,
    );
    expect(response.status()).toBe(200);
    return (await response.json()).bookings;
  }

  const coachingUrl = (tab?: string) =>
    `${app.url}/w/${workspaceId}/academy/coaching${tab ? `?tab=${tab}` : ''}`;

  it('sets up the instance and lets a member join', async () => {
    workspaceId = await setUpInstance(coachPage, app.url, coach, 'Padma Desk');
    const invited = await coachContext.request.post(`${app.url}/api/workspaces/${workspaceId}/invitations`, {
      data: { role: 'contributor' },
    });
    expect(invited.status()).toBe(201);
    const token = ((await invited.json()).link as string).split('/invite/')[1];
    const accepted = await memberContext.request.post(`${app.url}/api/invitations/${token}/accept`, {
      data: member,
    });
    expect(accepted.status(), await accepted.text()).toBe(200);
  });

  it('lets the owner offer coaching: weekly hours in their zone, a day off, and the notice', async () => {
    const page = coachPage;
    await page.goto(coachingUrl());
    await page.getByRole('heading', { name: 'Coaching', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Offer coaching' }).click();
    await page.getByRole('heading', { name: 'Your coach profile' }).waitFor();

    await page
      .getByLabel('About you', { exact: true })
      .fill('Community pages for Dhaka brands, and how to plan a month of posts.');
    // The browser's own zone is the default.
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('Asia/Dhaka');
    await page.getByLabel('Session length (minutes)').fill('60');
    await page.getByLabel('Notice needed (hours)').fill('24');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      await page.getByRole('button', { name: `Add hours on ${day}` }).click();
    }
    // Friday ends an hour earlier; Saturday gets a second window in the afternoon.
    await page.getByLabel('Friday, hours 1: To').fill('11:00');
    await page.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await page.getByLabel('Saturday, hours 2: From').fill('15:00');
    await page.getByLabel('Saturday, hours 2: To').fill('16:00');
    // A date in two weeks' time is a day off.
    await page.getByRole('button', { name: 'Add a date' }).click();
    const dayOff = new Date(Date.now() + DHAKA + 14 * 24 * HOUR).toISOString().slice(0, 10);
    await page.getByLabel('Date', { exact: true }).fill(dayOff);
    expect(await page.getByLabel('Day off').isChecked()).toBe(true);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Start offering coaching' }).click();
    await page.getByTestId('profile-saved').getByText('Your coach profile is saved.').waitFor();
    const saved = await (
      await coachContext.request.get(`${app.url}/api/workspaces/${workspaceId}/academy/coaching/me`)
    ).json();
    expect(saved.coach).toMatchObject({
      timeZone: 'Asia/Dhaka',
      sessionMinutes: 60,
      noticeHours: 24,
      active: true,
    });
    expect(saved.coach.weekly).toHaveLength(8);
    expect(saved.coach.weekly).toContainEqual({ weekday: 5, start: '09:00', end: '11:00' });
    expect(saved.coach.weekly).toContainEqual({ weekday: 6, start: '15:00', end: '16:00' });
    expect(saved.coach.exceptions).toEqual([{ date: dayOff, windows: [] }]);
    await saveScreenshot(page, 'coaching-offer-en');
  });

  it('shows a clear message when hours overlap', async () => {
    const page = coachPage;
    await page.getByLabel('Saturday, hours 2: From').fill('10:00');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Saturday: the hours 10:00–16:00 overlap 09:00–12:00.').first().waitFor();
    await page.getByLabel('Saturday, hours 2: From').fill('15:00');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByTestId('profile-saved').waitFor();
  });

  it('lets a member choose the coach and book a free time shown in their own zone', async () => {
    const page = memberPage;
    await page.goto(coachingUrl());
    await page.getByRole('heading', { name: 'Choose a coach' }).waitFor();
    await page.getByRole('button', { name: 'See free times with Nusrat Jahan' }).click();
    const picker = page.getByTestId('slot-picker');
    await expect(picker.getByTestId('slot-zone').textContent()).resolves.toBe(
      'Times are shown in your time zone: Asia/Dhaka (GMT+6).',
    );
    // Next week always has free times whatever today is; every one is on the hour of the coach's hours.
    await page.getByRole('button', { name: 'Next week' }).click();
    const slot = picker.getByTestId('slot').first();
    await slot.waitFor();
    const times = await picker.getByTestId('slot').allTextContents();
    expect(times.length).toBeGreaterThan(10);
    for (const time of times) expect(['09:00', '10:00', '11:00', '15:00']).toContain(time);
    await expectAccessible(page);
    await saveScreenshot(page, 'coaching-book-en');

    bookedAt = (await slot.getAttribute('data-starts-at')) ?? '';
    await slot.click();
    await expect(page.getByTestId('booking-summary').textContent()).resolves.toMatch(
      /^\w+day \d+ \w+, 09:00–10:00 with Nusrat Jahan$/,
    );
    await page.getByLabel('What would you like to talk about? (optional)').fill('Planning the Eid campaign');
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await expect(page.getByTestId('booking-success').textContent()).resolves.toMatch(
      /^Booked: .* with Nusrat Jahan\. You both get an email with a calendar invitation\.$/,
    );
    const [booking] = await memberBookings();
    expect(booking).toMatchObject({ startsAt: bookedAt, status: 'booked', role: 'member', sequence: 0 });
    // Both emails go out with the invitation; without SMTP they are written to the log.
    await app.waitForLogLine(/invite\.ics/);
  });

  it('shows the session under My sessions, and moves it to another time', async () => {
    const page = memberPage;
    await page.getByRole('tab', { name: 'My sessions' }).click();
    const mine = page.getByTestId('sessions-member');
    const session = mine.getByTestId('session');
    await session.waitFor();
    await expect(session.textContent()).resolves.toContain('With Nusrat Jahan (coach)');
    await expect(session.textContent()).resolves.toContain('Topic: Planning the Eid campaign');
    await expect(session.textContent()).resolves.toMatch(/Can be cancelled or moved until/);
    await expect(page.getByTestId('sessions-coach').textContent()).resolves.toContain(
      'Nobody has booked a session with you yet.',
    );
    await expectAccessible(page);
    await saveScreenshot(page, 'coaching-sessions-en');

    await session.getByRole('button', { name: 'Reschedule' }).click();
    const picker = session.getByTestId('slot-picker');
    await picker.getByRole('button', { name: 'Next week' }).click();
    // The time it has now is not free, so it is not offered; take the next one.
    const target = picker.getByTestId('slot').first();
    await target.waitFor();
    const movedTo = (await target.getAttribute('data-starts-at')) ?? '';
    expect(movedTo).not.toBe(bookedAt);
    await target.click();
    await session.getByRole('button', { name: /^Move to / }).click();
    await page.getByTestId('sessions-notice').waitFor();
    const booking = await eventually(async () => {
      const [found] = await memberBookings();
      return found?.startsAt === movedTo ? found : undefined;
    }, 10_000);
    expect(booking.sequence).toBe(1);
    bookedAt = movedTo;
  });

  it('shows the member the pages in Bengali', async () => {
    const page = memberPage;
    await chooseLanguage(page, 'bn');
    await page.getByRole('heading', { name: 'আসন্ন সেশন' }).waitFor();
    // The notice of the move follows the language too.
    await expect(page.getByTestId('sessions-notice').textContent()).resolves.toMatch(/^সেশনটি এখন .*[০-৯]/);
    await expect(page.getByTestId('sessions-member').textContent()).resolves.toContain(
      'Nusrat Jahan-এর সঙ্গে (কোচ)',
    );
    await expectAccessible(page);
    await saveScreenshot(page, 'coaching-sessions-bn');

    await page.getByRole('tab', { name: 'সেশন বুক করুন' }).click();
    await page.getByRole('button', { name: 'Nusrat Jahan-এর ফাঁকা সময় দেখুন' }).click();
    await page.getByRole('button', { name: 'পরের সপ্তাহ' }).click();
    const slot = page.getByTestId('slot').first();
    await slot.waitFor();
    // Bengali digits in the times.
    expect(await slot.textContent()).toMatch(/^[০-৯]{2}:[০-৯]{2}$/);
    await expectAccessible(page);
    await saveScreenshot(page, 'coaching-book-bn');
    await chooseLanguage(page, 'en');
  });

  it('lets the coach see the session and cancel it, which frees the time again', async () => {
    const page = coachPage;
    await page.goto(coachingUrl('sessions'));
    const session = page.getByTestId('sessions-coach').getByTestId('session');
    await session.waitFor();
    await expect(session.textContent()).resolves.toContain('With Rafiq Islam');
    await session.getByRole('button', { name: 'Cancel session' }).click();
    await session.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(page.getByTestId('sessions-notice').textContent()).resolves.toMatch(/is cancelled/);
    await expect(session.getAttribute('data-status')).resolves.toBe('cancelled');
    const [booking] = await memberBookings();
    expect(booking).toMatchObject({ status: 'cancelled', sequence: 2 });
    await app.waitForLogLine(/cancel\.ics/);
    await expectAccessible(page);

    await chooseLanguage(page, 'bn');
    await page.getByRole('tab', { name: 'কোচিং দিন' }).click();
    await page.getByRole('heading', { name: 'আপনার কোচ প্রোফাইল' }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'coaching-offer-bn');
    await chooseLanguage(page, 'en');

    const coaches = await (
      await memberContext.request.get(`${app.url}/api/workspaces/${workspaceId}/academy/coaches`)
    ).json();
    const from = new Date(Date.parse(bookedAt) - HOUR).toISOString();
    const to = new Date(Date.parse(bookedAt) + HOUR).toISOString();
    const free = await (
      await memberContext.request.get(
        `${app.url}/api/academy/coaches/${coaches.coaches[0].id}/slots?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      )
    ).json();
    expect(free.slots).toContain(bookedAt);
  });
});
