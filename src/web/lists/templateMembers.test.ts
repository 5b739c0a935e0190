import { describe, expect, it } from 'vitest';
import { cleanMembers, groupByNetwork } from './templateMembers.ts';

describe('groupByNetwork', () => {
  it('groups handles by network, Bluesky before Mastodon, keeping each group in the given order', () => {
    expect(
      groupByNetwork([
        { network: 'mastodon', handle: 'rahim@example.social' },
        { network: 'bluesky', handle: 'karim.bsky.social' },
        { network: 'mastodon', handle: 'nadia@example.social' },
        { network: 'bluesky', handle: 'amina.bsky.social' },
      ]),
    ).toEqual([
      { network: 'bluesky', handles: ['karim.bsky.social', 'amina.bsky.social'] },
      { network: 'mastodon', handles: ['rahim@example.social', 'nadia@example.social'] },
    ]);
  });

  it('answers no groups for no members', () => {
    expect(groupByNetwork([])).toEqual([]);
  });
});

describe('cleanMembers', () => {
  it.each([
    [
      'trims spaces and one leading @',
      [{ network: 'bluesky', handle: '  @karim.bsky.social ' }],
      ['karim.bsky.social'],
    ],
    [
      'drops empty rows',
      [
        { network: 'bluesky', handle: '   ' },
        { network: 'bluesky', handle: '@' },
      ],
      [],
    ],
    [
      'drops repeats on the same network, whatever their case',
      [
        { network: 'bluesky', handle: 'Karim.bsky.social' },
        { network: 'bluesky', handle: '@karim.bsky.social' },
      ],
      ['Karim.bsky.social'],
    ],
  ] as const)('%s', (_name, rows, handles) => {
    expect(cleanMembers(rows).map((member) => member.handle)).toEqual(handles);
  });

  it('keeps the same handle on two networks', () => {
    expect(
      cleanMembers([
        { network: 'bluesky', handle: 'same' },
        { network: 'mastodon', handle: 'same' },
      ]),
    ).toHaveLength(2);
  });
});
