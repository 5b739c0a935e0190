// Every API route fed malformed input: broken JSON, bodies that are not objects, missing, mistyped and
// unknown fields, bodies over the size limit, the wrong content type and invalid path parameters. Each must
// be refused with a 4xx JSON error { error, message, fields? } that names the offending field, and none may
// write anything. Adding an /api route without an entry here fails the suite.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCertification } from '../commands/academy/certifications/upsertCertification.ts';
import { encodeCursor as encodeInboxCursor } from '../commands/inbox/inboxItems.ts';
import { encodeCursor as encodePageCursor } from '../commands/notifications/pageCursor.ts';
import { encodeCursor } from '../commands/streams/columnItems.ts';
import type { QuizQuestion } from '../core/academy/academyTypes.ts';
import { serializeCourseFolder } from '../core/academy/courseFolder.ts';
import { SKILL_QUESTIONS } from '../core/academy/skills.ts';
import {
  type MastodonApiStub,
  startMastodonApiStub,
} from '../networks/mastodon/mastodonApiStub.test-server.ts';
import { registeredApiRoutes } from '../testing/registeredApiRoutes.ts';
import { eventually, startTestApp, type TestApp } from '../testing/testApp.ts';
import { png } from '../testing/testImages.ts';
import { BODY_LIMIT_BYTES } from './app.ts';

const PASSWORD = 'correct horse battery';
const OWNER_EMAIL = 'owner@example.com';
const NOWHERE = '00000000-0000-4000-8000-000000000000';
const IP = '203.0.113.77';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Audience = 'owner' | 'signed out';

interface BodySpec {
  /** A body the route would accept, with every field it knows; each case breaks exactly one thing. */
  valid(): Record<string, unknown>;
  required: string[];
  /** Fields stored as text, which must refuse a NUL character rather than fail in the database. */
  text?: string[];
  /** JSON null (and no body at all) is a valid empty body for this route. */
  nullable?: boolean;
  /** Fields that take null as a value (to unassign, to clear), so null is not one of their wrong types. */
  nullFields?: string[];
  /** Text nested inside a field (a list item, an object in a list): the key fields must name → the body. */
  nestedText?: Record<string, () => Record<string, unknown>>;
  /**
   * Values of the right type the route must still refuse (out of range, not a web address, a query it
   * cannot read): the path fields must name, with the value put there in the valid body, and a label
   * for the case when the value is long.
   */
  refuse?: [path: string, value: unknown, label?: string][];
}

interface RouteSpec {
  /** The route as Fastify registered it, e.g. "PATCH /api/workspaces/:workspaceId". */
  route: string;
  /** Reachable signed out, so the battery runs signed out as well as signed in. */
  public?: boolean;
  /** The answer to a plain GET without query (200 unless the route redirects). */
  plainGetStatus?: number;
  body?: BodySpec;
  /** A query string the route would accept; each case breaks one parameter. */
  query?: QuerySpec;
  /** The body is an image file, not JSON. */
  image?: boolean;
  /** The body is a .zip file (a course folder), not JSON. */
  zip?: boolean;
}

interface QuerySpec {
  valid(): Record<string, string>;
  required: string[];
  /** A value each parameter must refuse. */
  invalid: Record<string, string>;
}

interface Case {
  name: string;
  /** Built when the case runs, once the fixtures exist. */
  url(): string;
  payload?(): string | Buffer;
  contentType?: string;
  status: number;
  /** Another status that is just as right (a path parameter too long for the router: 414). */
  alternative?: number;
  error?: string;
  /** The key that fields must name. */
  field?: string;
  /** The fields the route knows, none of which an answer may call unknown. */
  known?: string[];
}

let app: TestApp;
/** The Mastodon-API stand-in the fixture account lives on, so valid list and stream calls reach a server. */
let stub: MastodonApiStub;
let ownerCookie: string;
let editorCookie: string;
const ids = {
  workspaceId: '',
  userId: '',
  invitationId: '',
  token: '',
  accountId: '',
  postId: '',
  targetId: '',
  mediaId: '',
  courseId: '',
  questionId: '',
  answerId: '',
  moduleId: '',
  lessonId: '',
  certificationId: '',
  attemptId: '',
  certificateId: '',
  code: '',
  coachId: '',
  bookingId: '',
  boardId: '',
  columnId: '',
  listId: '',
  actorId: '',
  templateId: '',
  queryId: '',
  alertId: '',
  commentId: '',
  notificationId: '',
  itemId: '',
  replyId: '',
  /** The holding statement; the stakeholder contact routes name theirs (team.contactId) as an override. */
  id: '',
};
let resetToken = '';
/** The fixture course's quiz, and a course to delete. */
const academy = { quizId: '', spareCourseId: '' };
/** The fixture query's rival in the share of voice, and the fixture mention. */
const listening = { rivalId: '', mentionId: 0 };
/** The editor's comment naming the owner, which left the owner the fixture notification. */
const team = {
  mentionCommentId: '',
  /** The stakeholder contact, for the routes whose :id is a contact's. */
  contactId: '',
  /** The owner's post whose time passed while crisis mode held it, waiting for a decision. */
  heldPostId: '',
  /** A direct message to the fixture Mastodon account, which the inbox cannot answer in place. */
  dmItemId: '',
};
/** Page cursors as the server gives them out: before every comment, and after every notification. */
const FIRST_COMMENTS = encodePageCursor('2000-01-01T00:00:00.000000Z', NOWHERE);
const FIRST_NOTIFICATIONS = encodePageCursor('2999-01-01T00:00:00.000000Z', NOWHERE);
/** Texts a comment must refuse. */
const REFUSED_COMMENT_BODIES: [string, unknown, string?][] = [
  ['body', '', 'empty'],
  ['body', '  \n\t ', 'only white space'],
  ['body', 'x'.repeat(5001), '5,001 characters'],
];

/** The inbox's page cursor as the server gives it out, after every item. */
const FIRST_INBOX_ITEMS = encodeInboxCursor({ receivedAt: '2999-01-01T00:00:00.000Z', id: NOWHERE });
/** Values a holding statement must refuse. */
const REFUSED_STATEMENT_FIELDS: [string, unknown, string?][] = [
  ['title', '', 'empty'],
  ['title', ' \n ', 'only white space'],
  ['title', 'x'.repeat(121), '121 characters'],
  ['text', '', 'empty'],
  ['text', 'x'.repeat(5001), '5,001 characters'],
];
/** A whole stakeholder contact, as the playbook page saves it. */
const CONTACT = {
  name: 'Farhana Chowdhury',
  role: 'Head of communications',
  email: 'farhana@example.com',
  phone: '+880 1711-000000',
  notes: 'Call before posting anything.',
};
/** Values a stakeholder contact must refuse. */
const REFUSED_CONTACT_FIELDS: [string, unknown, string?][] = [
  ['name', '', 'empty'],
  ['name', '   ', 'only white space'],
  ['name', 'x'.repeat(101), '101 characters'],
  ['role', 'x'.repeat(101), '101 characters'],
  ['email', 'farhana at example', 'not an email address'],
  ['email', `${'x'.repeat(250)}@example.com`, 'an address over 254 characters'],
  ['phone', 'call me', 'letters'],
  ['phone', '1'.repeat(41), '41 digits'],
  ['notes', 'x'.repeat(2001), '2,001 characters'],
];
/** Values a saved reply must refuse. */
const REFUSED_SAVED_REPLY_FIELDS: [string, unknown, string?][] = [
  ['title', '', 'empty'],
  ['title', '  ', 'only white space'],
  ['title', 'x'.repeat(81), '81 characters'],
  ['text', '', 'empty'],
  ['text', 'x'.repeat(5001), '5,001 characters'],
];

const emptyBody: BodySpec = { valid: () => ({}), required: [], nullable: true };

/** A whole resume profile, as the resume builder saves it. */
const RESUME = {
  headline: 'Social media manager',
  summary: 'Eight years of running social channels.',
  location: 'Dhaka, Bangladesh',
  contact: 'nadia@example.com',
  experience: [
    {
      role: 'Head of social',
      organisation: 'Padma News',
      start: '2021-03',
      end: 'present',
      description: 'Led it',
    },
  ],
  education: [{ course: 'BSS in Mass Communication', institution: 'University of Dhaka', year: '2016' }],
  skills: ['Analytics', 'Content planning'],
};

/** A single-choice question whose option a is right. */
const QUESTION: QuizQuestion = {
  id: 'q1',
  prompt: 'Who approves replies at night?',
  kind: 'single',
  options: [
    { id: 'a', text: 'The duty editor', correct: true, explanation: 'They hold the night shift.' },
    { id: 'b', text: 'Nobody', correct: false, explanation: 'Someone always must.' },
  ],
};
const withOption = (index: number, change: object): QuizQuestion => ({
  ...QUESTION,
  options: QUESTION.options.map((option, i) => (i === index ? { ...option, ...change } : option)),
});

/** The fixture exams' questions; an attempt draws all three, and option a is right in each. */
const EXAM_IDS = ['e1', 'e2', 'e3'];
const EXAM_ANSWERS = Object.fromEntries(EXAM_IDS.map((id) => [id, ['a']]));

const DAY_MS = 86_400_000;
/** The fixture coach takes sessions of half an hour all day, every day, in UTC, from three days ahead. */
const SLOTS_FROM = Math.floor(Date.now() / DAY_MS) * DAY_MS + 3 * DAY_MS;
const slot = (hours: number) => new Date(SLOTS_FROM + hours * 3_600_000).toISOString();
const COACH_PROFILE = {
  bio: 'Ten years of running community pages.',
  timeZone: 'UTC',
  sessionMinutes: 30,
  noticeHours: 1,
  weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
  exceptions: [{ date: '2030-01-01', windows: [{ start: '09:00', end: '12:00' }] }],
  active: true,
};

/** The post on the Mastodon-API stand-in that the Streams actions name. */
const streams = { postId: '', postUrl: '' };
/** A cursor before every item: a column's older page from the very start. */
const FROM_THE_START = encodeCursor({ sortAt: new Date(0).toISOString(), itemId: NOWHERE });
const LIST_TEMPLATE = {
  name: 'Learning',
  description: 'People to learn from.',
  members: [
    { network: 'mastodon', handle: 'bob' },
    { network: 'bluesky', handle: 'bsky.app' },
  ],
};

/** A whole listening query, with an instance and a feed given as public addresses (no name lookup). */
const LISTENING_QUERY = {
  name: 'Mango brand',
  query: '"mango juice" OR #mango',
  active: true,
  ownBrand: true,
  mastodonInstances: ['https://93.184.215.14'],
  feedUrls: ['https://93.184.215.14/feed.xml'],
  spikeSigma: 2.5,
  spikeMinCount: 5,
  negativeJumpPoints: 15,
  alertCooldownMinutes: 30,
  alertEmail: false,
};
/** The day the fixture mention was posted, and the week from it. */
const HEARD_FROM = '2025-03-31T00:00:00Z';
const HEARD_TO = '2025-04-07T00:00:00Z';
/** A start long after now, where a range without an end ends. */
const FAR_AHEAD = '2999-01-01T00:00:00Z';
/** Query texts the parser must refuse, with the sentence and column under fields.query. */
const UNREADABLE_QUERIES: [string, unknown, string][] = [
  ['query', 'mango AND ("juice', 'an unclosed phrase and bracket'],
  ['query', '', 'empty'],
  ['query', 'OR', 'only an operator'],
  ['query', 'x'.repeat(2001), 'one character over the parser’s limit'],
  ['query', 'x'.repeat(4001), 'over twice the parser’s limit'],
  ['query', Array.from({ length: 101 }, (_, i) => `term${i}`).join(' OR '), '101 terms'],
];
/** Values of the right type a listening query must still refuse. */
const REFUSED_QUERY_VALUES: [string, unknown, string?][] = [
  ['name', '   ', 'only spaces'],
  ['name', 'x'.repeat(101), '101 characters'],
  ...UNREADABLE_QUERIES,
  ['mastodonInstances.0', 'not a web address'],
  ['mastodonInstances.0', 'ftp://93.184.215.14'],
  ['mastodonInstances.0', 'http://127.0.0.1:3000', 'a local address'],
  ['mastodonInstances.0', 'https://someone:secret@93.184.215.14', 'an address with a password'],
  ['mastodonInstances.0', `https://${'x'.repeat(500)}.example`, 'an address of 500 characters'],
  ['mastodonInstances', Array.from({ length: 11 }, (_, i) => `https://93.184.215.${i + 1}`), '11 instances'],
  ['feedUrls.0', 'file:///etc/passwd'],
  ['feedUrls.0', 'feeds.example/rss.xml', 'an address without its scheme'],
  ['feedUrls.0', 'http://[::1]/feed.xml', 'a local IPv6 address'],
  ['feedUrls', Array.from({ length: 21 }, (_, i) => `https://93.184.215.14/${i}.xml`), '21 feeds'],
  ['spikeSigma', 0.4],
  ['spikeSigma', 20.5],
  ['spikeMinCount', 0],
  ['spikeMinCount', 2.5],
  ['spikeMinCount', 1_000_001],
  ['negativeJumpPoints', 0.5],
  ['negativeJumpPoints', 101],
  ['alertCooldownMinutes', 0],
  ['alertCooldownMinutes', 10_081],
  ['alertCooldownMinutes', 1.5],
];

const ROUTES: RouteSpec[] = [
  { route: 'GET /api/health', public: true },
  { route: 'GET /api/setup', public: true },
  {
    route: 'POST /api/setup',
    public: true,
    body: {
      valid: () => ({
        name: 'Nadia Islam',
        email: OWNER_EMAIL,
        password: PASSWORD,
        workspaceName: 'Acme',
        locale: 'bn',
      }),
      required: ['name', 'email', 'password', 'workspaceName'],
      text: ['name', 'email', 'workspaceName'],
    },
  },
  {
    route: 'POST /api/auth/sign-in',
    public: true,
    body: {
      valid: () => ({ email: OWNER_EMAIL, password: PASSWORD }),
      required: ['email', 'password'],
      text: ['email'],
    },
  },
  { route: 'POST /api/auth/sign-out', public: true, body: emptyBody },
  {
    route: 'POST /api/auth/password-reset',
    public: true,
    body: { valid: () => ({ email: OWNER_EMAIL }), required: ['email'], text: ['email'] },
  },
  {
    route: 'POST /api/auth/password-reset/confirm',
    public: true,
    body: {
      valid: () => ({ token: resetToken, password: 'a brand new password' }),
      required: ['token', 'password'],
    },
  },
  { route: 'GET /api/me' },
  {
    route: 'PATCH /api/me',
    body: {
      valid: () => ({ name: 'Renamed', locale: 'bn', currentWorkspaceId: ids.workspaceId }),
      required: [],
      text: ['name'],
    },
  },
  { route: 'GET /api/workspaces' },
  {
    route: 'POST /api/workspaces',
    body: { valid: () => ({ name: 'Another' }), required: ['name'], text: ['name'] },
  },
  { route: 'GET /api/workspaces/:workspaceId' },
  {
    route: 'PATCH /api/workspaces/:workspaceId',
    body: { valid: () => ({ name: 'Renamed', requireAltText: false }), required: [], text: ['name'] },
  },
  { route: 'GET /api/workspaces/:workspaceId/members' },
  {
    route: 'PATCH /api/workspaces/:workspaceId/members/:userId',
    body: { valid: () => ({ role: 'viewer' }), required: ['role'] },
  },
  { route: 'DELETE /api/workspaces/:workspaceId/members/:userId', body: emptyBody },
  { route: 'GET /api/workspaces/:workspaceId/invitations' },
  {
    route: 'POST /api/workspaces/:workspaceId/invitations',
    body: {
      valid: () => ({ role: 'viewer', email: 'guest@example.com' }),
      required: ['role'],
      text: ['email'],
    },
  },
  { route: 'DELETE /api/workspaces/:workspaceId/invitations/:invitationId', body: emptyBody },
  { route: 'GET /api/workspaces/:workspaceId/accounts' },
  {
    route: 'POST /api/workspaces/:workspaceId/accounts/bluesky',
    body: {
      valid: () => ({
        service: 'https://pds.example.com',
        identifier: 'someone.bsky.social',
        appPassword: 'aaaa-bbbb-cccc-dddd',
      }),
      required: ['identifier', 'appPassword'],
      text: ['service', 'identifier', 'appPassword'],
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/accounts/mastodon',
    body: {
      valid: () => ({ instanceUrl: 'mastodon.example' }),
      required: ['instanceUrl'],
      text: ['instanceUrl'],
    },
  },
  // Without state and code the callback sends the person back to the accounts page with an error.
  { route: 'GET /api/oauth/mastodon/callback', plainGetStatus: 302 },
  { route: 'DELETE /api/workspaces/:workspaceId/accounts/:accountId', body: emptyBody },
  {
    route: 'PATCH /api/workspaces/:workspaceId/accounts/:accountId',
    body: {
      valid: () => ({ timeZone: 'Asia/Dhaka', postingSlots: [{ day: 1, time: '09:30' }] }),
      required: [],
      text: ['timeZone'],
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/posts',
    query: {
      valid: () => ({ from: '2026-12-01T00:00:00Z', to: '2026-12-08T00:00:00+06:00' }),
      required: ['from', 'to'],
      invalid: { from: 'next tuesday', to: '2026-13-45T99:00:00Z', status: 'lost', accountId: 'not-a-uuid' },
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/posts',
    body: {
      valid: () => ({
        text: 'Hello',
        targets: [{ accountId: ids.accountId, text: 'Hello there' }],
        thread: [{ text: 'And more' }],
        mode: 'schedule',
        scheduledAt: '2030-01-01T09:00:00+06:00',
        tags: ['launch'],
      }),
      required: ['text', 'targets', 'mode'],
      text: ['text'],
    },
  },
  {
    route: 'POST /api/posts/:postId/reschedule',
    body: { valid: () => ({ scheduledAt: '2030-01-01T09:00:00Z' }), required: ['scheduledAt'] },
  },
  {
    route: 'POST /api/posts/:postId/schedule',
    body: {
      valid: () => ({ mode: 'schedule', scheduledAt: '2030-01-01T09:00:00Z' }),
      required: ['mode'],
    },
  },
  { route: 'GET /api/posts/:postId' },
  { route: 'DELETE /api/posts/:postId', body: emptyBody },
  {
    route: 'PATCH /api/post-targets/:targetId',
    body: { valid: () => ({ text: 'Edited', media: [] }), required: [], text: ['text'] },
  },
  {
    route: 'POST /api/post-targets/:targetId/reschedule',
    body: { valid: () => ({ scheduledAt: '2030-01-01T09:00:00Z' }), required: ['scheduledAt'] },
  },
  { route: 'POST /api/post-targets/:targetId/retry', body: emptyBody },
  { route: 'POST /api/workspaces/:workspaceId/media', image: true },
  { route: 'GET /api/workspaces/:workspaceId/media/:mediaId' },
  {
    route: 'GET /api/workspaces/:workspaceId/posts/events',
    query: { valid: () => ({ timeout: '0' }), required: [], invalid: { timeout: 'soon' } },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/imports/dry-run',
    body: {
      // hasHeader (a boolean) is left out: `true` is one of the wrong types each field is tried with.
      valid: () => ({
        csv: 'date,message\n2099-12-01T09:30:00Z,Hello',
        timeZone: 'Asia/Dhaka',
        dateFormat: 'DMY',
        accountIds: [ids.accountId],
      }),
      required: ['csv', 'timeZone', 'dateFormat'],
      text: ['csv', 'timeZone'],
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/imports',
    body: {
      valid: () => ({
        csv: 'date,message\n2099-12-01T09:30:00Z,Hello',
        timeZone: 'Asia/Dhaka',
        dateFormat: 'DMY',
        accountIds: [ids.accountId],
      }),
      required: ['csv', 'timeZone', 'dateFormat'],
      text: ['csv', 'timeZone'],
    },
  },
  { route: 'GET /api/invitations/:token', public: true },
  {
    route: 'POST /api/invitations/:token/accept',
    public: true,
    body: {
      valid: () => ({ name: 'Newcomer', email: 'newcomer@example.com', password: PASSWORD, locale: 'en' }),
      required: ['name', 'email', 'password'],
      text: ['name', 'email'],
      nullable: true,
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/academy/skills/questions' },
  {
    route: 'POST /api/workspaces/:workspaceId/academy/skills/assessments',
    body: {
      valid: () => ({ answers: Object.fromEntries(SKILL_QUESTIONS.map((q) => [q.id, 3])) }),
      required: ['answers'],
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/academy/skills/assessments' },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/skills/learning-path',
    query: { valid: () => ({ language: 'bn' }), required: [], invalid: { language: 'fr' } },
  },
  { route: 'GET /api/academy/courses/:courseId/questions' },
  {
    route: 'POST /api/academy/courses/:courseId/questions',
    body: {
      valid: () => ({ title: 'Who approves replies at night?', body: 'Our team is in Dhaka.' }),
      required: ['title'],
      text: ['title', 'body'],
    },
  },
  { route: 'GET /api/academy/questions/:questionId' },
  { route: 'DELETE /api/academy/questions/:questionId', body: emptyBody },
  {
    route: 'POST /api/academy/questions/:questionId/answers',
    body: {
      valid: () => ({ body: 'Engagement rate, read next to reach.' }),
      required: ['body'],
      text: ['body'],
    },
  },
  {
    route: 'POST /api/academy/answers/:answerId/helpful',
    body: { valid: () => ({ helpful: true }), required: ['helpful'] },
  },
  { route: 'DELETE /api/academy/answers/:answerId', body: emptyBody },
  { route: 'GET /api/me/resume' },
  {
    route: 'PUT /api/me/resume',
    body: {
      valid: () => ({ ...RESUME }),
      required: [],
      text: ['headline', 'summary', 'location', 'contact'],
      nestedText: {
        'experience.0.description': () => ({
          ...RESUME,
          experience: [{ ...RESUME.experience[0], description: 'Nul\u0000byte' }],
        }),
        'education.0.institution': () => ({
          ...RESUME,
          education: [{ ...RESUME.education[0], institution: 'Nul\u0000byte' }],
        }),
        'skills.1': () => ({ ...RESUME, skills: ['Analytics', 'Nul\u0000byte'] }),
      },
    },
  },
  {
    route: 'GET /api/me/resume/pdf',
    query: {
      valid: () => ({ template: 'modern', language: 'bn' }),
      required: [],
      invalid: { template: 'fancy', language: 'fr' },
    },
  },
  {
    route: 'POST /api/demo-requests',
    public: true,
    body: {
      valid: () => ({
        name: 'Rafiq Hasan',
        email: 'rafiq@example.com',
        company: 'Padma Foods',
        teamSize: '11-50',
        message: 'We would like a demo for our team.',
        website: '',
      }),
      required: ['name', 'email', 'company', 'teamSize'],
      text: ['name', 'email', 'company', 'message'],
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/demo-requests',
    query: {
      valid: () => ({ before: NOWHERE, limit: '10' }),
      required: [],
      invalid: { before: 'not-a-uuid', limit: 'lots' },
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/courses',
    query: { valid: () => ({ language: 'en' }), required: [], invalid: { language: 'fr' } },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/academy/courses',
    body: {
      valid: () => ({
        title: 'Crisis drills',
        language: 'en',
        summary: 'Practise the first hour.',
        skills: ['crisis'],
        slug: 'crisis-drills-en',
      }),
      required: ['title', 'language'],
      text: ['title', 'summary', 'slug'],
    },
  },
  { route: 'POST /api/workspaces/:workspaceId/academy/courses/import', zip: true },
  { route: 'GET /api/academy/courses/:courseId' },
  {
    route: 'PATCH /api/academy/courses/:courseId',
    body: {
      valid: () => ({
        title: 'Crisis desk, revised',
        language: 'en',
        summary: 'Revised for the night shift.',
        skills: ['crisis', 'listening'],
        slug: 'crisis-desk-revised',
      }),
      required: [],
      text: ['title', 'summary', 'slug'],
    },
  },
  { route: 'DELETE /api/academy/courses/:courseId', body: emptyBody },
  { route: 'POST /api/academy/courses/:courseId/publish', body: emptyBody },
  { route: 'POST /api/academy/courses/:courseId/unpublish', body: emptyBody },
  { route: 'GET /api/academy/courses/:courseId/export' },
  {
    route: 'POST /api/academy/courses/:courseId/order',
    body: {
      valid: () => ({ modules: [{ id: ids.moduleId, lessonIds: [ids.lessonId, academy.quizId] }] }),
      required: ['modules'],
      nestedText: {
        'modules.0.lessonIds.1': () => ({
          modules: [{ id: ids.moduleId, lessonIds: [ids.lessonId, 'Nul\u0000byte'] }],
        }),
      },
    },
  },
  {
    route: 'POST /api/academy/courses/:courseId/modules',
    body: { valid: () => ({ title: 'Listening' }), required: ['title'], text: ['title'] },
  },
  {
    route: 'PATCH /api/academy/courses/:courseId/modules/:moduleId',
    body: { valid: () => ({ title: 'Listening well' }), required: ['title'], text: ['title'] },
  },
  { route: 'DELETE /api/academy/courses/:courseId/modules/:moduleId', body: emptyBody },
  {
    route: 'POST /api/academy/courses/:courseId/modules/:moduleId/lessons',
    body: {
      valid: () => ({
        kind: 'lesson',
        title: 'Reading the room',
        bodyMarkdown: '# Reading the room',
        questions: [],
      }),
      required: ['kind', 'title'],
      text: ['title', 'bodyMarkdown'],
      nestedText: {
        'questions.0.prompt': () => ({
          kind: 'quiz',
          title: 'Check',
          questions: [{ ...QUESTION, prompt: 'Nul\u0000byte' }],
        }),
        'questions.0.options.1.explanation': () => ({
          kind: 'quiz',
          title: 'Check',
          questions: [withOption(1, { explanation: 'Nul\u0000byte' })],
        }),
      },
    },
  },
  { route: 'GET /api/academy/lessons/:lessonId' },
  { route: 'GET /api/academy/lessons/:lessonId/source' },
  {
    route: 'PATCH /api/academy/lessons/:lessonId',
    body: {
      valid: () => ({ title: 'Reading the room, revised', bodyMarkdown: '# Revised', questions: [] }),
      required: [],
      text: ['title', 'bodyMarkdown'],
      nestedText: {
        'questions.0.options.0.text': () => ({ questions: [withOption(0, { text: 'Nul\u0000byte' })] }),
      },
    },
  },
  { route: 'DELETE /api/academy/lessons/:lessonId', body: emptyBody },
  { route: 'POST /api/academy/lessons/:lessonId/complete', body: emptyBody },
  {
    route: 'POST /api/academy/lessons/:lessonId/answers',
    body: { valid: () => ({ answers: { q1: ['a'] } }), required: ['answers'] },
  },
  { route: 'GET /api/workspaces/:workspaceId/academy/certifications' },
  { route: 'POST /api/academy/certifications/:certificationId/attempts', body: emptyBody },
  { route: 'GET /api/academy/attempts/:attemptId' },
  {
    route: 'POST /api/academy/attempts/:attemptId/submit',
    body: { valid: () => ({ answers: { ...EXAM_ANSWERS } }), required: ['answers'] },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/certificates',
    query: { valid: () => ({ all: 'true' }), required: [], invalid: { all: 'yes' } },
  },
  { route: 'GET /api/academy/certificates/:certificateId/pdf' },
  {
    route: 'POST /api/academy/certificates/:certificateId/revoke',
    body: { valid: () => ({ reason: 'Issued by mistake.' }), required: ['reason'], text: ['reason'] },
  },
  {
    route: 'PATCH /api/academy/certifications/:certificationId',
    body: {
      valid: () => ({
        drawCount: 2,
        timeLimitMinutes: 30,
        passPercent: 70,
        maxAttempts: 3,
        cooldownHours: 12,
      }),
      required: [],
    },
  },
  { route: 'GET /api/verify/:code', public: true },
  { route: 'GET /api/workspaces/:workspaceId/academy/coaches' },
  { route: 'GET /api/workspaces/:workspaceId/academy/coaching/me' },
  {
    route: 'PUT /api/workspaces/:workspaceId/academy/coaching/me',
    body: {
      valid: () => structuredClone(COACH_PROFILE),
      required: ['bio', 'timeZone', 'sessionMinutes', 'noticeHours', 'weekly', 'exceptions', 'active'],
      text: ['bio', 'timeZone'],
      nestedText: {
        'weekly.0.start': () => ({
          ...structuredClone(COACH_PROFILE),
          weekly: [{ weekday: 0, start: 'Nul\u0000byte', end: '24:00' }],
        }),
        'exceptions.0.date': () => ({
          ...structuredClone(COACH_PROFILE),
          exceptions: [{ date: '2030\u0000-01', windows: [] }],
        }),
        'exceptions.0.windows.0.end': () => ({
          ...structuredClone(COACH_PROFILE),
          exceptions: [{ date: '2030-01-01', windows: [{ start: '09:00', end: 'Nul\u0000byte' }] }],
        }),
      },
    },
  },
  {
    route: 'GET /api/academy/coaches/:coachId/slots',
    query: {
      valid: () => ({ from: slot(0), to: slot(48) }),
      required: ['from', 'to'],
      // A start that is no date, and a well-formed end before the start.
      invalid: { from: 'next tuesday', to: slot(-1) },
    },
  },
  {
    route: 'POST /api/academy/coaches/:coachId/bookings',
    body: {
      valid: () => ({ startsAt: slot(1), topic: 'Planning a month of posts' }),
      required: ['startsAt'],
      text: ['topic'],
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/academy/coaching/bookings' },
  { route: 'POST /api/academy/bookings/:bookingId/cancel', body: emptyBody },
  {
    route: 'POST /api/academy/bookings/:bookingId/reschedule',
    body: { valid: () => ({ startsAt: slot(2) }), required: ['startsAt'] },
  },
  { route: 'GET /api/workspaces/:workspaceId/boards' },
  {
    route: 'POST /api/workspaces/:workspaceId/boards',
    body: { valid: () => ({ name: 'Morning desk' }), required: ['name'], text: ['name'] },
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/boards/:boardId',
    body: { valid: () => ({ name: 'Evening desk' }), required: ['name'], text: ['name'] },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/boards/:boardId/columns',
    body: {
      // A list column; the query and the feed address are what search and rss columns take.
      valid: () => ({
        kind: 'list',
        accountId: ids.accountId,
        listId: ids.listId,
        listName: 'Friends',
        query: 'mango',
        feedUrl: 'https://example.com/feed.xml',
      }),
      required: ['kind'],
      text: ['listId', 'listName', 'query', 'feedUrl'],
    },
  },
  {
    route: 'PUT /api/workspaces/:workspaceId/boards/:boardId/columns/order',
    body: {
      valid: () => ({ columnIds: [ids.columnId] }),
      required: ['columnIds'],
      nestedText: { 'columnIds.0': () => ({ columnIds: ['Nul\u0000byte'] }) },
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/boards/:boardId/items' },
  {
    route: 'GET /api/workspaces/:workspaceId/boards/:boardId/columns/:columnId/items',
    query: { valid: () => ({ cursor: FROM_THE_START }), required: ['cursor'], invalid: { cursor: '' } },
  },
  {
    // A valid request holds the stream open for the shortest timeout, 5 seconds.
    route: 'GET /api/workspaces/:workspaceId/boards/:boardId/events',
    query: { valid: () => ({ timeout: '5' }), required: [], invalid: { timeout: 'soon' } },
  },
  // Last of the board routes: the others read the fixture board and its column.
  { route: 'DELETE /api/workspaces/:workspaceId/boards/:boardId/columns/:columnId', body: emptyBody },
  { route: 'DELETE /api/workspaces/:workspaceId/boards/:boardId', body: emptyBody },
  {
    route: 'POST /api/workspaces/:workspaceId/streams/actions',
    body: {
      valid: () => ({
        accountId: ids.accountId,
        action: 'like',
        postId: streams.postId,
        postCid: 'bafyreicid',
      }),
      required: ['accountId', 'action', 'postId'],
      text: ['postId', 'postCid'],
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/streams/replies',
    body: {
      valid: () => ({
        accountId: ids.accountId,
        text: 'Agreed, and well put.',
        kind: 'reply',
        postId: streams.postId,
        postCid: 'bafyreicid',
        postUrl: streams.postUrl,
        rootId: streams.postId,
        rootCid: 'bafyreicid',
        rootUrl: streams.postUrl,
      }),
      required: ['accountId', 'text', 'kind', 'postId', 'postUrl'],
      text: ['text', 'postId', 'postCid', 'postUrl', 'rootId', 'rootCid', 'rootUrl'],
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/accounts/:accountId/lists' },
  {
    route: 'POST /api/workspaces/:workspaceId/accounts/:accountId/lists',
    body: {
      valid: () => ({ name: 'Friends', description: 'People we read' }),
      required: ['name'],
      text: ['name', 'description'],
    },
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId',
    body: {
      valid: () => ({ name: 'Close friends', description: 'People we read daily' }),
      required: ['name'],
      text: ['name', 'description'],
    },
  },
  { route: 'DELETE /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId', body: emptyBody },
  { route: 'GET /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId/members' },
  {
    route: 'POST /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId/members',
    body: { valid: () => ({ actorId: ids.actorId }), required: ['actorId'], text: ['actorId'] },
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId/members/:actorId',
    body: emptyBody,
  },
  {
    route: 'GET /api/workspaces/:workspaceId/accounts/:accountId/actors',
    query: { valid: () => ({ q: 'bob' }), required: ['q'], invalid: { q: '' } },
  },
  { route: 'GET /api/workspaces/:workspaceId/list-templates' },
  {
    route: 'POST /api/workspaces/:workspaceId/list-templates',
    body: {
      valid: () => structuredClone(LIST_TEMPLATE),
      required: ['name', 'members'],
      text: ['name', 'description'],
      nestedText: {
        'members.1.handle': () => ({
          ...structuredClone(LIST_TEMPLATE),
          members: [LIST_TEMPLATE.members[0], { network: 'mastodon', handle: 'Nul\u0000byte' }],
        }),
      },
    },
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/list-templates/:templateId',
    body: {
      valid: () => ({ ...structuredClone(LIST_TEMPLATE), name: 'Learning, revised' }),
      required: ['name', 'members'],
      text: ['name', 'description'],
      nestedText: {
        'members.0.handle': () => ({
          ...structuredClone(LIST_TEMPLATE),
          members: [{ network: 'bluesky', handle: 'Nul\u0000byte' }],
        }),
      },
    },
  },
  { route: 'DELETE /api/workspaces/:workspaceId/list-templates/:templateId', body: emptyBody },
  {
    route: 'POST /api/workspaces/:workspaceId/list-templates/:templateId/apply',
    body: { valid: () => ({ accountId: ids.accountId, boardId: ids.boardId }), required: ['accountId'] },
  },

  { route: 'GET /api/workspaces/:workspaceId/listening/queries' },
  {
    route: 'POST /api/workspaces/:workspaceId/listening/queries',
    body: {
      valid: () => structuredClone(LISTENING_QUERY),
      required: ['name', 'query'],
      text: ['name', 'query'],
      nestedText: {
        'mastodonInstances.0': () => ({
          ...structuredClone(LISTENING_QUERY),
          mastodonInstances: ['Nul\u0000byte'],
        }),
        'feedUrls.1': () => ({
          ...structuredClone(LISTENING_QUERY),
          feedUrls: [LISTENING_QUERY.feedUrls[0], 'https://93.184.215.14/\u0000.xml'],
        }),
      },
      refuse: REFUSED_QUERY_VALUES,
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/listening/queries/:queryId' },
  {
    route: 'PATCH /api/workspaces/:workspaceId/listening/queries/:queryId',
    body: {
      valid: () => ({ ...structuredClone(LISTENING_QUERY), name: 'Mango brand, revised', query: 'mango' }),
      required: [],
      text: ['name', 'query'],
      nestedText: {
        'mastodonInstances.0': () => ({ mastodonInstances: ['Nul\u0000byte'] }),
        'feedUrls.0': () => ({ feedUrls: ['Nul\u0000byte'] }),
      },
      refuse: REFUSED_QUERY_VALUES,
    },
  },
  { route: 'DELETE /api/workspaces/:workspaceId/listening/queries/:queryId', body: emptyBody },
  {
    route: 'POST /api/workspaces/:workspaceId/listening/preview',
    body: {
      valid: () => ({ query: 'mango AND NOT terrible' }),
      required: ['query'],
      text: ['query'],
      refuse: UNREADABLE_QUERIES,
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/queries/:queryId/mentions',
    query: {
      valid: () => ({
        from: HEARD_FROM,
        to: HEARD_TO,
        sentiment: 'positive',
        lang: 'en',
        source: 'bluesky',
        contains: 'mango',
        before: '1000000',
        limit: '10',
      }),
      required: [],
      invalid: {
        from: 'next tuesday',
        to: '2025-13-45T99:00:00Z',
        sentiment: 'angry',
        lang: 'english',
        source: 'twitter',
        contains: 'nul\u0000byte',
        before: 'soon',
        limit: '101',
      },
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/queries/:queryId/timeline',
    query: {
      valid: () => ({ from: HEARD_FROM, to: HEARD_TO, interval: 'hour', timeZone: 'Asia/Dhaka' }),
      required: [],
      invalid: { from: 'next tuesday', to: 'tomorrow', interval: 'week', timeZone: 'x'.repeat(65) },
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/queries/:queryId/top',
    query: {
      valid: () => ({ from: HEARD_FROM, to: HEARD_TO, limit: '20' }),
      required: [],
      invalid: { from: 'yesterday', to: 'soon', limit: '51' },
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/share-of-voice',
    query: {
      valid: () => ({ from: HEARD_FROM, to: HEARD_TO, queryIds: `${ids.queryId},${listening.rivalId}` }),
      required: ['queryIds'],
      invalid: { from: 'yesterday', to: 'soon', queryIds: ',' },
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/alerts',
    query: {
      valid: () => ({ unread: 'true', queryId: ids.queryId, limit: '20' }),
      required: [],
      invalid: { unread: 'yes', queryId: 'not-a-uuid', limit: '201' },
    },
  },
  { route: 'POST /api/workspaces/:workspaceId/listening/alerts/:alertId/read', body: emptyBody },
  { route: 'GET /api/workspaces/:workspaceId/listening/retention' },
  {
    route: 'PUT /api/workspaces/:workspaceId/listening/retention',
    body: {
      valid: () => ({ days: 30 }),
      required: ['days'],
      refuse: [
        ['days', 0],
        ['days', 3651],
        ['days', 2.5],
        ['days', -30],
      ],
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/comments',
    query: {
      valid: () => ({ subjectType: 'post', subjectId: ids.postId, after: FIRST_COMMENTS, limit: '50' }),
      required: ['subjectType', 'subjectId'],
      invalid: { subjectType: 'note', subjectId: 'not-a-uuid', after: 'x'.repeat(201), limit: '201' },
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/comments',
    body: {
      valid: () => ({ subjectType: 'post', subjectId: ids.postId, body: 'Looks right to me, @editor.' }),
      required: ['subjectType', 'subjectId', 'body'],
      text: ['body'],
      refuse: [
        ['subjectType', 'note'],
        ['subjectType', 'POST', 'a subject type in capitals'],
        ['subjectId', 'not-a-uuid'],
        ['subjectId', `${NOWHERE}x`, 'a uuid with a character more'],
        ...REFUSED_COMMENT_BODIES,
      ],
    },
  },
  {
    route: 'PATCH /api/comments/:commentId',
    body: {
      valid: () => ({ body: 'Edited: over to you, @editor.' }),
      required: ['body'],
      text: ['body'],
      refuse: REFUSED_COMMENT_BODIES,
    },
  },
  { route: 'DELETE /api/comments/:commentId', body: emptyBody },
  {
    route: 'GET /api/workspaces/:workspaceId/notifications',
    query: {
      valid: () => ({ before: FIRST_NOTIFICATIONS, limit: '20', unread: 'true' }),
      required: [],
      invalid: { before: 'x'.repeat(201), limit: '101', unread: 'yes' },
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/notifications/unread-count' },
  { route: 'POST /api/notifications/:notificationId/read', body: emptyBody },
  { route: 'POST /api/workspaces/:workspaceId/notifications/read-all', body: emptyBody },
  {
    route: 'GET /api/workspaces/:workspaceId/audit-events',
    query: {
      valid: () => ({
        action: 'comment.created',
        actionPrefix: 'comment.',
        actorId: ids.userId,
        targetType: 'comment',
        targetId: team.mentionCommentId,
        from: HEARD_FROM,
        to: FAR_AHEAD,
        before: '1000000',
        limit: '50',
      }),
      required: [],
      invalid: {
        action: 'x'.repeat(101),
        actionPrefix: 'nul\u0000byte',
        actorId: 'not-a-uuid',
        targetType: '',
        targetId: 'x'.repeat(201),
        from: 'next tuesday',
        to: '2025-13-45T99:00:00Z',
        before: '-3',
        limit: '201',
      },
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/audit-events.csv',
    query: {
      valid: () => ({
        action: 'comment.created',
        actionPrefix: 'comment.',
        actorId: ids.userId,
        targetType: 'comment',
        targetId: team.mentionCommentId,
        from: HEARD_FROM,
        to: FAR_AHEAD,
      }),
      required: [],
      invalid: {
        action: '   ',
        actionPrefix: 'x'.repeat(101),
        actorId: '42',
        targetType: 'nul\u0000byte',
        targetId: '',
        from: '2025-03-31',
        to: '2025-03-31T10:00:00',
      },
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/approval-chains' },
  { route: 'GET /api/workspaces/:workspaceId/accounts/:accountId/approval-chain' },
  {
    route: 'PUT /api/workspaces/:workspaceId/accounts/:accountId/approval-chain',
    body: {
      valid: () => ({ steps: [{ approverRole: 'editor' }, { approverUserId: ids.userId }] }),
      required: ['steps'],
      refuse: [
        ['steps', Array.from({ length: 4 }, () => ({ approverRole: 'editor' })), 'four steps'],
        ['steps.0', 'editor', 'a step that is no object'],
        ['steps.0.approverRole', 'boss'],
        ['steps.0.approverRole', 'EDITOR', 'a role in capitals'],
        ['steps.0.approverRole', 42],
        ['steps.1.approverUserId', 'not-a-uuid'],
        ['steps.1.approverUserId', `${NOWHERE}x`, 'a uuid with a character more'],
        ['steps.1.bogus', 'x', 'an unknown field in a step'],
      ],
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/approvals',
    query: { valid: () => ({ all: 'true' }), required: [], invalid: { all: 'yes' } },
  },
  { route: 'GET /api/posts/:postId/approval' },
  {
    route: 'POST /api/posts/:postId/approval/decisions',
    body: {
      valid: () => ({ accountId: ids.accountId, decision: 'approved', comment: 'Reads well.', step: 1 }),
      required: ['decision'],
      text: ['comment'],
      refuse: [
        ['decision', 'maybe'],
        ['decision', 'APPROVED', 'a decision in capitals'],
        ['decision', 'approve', 'the verb instead of approved'],
        ['comment', 'x'.repeat(2001), '2,001 characters'],
        ['step', 0],
        ['step', 4],
        ['step', 1.5],
        ['step', -1],
        ['accountId', 'not-a-uuid'],
      ],
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/crisis' },
  {
    route: 'POST /api/workspaces/:workspaceId/crisis/start',
    body: {
      valid: () => ({ reason: 'A recall of the spring batch' }),
      required: ['reason'],
      text: ['reason'],
      refuse: [
        ['reason', '', 'empty'],
        ['reason', '  ab  ', 'two characters once trimmed'],
        ['reason', 'x'.repeat(501), '501 characters'],
      ],
    },
  },
  { route: 'POST /api/workspaces/:workspaceId/crisis/end', body: emptyBody },
  { route: 'GET /api/workspaces/:workspaceId/crisis/review' },
  {
    route: 'POST /api/workspaces/:workspaceId/crisis/review/:postId',
    body: {
      valid: () => ({ action: 'reschedule', scheduledAt: '2030-01-01T09:00:00Z' }),
      required: ['action', 'scheduledAt'],
      refuse: [
        ['action', 'postpone'],
        ['action', 'DISCARD', 'an action in capitals'],
        ['scheduledAt', 'tomorrow'],
        ['scheduledAt', '', 'empty'],
        ['scheduledAt', '2030-02-30T09:00:00Z', 'a day February 2030 does not have'],
        ['scheduledAt', '2030-02-29T09:00:00Z', '29 February of a year that is no leap year'],
        ['scheduledAt', '2030-01-01T24:30:00Z', 'half past hour 24'],
        ['scheduledAt', '2030-13-01T09:00:00Z', 'month 13'],
        ['scheduledAt', '2030-01-01T09:00:00', 'a time without its offset'],
        ['scheduledAt', '2030-01-01', 'a date without a time'],
        ['scheduledAt', '+012030-01-01T09:00:00Z', 'a year of six digits'],
      ],
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/crisis/history' },
  {
    route: 'POST /api/posts/:postId/publish-anyway',
    body: {
      valid: () => ({ confirm: true }),
      required: ['confirm'],
      refuse: [
        ['confirm', false],
        ['confirm', 'true', 'true as text'],
        ['confirm', 1],
      ],
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/holding-statements' },
  {
    route: 'POST /api/workspaces/:workspaceId/holding-statements',
    body: {
      valid: () => ({
        title: 'We are looking into it',
        text: 'We know and will update you within the hour.',
      }),
      required: ['title', 'text'],
      text: ['title', 'text'],
      refuse: REFUSED_STATEMENT_FIELDS,
    },
  },
  {
    route: 'PATCH /api/holding-statements/:id',
    body: {
      valid: () => ({ title: 'Still looking into it', text: 'An update within the next hour.' }),
      required: [],
      text: ['title', 'text'],
      refuse: REFUSED_STATEMENT_FIELDS,
    },
  },
  { route: 'DELETE /api/holding-statements/:id', body: emptyBody },
  { route: 'GET /api/workspaces/:workspaceId/stakeholder-contacts' },
  {
    route: 'POST /api/workspaces/:workspaceId/stakeholder-contacts',
    body: {
      valid: () => ({ ...CONTACT }),
      required: ['name'],
      text: ['name', 'role', 'email', 'phone', 'notes'],
      nullFields: ['email', 'phone'],
      refuse: REFUSED_CONTACT_FIELDS,
    },
  },
  {
    route: 'PATCH /api/stakeholder-contacts/:id',
    body: {
      valid: () => ({ ...CONTACT, name: 'Farhana C.' }),
      required: [],
      text: ['name', 'role', 'email', 'phone', 'notes'],
      nullFields: ['email', 'phone'],
      refuse: REFUSED_CONTACT_FIELDS,
    },
  },
  { route: 'DELETE /api/stakeholder-contacts/:id', body: emptyBody },
  {
    route: 'GET /api/workspaces/:workspaceId/inbox/items',
    query: {
      valid: () => ({
        accountId: ids.accountId,
        kind: 'mention',
        state: 'open',
        assignee: 'me',
        tag: 'urgent',
        q: 'mango',
        cursor: FIRST_INBOX_ITEMS,
        limit: '20',
      }),
      required: [],
      invalid: {
        accountId: 'not-a-uuid',
        kind: 'like',
        state: 'closed',
        assignee: 'someone',
        tag: 'x'.repeat(41),
        q: 'x'.repeat(201),
        cursor: 'x'.repeat(201),
        limit: '101',
      },
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/inbox/items/:itemId' },
  {
    route: 'PUT /api/workspaces/:workspaceId/inbox/items/:itemId/assignee',
    body: {
      valid: () => ({ userId: ids.userId }),
      required: ['userId'],
      nullFields: ['userId'],
      refuse: [
        ['userId', 'not-a-uuid'],
        ['userId', '', 'empty'],
        ['userId', 'me', 'me instead of an id'],
      ],
    },
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/inbox/items/:itemId/tags',
    body: {
      valid: () => ({ add: ['urgent'], remove: ['billing'] }),
      required: [],
      nestedText: {
        'add.0': () => ({ add: ['nul\u0000byte'] }),
        'remove.0': () => ({ remove: ['nul\u0000byte'] }),
      },
      refuse: [
        ['add', Array.from({ length: 21 }, (_, i) => `tag${i}`), '21 tags'],
        ['add.0', 'x'.repeat(101), 'a tag of 101 characters'],
        ['add.0', 42, 'a tag that is a number'],
        ['remove.0', null, 'a tag that is null'],
        ['remove', 'billing', 'one tag not in a list'],
      ],
    },
  },
  { route: 'POST /api/workspaces/:workspaceId/inbox/items/:itemId/resolve', body: emptyBody },
  { route: 'POST /api/workspaces/:workspaceId/inbox/items/:itemId/reopen', body: emptyBody },
  {
    route: 'POST /api/workspaces/:workspaceId/inbox/items/:itemId/replies',
    body: {
      valid: () => ({ text: 'Thank you, we are on it.', resolve: true }),
      required: ['text'],
      text: ['text'],
      refuse: [
        ['text', '', 'empty'],
        ['text', ' \n\t ', 'only white space'],
        ['text', 'x'.repeat(10_001), '10,001 characters'],
        ['resolve', 'true', 'true as text'],
      ],
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/inbox/counts' },
  { route: 'GET /api/workspaces/:workspaceId/inbox/sources' },
  {
    route: 'GET /api/workspaces/:workspaceId/inbox/events',
    query: { valid: () => ({ timeout: '0' }), required: [], invalid: { timeout: 'soon' } },
  },
  { route: 'GET /api/workspaces/:workspaceId/saved-replies' },
  {
    route: 'POST /api/workspaces/:workspaceId/saved-replies',
    body: {
      valid: () => ({ title: 'Thanks', text: 'Thank you for telling us.' }),
      required: ['title', 'text'],
      text: ['title', 'text'],
      refuse: REFUSED_SAVED_REPLY_FIELDS,
    },
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/saved-replies/:replyId',
    body: {
      valid: () => ({ title: 'Thanks again', text: 'Thank you, we will look at it today.' }),
      required: [],
      text: ['title', 'text'],
      refuse: REFUSED_SAVED_REPLY_FIELDS,
    },
  },
  { route: 'DELETE /api/workspaces/:workspaceId/saved-replies/:replyId', body: emptyBody },
];

const splitRoute = (route: string) => route.split(' ') as [Method, string];
const paramsOf = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1] as keyof typeof ids);

/** The route's path with real ids, except the overridden parameters. */
function urlOf(path: string, override: Partial<Record<keyof typeof ids, string>> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: keyof typeof ids) => override[name] ?? ids[name]);
}

/** The path with a query string, when the route takes one. */
function withQuery(url: string, query: Record<string, string> | undefined): string {
  return query && Object.keys(query).length > 0 ? `${url}?${new URLSearchParams(query)}` : url;
}

function queryCases(spec: RouteSpec): Case[] {
  const [, path] = splitRoute(spec.route);
  const query = spec.query!;
  const payload = spec.body ? () => JSON.stringify(spec.body!.valid()) : undefined;
  const bad = (name: string, value: () => Record<string, string>, field: string): Case => ({
    name,
    url: () => withQuery(urlOf(path), value()),
    payload,
    status: 400,
    error: 'validation_failed',
    field,
    known: Object.keys(query.valid()),
  });
  const cases: Case[] = [];
  for (const param of query.required) {
    cases.push(
      bad(
        `without the query parameter ${param}`,
        () => {
          const { [param]: _left, ...rest } = query.valid();
          return rest;
        },
        param,
      ),
    );
  }
  for (const [param, value] of Object.entries(query.invalid)) {
    cases.push(
      bad(
        `the query parameter ${param} as ${JSON.stringify(value)}`,
        () => ({ ...query.valid(), [param]: value }),
        param,
      ),
    );
  }
  cases.push(bad('an unknown query parameter', () => ({ ...query.valid(), bogus: 'x' }), 'bogus'));
  return cases;
}

function imageCases(spec: RouteSpec): Case[] {
  const [, path] = splitRoute(spec.route);
  const url = () => urlOf(path);
  return [
    {
      name: 'JSON instead of an image',
      url,
      payload: () => '{"image": "x"}',
      status: 415,
      error: 'unsupported_media_type',
    },
    {
      name: 'text labelled as a PNG',
      url,
      payload: () => 'not a picture',
      contentType: 'image/png',
      status: 400,
    },
    { name: 'an empty PNG', url, payload: () => '', contentType: 'image/png', status: 400 },
    {
      name: 'text/plain',
      url,
      payload: () => 'hello',
      contentType: 'text/plain',
      status: 415,
      error: 'unsupported_media_type',
    },
    {
      name: 'a file over the upload limit',
      url,
      payload: () => 'x'.repeat(2_100_000),
      contentType: 'image/png',
      status: 413,
    },
  ];
}

/** A zip archive with nothing in it. */
const EMPTY_ZIP = Buffer.from(zipSync({}));

function zipCases(spec: RouteSpec): Case[] {
  const [, path] = splitRoute(spec.route);
  const url = () => urlOf(path);
  const zip = 'application/zip';
  return [
    {
      name: 'JSON instead of a zip',
      url,
      payload: () => '{"zip": "x"}',
      status: 415,
      error: 'unsupported_media_type',
    },
    { name: 'malformed JSON', url, payload: () => '{"zip": ', status: 400, error: 'invalid_json' },
    {
      name: 'text/plain',
      url,
      payload: () => 'hello',
      contentType: 'text/plain',
      status: 415,
      error: 'unsupported_media_type',
    },
    {
      name: 'a form-encoded body',
      url,
      payload: () => 'zip=x',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
      error: 'unsupported_media_type',
    },
    { name: 'an empty body labelled as a zip', url, payload: () => '', contentType: zip, status: 400 },
    { name: 'an empty zip archive', url, payload: () => EMPTY_ZIP, contentType: zip, status: 400 },
    { name: 'text labelled as a zip', url, payload: () => 'not a zip', contentType: zip, status: 400 },
    {
      name: 'a zip with a course.json that is not JSON',
      url,
      payload: () => Buffer.from(zipSync({ 'course.json': strToU8('{ "slug": ') })),
      contentType: 'application/x-zip-compressed',
      status: 400,
    },
    {
      name: 'a file over the 5 MB limit',
      url,
      payload: () => Buffer.alloc(5 * 1024 * 1024 + 1),
      contentType: zip,
      status: 413,
      error: 'body_too_large',
    },
  ];
}

const WRONG_TYPES: [string, unknown][] = [
  ['a number', 42],
  ['a boolean', true],
  ['an object', { value: 'x' }],
  ['an array', ['x']],
  ['null', null],
];

/** A copy of the body with the value at the dotted path (e.g. "feedUrls.0"). */
function withValueAt(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy;
}

function bodyCases(spec: RouteSpec): Case[] {
  const [, path] = splitRoute(spec.route);
  const body = spec.body!;
  const url = () => urlOf(path);
  const valid = body.valid;
  const json = (value: unknown) => JSON.stringify(value);
  const known = Object.keys(valid());
  const invalid = (name: string, payload: () => string, field: string): Case => ({
    name,
    url,
    payload,
    status: 400,
    error: 'validation_failed',
    field,
    known,
  });
  const cases: Case[] = [
    {
      name: 'malformed JSON',
      url,
      payload: () => '{"name": "unfinished',
      status: 400,
      error: 'invalid_json',
    },
    { name: 'an empty body labelled JSON', url, payload: () => '', status: 400, error: 'invalid_json' },
    invalid('a JSON array', () => '[]', 'body'),
    invalid('the valid body inside an array', () => json([valid()]), 'body'),
    invalid('a JSON string', () => '"hello"', 'body'),
    invalid('a JSON number', () => '42', 'body'),
    invalid('a JSON boolean', () => 'true', 'body'),
  ];
  if (!body.nullable) cases.push(invalid('JSON null', () => 'null', 'body'));
  for (const field of body.required) {
    cases.push(
      invalid(`without the required field ${field}`, () => json({ ...valid(), [field]: undefined }), field),
    );
  }
  const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  for (const [field, good] of Object.entries(valid())) {
    const takesNull = body.nullFields?.includes(field);
    for (const [label, value] of WRONG_TYPES.filter(
      ([, wrong]) => kind(wrong) !== kind(good) && !(takesNull && wrong === null),
    ))
      cases.push(invalid(`${field} as ${label}`, () => json({ ...valid(), [field]: value }), field));
  }
  cases.push(invalid('an unknown field', () => json({ ...valid(), bogus: 'x' }), 'bogus'));
  for (const field of body.text ?? []) {
    const value = field === 'email' ? 'nul\u0000byte@example.com' : 'Nul\u0000byte';
    cases.push({
      name: `${field} with a NUL character`,
      url,
      payload: () => json({ ...valid(), [field]: value }),
      status: 400,
      field,
      known,
    });
  }
  for (const [field, withNul] of Object.entries(body.nestedText ?? {})) {
    cases.push({
      name: `${field} with a NUL character`,
      url,
      payload: () => json(withNul()),
      status: 400,
      field,
      known,
    });
  }
  for (const [path, value, label] of body.refuse ?? []) {
    cases.push({
      name: `${path} as ${label ?? JSON.stringify(value)}`,
      url,
      payload: () => json(withValueAt(valid(), path, value)),
      status: 400,
      field: path,
      known,
    });
  }
  cases.push(
    {
      name: 'a JSON string one byte over the body limit',
      url,
      payload: () => json('x'.repeat(BODY_LIMIT_BYTES - 1)),
      status: 413,
      error: 'body_too_large',
    },
    {
      name: 'the valid body padded over the body limit',
      url,
      payload: () => json({ ...valid(), padding: 'x'.repeat(BODY_LIMIT_BYTES) }),
      status: 413,
      error: 'body_too_large',
    },
    {
      name: 'the valid body sent as text/plain',
      url,
      payload: () => json(valid()),
      contentType: 'text/plain',
      status: 415,
      error: 'unsupported_media_type',
    },
    {
      name: 'a form-encoded body',
      url,
      payload: () => 'name=x',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
      error: 'unsupported_media_type',
    },
  );
  return cases;
}

function paramCases(spec: RouteSpec): Case[] {
  const [, path] = splitRoute(spec.route);
  const body = spec.body;
  const payload = body ? () => JSON.stringify(body.valid()) : undefined;
  const cases: Case[] = [];
  for (const param of paramsOf(path)) {
    // The error code, when the route's own check (not the schema) refuses the value.
    const bad: [string, string, number, string?][] =
      param === 'token'
        ? [
            ['a token too short', 'short', 400],
            ['a token too long', 'x'.repeat(201), 414],
            ['an unknown token', 'an-unknown-invitation-token', 404],
          ]
        : param === 'code'
          ? [
              ['a code in the wrong format', 'ABC-1234', 400, 'invalid_request'],
              ['a code with characters no code has', 'KLR_2345_6789', 400],
              ['a code too long', 'KLR-'.repeat(12), 400],
              ['a well-formed code nobody holds', 'KLR-2345-6789', 404],
            ]
          : param === 'listId' || param === 'actorId'
            ? // Ids on the networks (at:// URIs, DIDs, Mastodon ids), not uuids; an unknown one is the network's to say.
              [
                [`${param} too long`, 'x'.repeat(301), 414],
                [`${param} with a NUL character`, 'nul%00byte', 400],
              ]
            : [
                [`${param} not a uuid`, 'not-a-uuid', 400],
                [`${param} a number`, '42', 400],
                [`${param} an unknown uuid`, NOWHERE, 404],
              ];
    for (const [name, value, status, error] of bad) {
      cases.push({
        name,
        url: () => withQuery(urlOf(path, { [param]: value }), spec.query?.valid()),
        payload,
        status: status === 414 ? 400 : status,
        alternative: status === 414 ? 414 : undefined,
        error: error ?? (status === 404 ? 'not_found' : status === 414 ? undefined : 'validation_failed'),
        field: status === 400 ? param : undefined,
      });
    }
    cases.push({
      name: `${param} with broken percent-encoding`,
      url: () => withQuery(urlOf(path, { [param]: 'broken%ZZpercent' }), spec.query?.valid()),
      payload,
      status: 400,
    });
  }
  return cases;
}

/** Sends the route's valid body and query as the owner. */
function sendValid(route: string, override: Partial<typeof ids> = {}) {
  const [method, path] = splitRoute(route);
  const spec = ROUTES.find((r) => r.route === route)!;
  return send('owner', method, {
    url: withQuery(urlOf(path, override), spec.query?.valid()),
    payload: spec.body ? JSON.stringify(spec.body.valid()) : undefined,
  });
}

interface Request {
  url: string;
  payload?: string | Buffer;
  contentType?: string;
}

function send(audience: Audience, method: Method, r: Request) {
  const headers: Record<string, string> = {};
  if (audience === 'owner') headers.cookie = ownerCookie;
  if (r.payload !== undefined) headers['content-type'] = r.contentType ?? 'application/json';
  const options: InjectOptions = { method, url: r.url, remoteAddress: IP, headers };
  if (r.payload !== undefined) options.payload = r.payload;
  return app.api.inject(options);
}

function expectErrorBody(response: LightMyRequestResponse, c: Case) {
  expect([c.status, c.alternative ?? c.status], response.body).toContain(response.statusCode);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(Object.keys(body).filter((key) => !['error', 'message', 'fields'].includes(key))).toEqual([]);
  expect(body.error).toMatch(/^[a-z_]+$/);
  expect(typeof body.message === 'string' && body.message.trim().length > 0).toBe(true);
  if (body.fields !== undefined) {
    expect(typeof body.fields === 'object' && !Array.isArray(body.fields)).toBe(true);
    for (const problem of Object.values(body.fields)) expect(problem).toMatch(/\S/);
  }
  if (c.error) expect(body.error).toBe(c.error);
  if (c.field) expect(body.fields ?? {}, response.body).toHaveProperty([c.field], expect.any(String));
  const calledUnknown = Object.entries(body.fields ?? {})
    .filter(([, problem]) => problem === 'Unknown field.')
    .map(([field]) => field);
  expect(
    calledUnknown.filter((field) => c.known?.includes(field)),
    'known fields called unknown',
  ).toEqual([]);
}

let fingerprintSql: string | undefined;

/** Row count and a digest of the contents of every table in the public schema. */
async function fingerprint(): Promise<Record<string, string>> {
  const run = async (sql: string) => (await app.database.executor.executeSql(sql)).rows;
  if (!fingerprintSql) {
    const tables = await run(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    expect(tables.length).toBeGreaterThan(5);
    fingerprintSql = tables
      .map(
        ({ table_name: table }) =>
          `SELECT '${table}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS d FROM public."${table}" x`,
      )
      .join(' UNION ALL ');
  }
  const result: Record<string, string> = {};
  for (const row of await run(fingerprintSql)) result[row.t] = `${row.n} rows ${row.d}`;
  return result;
}

const rowCounts = async () =>
  Object.fromEntries(
    Object.entries(await fingerprint()).map(([table, value]) => [table, value.split(' ')[0]!]),
  );

/** Sends the case and checks the answer, and that no table changed. */
async function check(audience: Audience, method: Method, c: Case) {
  const before = await fingerprint();
  const response = await send(audience, method, {
    url: c.url(),
    payload: c.payload?.(),
    contentType: c.contentType,
  });
  expect(response.statusCode, response.body).toBeLessThan(500);
  expectErrorBody(response, c);
  expect(await fingerprint()).toEqual(before);
}

const statusOf = (c: Case) => (c.alternative ? `${c.status} or ${c.alternative}` : `${c.status}`);

function battery(spec: RouteSpec, audiences: Audience[]) {
  const [method] = splitRoute(spec.route);
  describe(spec.route, () => {
    for (const audience of audiences) {
      if (spec.body) {
        for (const c of bodyCases(spec))
          it(`${audience}: ${c.name} -> ${statusOf(c)}`, () => check(audience, method, c));
      } else if (spec.image) {
        for (const c of imageCases(spec))
          it(`${audience}: ${c.name} -> ${statusOf(c)}`, () => check(audience, method, c));
      } else if (spec.zip) {
        for (const c of zipCases(spec))
          it(`${audience}: ${c.name} -> ${statusOf(c)}`, () => check(audience, method, c));
      } else {
        it(`${audience}: ignores a malformed JSON body on a GET`, async () => {
          const response = await send(audience, method, {
            url: withQuery(urlOf(splitRoute(spec.route)[1]), spec.query?.valid()),
            payload: '{oops',
          });
          expect(response.statusCode, response.body).toBe(spec.plainGetStatus ?? 200);
        });
      }
      if (spec.query) {
        for (const c of queryCases(spec))
          it(`${audience}: ${c.name} -> ${statusOf(c)}`, () => check(audience, method, c));
      }
      for (const c of paramCases(spec))
        it(`${audience}: ${c.name} -> ${statusOf(c)}`, () => check(audience, method, c));
    }
  });
}

beforeAll(async () => {
  [app, stub] = await Promise.all([startTestApp(), startMastodonApiStub()]);
});
afterAll(async () => {
  await app?.close();
  await stub?.close();
});

it('has an entry for every /api route the server registers, and none for a route that is gone', () => {
  expect(ROUTES.map((r) => r.route).sort()).toEqual(registeredApiRoutes(app.api));
});

describe('before first-start setup', () => {
  let before: Record<string, string>;
  beforeAll(async () => {
    before = await fingerprint();
  });
  battery(ROUTES.find((r) => r.route === 'POST /api/setup')!, ['signed out']);
  it('is still waiting for setup, with nothing written', async () => {
    expect((await send('signed out', 'GET', { url: '/api/setup' })).json()).toEqual({ needed: true });
    expect(await fingerprint()).toEqual(before);
  });
});

describe('after setup', () => {
  let countsBefore: Record<string, string>;
  beforeAll(async () => {
    const setup = await send('signed out', 'POST', {
      url: '/api/setup',
      payload: JSON.stringify(ROUTES.find((r) => r.route === 'POST /api/setup')!.body!.valid()),
    });
    expect(setup.statusCode).toBe(201);
    ownerCookie = `kolorob_session=${setup.cookies.find((c) => c.name === 'kolorob_session')!.value}`;
    ids.workspaceId = setup.json().workspaces[0].id;
    const memberInvite = await send('owner', 'POST', {
      url: `/api/workspaces/${ids.workspaceId}/invitations`,
      payload: JSON.stringify({ role: 'editor' }),
    });
    const memberToken = memberInvite.json().link.split('/invite/')[1];
    const joined = await send('signed out', 'POST', {
      url: `/api/invitations/${memberToken}/accept`,
      payload: JSON.stringify({ name: 'Eli Editor', email: 'editor@example.com', password: PASSWORD }),
    });
    expect(joined.statusCode).toBe(200);
    ids.userId = joined.json().user.id;
    editorCookie = `kolorob_session=${joined.cookies.find((c) => c.name === 'kolorob_session')!.value}`;
    const pending = await send('owner', 'POST', {
      url: `/api/workspaces/${ids.workspaceId}/invitations`,
      payload: JSON.stringify({ role: 'viewer' }),
    });
    ids.invitationId = pending.json().id;
    ids.token = pending.json().link.split('/invite/')[1];
    const mailBefore = app.mail.length;
    await send('signed out', 'POST', {
      url: '/api/auth/password-reset',
      payload: JSON.stringify({ email: OWNER_EMAIL }),
    });
    const mail = await eventually(() => app.mail.slice(mailBefore).find((m) => m.to === OWNER_EMAIL));
    resetToken = /reset-password\?token=([\w-]+)/.exec(mail.text)![1]!;
    // A connected account for the account routes to name, on the Mastodon-API stand-in (whose own
    // account is alice), so valid list and stream calls reach a server; connecting one for real needs a network.
    const account = await app.database.executor.executeSql(
      `INSERT INTO social_accounts (workspace_id, network, remote_id, handle, display_name, service_url, credentials_sealed)
       VALUES ($1, 'mastodon', $2, 'alice', 'Fixture', $3, $4) RETURNING id`,
      [
        ids.workspaceId,
        stub.streams.ownAccountId,
        stub.instanceUrl,
        app.ctx.secretBox.seal(
          JSON.stringify({ instanceUrl: stub.instanceUrl, accessToken: stub.accessToken }),
        ),
      ],
    );
    ids.accountId = account.rows[0].id;
    const post = await send('owner', 'POST', {
      url: `/api/workspaces/${ids.workspaceId}/posts`,
      payload: JSON.stringify({
        text: 'A scheduled post',
        targets: [{ accountId: ids.accountId }],
        mode: 'schedule',
        scheduledAt: '2030-01-01T09:00:00Z',
      }),
    });
    expect(post.statusCode, post.body).toBe(201);
    ids.postId = post.json().id;
    ids.targetId = post.json().targets[0].id;
    const image = await app.api.inject({
      method: 'POST',
      url: `/api/workspaces/${ids.workspaceId}/media`,
      headers: { cookie: ownerCookie, 'content-type': 'image/png' },
      payload: Buffer.from(png(3, 3)),
    });
    expect(image.statusCode, image.body).toBe(201);
    ids.mediaId = image.json().id;
    // A published course, written directly, with a question the owner asked and an answer to it.
    const course = await app.database.executor.executeSql(
      `INSERT INTO courses (workspace_id, slug, language, title, skills, status)
       VALUES ($1, 'fixture-course', 'en', 'Crisis desk', '["crisis"]'::jsonb, 'published') RETURNING id`,
      [ids.workspaceId],
    );
    ids.courseId = course.rows[0].id;
    const question = await send('owner', 'POST', {
      url: `/api/academy/courses/${ids.courseId}/questions`,
      payload: JSON.stringify({ title: 'A fixture question' }),
    });
    expect(question.statusCode, question.body).toBe(201);
    ids.questionId = question.json().id;
    const answer = await send('owner', 'POST', {
      url: `/api/academy/questions/${ids.questionId}/answers`,
      payload: JSON.stringify({ body: 'A fixture answer' }),
    });
    expect(answer.statusCode, answer.body).toBe(201);
    ids.answerId = answer.json().id;

    // The starter courses are not what this suite feeds: the workspace counts as having had them.
    await app.database.executor.executeSql('UPDATE workspaces SET academy_seeded_at = now() WHERE id = $1', [
      ids.workspaceId,
    ]);
    const ownerJson = async (method: Method, url: string, body?: unknown) => {
      const response = await send('owner', method, {
        url,
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
      return response.json();
    };
    // The fixture course gets a module with a lesson and a quiz; the owner opens the lesson once, so opening
    // it again changes where they resume but adds no row.
    ids.moduleId = (
      await ownerJson('POST', `/api/academy/courses/${ids.courseId}/modules`, { title: 'Basics' })
    ).id;
    const lessonsUrl = `/api/academy/courses/${ids.courseId}/modules/${ids.moduleId}/lessons`;
    ids.lessonId = (
      await ownerJson('POST', lessonsUrl, { kind: 'lesson', title: 'Hello', bodyMarkdown: '# Hi' })
    ).id;
    academy.quizId = (
      await ownerJson('POST', lessonsUrl, { kind: 'quiz', title: 'Check', questions: [QUESTION] })
    ).id;
    await ownerJson('GET', `/api/academy/lessons/${ids.lessonId}`);
    academy.spareCourseId = (
      await app.database.executor.executeSql(
        `INSERT INTO courses (workspace_id, slug, language, title) VALUES ($1, 'spare-course', 'en', 'Spare') RETURNING id`,
        [ids.workspaceId],
      )
    ).rows[0].id;
    // Two exams: the owner has an attempt running at the first and a certificate from the second.
    const exam = (slug: string) =>
      app.database.transaction((tx) =>
        upsertCertification(tx, ids.workspaceId, null, 'en', {
          slug,
          title: `Exam ${slug}`,
          description: 'A fixture exam.',
          drawCount: EXAM_IDS.length,
          timeLimitMinutes: 600,
          passPercent: 60,
          maxAttempts: 5,
          cooldownHours: 0,
          questions: EXAM_IDS.map((id) => ({ ...QUESTION, id })),
        }),
      );
    ids.certificationId = await exam('fixture-exam');
    ids.attemptId = (
      await ownerJson('POST', `/api/academy/certifications/${ids.certificationId}/attempts`)
    ).id;
    const passed = await ownerJson(
      'POST',
      `/api/academy/certifications/${await exam('passed-exam')}/attempts`,
    );
    const graded = await ownerJson('POST', `/api/academy/attempts/${passed.id}/submit`, {
      answers: EXAM_ANSWERS,
    });
    ids.certificateId = graded.result.certificate.id;
    ids.code = graded.result.certificate.code;
    // The editor coaches; the owner has a session booked with them.
    const coach = await app.api.inject({
      method: 'PUT',
      url: `/api/workspaces/${ids.workspaceId}/academy/coaching/me`,
      headers: { cookie: editorCookie, 'content-type': 'application/json' },
      payload: JSON.stringify(COACH_PROFILE),
    });
    expect(coach.statusCode, coach.body).toBe(200);
    ids.coachId = coach.json().coach.id;
    ids.bookingId = (
      await ownerJson('POST', `/api/academy/coaches/${ids.coachId}/bookings`, {
        startsAt: slot(0),
        topic: 'Fixture',
      })
    ).id;
    // Streams and Lists: the owner's board with one column, a list of the fixture account with bob in it,
    // a post of bob's to act on, and a list template. Listing boards and templates the first time writes
    // (the first board, the starter template), so that happens here, before the battery.
    const bob = stub.streams.addAccount('bob', { displayName: 'Bob Biswas' });
    ids.actorId = bob.id;
    ids.listId = '4242';
    stub.streams.lists.set(ids.listId, { id: ids.listId, title: 'Friends', members: [bob.id] });
    const status = stub.streams.addStatus(bob.id, 'Mango season is here');
    streams.postId = status.id;
    streams.postUrl = status.url;
    await ownerJson('GET', `/api/workspaces/${ids.workspaceId}/boards`);
    ids.boardId = (
      await ownerJson('POST', `/api/workspaces/${ids.workspaceId}/boards`, { name: 'Fixture board' })
    ).id;
    ids.columnId = (
      await ownerJson('POST', `/api/workspaces/${ids.workspaceId}/boards/${ids.boardId}/columns`, {
        kind: 'scheduled',
      })
    ).id;
    await ownerJson('GET', `/api/workspaces/${ids.workspaceId}/list-templates`);
    ids.templateId = (
      await ownerJson('POST', `/api/workspaces/${ids.workspaceId}/list-templates`, LIST_TEMPLATE)
    ).id;
    // Listening: a query of the owner's with one stored mention, its count and an unread alert, and a
    // rival to share the voice with.
    const listeningUrl = `/api/workspaces/${ids.workspaceId}/listening/queries`;
    ids.queryId = (await ownerJson('POST', listeningUrl, { name: 'Fixture query', query: 'mango' })).id;
    listening.rivalId = (await ownerJson('POST', listeningUrl, { name: 'Rival', query: 'lychee' })).id;
    const mention = await app.database.executor.executeSql(
      `INSERT INTO listening_mentions (workspace_id, query_ids, source, remote_id, url, author_handle, text, lang,
         sentiment, posted_at)
       VALUES ($1, $2::uuid[], 'bluesky', 'at://did:plc:fixture/app.bsky.feed.post/1',
         'https://bsky.app/profile/bob.test/post/1', 'bob.test', 'Fresh mango juice', 'en', 'positive',
         '2025-03-31T10:15:00Z') RETURNING id`,
      [ids.workspaceId, `{${ids.queryId}}`],
    );
    listening.mentionId = Number(mention.rows[0].id);
    await app.database.executor.executeSql(
      `INSERT INTO listening_counts (query_id, workspace_id, minute, total, positive)
       VALUES ($1, $2, '2025-03-31T10:15:00Z', 1, 1)`,
      [ids.queryId, ids.workspaceId],
    );
    ids.alertId = (
      await app.database.executor.executeSql(
        `INSERT INTO listening_alerts (workspace_id, query_id, kind, window_start, window_end, detail)
         VALUES ($1, $2, 'volume', now() - interval '1 hour', now(), '{"count":40,"mean":1.5,"stdDev":1}'::jsonb)
         RETURNING id`,
        [ids.workspaceId, ids.queryId],
      )
    ).rows[0].id;
    // Team: a comment of the owner's on the fixture post, and the editor's naming the owner, which leaves
    // the owner an unread notification.
    const commentsUrl = `/api/workspaces/${ids.workspaceId}/comments`;
    ids.commentId = (
      await ownerJson('POST', commentsUrl, {
        subjectType: 'post',
        subjectId: ids.postId,
        body: 'A fixture comment',
      })
    ).id;
    const named = await app.api.inject({
      method: 'POST',
      url: commentsUrl,
      headers: { cookie: editorCookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ subjectType: 'post', subjectId: ids.postId, body: 'Over to you, @owner.' }),
    });
    expect(named.statusCode, named.body).toBe(201);
    team.mentionCommentId = named.json().id;
    const notices = await ownerJson('GET', `/api/workspaces/${ids.workspaceId}/notifications`);
    expect(notices.notifications).toHaveLength(1);
    ids.notificationId = notices.notifications[0].id;
    // Approvals, crisis mode, playbooks and the inbox: the owner's post whose time passed while crisis mode
    // held it (written directly: the pause is crisisApi.test.ts's to test), a holding statement, a
    // stakeholder contact, a saved reply, and a mention and a direct message of the fixture account, stored
    // as the inbox polling stores them.
    const ws = `/api/workspaces/${ids.workspaceId}`;
    team.heldPostId = (
      await ownerJson('POST', `${ws}/posts`, {
        text: 'Held by crisis mode',
        targets: [{ accountId: ids.accountId }],
        mode: 'schedule',
        scheduledAt: '2030-01-02T09:00:00Z',
      })
    ).id;
    await app.database.executor.executeSql(
      `UPDATE post_targets SET status = 'paused', paused_by_crisis = true, version = version + 1,
         scheduled_at = now() - interval '1 hour' WHERE post_id = $1`,
      [team.heldPostId],
    );
    ids.id = (
      await ownerJson('POST', `${ws}/holding-statements`, {
        title: 'We are looking into it',
        text: 'We know and will update you within the hour.',
      })
    ).id;
    team.contactId = (await ownerJson('POST', `${ws}/stakeholder-contacts`, CONTACT)).id;
    ids.replyId = (
      await ownerJson('POST', `${ws}/saved-replies`, { title: 'Thanks', text: 'Thank you for telling us.' })
    ).id;
    const inboxItem = async (kind: 'mention' | 'dm', remoteId: string, text: string) => {
      const ref = { id: remoteId, url: `${stub.instanceUrl}/@bob/${remoteId}` };
      const found = await app.database.executor.executeSql(
        `INSERT INTO inbox_items (workspace_id, account_id, kind, remote_id, remote_url, reply_ref, conversation_id,
           author_remote_id, author_handle, author_name, text, received_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, 'bob', 'Bob Biswas', $9, '2025-03-31T10:15:00Z')
         RETURNING id`,
        [
          ids.workspaceId,
          ids.accountId,
          kind,
          remoteId,
          ref.url,
          JSON.stringify({ parent: ref, root: ref }),
          kind === 'dm' ? `conversation-${remoteId}` : null,
          ids.actorId,
          text,
        ],
      );
      return found.rows[0].id as string;
    };
    ids.itemId = await inboxItem('mention', '990001', '@alice is the mango juice back?');
    team.dmItemId = await inboxItem('dm', '990002', 'A private question about mango juice');
    countsBefore = await rowCounts();
  });

  for (const spec of ROUTES) battery(spec, spec.public ? ['owner', 'signed out'] : ['owner']);

  describe('listening statistics over a range or in buckets they cannot give, and queries they cannot compare', () => {
    const query = (path: string) => () =>
      `/api/workspaces/${ids.workspaceId}/listening/queries/${ids.queryId}/${path}`;
    const voice = (params: string) => () =>
      `/api/workspaces/${ids.workspaceId}/listening/share-of-voice?${params}`;
    // Well-formed values the schema lets through and the route must still refuse, and values
    // PostgreSQL could not read.
    const refused: [name: string, url: () => string, field: string][] = [
      ['a range that ends before it starts', query(`timeline?from=${HEARD_TO}&to=${HEARD_FROM}`), 'from'],
      ['a range that ends as it starts', query(`top?from=${HEARD_FROM}&to=${HEARD_FROM}`), 'from'],
      ['a start after the default end, now', query(`top?from=${FAR_AHEAD}`), 'from'],
      ['a start after the end', voice(`from=${HEARD_TO}&to=${HEARD_FROM}&queryIds=${NOWHERE}`), 'from'],
      [
        'minutes over a week, more than 5,000 buckets',
        query(`timeline?from=${HEARD_FROM}&to=${HEARD_TO}&interval=minute`),
        'interval',
      ],
      [
        'days over 30 years, more than 5,000 buckets',
        query('timeline?from=1990-01-01T00:00:00Z&to=2025-01-01T00:00:00Z&interval=day'),
        'interval',
      ],
      ['a time zone that does not exist', query('timeline?timeZone=Mars/Olympus'), 'timeZone'],
      ['a time zone given as an offset', query('timeline?timeZone=%2B06:00'), 'timeZone'],
      ['a time zone with a NUL character', query('timeline?timeZone=Asia%00Dhaka'), 'timeZone'],
      ['a start in the year 0', query('timeline?from=0000-01-01T00:00:00Z&to=0000-01-02T00:00:00Z'), 'from'],
      ['a start before the year 1', query('top?from=-000001-01-01T00:00:00Z'), 'from'],
      ['an end after the year 9999', query('mentions?to=%2B010000-01-01T00:00:00Z'), 'to'],
      ['a query id that is no uuid', voice('queryIds=nope'), 'queryIds.0'],
      ['21 queries', voice(`queryIds=${Array.from({ length: 21 }, () => NOWHERE).join(',')}`), 'queryIds'],
      ['no query at all', voice('queryIds='), 'queryIds'],
      ['the query ids given twice', voice(`queryIds=${NOWHERE}&queryIds=${NOWHERE}`), 'queryIds'],
    ];
    const cases: Case[] = refused.map(([name, url, field]) => ({ name, url, field, status: 400 }));
    cases.push({
      name: 'a query of no workspace',
      url: voice(`queryIds=${NOWHERE}`),
      status: 404,
      error: 'not_found',
    });
    for (const c of cases) it(`refuses ${c.name} -> ${statusOf(c)}`, () => check('owner', 'GET', c));
  });

  describe('comment, notification and audit queries the schema lets through or the database could not read', () => {
    const ws = () => `/api/workspaces/${ids.workspaceId}`;
    const thread = (params: string) => () =>
      `${ws()}/comments?subjectType=post&subjectId=${ids.postId}&${params}`;
    const notifications = (params: string) => () => `${ws()}/notifications?${params}`;
    const audit = (params: string) => () => `${ws()}/audit-events?${params}`;
    const csv = (params: string) => () => `${ws()}/audit-events.csv?${params}`;
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const refused: [name: string, url: () => string, field?: string][] = [
      ['a comment limit of zero', thread('limit=0'), 'limit'],
      ['a comment limit that is no number', thread('limit=ten'), 'limit'],
      ['a comment limit with a fraction', thread('limit=2.5'), 'limit'],
      ['the subject given twice', thread(`subjectId=${ids.postId}`), 'subjectId'],
      ['a comment cursor that is not base64 JSON', thread('after=not-a-cursor')],
      ['a comment cursor of another shape', thread(`after=${cursorOf({ time: '2030-01-01' })}`)],
      [
        'a comment cursor whose id is no uuid',
        thread(`after=${cursorOf(['2030-01-01T00:00:00.000000Z', 'not-a-uuid'])}`),
      ],
      [
        'a comment cursor with a time no calendar has',
        thread(`after=${cursorOf(['2030-13-45T99:99:99.000000Z', NOWHERE])}`),
      ],
      [
        'a comment cursor in the year 0',
        thread(`after=${cursorOf(['0000-01-01T00:00:00.000000Z', NOWHERE])}`),
      ],
      ['an audit start in the year 0', audit('from=0000-01-01T00:00:00Z'), 'from'],
      ['an export end in the year 0', csv('to=0000-01-01T00:00:00Z'), 'to'],
      ['a notification limit of zero', notifications('limit=0'), 'limit'],
      ['unread in capitals', notifications('unread=TRUE'), 'unread'],
      ['a notification cursor that is not base64 JSON', notifications('before=abc')],
      [
        'a notification cursor with a time no calendar has',
        notifications(`before=${cursorOf(['2030-02-30T25:00:00.000000Z', NOWHERE])}`),
      ],
      ['an audit range that ends before it starts', audit(`from=${HEARD_TO}&to=${HEARD_FROM}`), 'to'],
      ['an audit range that ends as it starts', audit(`from=${HEARD_FROM}&to=${HEARD_FROM}`), 'to'],
      ['an audit cursor of zero', audit('before=0'), 'before'],
      ['an audit cursor with a fraction', audit('before=2.5'), 'before'],
      ['an audit cursor past the largest id', audit('before=100000000000000000000'), 'before'],
      ['an audit limit of zero', audit('limit=0'), 'limit'],
      ['an audit start without its offset', audit('from=2025-03-31T00:00:00'), 'from'],
      ['an audit end after the year 9999', audit('to=%2B010000-01-01T00:00:00Z'), 'to'],
      ['the audit action given twice', audit('action=a&action=b'), 'action'],
      ['an export range that ends before it starts', csv(`from=${HEARD_TO}&to=${HEARD_FROM}`), 'to'],
      ['an export with a page cursor', csv('before=3'), 'before'],
      ['an export with a limit', csv('limit=10'), 'limit'],
    ];
    const cases: Case[] = refused.map(([name, url, field]) => ({
      name,
      url,
      status: 400,
      ...(field ? { field } : { error: 'invalid_request' }),
    }));
    cases.push(
      {
        name: 'the thread of a post of no workspace',
        url: () => `${ws()}/comments?subjectType=post&subjectId=${NOWHERE}`,
        status: 404,
        error: 'not_found',
      },
      {
        name: 'the thread of a post asked for as an inbox item',
        url: () => `${ws()}/comments?subjectType=inbox_item&subjectId=${ids.postId}`,
        status: 404,
        error: 'not_found',
      },
    );
    for (const c of cases) it(`refuses ${c.name} -> ${statusOf(c)}`, () => check('owner', 'GET', c));

    const comment = (body: object): Case => ({
      name: 'unused',
      url: () => `${ws()}/comments`,
      payload: () => JSON.stringify(body),
      status: 404,
      error: 'not_found',
    });
    it('refuses a comment on a post of no workspace -> 404', () =>
      check('owner', 'POST', comment({ subjectType: 'post', subjectId: NOWHERE, body: 'Hello' })));
    it('refuses a comment on a post named as an inbox item -> 404', () =>
      check('owner', 'POST', comment({ subjectType: 'inbox_item', subjectId: ids.postId, body: 'Hello' })));
  });

  describe('approval, crisis, playbook and inbox input the schema lets through or the database could not read', () => {
    const ws = () => `/api/workspaces/${ids.workspaceId}`;
    const items = (params: string) => () => `${ws()}/inbox/items?${params}`;
    const inboxCursor = (text: string) => Buffer.from(text).toString('base64url');
    const gets: [name: string, url: () => string, field: string][] = [
      ['an inbox cursor that is not base64', items('cursor=not-a-cursor!'), 'cursor'],
      ['an inbox cursor of other text', items(`cursor=${inboxCursor('page two')}`), 'cursor'],
      [
        'an inbox cursor whose id is no uuid',
        items(`cursor=${inboxCursor('2030-01-01T00:00:00.000Z|not-a-uuid')}`),
        'cursor',
      ],
      ['an inbox cursor without a time', items(`cursor=${inboxCursor(`|${NOWHERE}`)}`), 'cursor'],
      [
        'an inbox cursor with a time only JavaScript reads',
        items(`cursor=${inboxCursor(`1|${NOWHERE}`)}`),
        'cursor',
      ],
      [
        'an inbox cursor with a day February 2030 does not have',
        items(`cursor=${inboxCursor(`2030-02-30T00:00:00.000Z|${NOWHERE}`)}`),
        'cursor',
      ],
      [
        'an inbox cursor with hour 25',
        items(`cursor=${inboxCursor(`2030-01-01T25:00:00.000Z|${NOWHERE}`)}`),
        'cursor',
      ],
      [
        'an inbox cursor in the year 0',
        items(`cursor=${inboxCursor(`0000-01-01T00:00:00.000Z|${NOWHERE}`)}`),
        'cursor',
      ],
      [
        'an inbox cursor before the year 1',
        items(`cursor=${inboxCursor(`-000001-01-01T00:00:00.000Z|${NOWHERE}`)}`),
        'cursor',
      ],
      [
        'an inbox cursor at the last moment JavaScript has',
        items(`cursor=${inboxCursor(`+275760-09-13T00:00:00.000Z|${NOWHERE}`)}`),
        'cursor',
      ],
      ['an inbox limit of zero', items('limit=0'), 'limit'],
      ['an inbox limit that is no number', items('limit=ten'), 'limit'],
      ['an inbox limit with a fraction', items('limit=2.5'), 'limit'],
      ['the inbox assignee given twice', items('assignee=me&assignee=unassigned'), 'assignee'],
      ['an inbox assignee in capitals', items('assignee=ME'), 'assignee'],
      ['an inbox tag with a NUL character', items('tag=nul%00byte'), 'tag'],
      ['an inbox search with a NUL character', items('q=nul%00byte'), 'q'],
      ['an inbox kind in capitals', items('kind=DM'), 'kind'],
      ['a negative events timeout', () => `${ws()}/inbox/events?timeout=-1`, 'timeout'],
      ['an events timeout over an hour', () => `${ws()}/inbox/events?timeout=3601`, 'timeout'],
      ['an events timeout with a fraction', () => `${ws()}/inbox/events?timeout=1.5`, 'timeout'],
      ['all=TRUE for the approval queue', () => `${ws()}/approvals?all=TRUE`, 'all'],
      ['all given twice for the approval queue', () => `${ws()}/approvals?all=true&all=false`, 'all'],
    ];
    for (const [name, url, field] of gets)
      it(`refuses ${name} -> 400`, () => check('owner', 'GET', { name, url, status: 400, field }));

    const write = (
      method: Method,
      name: string,
      url: () => string,
      body: unknown | (() => unknown),
      status: number,
      expected: { field?: string; error?: string },
    ) =>
      it(`refuses ${name} -> ${status}`, () =>
        check('owner', method, {
          name,
          url,
          payload: () => JSON.stringify(typeof body === 'function' ? body() : body),
          status,
          ...expected,
        }));
    const chain = () => `${ws()}/accounts/${ids.accountId}/approval-chain`;
    const invalid = { error: 'invalid_request' };
    write(
      'PUT',
      'a chain step naming a teammate and a role',
      chain,
      () => ({ steps: [{ approverUserId: ids.userId, approverRole: 'editor' }] }),
      400,
      invalid,
    );
    write('PUT', 'a chain step naming nobody', chain, { steps: [{}] }, 400, invalid);
    write(
      'PUT',
      'a chain step of nulls',
      chain,
      { steps: [{ approverUserId: null, approverRole: null }] },
      400,
      invalid,
    );
    write('PUT', 'a chain step for viewers', chain, { steps: [{ approverRole: 'viewer' }] }, 400, invalid);
    write(
      'PUT',
      'a chain step naming someone of no workspace',
      chain,
      { steps: [{ approverUserId: NOWHERE }] },
      400,
      invalid,
    );
    write(
      'PUT',
      'a chain naming one teammate twice',
      chain,
      () => ({ steps: [{ approverUserId: ids.userId }, { approverUserId: ids.userId }] }),
      400,
      invalid,
    );
    const decisions = (postId: () => string) => () => `/api/posts/${postId()}/approval/decisions`;
    const fixturePost = decisions(() => ids.postId);
    write('POST', 'a rejection without a reason', fixturePost, { decision: 'rejected' }, 400, {
      field: 'comment',
    });
    write(
      'POST',
      'a rejection whose reason is only white space',
      fixturePost,
      { decision: 'rejected', comment: ' \n ' },
      400,
      { field: 'comment' },
    );
    write(
      'POST',
      'a decision for an account the post does not go to',
      fixturePost,
      { decision: 'approved', accountId: NOWHERE },
      400,
      invalid,
    );
    write('POST', 'a decision on the owner’s own post', fixturePost, { decision: 'approved' }, 403, {
      error: 'forbidden',
    });
    const review = (postId: () => string) => () => `${ws()}/crisis/review/${postId()}`;
    const held = review(() => team.heldPostId);
    write(
      'POST',
      'a new time in the year 0',
      held,
      { action: 'reschedule', scheduledAt: '0000-01-01T00:00:00Z' },
      400,
      { field: 'scheduledAt' },
    );
    write(
      'POST',
      'a new time that has passed',
      held,
      { action: 'reschedule', scheduledAt: '2020-01-01T09:00:00Z' },
      400,
      { field: 'scheduledAt' },
    );
    write(
      'POST',
      'publish now with a time',
      held,
      { action: 'publish_now', scheduledAt: '2030-01-01T09:00:00Z' },
      400,
      { field: 'scheduledAt' },
    );
    write(
      'POST',
      'discard with a time',
      held,
      { action: 'discard', scheduledAt: '2030-01-01T09:00:00Z' },
      400,
      { field: 'scheduledAt' },
    );
    write(
      'POST',
      'a decision on a post crisis mode does not hold',
      review(() => ids.postId),
      { action: 'discard' },
      409,
      { error: 'conflict' },
    );
    write('POST', 'ending crisis mode when it is not on', () => `${ws()}/crisis/end`, {}, 409, {
      error: 'conflict',
    });
    write(
      'POST',
      'publishing anyway when crisis mode is not on',
      () => `/api/posts/${ids.postId}/publish-anyway`,
      { confirm: true },
      409,
      { error: 'conflict' },
    );
    write(
      'PATCH',
      'a holding statement change that changes nothing',
      () => `/api/holding-statements/${ids.id}`,
      {},
      400,
      { error: 'validation_failed' },
    );
    write(
      'PATCH',
      'a contact change that changes nothing',
      () => `/api/stakeholder-contacts/${team.contactId}`,
      {},
      400,
      { error: 'validation_failed' },
    );
    write(
      'PATCH',
      'the contact route given a holding statement',
      () => `/api/stakeholder-contacts/${ids.id}`,
      { name: 'Nobody' },
      404,
      { error: 'not_found' },
    );
    write(
      'PATCH',
      'the statement route given a contact',
      () => `/api/holding-statements/${team.contactId}`,
      { title: 'Nothing' },
      404,
      { error: 'not_found' },
    );
    write(
      'PATCH',
      'a saved reply change that changes nothing',
      () => `${ws()}/saved-replies/${ids.replyId}`,
      {},
      400,
      { error: 'validation_failed' },
    );
    const item =
      (path: string, itemId = () => ids.itemId) =>
      () =>
        `${ws()}/inbox/items/${itemId()}${path}`;
    write('PUT', 'assigning to someone of no workspace', item('/assignee'), { userId: NOWHERE }, 400, {
      field: 'userId',
    });
    write('PUT', 'assigning without saying to whom', item('/assignee'), {}, 400, { field: 'userId' });
    write('PATCH', 'a tag change that names no tag', item('/tags'), {}, 400, { error: 'validation_failed' });
    write('PATCH', 'a tag change with empty lists', item('/tags'), { add: [], remove: [] }, 400, {
      error: 'validation_failed',
    });
    write('PATCH', 'a tag of 41 characters', item('/tags'), { add: ['x'.repeat(41)] }, 400, { field: 'add' });
    write(
      'POST',
      'a reply in place to a Mastodon direct message',
      item('/replies', () => team.dmItemId),
      { text: 'Hello' },
      422,
      { error: 'reply_not_possible' },
    );
    write(
      'POST',
      'resolving a saved reply as an inbox item',
      () => `${ws()}/inbox/items/${ids.replyId}/resolve`,
      {},
      404,
      { error: 'not_found' },
    );
  });

  it('answers an unknown /api address with a JSON 404', async () => {
    for (const method of ['GET', 'POST', 'PATCH', 'DELETE'] as const) {
      const c: Case = { name: 'unknown', url: () => '/api/no-such-thing', status: 404, error: 'not_found' };
      await check('owner', method, c);
    }
  });

  it('changed no row count in any table over the whole battery', async () => {
    expect(await rowCounts()).toEqual(countsBefore);
  });

  describe('still healthy afterwards', () => {
    it('answers health and keeps the owner signed in', async () => {
      expect((await send('signed out', 'GET', { url: '/api/health' })).statusCode).toBe(200);
      const me = await send('owner', 'GET', { url: '/api/me' });
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ email: OWNER_EMAIL, name: 'Nadia Islam', locale: 'bn' });
    });

    it('accepts the valid body of every Academy route, so each refusal above was for the one thing broken', async () => {
      // In this order, each call finds the fixtures as the one before left them.
      const expected: [string, number, Partial<typeof ids>?][] = [
        ['POST /api/workspaces/:workspaceId/academy/skills/assessments', 201],
        ['GET /api/workspaces/:workspaceId/academy/skills/learning-path', 200],
        ['POST /api/academy/courses/:courseId/questions', 201],
        ['POST /api/academy/questions/:questionId/answers', 201],
        ['POST /api/academy/answers/:answerId/helpful', 200],
        ['PUT /api/me/resume', 200],
        ['GET /api/me/resume/pdf', 200],
        ['POST /api/demo-requests', 202],
        ['GET /api/workspaces/:workspaceId/demo-requests', 200],
        ['DELETE /api/academy/answers/:answerId', 200],
        ['DELETE /api/academy/questions/:questionId', 200],
        ['GET /api/workspaces/:workspaceId/academy/courses', 200],
        ['POST /api/workspaces/:workspaceId/academy/courses', 201],
        ['PATCH /api/academy/courses/:courseId', 200],
        ['POST /api/academy/courses/:courseId/order', 200],
        ['POST /api/academy/lessons/:lessonId/answers', 200, { lessonId: academy.quizId }],
        ['POST /api/academy/lessons/:lessonId/complete', 200],
        ['PATCH /api/academy/lessons/:lessonId', 200],
        ['POST /api/academy/courses/:courseId/modules', 201],
        ['PATCH /api/academy/courses/:courseId/modules/:moduleId', 200],
        ['POST /api/academy/courses/:courseId/modules/:moduleId/lessons', 201],
        ['POST /api/academy/courses/:courseId/unpublish', 200],
        ['POST /api/academy/courses/:courseId/publish', 200],
        ['DELETE /api/academy/lessons/:lessonId', 200],
        ['DELETE /api/academy/courses/:courseId/modules/:moduleId', 200],
        ['DELETE /api/academy/courses/:courseId', 200, { courseId: academy.spareCourseId }],
        // The owner's attempt is still running: starting again hands it back.
        ['POST /api/academy/certifications/:certificationId/attempts', 200],
        ['POST /api/academy/attempts/:attemptId/submit', 200],
        ['GET /api/workspaces/:workspaceId/academy/certificates', 200],
        ['PATCH /api/academy/certifications/:certificationId', 200],
        ['POST /api/academy/certificates/:certificateId/revoke', 200],
        ['PUT /api/workspaces/:workspaceId/academy/coaching/me', 200],
        ['GET /api/academy/coaches/:coachId/slots', 200],
        ['POST /api/academy/coaches/:coachId/bookings', 201],
        ['POST /api/academy/bookings/:bookingId/reschedule', 200],
        ['POST /api/academy/bookings/:bookingId/cancel', 200],
      ];
      for (const [route, status, override] of expected) {
        const response = await sendValid(route, override);
        expect(response.statusCode, `${route}: ${response.body}`).toBe(status);
      }
      const imported = await send('owner', 'POST', {
        url: `/api/workspaces/${ids.workspaceId}/academy/courses/import`,
        payload: Buffer.from(
          zipSync(
            Object.fromEntries(
              Object.entries(
                serializeCourseFolder({
                  slug: 'imported-en',
                  language: 'en',
                  title: 'Imported',
                  summary: '',
                  skills: [],
                  modules: [
                    { title: 'One', items: [{ kind: 'lesson', title: 'Only', bodyMarkdown: '# Only' }] },
                  ],
                  certification: null,
                }),
              ).map(([name, text]) => [name, strToU8(text)]),
            ),
          ),
        ),
        contentType: 'application/zip',
      });
      expect(imported.statusCode, imported.body).toBe(201);

      const counts = await rowCounts();
      expect(counts.skill_assessments).toBe('1');
      expect(counts.resume_profiles).toBe('1');
      expect(counts.demo_requests).toBe('1');
      // The fixture question went with its answers; the question just asked stays.
      expect(counts.course_questions).toBe('1');
      expect(counts.course_answers).toBe('0');
      const rows = async (sql: string) => (await app.database.executor.executeSql(sql)).rows;
      // The fixture course renamed and published again, the new one and the imported one; the spare gone.
      expect(await rows('SELECT slug, status FROM courses ORDER BY slug')).toEqual([
        { slug: 'crisis-desk-revised', status: 'published' },
        { slug: 'crisis-drills-en', status: 'draft' },
        { slug: 'imported-en', status: 'draft' },
      ]);
      // Its first module went with every lesson in it; the module added later stays, empty.
      expect(
        await rows(
          `SELECT title, (SELECT count(*)::int FROM lessons l WHERE l.module_id = m.id) AS lessons FROM course_modules m WHERE course_id = '${ids.courseId}'`,
        ),
      ).toEqual([{ title: 'Listening', lessons: 0 }]);
      expect(await rows(`SELECT passed FROM exam_attempts WHERE id = '${ids.attemptId}'`)).toEqual([
        { passed: true },
      ]);
      expect(
        await rows(`SELECT draw_count, pass_percent FROM certifications WHERE id = '${ids.certificationId}'`),
      ).toEqual([{ draw_count: 2, pass_percent: 70 }]);
      expect(
        (await rows(`SELECT revoked_reason FROM certificates WHERE id = '${ids.certificateId}'`))[0],
      ).toEqual({ revoked_reason: 'Issued by mistake.' });
      expect(
        await rows(`SELECT starts_at, status, sequence FROM coaching_bookings WHERE id = '${ids.bookingId}'`),
      ).toEqual([{ starts_at: new Date(slot(2)), status: 'cancelled', sequence: 2 }]);
      expect(await rows('SELECT count(*)::int AS n FROM coaching_bookings')).toEqual([{ n: 2 }]);
    });

    it('accepts the valid input of every Streams and Lists route, so each refusal above was for the one thing broken', async () => {
      const ws = `/api/workspaces/${ids.workspaceId}`;
      // A board and column of their own: the battery above must not have changed the fixture's, but the
      // check of that is the row count test's, not this one's.
      const board = await send('owner', 'POST', { url: `${ws}/boards`, payload: '{"name":"Fresh board"}' });
      expect(board.statusCode, board.body).toBe(201);
      ids.boardId = board.json().id;
      const column = await send('owner', 'POST', {
        url: `${ws}/boards/${ids.boardId}/columns`,
        payload: '{"kind":"scheduled"}',
      });
      expect(column.statusCode, column.body).toBe(201);
      ids.columnId = column.json().id;
      // In this order, each call finds the fixtures as the one before left them.
      const expected: [string, number][] = [
        ['POST /api/workspaces/:workspaceId/boards', 201],
        ['PATCH /api/workspaces/:workspaceId/boards/:boardId', 200],
        ['PUT /api/workspaces/:workspaceId/boards/:boardId/columns/order', 200],
        ['POST /api/workspaces/:workspaceId/boards/:boardId/columns', 201],
        ['GET /api/workspaces/:workspaceId/boards/:boardId/items', 200],
        ['GET /api/workspaces/:workspaceId/boards/:boardId/columns/:columnId/items', 200],
        ['POST /api/workspaces/:workspaceId/streams/actions', 204],
        ['POST /api/workspaces/:workspaceId/streams/replies', 201],
        ['GET /api/workspaces/:workspaceId/accounts/:accountId/lists', 200],
        ['POST /api/workspaces/:workspaceId/accounts/:accountId/lists', 201],
        ['PATCH /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId', 200],
        ['GET /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId/members', 200],
        // Bob is in the list already: adding him again changes nothing.
        ['POST /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId/members', 204],
        ['DELETE /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId/members/:actorId', 204],
        ['GET /api/workspaces/:workspaceId/accounts/:accountId/actors', 200],
        ['GET /api/workspaces/:workspaceId/list-templates', 200],
        ['POST /api/workspaces/:workspaceId/list-templates', 201],
        ['PATCH /api/workspaces/:workspaceId/list-templates/:templateId', 200],
        ['POST /api/workspaces/:workspaceId/list-templates/:templateId/apply', 201],
        ['DELETE /api/workspaces/:workspaceId/list-templates/:templateId', 204],
        ['DELETE /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId', 204],
        ['DELETE /api/workspaces/:workspaceId/boards/:boardId/columns/:columnId', 204],
        ['DELETE /api/workspaces/:workspaceId/boards/:boardId', 204],
      ];
      for (const [route, status] of expected) {
        const response = await sendValid(route);
        expect(response.statusCode, `${route}: ${response.body}`).toBe(status);
      }
      const rows = async (sql: string) => (await app.database.executor.executeSql(sql)).rows;
      expect(stub.streams.favourited.has(streams.postId)).toBe(true);
      expect(stub.streams.lists.has(ids.listId)).toBe(false);
      expect(
        await rows(
          `SELECT text, reply_to_remote->'parent'->>'id' AS parent FROM post_targets WHERE reply_to_remote IS NOT NULL`,
        ),
      ).toEqual([{ text: 'Agreed, and well put.', parent: streams.postId }]);
      expect(await rows(`SELECT id FROM stream_boards WHERE id = '${ids.boardId}'`)).toEqual([]);
      expect(await rows(`SELECT id FROM list_templates WHERE id = '${ids.templateId}'`)).toEqual([]);
      expect(await rows("SELECT name FROM stream_boards WHERE name = 'Morning desk'")).toEqual([
        { name: 'Morning desk' },
      ]);
    });

    it('accepts the valid input of every Listening route, so each refusal above was for the one thing broken', async () => {
      // In this order, each call finds the fixtures as the one before left them; the fixture query goes last.
      const expected: [string, number][] = [
        ['GET /api/workspaces/:workspaceId/listening/queries', 200],
        ['POST /api/workspaces/:workspaceId/listening/queries', 201],
        ['GET /api/workspaces/:workspaceId/listening/queries/:queryId', 200],
        ['POST /api/workspaces/:workspaceId/listening/preview', 200],
        ['GET /api/workspaces/:workspaceId/listening/queries/:queryId/mentions', 200],
        ['GET /api/workspaces/:workspaceId/listening/queries/:queryId/timeline', 200],
        ['GET /api/workspaces/:workspaceId/listening/queries/:queryId/top', 200],
        ['GET /api/workspaces/:workspaceId/listening/share-of-voice', 200],
        ['GET /api/workspaces/:workspaceId/listening/alerts', 200],
        ['POST /api/workspaces/:workspaceId/listening/alerts/:alertId/read', 204],
        ['GET /api/workspaces/:workspaceId/listening/retention', 200],
        ['PUT /api/workspaces/:workspaceId/listening/retention', 200],
        ['PATCH /api/workspaces/:workspaceId/listening/queries/:queryId', 200],
        ['DELETE /api/workspaces/:workspaceId/listening/queries/:queryId', 204],
      ];
      const answers: Record<string, unknown> = {};
      for (const [route, status] of expected) {
        const response = await sendValid(route);
        expect(response.statusCode, `${route}: ${response.body}`).toBe(status);
        answers[route] = status === 204 ? null : response.json();
      }
      const base = 'GET /api/workspaces/:workspaceId/listening';
      expect(answers[`${base}/queries/:queryId/mentions`]).toEqual({
        mentions: [expect.objectContaining({ id: listening.mentionId, text: 'Fresh mango juice' })],
        nextCursor: null,
      });
      expect(answers[`${base}/queries/:queryId/timeline`]).toMatchObject({
        buckets: [{ at: '2025-03-31T10:00:00.000Z', total: 1, positive: 1 }],
      });
      expect(answers[`${base}/share-of-voice`]).toMatchObject({
        total: 1,
        queries: [
          { queryId: ids.queryId, total: 1, share: 1 },
          { queryId: listening.rivalId, total: 0, share: 0 },
        ],
      });
      expect(answers[`${base}/alerts`]).toMatchObject({ unread: 1, alerts: [{ id: ids.alertId }] });
      const rows = async (sql: string) => (await app.database.executor.executeSql(sql)).rows;
      // The fixture query went with its count and alert; the one just made and the rival stay.
      expect(
        await rows('SELECT name, own_brand, mastodon_instances FROM listening_queries ORDER BY name'),
      ).toEqual([
        { name: 'Mango brand', own_brand: true, mastodon_instances: ['https://93.184.215.14'] },
        { name: 'Rival', own_brand: false, mastodon_instances: [] },
      ]);
      expect(await rows('SELECT count(*)::int AS n FROM listening_counts')).toEqual([{ n: 0 }]);
      expect(await rows('SELECT count(*)::int AS n FROM listening_alerts')).toEqual([{ n: 0 }]);
      expect(await rows('SELECT count(*)::int AS n FROM listening_mentions')).toEqual([{ n: 0 }]);
      expect(
        await rows(`SELECT listening_retention_days AS days FROM workspaces WHERE id = '${ids.workspaceId}'`),
      ).toEqual([{ days: 30 }]);
    });

    it('accepts the valid input of every comment, notification and audit route, so each refusal above was for the one thing broken', async () => {
      // In this order, each call finds the fixtures as the one before left them; the owner's comment goes last.
      const expected: [string, number][] = [
        ['GET /api/workspaces/:workspaceId/comments', 200],
        ['POST /api/workspaces/:workspaceId/comments', 201],
        ['PATCH /api/comments/:commentId', 200],
        ['GET /api/workspaces/:workspaceId/notifications', 200],
        ['GET /api/workspaces/:workspaceId/notifications/unread-count', 200],
        ['POST /api/notifications/:notificationId/read', 200],
        ['POST /api/workspaces/:workspaceId/notifications/read-all', 200],
        ['GET /api/workspaces/:workspaceId/audit-events', 200],
        ['GET /api/workspaces/:workspaceId/audit-events.csv', 200],
        ['DELETE /api/comments/:commentId', 204],
      ];
      const answers: Record<string, LightMyRequestResponse> = {};
      for (const [route, status] of expected) {
        const response = await sendValid(route);
        expect(response.statusCode, `${route}: ${response.body}`).toBe(status);
        answers[route] = response;
      }
      const answer = (route: string) => answers[route]!.json();
      expect(
        answer('GET /api/workspaces/:workspaceId/comments').comments.map((c: { id: string }) => c.id),
      ).toEqual([ids.commentId, team.mentionCommentId]);
      expect(answer('POST /api/workspaces/:workspaceId/comments')).toMatchObject({
        author: { name: 'Nadia Islam' },
        mentions: [{ userId: ids.userId, name: 'Eli Editor' }],
      });
      expect(answer('PATCH /api/comments/:commentId')).toMatchObject({
        id: ids.commentId,
        mentions: [{ userId: ids.userId }],
        editedAt: expect.any(String),
      });
      expect(answer('GET /api/workspaces/:workspaceId/notifications')).toMatchObject({
        notifications: [{ id: ids.notificationId, kind: 'comment_mention', readAt: null }],
        nextCursor: null,
      });
      expect(answer('GET /api/workspaces/:workspaceId/notifications/unread-count')).toEqual({ unread: 1 });
      expect(answer('POST /api/notifications/:notificationId/read').id).toBe(ids.notificationId);
      // The one notification was read already.
      expect(answer('POST /api/workspaces/:workspaceId/notifications/read-all')).toEqual({ marked: 0 });
      expect(answer('GET /api/workspaces/:workspaceId/audit-events')).toMatchObject({
        events: [{ action: 'comment.created', targetId: team.mentionCommentId }],
        nextCursor: null,
      });
      const csv = answers['GET /api/workspaces/:workspaceId/audit-events.csv']!.body.trimEnd().split('\r\n');
      expect(csv).toHaveLength(2);
      expect(csv[1]).toContain(`,comment.created,comment,${team.mentionCommentId},`);
      const rows = async (sql: string) => (await app.database.executor.executeSql(sql)).rows;
      expect(await rows(`SELECT id FROM comments WHERE id = '${ids.commentId}'`)).toEqual([]);
      // The owner read theirs; the editor, named by the new comment and by the edit, has two unread.
      expect(
        await rows(
          'SELECT u.email, count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.read_at IS NULL GROUP BY u.email',
        ),
      ).toEqual([{ email: 'editor@example.com', n: 2 }]);
    });

    it('accepts the valid input of every approval, crisis, playbook and inbox route, so each refusal above was for the one thing broken', async () => {
      const ws = `/api/workspaces/${ids.workspaceId}`;
      const rows = async (sql: string) => (await app.database.executor.executeSql(sql)).rows;
      // A contributor's post waiting for approval on the fixture account, for the decision to decide.
      const invited = await send('owner', 'POST', {
        url: `${ws}/invitations`,
        payload: JSON.stringify({ role: 'contributor' }),
      });
      expect(invited.statusCode, invited.body).toBe(201);
      const joined = await send('signed out', 'POST', {
        url: `/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`,
        payload: JSON.stringify({ name: 'Rina Akter', email: 'rina@example.com', password: PASSWORD }),
      });
      expect(joined.statusCode, joined.body).toBe(200);
      const waiting = await app.api.inject({
        method: 'POST',
        url: `${ws}/posts`,
        headers: {
          cookie: `kolorob_session=${joined.cookies.find((c) => c.name === 'kolorob_session')!.value}`,
          'content-type': 'application/json',
        },
        payload: JSON.stringify({
          text: 'Waiting for approval',
          targets: [{ accountId: ids.accountId }],
          mode: 'schedule',
          scheduledAt: '2030-01-03T09:00:00Z',
        }),
      });
      expect(waiting.statusCode, waiting.body).toBe(201);
      const waitingId: string = waiting.json().id;
      // In this order, each call finds the fixtures as the one before left them: the chain gets two steps
      // before the owner decides the first, and crisis mode is on only while the fixture post is published anyway.
      const expected: [string, number, Partial<typeof ids>?][] = [
        ['GET /api/workspaces/:workspaceId/approval-chains', 200],
        ['PUT /api/workspaces/:workspaceId/accounts/:accountId/approval-chain', 200],
        ['GET /api/workspaces/:workspaceId/accounts/:accountId/approval-chain', 200],
        ['GET /api/workspaces/:workspaceId/approvals', 200],
        ['GET /api/posts/:postId/approval', 200, { postId: waitingId }],
        ['POST /api/posts/:postId/approval/decisions', 200, { postId: waitingId }],
        ['GET /api/workspaces/:workspaceId/crisis/review', 200],
        ['POST /api/workspaces/:workspaceId/crisis/review/:postId', 200, { postId: team.heldPostId }],
        ['POST /api/workspaces/:workspaceId/crisis/start', 201],
        ['GET /api/workspaces/:workspaceId/crisis', 200],
        ['POST /api/posts/:postId/publish-anyway', 200],
        ['POST /api/workspaces/:workspaceId/crisis/end', 200],
        ['GET /api/workspaces/:workspaceId/crisis/history', 200],
        ['GET /api/workspaces/:workspaceId/holding-statements', 200],
        ['POST /api/workspaces/:workspaceId/holding-statements', 201],
        ['PATCH /api/holding-statements/:id', 200],
        ['DELETE /api/holding-statements/:id', 204],
        ['GET /api/workspaces/:workspaceId/stakeholder-contacts', 200],
        ['POST /api/workspaces/:workspaceId/stakeholder-contacts', 201],
        ['PATCH /api/stakeholder-contacts/:id', 200, { id: team.contactId }],
        ['DELETE /api/stakeholder-contacts/:id', 204, { id: team.contactId }],
        ['PATCH /api/workspaces/:workspaceId/inbox/items/:itemId/tags', 200],
        ['PUT /api/workspaces/:workspaceId/inbox/items/:itemId/assignee', 200],
        ['GET /api/workspaces/:workspaceId/inbox/items', 200],
        ['GET /api/workspaces/:workspaceId/inbox/items/:itemId', 200],
        ['GET /api/workspaces/:workspaceId/inbox/counts', 200],
        ['GET /api/workspaces/:workspaceId/inbox/sources', 200],
        ['GET /api/workspaces/:workspaceId/inbox/events', 200],
        ['POST /api/workspaces/:workspaceId/inbox/items/:itemId/resolve', 200],
        ['POST /api/workspaces/:workspaceId/inbox/items/:itemId/reopen', 200],
        ['POST /api/workspaces/:workspaceId/inbox/items/:itemId/replies', 201],
        ['GET /api/workspaces/:workspaceId/saved-replies', 200],
        ['POST /api/workspaces/:workspaceId/saved-replies', 201],
        ['PATCH /api/workspaces/:workspaceId/saved-replies/:replyId', 200],
        ['DELETE /api/workspaces/:workspaceId/saved-replies/:replyId', 204],
      ];
      const answers: Record<string, LightMyRequestResponse> = {};
      for (const [route, status, override] of expected) {
        const response = await sendValid(route, override);
        expect(response.statusCode, `${route}: ${response.body}`).toBe(status);
        answers[route] = response;
      }
      const answer = (route: string) => answers[route]!.json();
      expect(answer('PUT /api/workspaces/:workspaceId/accounts/:accountId/approval-chain')).toMatchObject({
        implicit: false,
        steps: [
          { position: 1, approverRole: 'editor' },
          { position: 2, approverUserId: ids.userId, approverName: 'Eli Editor' },
        ],
      });
      expect(answer('GET /api/workspaces/:workspaceId/approvals').items).toEqual([
        expect.objectContaining({ postId: waitingId }),
      ]);
      expect(answer('POST /api/posts/:postId/approval/decisions')).toMatchObject({
        decision: 'approved',
        accounts: [{ accountId: ids.accountId, step: 1, of: 2, state: 'waiting' }],
      });
      expect(answer('GET /api/workspaces/:workspaceId/crisis/review').posts).toEqual([
        expect.objectContaining({ postId: team.heldPostId, overdue: true }),
      ]);
      expect(answer('GET /api/workspaces/:workspaceId/crisis')).toMatchObject({
        active: true,
        reason: 'A recall of the spring batch',
      });
      expect(answer('POST /api/posts/:postId/publish-anyway')).toMatchObject({
        postId: ids.postId,
        targets: [{ id: ids.targetId, status: 'scheduled' }],
      });
      expect(answer('GET /api/workspaces/:workspaceId/crisis/history').periods).toEqual([
        expect.objectContaining({ reason: 'A recall of the spring batch', endedBy: 'Nadia Islam' }),
      ]);
      // The held post got its new time and was no longer held; the fixture post, published anyway during
      // the crisis and due later, was scheduled again when it ended.
      const target = async (postId: string) =>
        (
          await rows(
            `SELECT status, scheduled_at, paused_by_crisis, crisis_override FROM post_targets WHERE post_id = '${postId}'`,
          )
        ).map((row) => ({ ...row, scheduled_at: new Date(row.scheduled_at).toISOString() }));
      const settled = {
        status: 'scheduled',
        scheduled_at: '2030-01-01T09:00:00.000Z',
        paused_by_crisis: false,
        crisis_override: false,
      };
      expect(await target(team.heldPostId)).toEqual([settled]);
      expect(await target(ids.postId)).toEqual([settled]);
      expect(await rows('SELECT title FROM holding_statements')).toEqual([
        { title: 'We are looking into it' },
      ]);
      expect(await rows('SELECT name FROM stakeholder_contacts')).toEqual([{ name: 'Farhana Chowdhury' }]);
      // Assigned to the editor, the mention is not the owner's ("assignee=me"), and the rest of the filter holds.
      expect(answer('GET /api/workspaces/:workspaceId/inbox/items')).toEqual({ items: [], cursor: null });
      expect(answer('GET /api/workspaces/:workspaceId/inbox/items/:itemId')).toMatchObject({
        id: ids.itemId,
        tags: ['urgent'],
        assignee: { id: ids.userId, name: 'Eli Editor' },
        replyRefusal: null,
      });
      expect(answer('GET /api/workspaces/:workspaceId/inbox/counts')).toMatchObject({
        open: 2,
        unassigned: 1,
      });
      expect(answer('POST /api/workspaces/:workspaceId/inbox/items/:itemId/replies')).toMatchObject({
        status: 'scheduled',
        item: { id: ids.itemId, state: 'resolved' },
      });
      const editors = await send('owner', 'GET', {
        url: `${ws}/inbox/items?assignee=${ids.userId}&tag=urgent&q=mango&state=resolved&kind=mention&cursor=${FIRST_INBOX_ITEMS}`,
      });
      expect(editors.json().items.map((i: { id: string }) => i.id)).toEqual([ids.itemId]);
      expect(await rows(`SELECT id FROM saved_replies WHERE id = '${ids.replyId}'`)).toEqual([]);
      expect(await rows('SELECT title FROM saved_replies')).toEqual([{ title: 'Thanks' }]);
    });

    describe('a cursor this server never gave out, on a stored and on a scheduled column', () => {
      const ws = () => `/api/workspaces/${ids.workspaceId}`;
      const board = { id: '', scheduled: '', home: '' };
      beforeAll(async () => {
        const made = await send('owner', 'POST', {
          url: `${ws()}/boards`,
          payload: '{"name":"Cursor board"}',
        });
        expect(made.statusCode, made.body).toBe(201);
        board.id = made.json().id;
        const add = async (column: object) => {
          const added = await send('owner', 'POST', {
            url: `${ws()}/boards/${board.id}/columns`,
            payload: JSON.stringify(column),
          });
          expect(added.statusCode, added.body).toBe(201);
          return added.json().id as string;
        };
        board.scheduled = await add({ kind: 'scheduled' });
        board.home = await add({ kind: 'home', accountId: ids.accountId });
      });
      const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const cases: [string, 'scheduled' | 'home', string][] = [
        ['not base64 JSON', 'scheduled', 'not-a-cursor'],
        ['not base64 JSON', 'home', 'not-a-cursor'],
        ['JSON of another shape', 'scheduled', cursorOf({ sortAt: '2030-01-01T00:00:00Z' })],
        ['JSON of another shape', 'home', cursorOf({ sortAt: '2030-01-01T00:00:00Z' })],
        // Date.parse reads "1" as a year; PostgreSQL reads no time in it.
        ['a time only JavaScript reads', 'home', cursorOf(['1', 'item'])],
        // Scheduled items are post targets, whose ids are uuids.
        ['an item id that is no uuid', 'scheduled', cursorOf(['2030-01-01T00:00:00.000Z', 'not-a-uuid'])],
      ];
      for (const [name, kind, cursor] of cases) {
        it(`refuses ${name} on the ${kind} column with a 400`, () =>
          check('owner', 'GET', {
            name,
            url: () => `${ws()}/boards/${board.id}/columns/${board[kind]}/items?cursor=${cursor}`,
            status: 400,
            field: 'cursor',
          }));
      }
    });

    it('accepts valid writes on every kind of route', async () => {
      const json = (value: unknown) => JSON.stringify(value);
      const ws = `/api/workspaces/${ids.workspaceId}`;
      const renamed = await send('owner', 'PATCH', { url: '/api/me', payload: json({ name: 'Nadia I.' }) });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().user.name).toBe('Nadia I.');
      expect(
        (await send('owner', 'PATCH', { url: ws, payload: json({ name: 'Acme Ltd' }) })).json().name,
      ).toBe('Acme Ltd');
      const role = await send('owner', 'PATCH', {
        url: `${ws}/members/${ids.userId}`,
        payload: json({ role: 'viewer' }),
      });
      expect(role.json()).toEqual({ userId: ids.userId, role: 'viewer' });
      const accepted = await send('signed out', 'POST', {
        url: `/api/invitations/${ids.token}/accept`,
        payload: json({ name: 'Newcomer', email: 'newcomer@example.com', password: PASSWORD }),
      });
      expect(accepted.statusCode).toBe(200);
      const other = await send('owner', 'POST', {
        url: `${ws}/invitations`,
        payload: json({ role: 'viewer' }),
      });
      expect(other.statusCode).toBe(201);
      expect(
        (await send('owner', 'DELETE', { url: `${ws}/invitations/${other.json().id}` })).statusCode,
      ).toBe(204);
      expect((await send('owner', 'DELETE', { url: `${ws}/members/${ids.userId}` })).statusCode).toBe(204);
      expect(
        (await send('owner', 'POST', { url: '/api/workspaces', payload: json({ name: 'Second' }) }))
          .statusCode,
      ).toBe(201);
      const reset = await send('signed out', 'POST', {
        url: '/api/auth/password-reset/confirm',
        payload: json({ token: resetToken, password: 'a brand new password' }),
      });
      expect(reset.statusCode).toBe(200);
      const signedIn = await send('signed out', 'POST', {
        url: '/api/auth/sign-in',
        payload: json({ email: OWNER_EMAIL, password: 'a brand new password' }),
      });
      expect(signedIn.statusCode).toBe(200);
      ownerCookie = `kolorob_session=${signedIn.cookies.find((c) => c.name === 'kolorob_session')!.value}`;
      expect((await send('owner', 'POST', { url: '/api/auth/sign-out', payload: 'null' })).statusCode).toBe(
        204,
      );
      expect((await send('owner', 'GET', { url: '/api/me' })).statusCode).toBe(401);
    });
  });
});
