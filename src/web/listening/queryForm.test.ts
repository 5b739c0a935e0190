import { describe, expect, it } from 'vitest';
import { bodyFromForm, fieldMessages, formFromQuery, NEW_QUERY, readNumber } from './queryForm.ts';

describe('readNumber', () => {
  it.each([
    ['3', 3],
    [' 2.5 ', 2.5],
    ['2,5', 2.5],
    ['৬০', 60],
    ['১.৫', 1.5],
    ['', undefined],
    ['-1', undefined],
    ['ten', undefined],
    ['1e3', undefined],
  ])('reads %j', (text, value) => {
    expect(readNumber(text)).toBe(value);
  });
});

describe('bodyFromForm', () => {
  it('sends one address per line and the numbers as numbers', () => {
    const result = bodyFromForm({
      ...NEW_QUERY,
      name: 'Kolorob',
      query: 'kolorob',
      mastodonInstances: ' https://mastodon.social \n\nhttps://fosstodon.org\r\n',
      feedUrls: 'https://example.com/feed.xml',
      spikeSigma: '২.৫',
    });
    expect(result).toEqual({
      ok: true,
      body: {
        name: 'Kolorob',
        query: 'kolorob',
        active: true,
        ownBrand: false,
        mastodonInstances: ['https://mastodon.social', 'https://fosstodon.org'],
        feedUrls: ['https://example.com/feed.xml'],
        spikeSigma: 2.5,
        spikeMinCount: 10,
        negativeJumpPoints: 20,
        alertCooldownMinutes: 60,
        alertEmail: false,
      },
    });
  });

  it('names the fields that are not numbers', () => {
    expect(bodyFromForm({ ...NEW_QUERY, spikeMinCount: 'many', alertCooldownMinutes: '' })).toEqual({
      ok: false,
      notNumbers: ['spikeMinCount', 'alertCooldownMinutes'],
    });
  });

  it('reads a stored query back into the same form', () => {
    const stored = {
      id: 'q1',
      name: 'Rivals',
      query: 'acme OR globex',
      active: false,
      ownBrand: true,
      mastodonInstances: ['https://a.example', 'https://b.example'],
      feedUrls: [],
      spikeSigma: 4,
      spikeMinCount: 5,
      negativeJumpPoints: 15,
      alertCooldownMinutes: 30,
      alertEmail: true,
      backfilledAt: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const form = formFromQuery(stored);
    expect(form.mastodonInstances).toBe('https://a.example\nhttps://b.example');
    const result = bodyFromForm(form);
    expect(result.ok && result.body.spikeSigma).toBe(4);
  });
});

describe('fieldMessages', () => {
  it('puts each server message beside its input and says which it placed', () => {
    expect(
      fieldMessages({
        query: 'Unclosed quote at column 5. (column 5)',
        queryColumn: '5',
        'mastodonInstances.1': 'That address is private.',
        somethingElse: 'Elsewhere.',
      }),
    ).toEqual({
      messages: {
        query: 'Unclosed quote at column 5. (column 5)',
        mastodonInstances: 'That address is private.',
      },
      shown: ['query', 'queryColumn', 'mastodonInstances.1'],
    });
  });
});
