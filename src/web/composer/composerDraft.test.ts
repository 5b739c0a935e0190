// The composer's rules without a browser: what each network is sent, what holds a post back, and the request.
import { describe, expect, it } from 'vitest';
import {
  type ComposerDraft,
  createPostBody,
  draftProblems,
  parseTags,
  scheduleProblem,
} from './composerDraft.ts';
import type { ComposerAccount } from './composerQueries.ts';

function account(
  id: string,
  network: ComposerAccount['network'],
  textLimit: number | null = null,
): ComposerAccount {
  return {
    id,
    network,
    handle: `${id}.example`,
    displayName: id,
    avatarUrl: null,
    serviceUrl: 'https://example.org',
    status: 'connected',
    statusReason: null,
    postingSlots: [],
    timeZone: 'UTC',
    createdAt: '2026-01-01T00:00:00.000Z',
    textLimit,
  };
}

const sky = account('sky', 'bluesky');
const toot = account('toot', 'mastodon');

function draft(changes: Partial<ComposerDraft> = {}): ComposerDraft {
  return { accounts: [sky, toot], mainText: 'শুভ সকাল', networkTexts: {}, images: [], tags: '', ...changes };
}

describe('createPostBody', () => {
  it('sends a network its own text only once it was edited, and every image with its trimmed description', () => {
    const body = createPostBody(
      draft({
        networkTexts: { mastodon: 'মাস্টোডনের জন্য' },
        images: [{ key: 'a', fileName: 'a.png', mediaId: 'm1', alt: '  একটি ছবি ' }],
        tags: 'launch, ঈদ,, #news, launch',
      }),
      'now',
    );
    expect(body).toEqual({
      text: 'শুভ সকাল',
      targets: [
        { accountId: 'sky', media: [{ mediaId: 'm1', alt: 'একটি ছবি' }] },
        { accountId: 'toot', text: 'মাস্টোডনের জন্য', media: [{ mediaId: 'm1', alt: 'একটি ছবি' }] },
      ],
      mode: 'now',
      tags: ['launch', 'ঈদ', 'news'],
    });
  });

  it('adds the time only when scheduling', () => {
    const at = new Date('2026-11-27T03:30:00.000Z');
    expect(createPostBody(draft(), 'schedule', at).scheduledAt).toBe('2026-11-27T03:30:00.000Z');
    expect(createPostBody(draft(), 'queue', at).scheduledAt).toBeUndefined();
    expect(createPostBody(draft(), 'draft', at).scheduledAt).toBeUndefined();
  });
});

describe('parseTags', () => {
  it.each([
    ['', []],
    [' a , b ,a', ['a', 'b']],
    ['#ঈদ، লঞ্চ', ['ঈদ', 'লঞ্চ']],
  ])('%j → %j', (typed, tags) => expect(parseTags(typed)).toEqual(tags));
});

describe('draftProblems', () => {
  const family = '👨‍👩‍👧‍👦'; // one grapheme, 25 bytes in UTF-8
  it.each<[string, Partial<ComposerDraft>, { requireAltText?: boolean }, unknown[]]>([
    ['a text that fits', {}, {}, []],
    ['no account chosen', { accounts: [] }, {}, [{ kind: 'noAccounts' }]],
    ['nothing written', { mainText: '  ' }, {}, [{ kind: 'nothingToPost' }]],
    [
      'an image alone is a post',
      { mainText: '', images: [{ key: 'a', fileName: 'a', mediaId: 'm', alt: '' }] },
      {},
      [],
    ],
    [
      'one network left empty',
      { mainText: '', networkTexts: { bluesky: 'শুধু এখানে' } },
      {},
      [{ kind: 'emptyForNetwork', network: 'mastodon' }],
    ],
    [
      'Bluesky past 300 graphemes',
      { mainText: 'অ'.repeat(301) },
      {},
      [{ kind: 'overLimit', network: 'bluesky', used: 301, limit: 300 }],
    ],
    [
      'Bluesky past 3000 bytes under 300 graphemes',
      { mainText: family.repeat(121) },
      {},
      [{ kind: 'overBytes', network: 'bluesky' }],
    ],
    [
      'the smallest Mastodon limit of the chosen servers',
      {
        accounts: [toot, account('small', 'mastodon', 100), account('big', 'mastodon', 1000)],
        mainText: 'a'.repeat(101),
      },
      {},
      [{ kind: 'overLimit', network: 'mastodon', used: 101, limit: 100 }],
    ],
    [
      'an image still uploading',
      { images: [{ key: 'a', fileName: 'a', alt: 'x' }] },
      {},
      [{ kind: 'uploading' }],
    ],
    [
      'descriptions missing where the workspace asks for them',
      {
        images: [
          { key: 'a', fileName: 'a', mediaId: 'm1', alt: 'ছবি' },
          { key: 'b', fileName: 'b', mediaId: 'm2', alt: ' ' },
        ],
      },
      { requireAltText: true },
      [{ kind: 'altMissing', imageNumbers: [2] }],
    ],
    [
      'descriptions missing where the workspace does not ask',
      { images: [{ key: 'b', fileName: 'b', mediaId: 'm2', alt: '' }] },
      { requireAltText: false },
      [],
    ],
  ])('%s', (_name, changes, options, expected) => {
    expect(draftProblems(draft(changes), { requireAltText: options.requireAltText ?? false })).toEqual(
      expected,
    );
  });
});

describe('scheduleProblem', () => {
  const now = new Date('2026-11-27T03:30:00.000Z');
  it.each([
    [undefined, 'noTime'],
    [new Date('2026-11-27T03:29:00.000Z'), 'past'],
    [now, 'past'],
    [new Date('2026-11-27T03:31:00.000Z'), undefined],
  ])('%s → %s', (at, problem) => expect(scheduleProblem(at, now)).toBe(problem));
});
