// What a Bluesky post record becomes as a listening event, for the records Jetstream and the firehose
// deliver: links from a quote's media card, tags without their #, dates a client got wrong.
import { describe, expect, it } from 'vitest';
import { blueskyPostEvent } from './blueskyPostEvent.ts';

const did = 'did:plc:eygmaihciaxprqvxpfvl6flk';
const seenAt = new Date('2024-09-09T19:46:03.000Z');
const event = (record: unknown) => blueskyPostEvent({ did, rkey: '3l3qo2vuowo2b', record, seenAt });

describe('blueskyPostEvent', () => {
  it.each([
    [
      'a quote with a link card under its media',
      {
        text: 'look',
        embed: {
          $type: 'app.bsky.embed.recordWithMedia',
          record: { record: { uri: 'at://x/app.bsky.feed.post/y', cid: 'z' } },
          media: { $type: 'app.bsky.embed.external', external: { uri: 'https://example.com/q' } },
        },
      },
      { urls: ['https://example.com/q'] },
    ],
    [
      'tags given with #, and the same tag twice in other case',
      { text: 'x', tags: ['#Eid', 'eid', 'ঈদ'] },
      { tags: ['Eid', 'ঈদ'] },
    ],
    [
      'a createdAt that is no date',
      { text: 'x', createdAt: 'yesterday' },
      { postedAt: '2024-09-09T19:46:03.000Z' },
    ],
    [
      'a createdAt a day ahead of the stream',
      { text: 'x', createdAt: '2024-09-10T19:46:03.000Z' },
      { postedAt: '2024-09-09T19:46:03.000Z' },
    ],
    [
      'an earlier createdAt, which is kept',
      { text: 'x', createdAt: '2024-09-09T19:40:00+06:00' },
      { postedAt: '2024-09-09T13:40:00.000Z' },
    ],
  ])('reads %s', (_what, record, expected) => {
    expect(event({ $type: 'app.bsky.feed.post', ...record })).toMatchObject(expected);
  });

  it('leaves out what a post does not have', () => {
    expect(event({ $type: 'app.bsky.feed.post', text: 'plain', createdAt: seenAt.toISOString() })).toEqual({
      source: 'bluesky',
      remoteId: `at://${did}/app.bsky.feed.post/3l3qo2vuowo2b`,
      url: `https://bsky.app/profile/${did}/post/3l3qo2vuowo2b`,
      authorHandle: did,
      text: 'plain',
      postedAt: seenAt.toISOString(),
    });
  });

  it('answers nothing for a record that is not a post', () => {
    expect(event({ $type: 'app.bsky.feed.like', subject: {} })).toBeUndefined();
    expect(event(null)).toBeUndefined();
  });
});
