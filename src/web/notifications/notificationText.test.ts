import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../i18n/localeFormat.ts';
import { TEXTS } from '../i18n/texts.ts';
import { notificationText } from './notificationText.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: TEXTS.en }, bn: { translation: TEXTS.bn } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

const words = (
  locale: 'en' | 'bn',
  kind: Parameters<typeof notificationText>[0]['kind'],
  data: Record<string, unknown>,
) => notificationText({ kind, data }, i18n.getFixedT(locale), (n) => formatNumber(locale, n));

describe('notificationText', () => {
  it('words each kind from its data in English', () => {
    expect(words('en', 'approval_requested', { authorName: 'Rina', postText: 'Eid sale' })).toEqual({
      headline: 'Rina asks you to approve a post',
      detail: 'Eid sale',
    });
    expect(words('en', 'approval_requested', { authorName: 'Rina', postText: 'Eid sale', count: 3 })).toEqual(
      {
        headline: 'Rina asks you to approve 3 imported posts',
        detail: 'Eid sale',
      },
    );
    expect(
      words('en', 'approval_decided', {
        decision: 'rejected',
        deciderName: 'Esha',
        comment: 'Too long',
        postText: 'x',
      }),
    ).toEqual({
      headline: 'Esha sent your post back',
      detail: 'Too long',
    });
    expect(words('en', 'comment_mention', { authorName: 'Arif', body: '@Rina look' }).headline).toBe(
      'Arif mentioned you',
    );
    expect(words('en', 'post_failed', { handle: 'desk.test', error: 'Timed out', postText: 'x' })).toEqual({
      headline: 'A post to desk.test failed',
      detail: 'Timed out',
    });
    expect(words('en', 'crisis_ended', { actorName: 'Nadia', awaitingReview: 3 }).detail).toBe(
      '3 posts whose time passed wait for a decision.',
    );
  });

  it('words them in Bengali with Bengali digits', () => {
    expect(words('bn', 'approval_requested', { authorName: 'রিনা', postText: '' }).headline).toBe(
      'রিনা একটি পোস্ট অনুমোদনের অনুরোধ করেছেন',
    );
    expect(words('bn', 'approval_requested', { authorName: 'রিনা', postText: 'ঈদ', count: 12 })).toEqual({
      headline: 'রিনা ইমপোর্ট করা ১২টি পোস্ট অনুমোদনের অনুরোধ করেছেন',
      detail: 'ঈদ',
    });
    expect(words('bn', 'crisis_ended', { actorName: 'নাদিয়া', awaitingReview: 12 }).detail).toBe(
      'সময় পেরিয়ে যাওয়া ১২টি পোস্ট সিদ্ধান্তের অপেক্ষায়।',
    );
  });

  it('names the unread count in the bell’s accessible name', () => {
    expect(i18n.getFixedT('en')('notifications.buttonUnread', { count: 3, formatted: '3' })).toBe(
      'Notifications, 3 unread',
    );
  });
});
