// Who may call what: every API route called as each workspace role, as a signed-out visitor and as the
// owner of another workspace, with the status each must get. Allowed writes must change the data; refused
// ones must change nothing and leave no audit event. Adding an /api route without a row here fails the suite.
import type { LightMyRequestResponse } from 'fastify';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCertification } from '../commands/academy/certifications/upsertCertification.ts';
import { encodeCursor } from '../commands/streams/columnItems.ts';
import type { QuizQuestion } from '../core/academy/academyTypes.ts';
import { type CourseBundle, serializeCourseFolder } from '../core/academy/courseFolder.ts';
import { SKILL_QUESTIONS } from '../core/academy/skills.ts';
import { ROLES, type Role } from '../core/roles.ts';
import type { StreamItem } from '../core/streams/streamTypes.ts';
import {
  type MastodonApiStub,
  type StubAccount,
  startMastodonApiStub,
} from '../networks/mastodon/mastodonApiStub.test-server.ts';
import { pdfToText } from '../testing/pdfTools.ts';
import { registeredApiRoutes } from '../testing/registeredApiRoutes.ts';
import { type Snac2Server, startSnac2 } from '../testing/snac2Server.ts';
import { ApiClient, startTestApp, type TestApp } from '../testing/testApp.ts';
import { png } from '../testing/testImages.ts';

type Actor = Role | 'outsider' | 'visitor';
const ACTORS: Actor[] = [...ROLES, 'outsider', 'visitor'];
const PASSWORD = 'correct horse battery';
const NOWHERE = '00000000-0000-4000-8000-000000000000';

interface Person {
  client: ApiClient;
  id: string;
  email: string;
}

let app: TestApp;
/** A real Mastodon-API server, so starting a Mastodon connection succeeds for those allowed to. */
let snac: Snac2Server;
/**
 * The local stand-in that follows the Mastodon API documentation, for the accounts whose lists and posts
 * the Streams and Lists rows act on (snac2 cannot rename lists).
 */
let stub: MastodonApiStub;
let wsA: string;
let wsB: string;
let invitationB: string;
let sharedToken: string;
const people = {} as Record<Role | 'outsider', Person>;
let seq = 0;

const tokenOf = (link: string) => link.split('/invite/')[1]!;

async function invite(role: Role, workspaceId = wsA, inviter: Person = people.owner) {
  const response = await inviter.client.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  expect(response.statusCode).toBe(201);
  const body = response.json();
  return { id: body.id as string, token: tokenOf(body.link) };
}

/** A new account that joins the workspace with the role, through an invitation link. */
async function join(role: Role, workspaceId = wsA, inviter: Person = people.owner): Promise<Person> {
  const { token } = await invite(role, workspaceId, inviter);
  seq += 1;
  const email = `person${seq}@example.com`;
  const client = new ApiClient(app);
  const accepted = await client.post(`/api/invitations/${token}/accept`, {
    name: `Person ${seq}`,
    email,
    password: PASSWORD,
  });
  expect(accepted.statusCode).toBe(200);
  return { client, id: accepted.json().user.id, email };
}

const rows = async (sql: string) => (await app.database.executor.executeSql(sql)).rows;

/** Everything a call in this suite could change, plus the number of audit events. */
async function snapshot() {
  return {
    workspaces: await rows(
      'SELECT id, name, listening_retention_days, crisis_started_at, crisis_reason FROM workspaces ORDER BY id',
    ),
    memberships: await rows(
      'SELECT workspace_id, user_id, role FROM memberships ORDER BY workspace_id, user_id',
    ),
    invitations: await rows(
      'SELECT id, workspace_id, role, email, accepted_at, revoked_at FROM invitations ORDER BY id',
    ),
    users: await rows('SELECT id, email, name, locale, last_workspace_id FROM users ORDER BY id'),
    instance: await rows('SELECT key FROM instance_facts ORDER BY key'),
    accounts: await rows(
      'SELECT id, workspace_id, handle, status, credentials_sealed FROM social_accounts ORDER BY id',
    ),
    oauthStates: await rows('SELECT state, workspace_id, user_id FROM oauth_states ORDER BY state'),
    settings: await rows(
      'SELECT w.id, w.require_alt_text, a.id AS account, a.time_zone, a.posting_slots FROM workspaces w LEFT JOIN social_accounts a ON a.workspace_id = w.id ORDER BY w.id, a.id',
    ),
    posts: await rows(
      'SELECT id, author_id, approval_round, rejection_reason, rejected_by FROM posts ORDER BY id',
    ),
    targets: await rows(
      'SELECT id, status, version, text, scheduled_at, attempts, paused_by_crisis, crisis_override FROM post_targets ORDER BY id',
    ),
    media: await rows('SELECT id FROM media ORDER BY id'),
    assessments: await rows(
      'SELECT id, user_id, workspace_id, answers, scores FROM skill_assessments ORDER BY id',
    ),
    questions: await rows('SELECT id, course_id, author_id, title, body FROM course_questions ORDER BY id'),
    answers: await rows('SELECT id, question_id, author_id, body, helpful FROM course_answers ORDER BY id'),
    resumes: await rows(
      'SELECT user_id, headline, summary, location, contact, experience, education, skills, updated_at FROM resume_profiles ORDER BY user_id',
    ),
    demoRequests: await rows(
      'SELECT id, name, email, company, team_size, message, ip FROM demo_requests ORDER BY id',
    ),
    courses: await rows(
      'SELECT id, workspace_id, slug, language, title, summary, skills, status, created_by, updated_at FROM courses ORDER BY id',
    ),
    modules: await rows('SELECT id, course_id, position, title FROM course_modules ORDER BY id'),
    lessons: await rows(
      'SELECT id, course_id, module_id, position, kind, title, md5(body_markdown) AS body, md5(questions::text) AS questions FROM lessons ORDER BY id',
    ),
    progress: await rows(
      'SELECT user_id, lesson_id, course_id, score, completed_at FROM lesson_progress ORDER BY user_id, lesson_id',
    ),
    visits: await rows(
      'SELECT user_id, course_id, lesson_id, visited_at FROM course_visits ORDER BY user_id, course_id',
    ),
    certifications: await rows(
      'SELECT id, workspace_id, course_id, slug, title, md5(question_pool::text) AS pool, draw_count, time_limit_minutes, pass_percent, max_attempts, cooldown_hours, status FROM certifications ORDER BY id',
    ),
    attempts: await rows(
      'SELECT id, certification_id, user_id, question_ids, answers, started_at, deadline_at, submitted_at, score_percent, passed FROM exam_attempts ORDER BY id',
    ),
    certificates: await rows(
      'SELECT id, code, certification_id, user_id, attempt_id, holder_name, revoked_at, revoked_reason FROM certificates ORDER BY id',
    ),
    coaches: await rows(
      'SELECT id, workspace_id, user_id, bio, time_zone, session_minutes, notice_hours, weekly, exceptions, active FROM coaches ORDER BY id',
    ),
    bookings: await rows(
      'SELECT id, coach_id, member_id, starts_at, ends_at, topic, status, sequence, cancelled_at FROM coaching_bookings ORDER BY id',
    ),
    boards: await rows('SELECT id, workspace_id, user_id, name, position FROM stream_boards ORDER BY id'),
    columns: await rows(
      'SELECT id, board_id, position, kind, account_id, config FROM stream_columns ORDER BY id',
    ),
    sources: await rows(
      'SELECT workspace_id, source_key, kind, account_id FROM stream_sources ORDER BY workspace_id, source_key',
    ),
    streamItems: await rows(
      'SELECT workspace_id, source_key, item_id, item FROM stream_items ORDER BY workspace_id, source_key, item_id',
    ),
    listTemplates: await rows(
      'SELECT id, workspace_id, name, description, members, updated_at FROM list_templates ORDER BY id',
    ),
    listeningQueries: await rows(
      'SELECT id, workspace_id, name, query, md5(tree::text) AS tree, active, own_brand, mastodon_instances, feed_urls, spike_sigma, spike_min_count, negative_jump_points, alert_cooldown_minutes, alert_email, updated_at FROM listening_queries ORDER BY id',
    ),
    listeningMentions: await rows(
      'SELECT id, workspace_id, query_ids::text AS query_ids, md5(text) AS text, posted_at FROM listening_mentions ORDER BY id',
    ),
    listeningCounts: await rows(
      'SELECT query_id, workspace_id, minute, total, positive, negative, neutral FROM listening_counts ORDER BY query_id, minute',
    ),
    listeningAlerts: await rows(
      'SELECT id, workspace_id, query_id, kind, read_at FROM listening_alerts ORDER BY id',
    ),
    listeningCursors: await rows('SELECT source, cursor, updated_at FROM listening_cursors ORDER BY source'),
    comments: await rows(
      'SELECT id, workspace_id, subject_type, subject_id, author_id, md5(body) AS body, mentions, edited_at FROM comments ORDER BY id',
    ),
    notifications: await rows(
      'SELECT id, workspace_id, user_id, kind, md5(data::text) AS data, read_at FROM notifications ORDER BY id',
    ),
    approvalSteps: await rows(
      'SELECT id, account_id, position, approver_user_id, approver_role FROM approval_steps ORDER BY id',
    ),
    postApprovals: await rows(
      'SELECT id, post_id, account_id, round, position, decision, comment, decided_by FROM post_approvals ORDER BY id',
    ),
    crisisPeriods: await rows(
      'SELECT id, workspace_id, reason, started_by, started_at, ended_by, ended_at FROM crisis_periods ORDER BY id',
    ),
    holdingStatements: await rows(
      'SELECT id, workspace_id, title, md5(text) AS text, updated_at FROM holding_statements ORDER BY id',
    ),
    stakeholderContacts: await rows(
      'SELECT id, workspace_id, name, role, email, phone, notes FROM stakeholder_contacts ORDER BY id',
    ),
    inboxItems: await rows(
      'SELECT id, workspace_id, state, assignee_id, tags, resolved_by, resolved_at, updated_at FROM inbox_items ORDER BY id',
    ),
    savedReplies: await rows(
      'SELECT id, workspace_id, title, md5(text) AS text, updated_at FROM saved_replies ORDER BY id',
    ),
    audit: await auditCount(),
  };
}

async function auditCount(): Promise<number> {
  return (await rows('SELECT count(*)::int AS n FROM audit_events'))[0].n;
}

async function roleIn(workspaceId: string, userId: string): Promise<string | undefined> {
  const found = await app.database.executor.executeSql(
    'SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2',
    [workspaceId, userId],
  );
  return found.rows[0]?.role;
}

async function pendingInvitationIds(workspaceId: string): Promise<string[]> {
  const found = await app.database.executor.executeSql(
    'SELECT id FROM invitations WHERE workspace_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL ORDER BY id',
    [workspaceId],
  );
  return found.rows.map((r) => r.id);
}

function expectErrorShape(response: LightMyRequestResponse) {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(Object.keys(body).every((k) => ['error', 'message', 'fields'].includes(k))).toBe(true);
  expect(body.error).toEqual(expect.any(String));
  expect(body.message).toEqual(expect.any(String));
  expect(body.message.length).toBeGreaterThan(0);
}

/** Runs a call; when refused, checks its status and error body and that nothing changed. */
async function attempt(status: number, call: () => Promise<LightMyRequestResponse>) {
  const before = await snapshot();
  const response = await call();
  expect(response.statusCode, response.body).toBe(status);
  if (status >= 400) {
    expectErrorShape(response);
    expect(await snapshot()).toEqual(before);
  }
  return response;
}

const clientOf = (actor: Actor) => (actor === 'visitor' ? new ApiClient(app) : people[actor].client);

// Expected statuses by audience.
const everyone = (status: number): Record<Actor, number> => ({
  owner: status,
  admin: status,
  editor: status,
  contributor: status,
  viewer: status,
  outsider: status,
  visitor: status,
});
const signedIn = (status: number): Record<Actor, number> => ({ ...everyone(status), visitor: 401 });
const membersOfA = (status: number): Record<Actor, number> => ({ ...signedIn(status), outsider: 404 });
const managersOfA = (status: number): Record<Actor, number> => ({
  ...membersOfA(status),
  editor: 403,
  contributor: 403,
  viewer: 403,
});
/** accounts.manage: owners, admins and editors. */
const accountManagersOfA = (status: number): Record<Actor, number> => ({
  ...membersOfA(status),
  contributor: 403,
  viewer: 403,
});

let accountSeq = 0;

/** A Bluesky account row in workspace A, written directly: connecting one for real needs a network. */
async function insertAccount(): Promise<string> {
  accountSeq += 1;
  const found = await app.database.executor.executeSql(
    `INSERT INTO social_accounts (workspace_id, network, remote_id, handle, display_name, service_url, credentials_sealed)
     VALUES ($1, 'bluesky', $2, $3, 'Fixture', 'https://pds.example', $4) RETURNING id`,
    [wsA, `did:plc:fixture${accountSeq}`, `fixture${accountSeq}.test`, app.ctx.secretBox.seal('{}')],
  );
  return found.rows[0].id;
}

/** Post writers: everyone in A but viewers; a contributor's post waits for approval. */
const postWritersOfA = (status: number): Record<Actor, number> => ({ ...membersOfA(status), viewer: 403 });
/** Changing someone else's post: owners, admins and editors (contributors may change only their own). */
const postEditorsOfA = (status: number): Record<Actor, number> => ({
  ...membersOfA(status),
  contributor: 403,
  viewer: 403,
});

let postAccount: string | undefined;

/** A post by A's owner on a fixture account, as a draft or scheduled two hours ahead. */
async function ownersPost(mode: 'draft' | 'schedule'): Promise<{ postId: string; targetId: string }> {
  postAccount ??= await insertAccount();
  const response = await people.owner.client.post(`/api/workspaces/${wsA}/posts`, {
    text: 'A post for the matrix',
    targets: [{ accountId: postAccount }],
    mode,
    ...(mode === 'schedule' ? { scheduledAt: new Date(Date.now() + 2 * 3600_000).toISOString() } : {}),
  });
  expect(response.statusCode, response.body).toBe(201);
  return { postId: response.json().id, targetId: response.json().targets[0].id };
}

async function statusOf(targetId: string): Promise<string> {
  return (await rows(`SELECT status FROM post_targets WHERE id = '${targetId}'`))[0].status;
}

const TINY_PNG = Buffer.from(png(2, 2));

/** A published course in workspace A, written directly: making courses is not what these rows check. */
let course: string;
/** A contributor of A who asks and answers the questions the Q&A rows act on, so no actor wrote them. */
let asker: Person;

const skillsUrl = (path: string) => `/api/workspaces/${wsA}/academy/skills/${path}`;
const everyRating = (rating: number) => Object.fromEntries(SKILL_QUESTIONS.map((q) => [q.id, rating]));

/** A question on A's course by the person, asked through the API. */
async function askAs(person: Person, title = 'A question for the matrix'): Promise<string> {
  const response = await person.client.post(`/api/academy/courses/${course}/questions`, {
    title,
    body: 'Asked in the matrix',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** An answer by the person, given through the API. */
async function answerAs(person: Person, questionId: string): Promise<string> {
  const response = await person.client.post(`/api/academy/questions/${questionId}/answers`, {
    body: 'Answered in the matrix',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** The actor as a member of A; the outsider and the visitor act on the asker's questions instead. */
const authorFor = (actor: Actor): Person =>
  actor === 'outsider' || actor === 'visitor' ? asker : people[actor];

const questionCount = async (id: string) =>
  (await rows(`SELECT count(*)::int AS n FROM course_questions WHERE id = '${id}'`))[0].n;
const answerCount = async (id: string) =>
  (await rows(`SELECT count(*)::int AS n FROM course_answers WHERE id = '${id}'`))[0].n;

/** Each demo request comes from an address of its own: one address may send only five an hour. */
let demoSeq = 0;

/** A single-choice question whose option a is right. */
const quizQuestion = (id: string): QuizQuestion => ({
  id,
  prompt: `Question ${id}?`,
  kind: 'single',
  options: [
    { id: 'a', text: 'Right', correct: true, explanation: 'This one is right.' },
    { id: 'b', text: 'Wrong', correct: false, explanation: 'This one is wrong.' },
  ],
});
const rightAnswers = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, ['a']]));

interface MatrixCourse {
  courseId: string;
  slug: string;
  moduleId: string;
  lessonId: string;
  quizId: string;
}

let courseSeq = 0;

/** A course of A's owner, made through the API: one module with a lesson and a two-question quiz. */
async function ownersCourse(status: 'draft' | 'published'): Promise<MatrixCourse> {
  courseSeq += 1;
  const owner = people.owner.client;
  const created = await owner.post(`/api/workspaces/${wsA}/academy/courses`, {
    title: `Matrix course ${courseSeq}`,
    language: 'en',
  });
  expect(created.statusCode, created.body).toBe(201);
  const courseId = created.json().id;
  const moduleId = await addModuleTo(courseId);
  const lessonId = await addLessonTo(courseId, moduleId, 'lesson');
  const quizId = await addLessonTo(courseId, moduleId, 'quiz');
  if (status === 'published')
    expect((await owner.post(`/api/academy/courses/${courseId}/publish`)).statusCode).toBe(200);
  return { courseId, slug: created.json().slug, moduleId, lessonId, quizId };
}

/** A course with nothing in it, written directly, for the rows that change only the course itself. */
async function bareCourse(status: 'draft' | 'published'): Promise<string> {
  courseSeq += 1;
  return (
    await rows(
      `INSERT INTO courses (workspace_id, slug, language, title, status)
       VALUES ('${wsA}', 'matrix-bare-${courseSeq}', 'en', 'Bare course ${courseSeq}', '${status}') RETURNING id`,
    )
  )[0].id;
}

async function addModuleTo(courseId: string): Promise<string> {
  const response = await people.owner.client.post(`/api/academy/courses/${courseId}/modules`, {
    title: 'A module for the matrix',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function addLessonTo(courseId: string, moduleId: string, kind: 'lesson' | 'quiz'): Promise<string> {
  const response = await people.owner.client.post(
    `/api/academy/courses/${courseId}/modules/${moduleId}/lessons`,
    kind === 'lesson'
      ? { kind, title: 'A lesson for the matrix', bodyMarkdown: '# Read me' }
      : { kind, title: 'A quiz for the matrix', questions: [quizQuestion('q1'), quizQuestion('q2')] },
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** A course folder zip with two lessons and an exam, as an export gives it. */
function courseZip(slug: string): Buffer {
  const bundle: CourseBundle = {
    slug,
    language: 'en',
    title: `Imported ${slug}`,
    summary: 'Imported in the matrix.',
    skills: ['listening'],
    modules: [
      {
        title: 'Start',
        items: [
          { kind: 'lesson', title: 'First', bodyMarkdown: '# First\n' },
          { kind: 'lesson', title: 'Second', bodyMarkdown: '# Second\n' },
        ],
      },
    ],
    certification: {
      slug: `${slug}-exam`,
      title: `Exam of ${slug}`,
      description: 'Imported with its course.',
      drawCount: 1,
      timeLimitMinutes: 10,
      passPercent: 60,
      maxAttempts: 2,
      cooldownHours: 0,
      questions: [quizQuestion('x1'), quizQuestion('x2')],
    },
  };
  const files = serializeCourseFolder(bundle);
  return Buffer.from(
    zipSync(
      Object.fromEntries(Object.entries(files).map(([name, text]) => [`${slug}/${name}`, strToU8(text)])),
    ),
  );
}

/** Published courses of A's owner: one everyone reads, one whose lessons the learning rows add to. */
let learning: MatrixCourse;
let practice: MatrixCourse;
/** A draft course whose modules and lessons the editing rows change. */
let workshop: MatrixCourse;

const EXAM_QUESTIONS = ['e1', 'e2', 'e3'];
const EXAM_ANSWERS = { answers: rightAnswers(EXAM_QUESTIONS) };
let examSeq = 0;

/** A published exam in A with no course, drawing all three of its questions; 20 attempts, no pause. */
async function newCertification(): Promise<string> {
  examSeq += 1;
  return app.database.transaction((tx) =>
    upsertCertification(tx, wsA, null, 'en', {
      slug: `matrix-exam-${examSeq}`,
      title: `Matrix exam ${examSeq}`,
      description: 'An exam for the matrix.',
      drawCount: 3,
      timeLimitMinutes: 30,
      passPercent: 60,
      maxAttempts: 20,
      cooldownHours: 0,
      questions: EXAM_QUESTIONS.map(quizQuestion),
    }),
  );
}

/** Exams the rows share: one only the start row uses, one for reading attempts, one for handing in. */
let startExam: string;
let readExam: string;
let submitExam: string;
/** A draft exam, which only owners and admins see. */
let draftExam: string;
/** A contributor of A who takes exams and books sessions that belong to no actor. */
let learner: Person;
let learnerName: string;
/** The learner's certificate, which the rows read. */
let learnerCertificate: { id: string; code: string };

/** The person's open attempt at the exam (a new one, or the one still running). */
async function attemptOf(person: Person, certificationId: string): Promise<string> {
  const response = await person.client.post(`/api/academy/certifications/${certificationId}/attempts`);
  expect([200, 201], response.body).toContain(response.statusCode);
  return response.json().id;
}

/** A certificate the person earns through the API, on an exam of its own. */
async function certify(person: Person): Promise<{ id: string; code: string }> {
  const attemptId = await attemptOf(person, await newCertification());
  const response = await person.client.post(`/api/academy/attempts/${attemptId}/submit`, EXAM_ANSWERS);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().result.certificate;
}

/** The actor as a member of A; the outsider and the visitor act on the learner's things instead. */
const memberOrLearner = (actor: Actor): Person =>
  actor === 'outsider' || actor === 'visitor' ? learner : people[actor];

const isManager = (actor: Actor) => actor === 'owner' || actor === 'admin';

/** Every day, all day, in UTC: any half hour from three days ahead is a slot. */
const COACH_PROFILE = {
  bio: 'Coaching in the matrix.',
  timeZone: 'UTC',
  sessionMinutes: 30,
  noticeHours: 1,
  weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
  exceptions: [],
  active: true,
};
const DAY_MS = 86_400_000;
const HALF_HOUR_MS = 1_800_000;
const SLOTS_FROM = Math.floor(Date.now() / DAY_MS) * DAY_MS + 3 * DAY_MS;
let slotSeq = 0;
/** A half hour no earlier call has booked, so no two bookings in the suite ask for one slot. */
const nextSlot = () => new Date(SLOTS_FROM + slotSeq++ * HALF_HOUR_MS).toISOString();

/** A member of A who coaches. */
let coach: Person;
let coachId: string;

/** Makes the person a coach in A with the matrix's hours; their coach id. */
async function coachProfileOf(person: Person, bio = COACH_PROFILE.bio): Promise<string> {
  const response = await person.client.request('PUT', `/api/workspaces/${wsA}/academy/coaching/me`, {
    ...COACH_PROFILE,
    bio,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().coach.id;
}

/** A session the person books with the coach, at a slot of its own. */
async function bookAs(person: Person, withCoach = coachId): Promise<string> {
  const response = await person.client.post(`/api/academy/coaches/${withCoach}/bookings`, {
    startsAt: nextSlot(),
    topic: 'A session for the matrix',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const bookingRow = async (id: string) =>
  (await rows(`SELECT member_id, status, starts_at, sequence FROM coaching_bookings WHERE id = '${id}'`))[0];

/** lists.manage and streams.engage: owners, admins and editors. */
const editorsAndUpOfA = (status: number): Record<Actor, number> => ({
  ...membersOfA(status),
  contributor: 403,
  viewer: 403,
});

/** A Mastodon account on the local stand-in, written directly; in A unless another workspace is named. */
async function stubAccount(options: { workspaceId?: string; connectedBy?: string } = {}): Promise<string> {
  accountSeq += 1;
  const credentials = JSON.stringify({ instanceUrl: stub.instanceUrl, accessToken: stub.accessToken });
  const found = await app.database.executor.executeSql(
    `INSERT INTO social_accounts (workspace_id, network, remote_id, handle, display_name, service_url, credentials_sealed, connected_by)
     VALUES ($1, 'mastodon', $2, $3, 'Alice', $4, $5, $6) RETURNING id`,
    [
      options.workspaceId ?? wsA,
      `stub-${accountSeq}`,
      `alice${accountSeq}@stub.test`,
      stub.instanceUrl,
      app.ctx.secretBox.seal(credentials),
      options.connectedBy ?? null,
    ],
  );
  return found.rows[0].id;
}

/** A Bluesky account of A whose server does not answer (nothing listens on port 1), written directly. */
async function unreachableAccount(): Promise<string> {
  accountSeq += 1;
  const service = 'http://127.0.0.1:1';
  const credentials = { service, identifier: `down${accountSeq}.test`, appPassword: 'aaaa-bbbb-cccc-dddd' };
  const found = await app.database.executor.executeSql(
    `INSERT INTO social_accounts (workspace_id, network, remote_id, handle, display_name, service_url, credentials_sealed)
     VALUES ($1, 'bluesky', $2, $3, 'Down', $4, $5) RETURNING id`,
    [
      wsA,
      `did:plc:down${accountSeq}`,
      credentials.identifier,
      service,
      app.ctx.secretBox.seal(JSON.stringify(credentials)),
    ],
  );
  return found.rows[0].id;
}

/** A's account on the stand-in that the Streams and Lists rows share; nobody of A connected it. */
let streamAccount: string;
/** Someone on the stand-in's server, to follow, list, find and reply to. */
let bob: StubAccount;
let stubListSeq = 0;

/** A list of the stand-in's account, made on the server directly; its id. */
function stubList(title: string, members: string[] = []): string {
  stubListSeq += 1;
  const id = `9${String(stubListSeq).padStart(5, '0')}`;
  stub.streams.lists.set(id, { id, title, members });
  return id;
}

const listsUrl = (path = '', account = streamAccount) =>
  `/api/workspaces/${wsA}/accounts/${account}/lists${path}`;

/** A board of the person's own, made through the API. */
async function boardOf(person: Person, name = 'A board for the matrix'): Promise<string> {
  const response = await person.client.post(`/api/workspaces/${wsA}/boards`, { name });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** A column on the person's board, added through the API (the planner's scheduled posts by default). */
async function columnOf(
  person: Person,
  boardId: string,
  body: object = { kind: 'scheduled' },
): Promise<string> {
  const response = await person.client.post(`/api/workspaces/${wsA}/boards/${boardId}/columns`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** The learner's board, with a scheduled and a home column, at which the rows about another's board aim. */
let learnerBoard: { boardId: string; columnIds: string[] } | undefined;

async function learnersBoard(): Promise<{ boardId: string; columnIds: string[] }> {
  if (!learnerBoard) {
    const boardId = await boardOf(learner, 'The learner’s board');
    const columnIds = [
      await columnOf(learner, boardId),
      await columnOf(learner, boardId, { kind: 'home', accountId: streamAccount }),
    ];
    learnerBoard = { boardId, columnIds };
  }
  return learnerBoard;
}

/**
 * A new board of the actor's own with the columns asked for; the outsider and the visitor aim at the
 * learner's board and its columns instead (one person may have only 20 boards).
 */
async function boardFor(
  actor: Actor,
  columns: object[] = [],
): Promise<{ boardId: string; columnIds: string[] }> {
  if (actor === 'outsider' || actor === 'visitor') return learnersBoard();
  const boardId = await boardOf(people[actor]);
  const columnIds: string[] = [];
  for (const column of columns) columnIds.push(await columnOf(people[actor], boardId, column));
  return { boardId, columnIds };
}

const SCHEDULED = { kind: 'scheduled' };
/** A cursor before every scheduled post: a scheduled column's older page then starts at the first. */
const FROM_THE_START = encodeCursor({ sortAt: new Date(0).toISOString(), itemId: NOWHERE });

const boardsUrl = (path = '') => `/api/workspaces/${wsA}/boards${path}`;
const columnRows = async (boardId: string) =>
  rows(`SELECT id, position, kind FROM stream_columns WHERE board_id = '${boardId}' ORDER BY position`);
const boardRows = async (id: string) => rows(`SELECT user_id, name FROM stream_boards WHERE id = '${id}'`);

/** A list template of A, made by the owner through the API. */
async function ownersTemplate(name = 'A template for the matrix'): Promise<string> {
  const response = await people.owner.client.post(`/api/workspaces/${wsA}/list-templates`, {
    name,
    description: 'Made for the matrix.',
    members: [{ network: 'mastodon', handle: 'bob' }],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** The template the apply rows use: one person the server knows, one it does not, one on Bluesky. */
let applyTemplate: string;

/** A post of bob's stored as an item of the shared account's home column, as a board shows it. */
async function storedItemOf(postId: string): Promise<void> {
  const item: StreamItem = {
    id: postId,
    network: 'mastodon',
    kind: 'post',
    postId,
    url: `${stub.instanceUrl}/@bob/${postId}`,
    text: 'A post to like',
    author: { id: bob.id, handle: 'bob', displayName: 'Bob', url: `${stub.instanceUrl}/@bob` },
    createdAt: new Date().toISOString(),
    counts: { replies: 0, reposts: 0, likes: 0 },
    viewer: { liked: false, reposted: false },
  };
  await app.database.executor.executeSql(
    `INSERT INTO stream_items (workspace_id, source_key, item_id, sort_at, item) VALUES ($1, $2, $3, now(), $4::jsonb)`,
    [wsA, `home:${streamAccount}`, postId, JSON.stringify(item)],
  );
}

const listeningUrl = (path: string, workspaceId = wsA) => `/api/workspaces/${workspaceId}/listening${path}`;
let listeningSeq = 0;

/** A listening query made through the API: in A by its owner, in B by the outsider. */
async function listeningQueryOf(workspaceId = wsA): Promise<string> {
  listeningSeq += 1;
  const person = workspaceId === wsA ? people.owner : people.outsider;
  const response = await person.client.post(listeningUrl('/queries', workspaceId), {
    name: `Matrix query ${listeningSeq}`,
    query: `matrix${listeningSeq} OR #matrix${listeningSeq}`,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** When the one mention the reading rows find was posted, and the day around it. */
const HEARD_AT = '2025-03-31T10:15:00.000Z';
const HEARD_DAY = 'from=2025-03-31T00:00:00Z&to=2025-04-01T00:00:00Z';
let mentionSeq = 0;

/** A mention the queries found, stored directly as the ingest worker would; its id. */
async function mentionOf(
  queryIds: string[],
  text: string,
  workspaceId = wsA,
  postedAt = HEARD_AT,
): Promise<number> {
  mentionSeq += 1;
  const found = await app.database.executor.executeSql(
    `INSERT INTO listening_mentions (workspace_id, query_ids, source, remote_id, url, author_handle, author_name,
       text, lang, sentiment, sentiment_score, hashtags, posted_at)
     VALUES ($1, $2::uuid[], 'bluesky', $3, $4, 'bob.test', 'Bob Biswas', $5, 'en', 'positive', 0.6,
       ARRAY['mango']::text[], $6) RETURNING id`,
    [
      workspaceId,
      `{${queryIds.join(',')}}`,
      `at://did:plc:matrix/app.bsky.feed.post/${mentionSeq}`,
      `https://bsky.app/profile/bob.test/post/${mentionSeq}`,
      text,
      postedAt,
    ],
  );
  return Number(found.rows[0].id);
}

/** The count of one positive mention for the query in the minute it was posted. */
async function countOf(queryId: string, minute = HEARD_AT, workspaceId = wsA): Promise<void> {
  await app.database.executor.executeSql(
    `INSERT INTO listening_counts (query_id, workspace_id, minute, total, positive) VALUES ($1, $2, $3, 1, 1)`,
    [queryId, workspaceId, minute],
  );
}

/** An unread volume alert about the query, stored directly as the spike check would; its id. */
async function alertOf(queryId: string, workspaceId = wsA): Promise<string> {
  const found = await app.database.executor.executeSql(
    `INSERT INTO listening_alerts (workspace_id, query_id, kind, window_start, window_end, detail)
     VALUES ($1, $2, 'volume', now() - interval '1 hour', now(), '{"count":40,"mean":1.5,"stdDev":1}'::jsonb)
     RETURNING id`,
    [workspaceId, queryId],
  );
  return found.rows[0].id;
}

/**
 * The queries of A the reading rows share: one that heard a single mention (with its count), and a rival
 * that heard nothing of its own; made on first use.
 */
let heard: { queryId: string; mentionId: number; rivalId: string } | undefined;

async function heardQuery(): Promise<{ queryId: string; mentionId: number; rivalId: string }> {
  if (!heard) {
    const queryId = await listeningQueryOf();
    const mentionId = await mentionOf([queryId], 'Mango juice, heard in the matrix #mango');
    await countOf(queryId);
    heard = { queryId, mentionId, rivalId: await listeningQueryOf() };
  }
  return heard;
}

/** A query of workspace B with a mention and an alert, which no member of A may reach; made on first use. */
let theirs: { queryId: string; alertId: string } | undefined;

async function theirQuery(): Promise<{ queryId: string; alertId: string }> {
  if (!theirs) {
    const queryId = await listeningQueryOf(wsB);
    await mentionOf([queryId], 'Mango juice, heard in B', wsB);
    theirs = { queryId, alertId: await alertOf(queryId, wsB) };
  }
  return theirs;
}

const listeningQueryRow = async (id: string) =>
  rows(
    `SELECT workspace_id, name, query, active, own_brand, mastodon_instances, feed_urls, spike_sigma, spike_min_count, alert_cooldown_minutes FROM listening_queries WHERE id = '${id}'`,
  );

/** Comment writers (comments.write): everyone in A but viewers. */
const commentWriter = (actor: Actor): actor is Exclude<Role, 'viewer'> =>
  actor === 'owner' || actor === 'admin' || actor === 'editor' || actor === 'contributor';

/** A draft of A's owner that the comment rows talk about; made on first use. */
let discussedPost: string | undefined;

const commentsUrl = (query = '') => `/api/workspaces/${wsA}/comments${query}`;

/** A comment by the person on the discussed post, written through the API; its id. */
async function commentAs(person: Person, body = 'A comment for the matrix'): Promise<string> {
  discussedPost ??= (await ownersPost('draft')).postId;
  const response = await person.client.post(commentsUrl(), {
    subjectType: 'post',
    subjectId: discussedPost,
    body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** The actor's own comment; viewers cannot write one, so they, the outsider and the visitor aim at the asker's. */
const ownCommentFor = (actor: Actor) => commentAs(commentWriter(actor) ? people[actor] : asker);

const commentRow = async (id: string) =>
  rows(`SELECT author_id, body, mentions, edited_at FROM comments WHERE id = '${id}'`);

let noticeSeq = 0;

/** An unread mention notification for the person, stored directly as notify() writes it; its id. */
async function noticeFor(userId: string, workspaceId = wsA): Promise<string> {
  noticeSeq += 1;
  const found = await app.database.executor.executeSql(
    `INSERT INTO notifications (workspace_id, user_id, kind, data, link)
     VALUES ($1, $2, 'comment_mention', $3::jsonb, $4) RETURNING id`,
    [
      workspaceId,
      userId,
      JSON.stringify({ authorName: 'Matrix', body: `Notice ${noticeSeq}` }),
      `/w/${workspaceId}/publisher`,
    ],
  );
  return found.rows[0].id;
}

/** The person's notifications in A, unread ones only if asked. */
const noticeIdsOf = async (userId: string, unread = false) =>
  (
    await rows(
      `SELECT id FROM notifications WHERE workspace_id = '${wsA}' AND user_id = '${userId}'${unread ? ' AND read_at IS NULL' : ''} ORDER BY id`,
    )
  ).map((r) => r.id as string);

/** A notification of the actor's own (the outsider's in B); the visitor aims at the learner's. */
const ownNoticeFor = (actor: Actor) =>
  actor === 'outsider'
    ? noticeFor(people.outsider.id, wsB)
    : noticeFor(actor === 'visitor' ? learner.id : people[actor].id);

const auditUrl = (path: string) => `/api/workspaces/${wsA}/audit-events${path}`;

/** Deciding on posts (posts.approve): owners, admins and editors. */
const approversOfA = (status: number): Record<Actor, number> => ({
  ...membersOfA(status),
  contributor: 403,
  viewer: 403,
});

const HOUR_MS = 3_600_000;
const hoursAhead = (hours: number) => new Date(Date.now() + hours * HOUR_MS).toISOString();

/** A post of the person on the post account, scheduled two hours ahead; a contributor's waits for approval. */
async function scheduledPostOf(person: Person, text = 'A post for the matrix') {
  postAccount ??= await insertAccount();
  const response = await person.client.post(`/api/workspaces/${wsA}/posts`, {
    text,
    targets: [{ accountId: postAccount }],
    mode: 'schedule',
    scheduledAt: hoursAhead(2),
  });
  expect(response.statusCode, response.body).toBe(201);
  return { postId: response.json().id as string, targetId: response.json().targets[0].id as string };
}

/** A post of the asker's waiting for approval on the post account, whose chain is the default one. */
async function waitingPost(): Promise<{ postId: string; targetId: string }> {
  const post = await scheduledPostOf(asker, 'Waiting for approval in the matrix');
  expect(await statusOf(post.targetId)).toBe('pending_approval');
  return post;
}

/** The asker's post, approved by the owner. */
async function approvedPost(): Promise<string> {
  const { postId, targetId } = await waitingPost();
  const approved = await people.owner.client.post(`/api/posts/${postId}/approval/decisions`, {
    decision: 'approved',
    comment: '',
  });
  expect(approved.statusCode, approved.body).toBe(200);
  expect(await statusOf(targetId)).toBe('scheduled');
  return postId;
}

/** The account of A whose approval chain the chain rows set; the post account keeps the default chain. */
let chainAccount: string | undefined;

const chainUrl = async () => {
  chainAccount ??= await insertAccount();
  return `/api/workspaces/${wsA}/accounts/${chainAccount}/approval-chain`;
};

const pendingPostIds = async () =>
  (
    await rows(
      `SELECT DISTINCT post_id FROM post_targets WHERE workspace_id = '${wsA}' AND status = 'pending_approval' ORDER BY post_id`,
    )
  ).map((r) => r.post_id as string);

const crisisUrl = (path = '') => `/api/workspaces/${wsA}/crisis${path}`;

const inCrisis = async () =>
  (await rows(`SELECT crisis_started_at FROM workspaces WHERE id = '${wsA}'`))[0].crisis_started_at !== null;

/** Puts A in crisis mode through the API, unless it is already. */
async function crisisOn(): Promise<void> {
  if (await inCrisis()) return;
  const started = await people.owner.client.post(crisisUrl('/start'), { reason: 'Held for the matrix' });
  expect(started.statusCode, started.body).toBe(201);
}

/** Takes A out of crisis mode through the API, unless it is out already: no row but the crisis rows finds it on. */
async function crisisOff(): Promise<void> {
  if (!(await inCrisis())) return;
  const ended = await people.owner.client.post(crisisUrl('/end'));
  expect(ended.statusCode, ended.body).toBe(200);
}

/**
 * An owner's post whose time passed while crisis mode held it, after the crisis: waiting for a decision.
 * Written directly from a scheduled post (the pause and the passing of time are tested in crisisApi.test.ts).
 */
async function heldPastPost(): Promise<{ postId: string; targetId: string }> {
  const post = await ownersPost('schedule');
  await rows(
    `UPDATE post_targets SET status = 'paused', paused_by_crisis = true, version = version + 1,
       scheduled_at = now() - interval '1 hour' WHERE id = '${post.targetId}'`,
  );
  return post;
}

const targetRow = async (id: string) =>
  (
    await rows(
      `SELECT status, scheduled_at, paused_by_crisis, crisis_override FROM post_targets WHERE id = '${id}'`,
    )
  )[0];

/** A holding statement of A, written by the owner through the API; its id. */
async function ownersStatement(): Promise<string> {
  const response = await people.owner.client.post(`/api/workspaces/${wsA}/holding-statements`, {
    title: 'We are looking into it',
    text: 'We know about the problem and will post an update within the hour.',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** A stakeholder contact of A, written by the owner through the API; its id. */
async function ownersContact(): Promise<string> {
  const response = await people.owner.client.post(`/api/workspaces/${wsA}/stakeholder-contacts`, {
    name: 'Farhana Chowdhury',
    role: 'Head of communications',
    email: 'farhana@example.com',
    phone: '+880 1711 000000',
    notes: 'Call first.',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const statementRow = async (id: string) =>
  rows(`SELECT workspace_id, title, text, created_by FROM holding_statements WHERE id = '${id}'`);
const contactRow = async (id: string) =>
  rows(`SELECT workspace_id, name, role, email, phone, notes FROM stakeholder_contacts WHERE id = '${id}'`);

const inboxUrl = (path: string) => `/api/workspaces/${wsA}/inbox${path}`;
let inboxSeq = 0;

/**
 * A mention of the post account in A's inbox, stored directly as the polling would (reading the networks
 * is tested in inboxApi.test.ts); its id.
 */
async function inboxItemOf(options: { text?: string; state?: 'open' | 'resolved' } = {}): Promise<string> {
  postAccount ??= await insertAccount();
  inboxSeq += 1;
  const uri = `at://did:plc:bob/app.bsky.feed.post/matrix${inboxSeq}`;
  const ref = {
    id: uri,
    url: `https://bsky.app/profile/bob.test/post/matrix${inboxSeq}`,
    cid: `cid${inboxSeq}`,
  };
  const found = await app.database.executor.executeSql(
    `INSERT INTO inbox_items (workspace_id, account_id, kind, remote_id, remote_url, remote_cid, reply_ref,
       author_remote_id, author_handle, author_name, text, received_at, state, resolved_at)
     VALUES ($1, $2, 'mention', $3, $4, $5, $6::jsonb, 'did:plc:bob', 'bob.test', 'Bob Biswas', $7, now(), $8,
       CASE WHEN $8 = 'resolved' THEN now() END)
     RETURNING id`,
    [
      wsA,
      postAccount,
      uri,
      ref.url,
      ref.cid,
      JSON.stringify({ parent: ref, root: ref }),
      options.text ?? `@fixture hello from the matrix ${inboxSeq}`,
      options.state ?? 'open',
    ],
  );
  return found.rows[0].id;
}

const itemRow = async (id: string) =>
  (await rows(`SELECT state, assignee_id, tags, resolved_by FROM inbox_items WHERE id = '${id}'`))[0];

/** Inbox workers (inbox.work): everyone in A but viewers. */
const inboxWorkersOfA = postWritersOfA;

/** A saved reply of A, written by the owner through the API; its id. */
async function ownersSavedReply(): Promise<string> {
  const response = await people.owner.client.post(`/api/workspaces/${wsA}/saved-replies`, {
    title: 'Thanks',
    text: 'Thank you for telling us.',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const savedReplyRow = async (id: string) =>
  rows(`SELECT workspace_id, title, text, created_by FROM saved_replies WHERE id = '${id}'`);

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** Request headers, for a body that is not JSON (an image). */
  headers?: Record<string, string>;
  /** Who sends it, when not the actor's own signed-in client (a fresh session, a fresh member). */
  as?: ApiClient;
  /** The address it comes from, when not the client's own (a route limited per address). */
  remoteAddress?: string;
  /** Whatever verify needs to know about the fixture. */
  fixture?: Person;
  token?: string;
  /** Further ids the verify needs. */
  data?: Record<string, string>;
}

interface Row {
  /** The route as Fastify registered it, e.g. "PATCH /api/workspaces/:workspaceId". */
  route: string;
  /** What the call does, when the route has more than one row. */
  what?: string;
  expect: Record<Actor, number>;
  /** Whether an allowed call writes exactly one audit event, or how many it writes. */
  audited: boolean | number;
  prepare(actor: Actor): Promise<Call> | Call;
  /** Checks the effect of an allowed call (refused calls are checked for no change by the runner). */
  verify?(actor: Actor, call: Call, response: LightMyRequestResponse): Promise<void>;
  /** Puts back what the call or its fixture left changed for the rows after it, allowed or refused. */
  settle?(): Promise<void>;
}

const MATRIX: Row[] = [
  {
    route: 'GET /api/health',
    expect: everyone(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/health' }),
  },
  {
    route: 'GET /api/setup',
    expect: everyone(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/setup' }),
    verify: async (_actor, _call, response) => expect(response.json()).toEqual({ needed: false }),
  },
  {
    route: 'POST /api/setup',
    what: 'set up again',
    expect: everyone(409),
    audited: false,
    prepare: (actor) => ({
      method: 'POST',
      url: '/api/setup',
      body: {
        name: 'Mallory',
        email: `setup-${actor}@example.com`,
        password: PASSWORD,
        workspaceName: 'Mine',
      },
    }),
  },
  {
    route: 'POST /api/auth/sign-in',
    what: 'sign in with their own account (visitor: a wrong password)',
    expect: { ...everyone(200), visitor: 401 },
    audited: false,
    prepare: (actor) => ({
      method: 'POST',
      url: '/api/auth/sign-in',
      as: new ApiClient(app, '198.51.100.20'),
      body:
        actor === 'visitor'
          ? { email: people.owner.email, password: 'not the password' }
          : { email: people[actor].email, password: PASSWORD },
    }),
    verify: async (actor, call) => {
      const me = await call.as!.get('/api/me');
      expect(me.json().user.id).toBe(people[actor as Role].id);
    },
  },
  {
    route: 'POST /api/auth/sign-out',
    what: 'sign out a second session of theirs',
    expect: everyone(204),
    audited: false,
    prepare: async (actor) => {
      const as = new ApiClient(app);
      if (actor !== 'visitor') {
        const signedInNow = await as.post('/api/auth/sign-in', {
          email: people[actor].email,
          password: PASSWORD,
        });
        expect(signedInNow.statusCode).toBe(200);
      }
      return { method: 'POST', url: '/api/auth/sign-out', as };
    },
    verify: async (actor, call) => {
      expect((await call.as!.get('/api/me')).statusCode).toBe(401);
      if (actor !== 'visitor') expect((await people[actor].client.get('/api/me')).statusCode).toBe(200);
    },
  },
  {
    route: 'POST /api/auth/password-reset',
    expect: everyone(202),
    audited: false,
    prepare: (actor) => ({
      method: 'POST',
      url: '/api/auth/password-reset',
      body: { email: actor === 'visitor' ? 'nobody@example.com' : people[actor].email },
    }),
  },
  {
    route: 'POST /api/auth/password-reset/confirm',
    what: 'with a made-up reset token',
    expect: everyone(410),
    audited: false,
    prepare: () => ({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      body: { token: 'not-a-real-reset-token', password: 'a new password here' },
    }),
  },
  {
    route: 'GET /api/me',
    expect: signedIn(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/me' }),
    verify: async (actor, _call, response) =>
      expect(response.json().user.id).toBe(people[actor as Role | 'outsider'].id),
  },
  {
    route: 'PATCH /api/me',
    what: 'make workspace A their current workspace',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'PATCH', url: '/api/me', body: { currentWorkspaceId: wsA } }),
    verify: async (_actor, _call, response) => expect(response.json().currentWorkspaceId).toBe(wsA),
  },
  {
    route: 'GET /api/workspaces',
    expect: signedIn(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/workspaces' }),
    verify: async (actor, _call, response) => {
      const listed = response.json().workspaces as { id: string; role: string }[];
      if (actor === 'outsider') expect(listed.map((w) => w.id)).not.toContain(wsA);
      else expect(listed.find((w) => w.id === wsA)?.role).toBe(actor);
    },
  },
  {
    route: 'POST /api/workspaces',
    expect: signedIn(201),
    audited: true,
    prepare: (actor) => ({ method: 'POST', url: '/api/workspaces', body: { name: `Made by ${actor}` } }),
    verify: async (actor, _call, response) => {
      const created = response.json();
      expect(created).toMatchObject({ name: `Made by ${actor}`, role: 'owner' });
      expect(await roleIn(created.id, people[actor as Role].id)).toBe('owner');
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}` }),
    verify: async (actor, _call, response) => expect(response.json()).toMatchObject({ id: wsA, role: actor }),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId',
    what: 'rename workspace A',
    expect: managersOfA(200),
    audited: true,
    prepare: (actor) => ({
      method: 'PATCH',
      url: `/api/workspaces/${wsA}`,
      body: { name: `A, renamed by ${actor}` },
    }),
    verify: async (actor) => {
      const [row] = await rows(`SELECT name FROM workspaces WHERE id = '${wsA}'`);
      expect(row.name).toBe(`A, renamed by ${actor}`);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/members',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/members` }),
    verify: async (_actor, _call, response) => {
      const listed = response.json().members as { userId: string; role: string }[];
      for (const role of ROLES)
        expect(listed).toContainEqual(expect.objectContaining({ userId: people[role].id, role }));
      expect(listed.map((m) => m.userId)).not.toContain(people.outsider.id);
    },
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/members/:userId',
    what: 'make a contributor an editor',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => {
      const fixture = await join('contributor');
      return {
        method: 'PATCH',
        url: `/api/workspaces/${wsA}/members/${fixture.id}`,
        body: { role: 'editor' },
        fixture,
      };
    },
    verify: async (_actor, call) => expect(await roleIn(wsA, call.fixture!.id)).toBe('editor'),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/members/:userId',
    what: 'remove a contributor',
    expect: managersOfA(204),
    audited: true,
    prepare: async () => {
      const fixture = await join('contributor');
      return { method: 'DELETE', url: `/api/workspaces/${wsA}/members/${fixture.id}`, fixture };
    },
    verify: async (_actor, call) => {
      expect(await roleIn(wsA, call.fixture!.id)).toBeUndefined();
      expect((await call.fixture!.client.get(`/api/workspaces/${wsA}`)).statusCode).toBe(404);
    },
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/members/:userId',
    what: 'leave workspace A (a fresh member of that role; an owner leaves while another owner stays)',
    expect: membersOfA(204),
    audited: true,
    prepare: async (actor) => {
      if (actor === 'outsider')
        return { method: 'DELETE', url: `/api/workspaces/${wsA}/members/${people.outsider.id}` };
      const fixture = await join(actor === 'visitor' ? 'viewer' : actor);
      return {
        method: 'DELETE',
        url: `/api/workspaces/${wsA}/members/${fixture.id}`,
        as: actor === 'visitor' ? new ApiClient(app) : fixture.client,
        fixture,
      };
    },
    verify: async (_actor, call) => {
      expect(await roleIn(wsA, call.fixture!.id)).toBeUndefined();
      expect((await call.fixture!.client.get('/api/workspaces')).json().workspaces).toEqual([]);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/invitations',
    expect: managersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/invitations` }),
    verify: async (_actor, _call, response) => expect(response.json().invitations.length).toBeGreaterThan(0),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/invitations',
    what: 'invite a viewer',
    expect: managersOfA(201),
    audited: true,
    prepare: () => ({ method: 'POST', url: `/api/workspaces/${wsA}/invitations`, body: { role: 'viewer' } }),
    verify: async (_actor, _call, response) =>
      expect(await pendingInvitationIds(wsA)).toContain(response.json().id),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/invitations/:invitationId',
    what: 'revoke a pending invitation',
    expect: managersOfA(204),
    audited: true,
    prepare: async () => {
      const { id, token } = await invite('viewer');
      return { method: 'DELETE', url: `/api/workspaces/${wsA}/invitations/${id}`, token };
    },
    verify: async (_actor, call) => {
      expect(await pendingInvitationIds(wsA)).not.toContain(call.url.split('/').at(-1));
      expect((await new ApiClient(app).get(`/api/invitations/${call.token}`)).statusCode).toBe(404);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/accounts',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      if (accountSeq === 0) await insertAccount();
      return { method: 'GET', url: `/api/workspaces/${wsA}/accounts` };
    },
    verify: async (_actor, _call, response) => {
      const accounts = response.json().accounts as Record<string, unknown>[];
      expect(accounts.length).toBeGreaterThan(0);
      expect(JSON.stringify(accounts)).not.toMatch(/credentials/i);
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/accounts/bluesky',
    what: 'a PDS that does not answer: those allowed get as far as the network and a 422',
    expect: accountManagersOfA(422),
    audited: false,
    prepare: () => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/accounts/bluesky`,
      body: { service: 'http://127.0.0.1:1', identifier: 'someone.test', appPassword: 'aaaa-bbbb-cccc-dddd' },
    }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/accounts/mastodon',
    what: 'start connecting an account on a local snac2',
    expect: accountManagersOfA(200),
    audited: true,
    prepare: () => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/accounts/mastodon`,
      body: { instanceUrl: snac.instanceUrl },
    }),
    verify: async (_actor, _call, response) => {
      const state = new URL(response.json().authorizeUrl).searchParams.get('state');
      expect(await rows(`SELECT workspace_id FROM oauth_states WHERE state = '${state}'`)).toEqual([
        { workspace_id: wsA },
      ]);
    },
  },
  {
    route: 'GET /api/oauth/mastodon/callback',
    what: 'an unknown state: redirected with an error, nothing written',
    expect: signedIn(302),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/oauth/mastodon/callback?state=unknown-state&code=x' }),
    verify: async (_actor, _call, response) => expect(String(response.headers.location)).toMatch(/\?error=/),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/accounts/:accountId',
    what: 'disconnect an account',
    expect: accountManagersOfA(204),
    audited: true,
    prepare: async () => {
      const id = await insertAccount();
      return { method: 'DELETE', url: `/api/workspaces/${wsA}/accounts/${id}` };
    },
    verify: async (_actor, call) =>
      expect(await rows(`SELECT id FROM social_accounts WHERE id = '${call.url.split('/').at(-1)}'`)).toEqual(
        [],
      ),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/accounts/:accountId',
    what: 'set posting slots and time zone',
    expect: accountManagersOfA(200),
    audited: true,
    prepare: async () => {
      const id = await insertAccount();
      return {
        method: 'PATCH',
        url: `/api/workspaces/${wsA}/accounts/${id}`,
        body: { timeZone: 'Asia/Dhaka', postingSlots: [{ day: 1, time: '09:30' }] },
      };
    },
    verify: async (_actor, call) =>
      expect(
        await rows(`SELECT time_zone FROM social_accounts WHERE id = '${call.url.split('/').at(-1)}'`),
      ).toEqual([{ time_zone: 'Asia/Dhaka' }]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/posts',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      await ownersPost('draft');
      const from = new Date(Date.now() - 86400_000).toISOString();
      const to = new Date(Date.now() + 7 * 86400_000).toISOString();
      return { method: 'GET', url: `/api/workspaces/${wsA}/posts?from=${from}&to=${to}` };
    },
    verify: async (_actor, _call, response) => expect(response.json().posts.length).toBeGreaterThan(0),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/posts',
    what: 'a draft',
    expect: postWritersOfA(201),
    audited: true,
    prepare: async () => {
      postAccount ??= await insertAccount();
      return {
        method: 'POST',
        url: `/api/workspaces/${wsA}/posts`,
        body: { text: 'Drafted in the matrix', targets: [{ accountId: postAccount }], mode: 'draft' },
      };
    },
    verify: async (_actor, _call, response) =>
      expect(await statusOf(response.json().targets[0].id)).toBe('draft'),
  },
  {
    route: 'POST /api/posts/:postId/reschedule',
    what: "the owner's scheduled post",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { postId } = await ownersPost('schedule');
      const scheduledAt = new Date(Date.now() + 5 * 3600_000).toISOString();
      return { method: 'POST', url: `/api/posts/${postId}/reschedule`, body: { scheduledAt } };
    },
    verify: async (_actor, _call, response) => expect(response.json().targets[0].status).toBe('scheduled'),
  },
  {
    route: 'POST /api/posts/:postId/schedule',
    what: "the owner's draft, into a time",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { postId } = await ownersPost('draft');
      const scheduledAt = new Date(Date.now() + 5 * 3600_000).toISOString();
      return {
        method: 'POST',
        url: `/api/posts/${postId}/schedule`,
        body: { mode: 'schedule', scheduledAt },
      };
    },
    verify: async (_actor, _call, response) =>
      expect(await statusOf(response.json().targets[0].id)).toBe('scheduled'),
  },
  {
    route: 'GET /api/posts/:postId',
    what: "the owner's scheduled post",
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const { postId, targetId } = await ownersPost('schedule');
      return { method: 'GET', url: `/api/posts/${postId}`, token: targetId };
    },
    verify: async (_actor, call, response) =>
      expect(response.json()).toMatchObject({
        id: call.url.split('/').at(-1),
        targets: [{ id: call.token, status: 'scheduled' }],
      }),
  },
  {
    route: 'DELETE /api/posts/:postId',
    what: "the owner's scheduled post",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { postId, targetId } = await ownersPost('schedule');
      return { method: 'DELETE', url: `/api/posts/${postId}`, token: targetId };
    },
    verify: async (_actor, call) => expect(await statusOf(call.token!)).toBe('cancelled'),
  },
  {
    route: 'PATCH /api/post-targets/:targetId',
    what: "the owner's scheduled post",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { targetId } = await ownersPost('schedule');
      return {
        method: 'PATCH',
        url: `/api/post-targets/${targetId}`,
        body: { text: 'Edited in the matrix' },
      };
    },
    verify: async (_actor, call) =>
      expect(
        (await rows(`SELECT text FROM post_targets WHERE id = '${call.url.split('/').at(-1)}'`))[0].text,
      ).toBe('Edited in the matrix'),
  },
  {
    route: 'POST /api/post-targets/:targetId/reschedule',
    what: "the owner's scheduled post",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { targetId } = await ownersPost('schedule');
      const scheduledAt = new Date(Date.now() + 6 * 3600_000).toISOString();
      return { method: 'POST', url: `/api/post-targets/${targetId}/reschedule`, body: { scheduledAt } };
    },
  },
  {
    route: 'POST /api/post-targets/:targetId/retry',
    what: "the owner's failed post",
    expect: postEditorsOfA(200),
    audited: true,
    prepare: async () => {
      const { targetId } = await ownersPost('draft');
      await rows(
        `UPDATE post_targets SET status = 'failed', last_error = 'Refused' WHERE id = '${targetId}'`,
      );
      return { method: 'POST', url: `/api/post-targets/${targetId}/retry`, body: {}, token: targetId };
    },
    verify: async (_actor, call) => expect(await statusOf(call.token!)).toBe('scheduled'),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/media',
    what: 'a PNG',
    expect: postWritersOfA(201),
    audited: false,
    prepare: () => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/media?alt=dot`,
      body: TINY_PNG,
      headers: { 'content-type': 'image/png' },
    }),
    verify: async (_actor, _call, response) => expect(response.json()).toMatchObject({ width: 2, height: 2 }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/media/:mediaId',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const uploaded = await people.owner.client.request('POST', `/api/workspaces/${wsA}/media`, TINY_PNG, {
        headers: { 'content-type': 'image/png' },
      });
      return { method: 'GET', url: `/api/workspaces/${wsA}/media/${uploaded.json().id}` };
    },
    verify: async (_actor, _call, response) => expect(response.headers['content-type']).toBe('image/png'),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/posts/events',
    what: 'a stream closed at once',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/posts/events?timeout=0` }),
    verify: async (_actor, _call, response) =>
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/imports/dry-run',
    what: 'check a one-row CSV',
    expect: postWritersOfA(200),
    audited: false,
    prepare: async () => {
      postAccount ??= await insertAccount();
      return {
        method: 'POST',
        url: `/api/workspaces/${wsA}/imports/dry-run`,
        body: {
          csv: `date,message\n${new Date(Date.now() + 3 * 3600_000).toISOString()},Checked in the matrix`,
          timeZone: 'Asia/Dhaka',
          dateFormat: 'DMY',
          accountIds: [postAccount],
        },
      };
    },
    verify: async (_actor, _call, response) =>
      expect(response.json().summary).toEqual({ rows: 1, rowsWithProblems: 0, posts: 1, targets: 1 }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/imports',
    what: 'import a one-row CSV (a contributor’s post waits for approval)',
    expect: postWritersOfA(201),
    audited: true,
    prepare: async (actor) => {
      // An account of its own per call, so no call's post repeats another's.
      const accountId = await insertAccount();
      return {
        method: 'POST',
        url: `/api/workspaces/${wsA}/imports`,
        body: {
          csv: `date,message\n${new Date(Date.now() + 4 * 3600_000).toISOString()},Imported by ${actor}`,
          timeZone: 'Asia/Dhaka',
          dateFormat: 'DMY',
          accountIds: [accountId],
        },
      };
    },
    verify: async (actor, call, response) => {
      const accountId = (call.body as { accountIds: string[] }).accountIds[0];
      expect(response.json()).toMatchObject({ posts: 1, targets: 1 });
      expect(await rows(`SELECT status, text FROM post_targets WHERE account_id = '${accountId}'`)).toEqual([
        { status: actor === 'contributor' ? 'pending_approval' : 'scheduled', text: `Imported by ${actor}` },
      ]);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/skills/questions',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: skillsUrl('questions') }),
    verify: async (_actor, _call, response) =>
      expect(response.json().questions).toHaveLength(SKILL_QUESTIONS.length),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/academy/skills/assessments',
    what: 'every statement rated 3',
    expect: membersOfA(201),
    audited: false,
    prepare: () => ({ method: 'POST', url: skillsUrl('assessments'), body: { answers: everyRating(3) } }),
    verify: async (actor, _call, response) => {
      const found = await rows(
        `SELECT user_id, workspace_id, scores FROM skill_assessments WHERE id = '${response.json().id}'`,
      );
      expect(found).toEqual([
        { user_id: people[actor as Role].id, workspace_id: wsA, scores: response.json().scores },
      ]);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/skills/assessments',
    what: 'their own results only',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: skillsUrl('assessments') }),
    verify: async (actor, _call, response) => {
      const mine = await rows(
        `SELECT id FROM skill_assessments WHERE user_id = '${people[actor as Role].id}' AND workspace_id = '${wsA}' ORDER BY id`,
      );
      expect(mine.length).toBeGreaterThan(0);
      const listed = response.json().assessments.map((a: { id: string }) => a.id);
      expect([...listed].sort()).toEqual(mine.map((r) => r.id));
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/skills/learning-path',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: skillsUrl('learning-path') }),
    verify: async (actor, _call, response) => {
      const [latest] = await rows(
        `SELECT id FROM skill_assessments WHERE user_id = '${people[actor as Role].id}' AND workspace_id = '${wsA}' ORDER BY created_at DESC, id DESC LIMIT 1`,
      );
      expect(response.json().assessmentId).toBe(latest?.id ?? null);
    },
  },
  {
    route: 'GET /api/academy/courses/:courseId/questions',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: `/api/academy/courses/${course}/questions`,
      token: await askAs(asker),
    }),
    verify: async (_actor, call, response) =>
      expect(response.json().questions.map((q: { id: string }) => q.id)).toContain(call.token),
  },
  {
    route: 'POST /api/academy/courses/:courseId/questions',
    expect: membersOfA(201),
    audited: false,
    prepare: (actor) => ({
      method: 'POST',
      url: `/api/academy/courses/${course}/questions`,
      body: { title: `Asked by ${actor}`, body: 'Some details' },
    }),
    verify: async (actor, _call, response) =>
      expect(
        await rows(
          `SELECT course_id, author_id, title FROM course_questions WHERE id = '${response.json().id}'`,
        ),
      ).toEqual([{ course_id: course, author_id: people[actor as Role].id, title: `Asked by ${actor}` }]),
  },
  {
    route: 'GET /api/academy/questions/:questionId',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const questionId = await askAs(asker);
      return {
        method: 'GET',
        url: `/api/academy/questions/${questionId}`,
        token: await answerAs(people.owner, questionId),
      };
    },
    verify: async (_actor, call, response) =>
      expect(response.json().answers.map((a: { id: string }) => a.id)).toEqual([call.token]),
  },
  {
    route: 'DELETE /api/academy/questions/:questionId',
    what: 'another member’s question, with its answer',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => {
      const questionId = await askAs(asker);
      const answerId = await answerAs(asker, questionId);
      return { method: 'DELETE', url: `/api/academy/questions/${questionId}`, token: answerId };
    },
    verify: async (_actor, call) => {
      expect(await questionCount(call.url.split('/').at(-1)!)).toBe(0);
      expect(await answerCount(call.token!)).toBe(0);
    },
  },
  {
    route: 'DELETE /api/academy/questions/:questionId',
    what: 'their own question (outsider and visitor: the asker’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => ({
      method: 'DELETE',
      url: `/api/academy/questions/${await askAs(authorFor(actor))}`,
    }),
    verify: async (_actor, call) => expect(await questionCount(call.url.split('/').at(-1)!)).toBe(0),
  },
  {
    route: 'POST /api/academy/questions/:questionId/answers',
    what: 'answer the asker’s question',
    expect: membersOfA(201),
    audited: false,
    prepare: async (actor) => ({
      method: 'POST',
      url: `/api/academy/questions/${await askAs(asker)}/answers`,
      body: { body: `Answered by ${actor}` },
    }),
    verify: async (actor, call, response) =>
      expect(
        await rows(
          `SELECT question_id, author_id, body FROM course_answers WHERE id = '${response.json().id}'`,
        ),
      ).toEqual([
        {
          question_id: call.url.split('/').at(-2),
          author_id: people[actor as Role].id,
          body: `Answered by ${actor}`,
        },
      ]),
  },
  {
    route: 'POST /api/academy/answers/:answerId/helpful',
    what: 'an answer to their own question (outsider and visitor: to the asker’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      const questionId = await askAs(authorFor(actor));
      const answerId = await answerAs(asker, questionId);
      return { method: 'POST', url: `/api/academy/answers/${answerId}/helpful`, body: { helpful: true } };
    },
    verify: async (_actor, call) =>
      expect(
        await rows(`SELECT helpful FROM course_answers WHERE id = '${call.url.split('/').at(-2)}'`),
      ).toEqual([{ helpful: true }]),
  },
  {
    route: 'POST /api/academy/answers/:answerId/helpful',
    what: 'an answer to the asker’s question',
    expect: membersOfA(403),
    audited: false,
    prepare: async () => {
      const questionId = await askAs(asker);
      const answerId = await answerAs(people.owner, questionId);
      return { method: 'POST', url: `/api/academy/answers/${answerId}/helpful`, body: { helpful: true } };
    },
  },
  {
    route: 'DELETE /api/academy/answers/:answerId',
    what: 'another member’s answer',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => {
      const answerId = await answerAs(asker, await askAs(asker));
      return { method: 'DELETE', url: `/api/academy/answers/${answerId}` };
    },
    verify: async (_actor, call) => expect(await answerCount(call.url.split('/').at(-1)!)).toBe(0),
  },
  {
    route: 'DELETE /api/academy/answers/:answerId',
    what: 'their own answer (outsider and visitor: the asker’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      const answerId = await answerAs(authorFor(actor), await askAs(asker));
      return { method: 'DELETE', url: `/api/academy/answers/${answerId}` };
    },
    verify: async (_actor, call) => expect(await answerCount(call.url.split('/').at(-1)!)).toBe(0),
  },
  {
    route: 'GET /api/me/resume',
    expect: signedIn(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/me/resume' }),
    verify: async (actor, _call, response) =>
      expect(response.json().email).toBe(people[actor as Role | 'outsider'].email),
  },
  {
    route: 'PUT /api/me/resume',
    expect: signedIn(200),
    audited: false,
    prepare: (actor) => ({
      method: 'PUT',
      url: '/api/me/resume',
      body: { headline: `Resume of ${actor}`, skills: ['Analytics'] },
    }),
    verify: async (actor) =>
      expect(
        await rows(
          `SELECT headline, skills FROM resume_profiles WHERE user_id = '${people[actor as Role | 'outsider'].id}'`,
        ),
      ).toEqual([{ headline: `Resume of ${actor}`, skills: ['Analytics'] }]),
  },
  {
    route: 'GET /api/me/resume/pdf',
    what: 'their own resume',
    expect: signedIn(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/me/resume/pdf' }),
    verify: async (actor, _call, response) => {
      expect(response.headers['content-type']).toBe('application/pdf');
      const [user] = await rows(
        `SELECT name FROM users WHERE id = '${people[actor as Role | 'outsider'].id}'`,
      );
      expect(await pdfToText(response.rawPayload)).toContain(user.name);
    },
  },
  {
    route: 'POST /api/demo-requests',
    what: 'each from an address of its own',
    expect: everyone(202),
    audited: false,
    prepare: (actor) => {
      demoSeq += 1;
      return {
        method: 'POST',
        url: '/api/demo-requests',
        remoteAddress: `192.0.2.${demoSeq}`,
        body: {
          name: `Demo ${actor}`,
          email: `demo-${actor}@example.com`,
          company: 'Padma Foods',
          teamSize: '11-50',
          message: 'A demo for our team, please.',
        },
      };
    },
    verify: async (actor, call) =>
      expect(
        await rows(`SELECT name, ip FROM demo_requests WHERE email = 'demo-${actor}@example.com'`),
      ).toEqual([{ name: `Demo ${actor}`, ip: call.remoteAddress }]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/demo-requests',
    expect: managersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/demo-requests` }),
    verify: async (_actor, _call, response) => {
      const stored = await rows('SELECT id FROM demo_requests ORDER BY id');
      expect(stored.length).toBeGreaterThan(0);
      expect(response.json().receivesRequests).toBe(true);
      expect(
        response
          .json()
          .requests.map((r: { id: string }) => r.id)
          .sort(),
      ).toEqual(stored.map((r) => r.id));
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/courses',
    what: 'published courses, and drafts for owners and admins',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/academy/courses` }),
    verify: async (actor, _call, response) => {
      const listed = response.json().courses.map((c: { id: string }) => c.id);
      expect(listed).toContain(learning.courseId);
      expect(listed.includes(workshop.courseId)).toBe(isManager(actor));
      expect(response.json().canManage).toBe(isManager(actor));
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/academy/courses',
    what: 'start a draft',
    expect: managersOfA(201),
    audited: true,
    prepare: (actor) => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/academy/courses`,
      body: { title: `Course by ${actor}`, language: 'en', skills: ['crisis'] },
    }),
    verify: async (actor, _call, response) =>
      expect(
        await rows(
          `SELECT workspace_id, title, skills, status, created_by FROM courses WHERE id = '${response.json().id}'`,
        ),
      ).toEqual([
        {
          workspace_id: wsA,
          title: `Course by ${actor}`,
          skills: ['crisis'],
          status: 'draft',
          created_by: people[actor as Role].id,
        },
      ]),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/academy/courses/import',
    what: 'a course folder zip with its exam, a slug of its own per call',
    expect: managersOfA(201),
    audited: true,
    prepare: (actor) => {
      const slug = `imported-by-${actor}-en`;
      return {
        method: 'POST',
        url: `/api/workspaces/${wsA}/academy/courses/import`,
        body: courseZip(slug),
        headers: { 'content-type': 'application/zip' },
        token: slug,
      };
    },
    verify: async (_actor, call, response) => {
      expect(response.json()).toMatchObject({ slug: call.token, status: 'draft', created: true });
      expect(
        await rows(
          `SELECT c.workspace_id, c.slug, (SELECT count(*)::int FROM lessons l WHERE l.course_id = c.id) AS lessons,
             (SELECT count(*)::int FROM certifications x WHERE x.course_id = c.id) AS exams
           FROM courses c WHERE c.id = '${response.json().id}'`,
        ),
      ).toEqual([{ workspace_id: wsA, slug: call.token, lessons: 2, exams: 1 }]);
    },
  },
  {
    route: 'GET /api/academy/courses/:courseId',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/academy/courses/${learning.courseId}` }),
    verify: async (_actor, _call, response) =>
      expect(
        response.json().modules.map((m: { lessons: { id: string }[] }) => m.lessons.map((l) => l.id)),
      ).toEqual([[learning.lessonId, learning.quizId]]),
  },
  {
    route: 'PATCH /api/academy/courses/:courseId',
    what: 'rename and retag a course',
    expect: managersOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: `/api/academy/courses/${await bareCourse('published')}`,
      body: { title: `Renamed by ${actor}`, skills: ['analytics'] },
    }),
    verify: async (actor, call) =>
      expect(
        await rows(`SELECT title, skills FROM courses WHERE id = '${call.url.split('/').at(-1)}'`),
      ).toEqual([{ title: `Renamed by ${actor}`, skills: ['analytics'] }]),
  },
  {
    route: 'DELETE /api/academy/courses/:courseId',
    what: 'a published course with its lessons',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => {
      const { courseId } = await ownersCourse('published');
      return { method: 'DELETE', url: `/api/academy/courses/${courseId}`, token: courseId };
    },
    verify: async (_actor, call) =>
      expect(
        await rows(
          `SELECT (SELECT count(*)::int FROM courses WHERE id = '${call.token}') AS courses,
             (SELECT count(*)::int FROM course_modules WHERE course_id = '${call.token}') AS modules,
             (SELECT count(*)::int FROM lessons WHERE course_id = '${call.token}') AS lessons`,
        ),
      ).toEqual([{ courses: 0, modules: 0, lessons: 0 }]),
  },
  {
    route: 'POST /api/academy/courses/:courseId/publish',
    what: 'a draft with a lesson and a quiz',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => ({
      method: 'POST',
      url: `/api/academy/courses/${(await ownersCourse('draft')).courseId}/publish`,
    }),
    verify: async (_actor, call) =>
      expect(await rows(`SELECT status FROM courses WHERE id = '${call.url.split('/').at(-2)}'`)).toEqual([
        { status: 'published' },
      ]),
  },
  {
    route: 'POST /api/academy/courses/:courseId/unpublish',
    what: 'a published course',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => ({
      method: 'POST',
      url: `/api/academy/courses/${await bareCourse('published')}/unpublish`,
    }),
    verify: async (_actor, call) =>
      expect(await rows(`SELECT status FROM courses WHERE id = '${call.url.split('/').at(-2)}'`)).toEqual([
        { status: 'draft' },
      ]),
  },
  {
    route: 'GET /api/academy/courses/:courseId/export',
    expect: managersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/academy/courses/${learning.courseId}/export` }),
    verify: async (_actor, _call, response) => {
      expect(response.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(response.rawPayload));
      const course = JSON.parse(new TextDecoder().decode(files[`${learning.slug}/course.json`]));
      expect(course).toMatchObject({ slug: learning.slug, language: 'en' });
    },
  },
  {
    route: 'POST /api/academy/courses/:courseId/order',
    what: 'the quiz before the lesson',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => {
      const { courseId, moduleId, lessonId, quizId } = await ownersCourse('draft');
      return {
        method: 'POST',
        url: `/api/academy/courses/${courseId}/order`,
        body: { modules: [{ id: moduleId, lessonIds: [quizId, lessonId] }] },
        data: { moduleId, lessonId, quizId },
      };
    },
    verify: async (_actor, call) =>
      expect(
        (
          await rows(`SELECT id FROM lessons WHERE module_id = '${call.data!.moduleId}' ORDER BY position`)
        ).map((r) => r.id),
      ).toEqual([call.data!.quizId, call.data!.lessonId]),
  },
  {
    route: 'POST /api/academy/courses/:courseId/modules',
    expect: managersOfA(201),
    audited: true,
    prepare: (actor) => ({
      method: 'POST',
      url: `/api/academy/courses/${workshop.courseId}/modules`,
      body: { title: `Module by ${actor}` },
    }),
    verify: async (actor, _call, response) =>
      expect(
        await rows(`SELECT course_id, title FROM course_modules WHERE id = '${response.json().id}'`),
      ).toEqual([{ course_id: workshop.courseId, title: `Module by ${actor}` }]),
  },
  {
    route: 'PATCH /api/academy/courses/:courseId/modules/:moduleId',
    what: 'rename a module',
    expect: managersOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: `/api/academy/courses/${workshop.courseId}/modules/${await addModuleTo(workshop.courseId)}`,
      body: { title: `Renamed by ${actor}` },
    }),
    verify: async (actor, call) =>
      expect(
        await rows(`SELECT title FROM course_modules WHERE id = '${call.url.split('/').at(-1)}'`),
      ).toEqual([{ title: `Renamed by ${actor}` }]),
  },
  {
    route: 'DELETE /api/academy/courses/:courseId/modules/:moduleId',
    what: 'a module with a lesson in it',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => {
      const moduleId = await addModuleTo(workshop.courseId);
      const lessonId = await addLessonTo(workshop.courseId, moduleId, 'lesson');
      return {
        method: 'DELETE',
        url: `/api/academy/courses/${workshop.courseId}/modules/${moduleId}`,
        data: { moduleId, lessonId },
      };
    },
    verify: async (_actor, call) =>
      expect(
        await rows(
          `SELECT (SELECT count(*)::int FROM course_modules WHERE id = '${call.data!.moduleId}') AS modules,
             (SELECT count(*)::int FROM lessons WHERE id = '${call.data!.lessonId}') AS lessons`,
        ),
      ).toEqual([{ modules: 0, lessons: 0 }]),
  },
  {
    route: 'POST /api/academy/courses/:courseId/modules/:moduleId/lessons',
    what: 'a quiz with a question',
    expect: managersOfA(201),
    audited: true,
    prepare: (actor) => ({
      method: 'POST',
      url: `/api/academy/courses/${workshop.courseId}/modules/${workshop.moduleId}/lessons`,
      body: { kind: 'quiz', title: `Quiz by ${actor}`, questions: [quizQuestion('m1')] },
    }),
    verify: async (actor, _call, response) =>
      expect(
        await rows(
          `SELECT module_id, kind, title, jsonb_array_length(questions) AS questions FROM lessons WHERE id = '${response.json().id}'`,
        ),
      ).toEqual([{ module_id: workshop.moduleId, kind: 'quiz', title: `Quiz by ${actor}`, questions: 1 }]),
  },
  {
    route: 'GET /api/academy/lessons/:lessonId',
    what: 'where the reader will resume',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/academy/lessons/${learning.lessonId}` }),
    verify: async (actor, _call, response) => {
      expect(response.json()).toMatchObject({ id: learning.lessonId, courseId: learning.courseId });
      expect(
        await rows(
          `SELECT lesson_id FROM course_visits WHERE user_id = '${people[actor as Role].id}' AND course_id = '${learning.courseId}'`,
        ),
      ).toEqual([{ lesson_id: learning.lessonId }]);
    },
  },
  {
    route: 'GET /api/academy/lessons/:lessonId/source',
    what: 'a quiz with its answers',
    expect: managersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/academy/lessons/${learning.quizId}/source` }),
    verify: async (_actor, _call, response) =>
      expect(response.json().questions[0].options[0]).toEqual(quizQuestion('q1').options[0]),
  },
  {
    route: 'PATCH /api/academy/lessons/:lessonId',
    what: 'a lesson’s title and text',
    expect: managersOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: `/api/academy/lessons/${await addLessonTo(workshop.courseId, workshop.moduleId, 'lesson')}`,
      body: { title: `Edited by ${actor}`, bodyMarkdown: `# Edited by ${actor}` },
    }),
    verify: async (actor, call) =>
      expect(
        await rows(`SELECT title, body_markdown FROM lessons WHERE id = '${call.url.split('/').at(-1)}'`),
      ).toEqual([{ title: `Edited by ${actor}`, body_markdown: `# Edited by ${actor}` }]),
  },
  {
    route: 'DELETE /api/academy/lessons/:lessonId',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => ({
      method: 'DELETE',
      url: `/api/academy/lessons/${await addLessonTo(workshop.courseId, workshop.moduleId, 'lesson')}`,
    }),
    verify: async (_actor, call) =>
      expect(await rows(`SELECT id FROM lessons WHERE id = '${call.url.split('/').at(-1)}'`)).toEqual([]),
  },
  {
    route: 'POST /api/academy/lessons/:lessonId/complete',
    what: 'a lesson new to everyone',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => ({
      method: 'POST',
      url: `/api/academy/lessons/${await addLessonTo(practice.courseId, practice.moduleId, 'lesson')}/complete`,
    }),
    verify: async (actor, call) =>
      expect(
        await rows(
          `SELECT user_id, course_id, score FROM lesson_progress WHERE lesson_id = '${call.url.split('/').at(-2)}'`,
        ),
      ).toEqual([{ user_id: people[actor as Role].id, course_id: practice.courseId, score: null }]),
  },
  {
    route: 'POST /api/academy/lessons/:lessonId/answers',
    what: 'every answer right, on a quiz new to everyone',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => ({
      method: 'POST',
      url: `/api/academy/lessons/${await addLessonTo(practice.courseId, practice.moduleId, 'quiz')}/answers`,
      body: { answers: rightAnswers(['q1', 'q2']) },
    }),
    verify: async (actor, call, response) => {
      expect(response.json()).toMatchObject({ scorePercent: 100, passed: true, done: true });
      expect(
        await rows(
          `SELECT user_id, score FROM lesson_progress WHERE lesson_id = '${call.url.split('/').at(-2)}'`,
        ),
      ).toEqual([{ user_id: people[actor as Role].id, score: 100 }]);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/certifications',
    what: 'published exams, and drafts for owners and admins',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/academy/certifications` }),
    verify: async (actor, _call, response) => {
      const listed = response.json().certifications.map((c: { id: string }) => c.id);
      expect(listed).toEqual(expect.arrayContaining([startExam, readExam, submitExam]));
      expect(listed.includes(draftExam)).toBe(isManager(actor));
      expect(response.json().canManage).toBe(isManager(actor));
    },
  },
  {
    route: 'POST /api/academy/certifications/:certificationId/attempts',
    what: 'a first attempt',
    expect: membersOfA(201),
    audited: false,
    prepare: () => ({ method: 'POST', url: `/api/academy/certifications/${startExam}/attempts` }),
    verify: async (actor, _call, response) =>
      expect(
        await rows(
          `SELECT user_id, certification_id, jsonb_array_length(question_ids) AS questions, passed FROM exam_attempts WHERE id = '${response.json().id}'`,
        ),
      ).toEqual([
        { user_id: people[actor as Role].id, certification_id: startExam, questions: 3, passed: null },
      ]),
  },
  {
    route: 'GET /api/academy/attempts/:attemptId',
    what: 'their own attempt (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => ({
      method: 'GET',
      url: `/api/academy/attempts/${await attemptOf(memberOrLearner(actor), readExam)}`,
    }),
    verify: async (_actor, call, response) => {
      expect(response.json()).toMatchObject({ id: call.url.split('/').at(-1), status: 'running' });
      expect(response.json().questions).toHaveLength(3);
      expect(response.body).not.toMatch(/correct|explanation/);
    },
  },
  {
    route: 'GET /api/academy/attempts/:attemptId',
    what: 'the learner’s attempt',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: `/api/academy/attempts/${await attemptOf(learner, readExam)}`,
    }),
  },
  {
    route: 'POST /api/academy/attempts/:attemptId/submit',
    what: 'their own attempt, every answer right (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'POST',
      url: `/api/academy/attempts/${await attemptOf(memberOrLearner(actor), submitExam)}/submit`,
      body: EXAM_ANSWERS,
    }),
    verify: async (actor, call, response) => {
      const attemptId = call.url.split('/').at(-2);
      expect(response.json()).toMatchObject({ status: 'passed', result: { scorePercent: 100 } });
      expect(await rows(`SELECT passed FROM exam_attempts WHERE id = '${attemptId}'`)).toEqual([
        { passed: true },
      ]);
      expect(
        await rows(
          `SELECT id, user_id, certification_id FROM certificates WHERE attempt_id = '${attemptId}'`,
        ),
      ).toEqual([
        {
          id: response.json().result.certificate.id,
          user_id: people[actor as Role].id,
          certification_id: submitExam,
        },
      ]);
    },
  },
  {
    route: 'POST /api/academy/attempts/:attemptId/submit',
    what: 'the learner’s attempt',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'POST',
      url: `/api/academy/attempts/${await attemptOf(learner, readExam)}/submit`,
      body: EXAM_ANSWERS,
    }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/certificates',
    what: 'their own',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/academy/certificates` }),
    verify: async (actor, _call, response) => {
      const mine = await rows(
        `SELECT id FROM certificates WHERE workspace_id = '${wsA}' AND user_id = '${people[actor as Role].id}' ORDER BY id`,
      );
      expect(mine.length).toBeGreaterThan(0);
      expect(
        response
          .json()
          .certificates.map((c: { id: string }) => c.id)
          .sort(),
      ).toEqual(mine.map((r) => r.id));
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/certificates',
    what: 'every one in the workspace (all=true)',
    expect: managersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/academy/certificates?all=true` }),
    verify: async (_actor, _call, response) => {
      const all = await rows(`SELECT id FROM certificates WHERE workspace_id = '${wsA}' ORDER BY id`);
      const listed = response.json().certificates.map((c: { id: string }) => c.id);
      expect(listed).toContain(learnerCertificate.id);
      expect([...listed].sort()).toEqual(all.map((r) => r.id));
    },
  },
  {
    route: 'GET /api/academy/certificates/:certificateId/pdf',
    what: 'their own certificate (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      const certificate = await certify(memberOrLearner(actor));
      return {
        method: 'GET',
        url: `/api/academy/certificates/${certificate.id}/pdf`,
        token: certificate.code,
      };
    },
    verify: async (actor, call, response) => {
      expect(response.headers['content-type']).toBe('application/pdf');
      const [user] = await rows(`SELECT name FROM users WHERE id = '${people[actor as Role].id}'`);
      const text = await pdfToText(response.rawPayload);
      expect(text).toContain(user.name);
      expect(text).toContain(call.token);
    },
  },
  {
    route: 'GET /api/academy/certificates/:certificateId/pdf',
    what: 'the learner’s certificate',
    expect: managersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/academy/certificates/${learnerCertificate.id}/pdf` }),
    verify: async (_actor, _call, response) => {
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(await pdfToText(response.rawPayload)).toContain(learnerName);
    },
  },
  {
    route: 'POST /api/academy/certificates/:certificateId/revoke',
    what: 'a certificate of the learner',
    expect: managersOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'POST',
      url: `/api/academy/certificates/${(await certify(learner)).id}/revoke`,
      body: { reason: `Revoked by ${actor}` },
    }),
    verify: async (actor, call) => {
      const [row] = await rows(
        `SELECT revoked_at, revoked_reason FROM certificates WHERE id = '${call.url.split('/').at(-2)}'`,
      );
      expect(row.revoked_at).not.toBeNull();
      expect(row.revoked_reason).toBe(`Revoked by ${actor}`);
    },
  },
  {
    route: 'PATCH /api/academy/certifications/:certificationId',
    what: 'draw two questions, pass at 80%',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => ({
      method: 'PATCH',
      url: `/api/academy/certifications/${await newCertification()}`,
      body: { drawCount: 2, passPercent: 80 },
    }),
    verify: async (_actor, call) =>
      expect(
        await rows(
          `SELECT draw_count, pass_percent, time_limit_minutes FROM certifications WHERE id = '${call.url.split('/').at(-1)}'`,
        ),
      ).toEqual([{ draw_count: 2, pass_percent: 80, time_limit_minutes: 30 }]),
  },
  {
    route: 'GET /api/verify/:code',
    what: 'a real code, typed in lower case',
    expect: everyone(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/verify/${learnerCertificate.code.toLowerCase()}` }),
    verify: async (_actor, _call, response) =>
      expect(response.json()).toMatchObject({
        code: learnerCertificate.code,
        valid: true,
        holderName: learnerName,
      }),
  },
  {
    route: 'GET /api/verify/:code',
    what: 'a well-formed code nobody holds',
    expect: everyone(404),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/verify/KLR-2345-6789' }),
  },
  {
    route: 'GET /api/verify/:code',
    what: 'not a certificate code',
    expect: everyone(400),
    audited: false,
    prepare: () => ({ method: 'GET', url: '/api/verify/ABC-1234' }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/coaches',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/academy/coaches` }),
    verify: async (_actor, _call, response) =>
      expect(response.json().coaches).toContainEqual(
        expect.objectContaining({ id: coachId, userId: coach.id, timeZone: 'UTC' }),
      ),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/coaching/me',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/academy/coaching/me` }),
    verify: async (actor, _call, response) => {
      const [mine] = await rows(
        `SELECT id FROM coaches WHERE workspace_id = '${wsA}' AND user_id = '${people[actor as Role].id}'`,
      );
      expect(response.json().coach?.id ?? null).toBe(mine?.id ?? null);
    },
  },
  {
    route: 'PUT /api/workspaces/:workspaceId/academy/coaching/me',
    what: 'become a coach or change the hours',
    expect: membersOfA(200),
    audited: false,
    prepare: (actor) => ({
      method: 'PUT',
      url: `/api/workspaces/${wsA}/academy/coaching/me`,
      body: { ...COACH_PROFILE, bio: `Coach ${actor}`, sessionMinutes: 45 },
    }),
    verify: async (actor, _call, response) =>
      expect(
        await rows(
          `SELECT id, bio, time_zone, session_minutes FROM coaches WHERE workspace_id = '${wsA}' AND user_id = '${people[actor as Role].id}'`,
        ),
      ).toEqual([
        { id: response.json().coach.id, bio: `Coach ${actor}`, time_zone: 'UTC', session_minutes: 45 },
      ]),
  },
  {
    route: 'GET /api/academy/coaches/:coachId/slots',
    what: 'a whole free day, twenty days ahead',
    expect: membersOfA(200),
    audited: false,
    prepare: () => {
      const from = new Date(SLOTS_FROM + 20 * DAY_MS).toISOString();
      const to = new Date(SLOTS_FROM + 21 * DAY_MS).toISOString();
      return { method: 'GET', url: `/api/academy/coaches/${coachId}/slots?from=${from}&to=${to}` };
    },
    verify: async (_actor, _call, response) =>
      expect(response.json().slots).toEqual(
        Array.from({ length: 48 }, (_, i) =>
          new Date(SLOTS_FROM + 20 * DAY_MS + i * HALF_HOUR_MS).toISOString(),
        ),
      ),
  },
  {
    route: 'POST /api/academy/coaches/:coachId/bookings',
    what: 'a slot of its own per call',
    expect: membersOfA(201),
    audited: false,
    prepare: (actor) => ({
      method: 'POST',
      url: `/api/academy/coaches/${coachId}/bookings`,
      body: { startsAt: nextSlot(), topic: `Booked by ${actor}` },
    }),
    verify: async (actor, call, response) =>
      expect(
        await rows(
          `SELECT coach_id, member_id, starts_at, topic, status FROM coaching_bookings WHERE id = '${response.json().id}'`,
        ),
      ).toEqual([
        {
          coach_id: coachId,
          member_id: people[actor as Role].id,
          starts_at: new Date((call.body as { startsAt: string }).startsAt),
          topic: `Booked by ${actor}`,
          status: 'booked',
        },
      ]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/academy/coaching/bookings',
    what: 'their sessions, one just booked',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => ({
      method: 'GET',
      url: `/api/workspaces/${wsA}/academy/coaching/bookings`,
      token: await bookAs(memberOrLearner(actor)),
    }),
    verify: async (_actor, call, response) =>
      expect(response.json().bookings).toContainEqual(
        expect.objectContaining({ id: call.token, role: 'member', status: 'booked' }),
      ),
  },
  {
    route: 'POST /api/academy/bookings/:bookingId/cancel',
    what: 'their own session as member (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => ({
      method: 'POST',
      url: `/api/academy/bookings/${await bookAs(memberOrLearner(actor))}/cancel`,
    }),
    verify: async (actor, call) =>
      expect(await bookingRow(call.url.split('/').at(-2)!)).toMatchObject({
        member_id: people[actor as Role].id,
        status: 'cancelled',
        sequence: 1,
      }),
  },
  {
    route: 'POST /api/academy/bookings/:bookingId/cancel',
    what: 'a session with them as coach (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      const withCoach =
        actor === 'outsider' || actor === 'visitor' ? coachId : await coachProfileOf(people[actor]);
      return { method: 'POST', url: `/api/academy/bookings/${await bookAs(learner, withCoach)}/cancel` };
    },
    verify: async (_actor, call) =>
      expect(await bookingRow(call.url.split('/').at(-2)!)).toMatchObject({
        member_id: learner.id,
        status: 'cancelled',
      }),
  },
  {
    route: 'POST /api/academy/bookings/:bookingId/cancel',
    what: 'the learner’s session',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({ method: 'POST', url: `/api/academy/bookings/${await bookAs(learner)}/cancel` }),
  },
  {
    route: 'POST /api/academy/bookings/:bookingId/reschedule',
    what: 'their own session as member, to a free slot (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => ({
      method: 'POST',
      url: `/api/academy/bookings/${await bookAs(memberOrLearner(actor))}/reschedule`,
      body: { startsAt: nextSlot() },
    }),
    verify: async (actor, call) =>
      expect(await bookingRow(call.url.split('/').at(-2)!)).toEqual({
        member_id: people[actor as Role].id,
        status: 'booked',
        starts_at: new Date((call.body as { startsAt: string }).startsAt),
        sequence: 1,
      }),
  },
  {
    route: 'POST /api/academy/bookings/:bookingId/reschedule',
    what: 'a session with them as coach (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      const withCoach =
        actor === 'outsider' || actor === 'visitor' ? coachId : await coachProfileOf(people[actor]);
      return {
        method: 'POST',
        url: `/api/academy/bookings/${await bookAs(learner, withCoach)}/reschedule`,
        body: { startsAt: nextSlot() },
      };
    },
    verify: async (_actor, call) =>
      expect(await bookingRow(call.url.split('/').at(-2)!)).toEqual({
        member_id: learner.id,
        status: 'booked',
        starts_at: new Date((call.body as { startsAt: string }).startsAt),
        sequence: 1,
      }),
  },
  {
    route: 'POST /api/academy/bookings/:bookingId/reschedule',
    what: 'the learner’s session',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'POST',
      url: `/api/academy/bookings/${await bookAs(learner)}/reschedule`,
      body: { startsAt: nextSlot() },
    }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/boards',
    what: 'their own boards (a first one made for someone who has none)',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: boardsUrl() }),
    verify: async (actor, _call, response) => {
      const mine = await rows(
        `SELECT id FROM stream_boards WHERE workspace_id = '${wsA}' AND user_id = '${people[actor as Role].id}' ORDER BY id`,
      );
      expect(mine.length).toBeGreaterThan(0);
      const listed = response.json().boards.map((b: { id: string }) => b.id);
      expect([...listed].sort()).toEqual(mine.map((r) => r.id));
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/boards',
    expect: membersOfA(201),
    audited: false,
    prepare: (actor) => ({ method: 'POST', url: boardsUrl(), body: { name: `Board of ${actor}` } }),
    verify: async (actor, _call, response) =>
      expect(await boardRows(response.json().id)).toEqual([
        { user_id: people[actor as Role].id, name: `Board of ${actor}` },
      ]),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/boards/:boardId',
    what: 'rename their own board (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: boardsUrl(`/${(await boardFor(actor)).boardId}`),
      body: { name: `Renamed by ${actor}` },
    }),
    verify: async (actor, call) =>
      expect(await boardRows(call.url.split('/').at(-1)!)).toEqual([
        { user_id: people[actor as Role].id, name: `Renamed by ${actor}` },
      ]),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/boards/:boardId',
    what: 'the learner’s board',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'PATCH',
      url: boardsUrl(`/${(await learnersBoard()).boardId}`),
      body: { name: 'Taken over' },
    }),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/boards/:boardId',
    what: 'their own board with a column (outsider and visitor: the learner’s)',
    expect: membersOfA(204),
    audited: false,
    prepare: async (actor) => {
      const { boardId, columnIds } = await boardFor(actor, [SCHEDULED]);
      return { method: 'DELETE', url: boardsUrl(`/${boardId}`), token: columnIds[0] };
    },
    verify: async (_actor, call) => {
      expect(await boardRows(call.url.split('/').at(-1)!)).toEqual([]);
      expect(await rows(`SELECT id FROM stream_columns WHERE id = '${call.token}'`)).toEqual([]);
    },
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/boards/:boardId',
    what: 'the learner’s board',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({ method: 'DELETE', url: boardsUrl(`/${(await learnersBoard()).boardId}`) }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/boards/:boardId/columns',
    what: 'the home timeline of an account, on their own board (outsider and visitor: the learner’s)',
    expect: membersOfA(201),
    audited: false,
    prepare: async (actor) => ({
      method: 'POST',
      url: boardsUrl(`/${(await boardFor(actor)).boardId}/columns`),
      body: { kind: 'home', accountId: streamAccount },
    }),
    verify: async (_actor, call, response) => {
      expect(response.json()).toMatchObject({ kind: 'home', accountId: streamAccount, position: 0 });
      expect(await columnRows(call.url.split('/').at(-2)!)).toEqual([
        { id: response.json().id, position: 0, kind: 'home' },
      ]);
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/boards/:boardId/columns',
    what: 'on the learner’s board',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'POST',
      url: boardsUrl(`/${(await learnersBoard()).boardId}/columns`),
      body: SCHEDULED,
    }),
  },
  {
    route: 'PUT /api/workspaces/:workspaceId/boards/:boardId/columns/order',
    what: 'swap the two columns of their own board (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      const { boardId, columnIds } = await boardFor(actor, [
        SCHEDULED,
        { kind: 'home', accountId: streamAccount },
      ]);
      return {
        method: 'PUT',
        url: boardsUrl(`/${boardId}/columns/order`),
        body: { columnIds: [...columnIds].reverse() },
      };
    },
    verify: async (_actor, call) =>
      expect((await columnRows(call.url.split('/').at(-3)!)).map((c) => c.id)).toEqual(
        (call.body as { columnIds: string[] }).columnIds,
      ),
  },
  {
    route: 'PUT /api/workspaces/:workspaceId/boards/:boardId/columns/order',
    what: 'the learner’s board',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => {
      const { boardId, columnIds } = await learnersBoard();
      return {
        method: 'PUT',
        url: boardsUrl(`/${boardId}/columns/order`),
        body: { columnIds: [...columnIds].reverse() },
      };
    },
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/boards/:boardId/columns/:columnId',
    what: 'a column of their own board (outsider and visitor: the learner’s)',
    expect: membersOfA(204),
    audited: false,
    prepare: async (actor) => {
      const { boardId, columnIds } = await boardFor(actor, [SCHEDULED]);
      return { method: 'DELETE', url: boardsUrl(`/${boardId}/columns/${columnIds[0]}`) };
    },
    verify: async (_actor, call) => expect(await columnRows(call.url.split('/').at(-3)!)).toEqual([]),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/boards/:boardId/columns/:columnId',
    what: 'a column of the learner’s board',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => {
      const { boardId, columnIds } = await learnersBoard();
      return { method: 'DELETE', url: boardsUrl(`/${boardId}/columns/${columnIds[0]}`) };
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/boards/:boardId/items',
    what: 'their own board (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      const { boardId, columnIds } = await boardFor(actor, [SCHEDULED]);
      return { method: 'GET', url: boardsUrl(`/${boardId}/items`), token: columnIds[0] };
    },
    verify: async (_actor, call, response) =>
      expect(response.json().columns).toEqual([
        expect.objectContaining({ columnId: call.token, error: null, loading: false }),
      ]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/boards/:boardId/items',
    what: 'the learner’s board',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({ method: 'GET', url: boardsUrl(`/${(await learnersBoard()).boardId}/items`) }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/boards/:boardId/columns/:columnId/items',
    what: 'the scheduled posts of one account, on their own board (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      const accountId = await insertAccount();
      const scheduled = await people.owner.client.post(`/api/workspaces/${wsA}/posts`, {
        text: 'Scheduled for a column',
        targets: [{ accountId }],
        mode: 'schedule',
        scheduledAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      });
      expect(scheduled.statusCode, scheduled.body).toBe(201);
      const { boardId, columnIds } = await boardFor(actor, [{ kind: 'scheduled', accountId }]);
      return {
        method: 'GET',
        url: boardsUrl(`/${boardId}/columns/${columnIds[0]}/items?cursor=${FROM_THE_START}`),
        token: scheduled.json().targets[0].id,
      };
    },
    verify: async (_actor, call, response) =>
      expect(response.json()).toEqual({
        items: [
          expect.objectContaining({ id: call.token, kind: 'scheduled', text: 'Scheduled for a column' }),
        ],
        cursor: null,
      }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/boards/:boardId/columns/:columnId/items',
    what: 'a column of the learner’s board',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => {
      const { boardId, columnIds } = await learnersBoard();
      return {
        method: 'GET',
        url: boardsUrl(`/${boardId}/columns/${columnIds[0]}/items?cursor=${FROM_THE_START}`),
      };
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/boards/:boardId/events',
    what: 'a stream of their own board, closed after the shortest timeout, 5 s (outsider and visitor: the learner’s)',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => ({
      method: 'GET',
      url: boardsUrl(`/${(await boardFor(actor, [SCHEDULED])).boardId}/events?timeout=5`),
    }),
    verify: async (_actor, _call, response) =>
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/boards/:boardId/events',
    what: 'the learner’s board',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: boardsUrl(`/${(await learnersBoard()).boardId}/events?timeout=5`),
    }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/streams/actions',
    what: 'like a post as an account of A, stored in a column',
    expect: editorsAndUpOfA(204),
    audited: true,
    prepare: async (actor) => {
      const status = stub.streams.addStatus(bob.id, `A post ${actor} likes`);
      await storedItemOf(status.id);
      return {
        method: 'POST',
        url: `/api/workspaces/${wsA}/streams/actions`,
        body: { accountId: streamAccount, action: 'like', postId: status.id },
      };
    },
    verify: async (_actor, call) => {
      const postId = (call.body as { postId: string }).postId;
      expect(stub.streams.favourited.has(postId)).toBe(true);
      const [stored] = await rows(`SELECT item FROM stream_items WHERE item_id = '${postId}'`);
      expect(stored.item).toMatchObject({ viewer: { liked: true }, counts: { likes: 1 } });
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/streams/actions',
    what: 'like as an account whose server does not answer: those allowed get as far as the network and a 422',
    expect: editorsAndUpOfA(422),
    audited: false,
    prepare: async () => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/streams/actions`,
      body: {
        accountId: await unreachableAccount(),
        action: 'like',
        postId: 'at://did:plc:somebody/app.bsky.feed.post/3kmatrix',
        postCid: 'bafyreimatrix',
      },
    }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/streams/replies',
    what: 'reply to a post as an account of A (a contributor’s reply waits for approval)',
    expect: postWritersOfA(201),
    audited: true,
    prepare: (actor) => {
      const status = stub.streams.addStatus(bob.id, `A post ${actor} answers`);
      return {
        method: 'POST',
        url: `/api/workspaces/${wsA}/streams/replies`,
        body: {
          accountId: streamAccount,
          text: `Replied by ${actor}`,
          kind: 'reply',
          postId: status.id,
          postUrl: status.url,
        },
      };
    },
    verify: async (actor, call, response) => {
      const { postId } = call.body as { postId: string };
      expect(response.json().status).toBe(actor === 'contributor' ? 'pending_approval' : 'scheduled');
      expect(
        await rows(
          `SELECT account_id, text, status, reply_to_remote->'parent'->>'id' AS parent FROM post_targets WHERE post_id = '${response.json().postId}'`,
        ),
      ).toEqual([
        {
          account_id: streamAccount,
          text: `Replied by ${actor}`,
          status: response.json().status,
          parent: postId,
        },
      ]);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/accounts/:accountId/lists',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: listsUrl(), token: stubList('Read by everyone') }),
    verify: async (_actor, call, response) =>
      expect(response.json().lists).toContainEqual(
        expect.objectContaining({ id: call.token, name: 'Read by everyone' }),
      ),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/accounts/:accountId/lists',
    what: 'an account of workspace B, through A’s address',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({ method: 'GET', url: listsUrl('', await stubAccount({ workspaceId: wsB })) }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/accounts/:accountId/lists',
    expect: editorsAndUpOfA(201),
    audited: true,
    prepare: (actor) => ({
      method: 'POST',
      url: listsUrl(),
      body: { name: `List by ${actor}`, description: 'Made in the matrix' },
    }),
    verify: async (actor, _call, response) =>
      expect(stub.streams.lists.get(response.json().id)).toMatchObject({ title: `List by ${actor}` }),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId',
    what: 'rename a list',
    expect: editorsAndUpOfA(200),
    audited: true,
    prepare: (actor) => ({
      method: 'PATCH',
      url: listsUrl(`/${stubList('Before renaming')}`),
      body: { name: `Renamed by ${actor}`, description: '' },
    }),
    verify: async (actor, call) =>
      expect(stub.streams.lists.get(call.url.split('/').at(-1)!)).toMatchObject({
        title: `Renamed by ${actor}`,
      }),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId',
    expect: editorsAndUpOfA(204),
    audited: true,
    prepare: () => ({ method: 'DELETE', url: listsUrl(`/${stubList('To delete')}`) }),
    verify: async (_actor, call) => expect(stub.streams.lists.has(call.url.split('/').at(-1)!)).toBe(false),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId/members',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: listsUrl(`/${stubList('With bob', [bob.id])}/members`) }),
    verify: async (_actor, _call, response) =>
      expect(response.json().members.map((m: { id: string }) => m.id)).toEqual([bob.id]),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId/members',
    what: 'add someone (followed first)',
    expect: editorsAndUpOfA(204),
    audited: true,
    prepare: () => ({
      method: 'POST',
      url: listsUrl(`/${stubList('To add to')}/members`),
      body: { actorId: bob.id },
    }),
    verify: async (_actor, call) =>
      expect(stub.streams.lists.get(call.url.split('/').at(-2)!)?.members).toEqual([bob.id]),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/accounts/:accountId/lists/:listId/members/:actorId',
    expect: editorsAndUpOfA(204),
    audited: true,
    prepare: () => ({
      method: 'DELETE',
      url: listsUrl(`/${stubList('To remove from', [bob.id])}/members/${bob.id}`),
    }),
    verify: async (_actor, call) =>
      expect(stub.streams.lists.get(call.url.split('/').at(-3)!)?.members).toEqual([]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/accounts/:accountId/actors',
    what: 'find people by handle',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/accounts/${streamAccount}/actors?q=bob` }),
    verify: async (_actor, _call, response) =>
      expect(response.json().actors.map((a: { id: string }) => a.id)).toEqual([bob.id]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/list-templates',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/list-templates` }),
    verify: async (_actor, _call, response) => {
      const stored = await rows(`SELECT id FROM list_templates WHERE workspace_id = '${wsA}' ORDER BY id`);
      const listed = response.json().templates.map((t: { id: string }) => t.id);
      expect([...listed].sort()).toEqual(stored.map((r) => r.id));
      expect(response.json().templates.map((t: { name: string }) => t.name)).toContain(
        'People to learn from',
      );
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/list-templates',
    expect: managersOfA(201),
    audited: true,
    prepare: (actor) => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/list-templates`,
      body: { name: `Template by ${actor}`, members: [{ network: 'mastodon', handle: '@bob' }] },
    }),
    verify: async (actor, _call, response) =>
      expect(
        await rows(
          `SELECT workspace_id, name, members FROM list_templates WHERE id = '${response.json().id}'`,
        ),
      ).toEqual([
        {
          workspace_id: wsA,
          name: `Template by ${actor}`,
          members: [{ network: 'mastodon', handle: 'bob' }],
        },
      ]),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/list-templates/:templateId',
    expect: managersOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: `/api/workspaces/${wsA}/list-templates/${await ownersTemplate()}`,
      body: { name: `Changed by ${actor}`, description: 'Changed', members: [] },
    }),
    verify: async (actor, call) =>
      expect(
        await rows(`SELECT name, members FROM list_templates WHERE id = '${call.url.split('/').at(-1)}'`),
      ).toEqual([{ name: `Changed by ${actor}`, members: [] }]),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/list-templates/:templateId',
    expect: managersOfA(204),
    audited: true,
    prepare: async () => ({
      method: 'DELETE',
      url: `/api/workspaces/${wsA}/list-templates/${await ownersTemplate()}`,
    }),
    verify: async (_actor, call) =>
      expect(await rows(`SELECT id FROM list_templates WHERE id = '${call.url.split('/').at(-1)}'`)).toEqual(
        [],
      ),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/list-templates/:templateId/apply',
    what: 'on an account none of them connected, as a column of their own board (outsider and visitor: the learner’s)',
    expect: editorsAndUpOfA(201),
    audited: 2,
    prepare: async (actor) => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/list-templates/${applyTemplate}/apply`,
      body: { accountId: streamAccount, boardId: (await boardFor(actor)).boardId },
    }),
    verify: async (_actor, call, response) => {
      const applied = response.json();
      expect(applied).toMatchObject({
        added: ['bob'],
        notFound: ['ghost'],
        column: { kind: 'list', listId: applied.list.id },
      });
      expect(stub.streams.lists.get(applied.list.id)).toMatchObject({
        title: 'Learning list',
        members: [bob.id],
      });
      const { boardId } = call.body as { boardId: string };
      expect(await columnRows(boardId)).toEqual([{ id: applied.column.id, position: 0, kind: 'list' }]);
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/list-templates/:templateId/apply',
    what: 'on an account they connected themselves (outsider and visitor: one the learner connected)',
    expect: membersOfA(201),
    audited: 2,
    prepare: async (actor) => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/list-templates/${applyTemplate}/apply`,
      body: { accountId: await stubAccount({ connectedBy: memberOrLearner(actor).id }) },
    }),
    verify: async (_actor, _call, response) => {
      expect(response.json()).toMatchObject({ added: ['bob'], notFound: ['ghost'], column: null });
      expect(stub.streams.lists.get(response.json().list.id)?.members).toEqual([bob.id]);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/queries',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      await heardQuery();
      return { method: 'GET', url: listeningUrl('/queries') };
    },
    verify: async (_actor, _call, response) => {
      const stored = await rows(`SELECT id FROM listening_queries WHERE workspace_id = '${wsA}' ORDER BY id`);
      const listed = response.json().queries.map((q: { id: string }) => q.id);
      expect(listed).toContain(heard!.queryId);
      expect([...listed].sort()).toEqual(stored.map((r) => r.id));
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/listening/queries',
    what: 'with an instance and a feed on the local test servers, which starts a backfill',
    expect: editorsAndUpOfA(201),
    audited: true,
    prepare: (actor) => ({
      method: 'POST',
      url: listeningUrl('/queries'),
      body: {
        name: `Heard by ${actor}`,
        query: '"mango juice" OR #mango',
        ownBrand: true,
        mastodonInstances: [`${snac.instanceUrl}/about`],
        feedUrls: [`${stub.instanceUrl}/feed.xml`],
        spikeMinCount: 5,
      },
    }),
    verify: async (actor, _call, response) => {
      const { id } = response.json();
      expect(await listeningQueryRow(id)).toEqual([
        {
          workspace_id: wsA,
          name: `Heard by ${actor}`,
          query: '"mango juice" OR #mango',
          active: true,
          own_brand: true,
          mastodon_instances: [new URL(snac.instanceUrl).origin],
          feed_urls: [`${stub.instanceUrl}/feed.xml`],
          spike_sigma: 3,
          spike_min_count: 5,
          alert_cooldown_minutes: 60,
        },
      ]);
      expect(
        await rows(
          `SELECT data->>'workspaceId' AS workspace FROM pgboss.job WHERE name = 'listening-backfill' AND data->>'queryId' = '${id}'`,
        ),
      ).toEqual([{ workspace: wsA }]);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/queries/:queryId',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: listeningUrl(`/queries/${(await heardQuery()).queryId}`),
    }),
    verify: async (_actor, call, response) =>
      expect(response.json()).toMatchObject({ id: call.url.split('/').at(-1), active: true }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/queries/:queryId',
    what: 'a query of workspace B, through A’s address',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({ method: 'GET', url: listeningUrl(`/queries/${(await theirQuery()).queryId}`) }),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/listening/queries/:queryId',
    what: 'change the name, the text, the alert settings and pause it',
    expect: editorsAndUpOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: listeningUrl(`/queries/${await listeningQueryOf()}`),
      body: {
        name: `Changed by ${actor}`,
        query: 'lychee OR #lychee',
        active: false,
        spikeSigma: 2.5,
        alertCooldownMinutes: 30,
      },
    }),
    verify: async (actor, call) => {
      const [row] = await listeningQueryRow(call.url.split('/').at(-1)!);
      expect(row).toMatchObject({
        name: `Changed by ${actor}`,
        query: 'lychee OR #lychee',
        active: false,
        spike_sigma: 2.5,
        alert_cooldown_minutes: 30,
      });
    },
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/listening/queries/:queryId',
    what: 'a query of workspace B, through A’s address',
    expect: editorsAndUpOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'PATCH',
      url: listeningUrl(`/queries/${(await theirQuery()).queryId}`),
      body: { name: 'Taken over', active: false },
    }),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/listening/queries/:queryId',
    what: 'with its counts, its alert, the mention only it found; a mention it shares stays',
    expect: editorsAndUpOfA(204),
    audited: true,
    prepare: async () => {
      const queryId = await listeningQueryOf();
      const { rivalId } = await heardQuery();
      const own = await mentionOf([queryId], 'Heard only by the query to delete');
      const shared = await mentionOf([queryId, rivalId], 'Heard by the query to delete and the rival');
      await countOf(queryId);
      await alertOf(queryId);
      return {
        method: 'DELETE',
        url: listeningUrl(`/queries/${queryId}`),
        data: { own: String(own), shared: String(shared) },
      };
    },
    verify: async (_actor, call) => {
      const queryId = call.url.split('/').at(-1)!;
      expect(await listeningQueryRow(queryId)).toEqual([]);
      for (const table of ['listening_counts', 'listening_alerts'])
        expect(await rows(`SELECT query_id FROM ${table} WHERE query_id = '${queryId}'`)).toEqual([]);
      expect(await rows(`SELECT id FROM listening_mentions WHERE id = ${call.data!.own}`)).toEqual([]);
      const [shared] = await rows(
        `SELECT query_ids::text AS ids FROM listening_mentions WHERE id = ${call.data!.shared}`,
      );
      expect(shared.ids).toBe(`{${heard!.rivalId}}`);
    },
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/listening/queries/:queryId',
    what: 'a query of workspace B, through A’s address',
    expect: editorsAndUpOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'DELETE',
      url: listeningUrl(`/queries/${(await theirQuery()).queryId}`),
    }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/listening/preview',
    what: 'what a query would match among the stored mentions',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      await heardQuery();
      return { method: 'POST', url: listeningUrl('/preview'), body: { query: '"heard in the matrix"' } };
    },
    verify: async (_actor, _call, response) => {
      expect(response.json()).toMatchObject({ count: 1 });
      expect(response.json().mentions.map((m: { id: number }) => m.id)).toEqual([heard!.mentionId]);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/queries/:queryId/mentions',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: listeningUrl(`/queries/${(await heardQuery()).queryId}/mentions?sentiment=positive`),
    }),
    verify: async (_actor, _call, response) =>
      expect(response.json()).toEqual({
        mentions: [
          expect.objectContaining({
            id: heard!.mentionId,
            queryIds: [heard!.queryId],
            text: 'Mango juice, heard in the matrix #mango',
            postedAt: HEARD_AT,
          }),
        ],
        nextCursor: null,
      }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/queries/:queryId/mentions',
    what: 'of a query of workspace B, through A’s address',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: listeningUrl(`/queries/${(await theirQuery()).queryId}/mentions`),
    }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/queries/:queryId/timeline',
    what: 'per hour, over the day of the stored mention',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: listeningUrl(`/queries/${(await heardQuery()).queryId}/timeline?${HEARD_DAY}&interval=hour`),
    }),
    verify: async (_actor, _call, response) =>
      expect(response.json().buckets).toEqual([
        { at: '2025-03-31T10:00:00.000Z', total: 1, positive: 1, negative: 0, neutral: 0 },
      ]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/queries/:queryId/top',
    what: 'over the day of the stored mention',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: listeningUrl(`/queries/${(await heardQuery()).queryId}/top?${HEARD_DAY}`),
    }),
    verify: async (_actor, _call, response) =>
      expect(response.json()).toMatchObject({
        total: 1,
        authors: [{ handle: 'bob.test', name: 'Bob Biswas', count: 1 }],
        hashtags: [{ tag: 'mango', count: 1 }],
        languages: [{ lang: 'en', count: 1 }],
      }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/share-of-voice',
    what: 'the query that heard the mention against its rival',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const { queryId, rivalId } = await heardQuery();
      return {
        method: 'GET',
        url: listeningUrl(`/share-of-voice?${HEARD_DAY}&queryIds=${queryId},${rivalId}`),
      };
    },
    verify: async (_actor, _call, response) =>
      expect(response.json()).toMatchObject({
        total: 1,
        queries: [
          { queryId: heard!.queryId, total: 1, share: 1 },
          { queryId: heard!.rivalId, total: 0, share: 0 },
        ],
      }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/share-of-voice',
    what: 'against a query of workspace B',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: listeningUrl(
        `/share-of-voice?queryIds=${(await heardQuery()).queryId},${(await theirQuery()).queryId}`,
      ),
    }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/alerts',
    what: 'the unread ones',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const { queryId } = await heardQuery();
      await theirQuery();
      return { method: 'GET', url: listeningUrl('/alerts?unread=true'), token: await alertOf(queryId) };
    },
    verify: async (_actor, call, response) => {
      const unread = await rows(
        `SELECT id FROM listening_alerts WHERE workspace_id = '${wsA}' AND read_at IS NULL ORDER BY id`,
      );
      const listed = response.json().alerts as { id: string }[];
      expect(response.json().unread).toBe(unread.length);
      expect(listed.map((a) => a.id).sort()).toEqual(unread.map((r) => r.id));
      expect(listed.find((a) => a.id === call.token)).toMatchObject({
        queryId: heard!.queryId,
        kind: 'volume',
        count: 40,
        read: false,
        suggestCrisisMode: false,
      });
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/listening/alerts/:alertId/read',
    expect: membersOfA(204),
    audited: false,
    prepare: async () => ({
      method: 'POST',
      url: listeningUrl(`/alerts/${await alertOf((await heardQuery()).queryId)}/read`),
    }),
    verify: async (_actor, call) => {
      const [alert] = await rows(
        `SELECT read_at FROM listening_alerts WHERE id = '${call.url.split('/').at(-2)}'`,
      );
      expect(alert.read_at).not.toBeNull();
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/listening/alerts/:alertId/read',
    what: 'an alert of workspace B, through A’s address',
    expect: membersOfA(404),
    audited: false,
    prepare: async () => ({
      method: 'POST',
      url: listeningUrl(`/alerts/${(await theirQuery()).alertId}/read`),
    }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/listening/retention',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: listeningUrl('/retention') }),
    verify: async (_actor, _call, response) => {
      const [row] = await rows(`SELECT listening_retention_days AS days FROM workspaces WHERE id = '${wsA}'`);
      expect(response.json()).toEqual({ days: row.days });
    },
  },
  {
    route: 'PUT /api/workspaces/:workspaceId/listening/retention',
    what: 'keep mentions a month and a few days',
    expect: managersOfA(200),
    audited: true,
    prepare: (actor) => ({
      method: 'PUT',
      url: listeningUrl('/retention'),
      body: { days: 30 + ACTORS.indexOf(actor) },
    }),
    verify: async (_actor, call, response) => {
      const { days } = call.body as { days: number };
      expect(response.json()).toEqual({ days });
      expect(
        await rows(`SELECT listening_retention_days AS days FROM workspaces WHERE id = '${wsA}'`),
      ).toEqual([{ days }]);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/comments',
    what: 'the thread of a post of A',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const commentId = await commentAs(asker, 'Read in the matrix');
      return {
        method: 'GET',
        url: commentsUrl(`?subjectType=post&subjectId=${discussedPost}&limit=200`),
        token: commentId,
      };
    },
    verify: async (_actor, call, response) => {
      const listed = response.json().comments as { id: string; subjectId: string }[];
      const stored = await rows(
        `SELECT id FROM comments WHERE subject_type = 'post' AND subject_id = '${discussedPost}' ORDER BY created_at, id`,
      );
      expect(listed.map((c) => c.id)).toEqual(stored.map((r) => r.id));
      expect(listed.find((c) => c.id === call.token)).toMatchObject({
        subjectId: discussedPost,
        author: { userId: asker.id },
        body: 'Read in the matrix',
      });
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/comments',
    what: 'on a post of A, mentioning the learner',
    expect: postWritersOfA(201),
    audited: true,
    prepare: async (actor) => {
      discussedPost ??= (await ownersPost('draft')).postId;
      return {
        method: 'POST',
        url: commentsUrl(),
        body: {
          subjectType: 'post',
          subjectId: discussedPost,
          body: `Noted by ${actor}, @[${learnerName}](user:${learner.id})`,
        },
      };
    },
    verify: async (actor, _call, response) => {
      expect(await commentRow(response.json().id)).toEqual([
        {
          author_id: people[actor as Role].id,
          body: `Noted by ${actor}, @[${learnerName}](user:${learner.id})`,
          mentions: [learner.id],
          edited_at: null,
        },
      ]);
      const told = await rows(
        `SELECT kind FROM notifications WHERE user_id = '${learner.id}' AND data->>'body' LIKE 'Noted by ${actor},%'`,
      );
      expect(told).toEqual([{ kind: 'comment_mention' }]);
    },
  },
  {
    route: 'PATCH /api/comments/:commentId',
    what: 'their own comment (viewers write none: they, the outsider and the visitor aim at the asker’s)',
    expect: postWritersOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: `/api/comments/${await ownCommentFor(actor)}`,
      body: { body: `Edited by ${actor}` },
    }),
    verify: async (actor, call) => {
      const [row] = await commentRow(call.url.split('/').at(-1)!);
      expect(row).toMatchObject({ author_id: people[actor as Role].id, body: `Edited by ${actor}` });
      expect(row.edited_at).not.toBeNull();
    },
  },
  {
    route: 'PATCH /api/comments/:commentId',
    what: 'the asker’s comment: only its author may edit it',
    expect: membersOfA(403),
    audited: false,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: `/api/comments/${await commentAs(asker)}`,
      body: { body: `Edited by ${actor}` },
    }),
  },
  {
    route: 'DELETE /api/comments/:commentId',
    what: 'their own comment (viewers write none: they, the outsider and the visitor aim at the asker’s)',
    expect: postWritersOfA(204),
    audited: true,
    prepare: async (actor) => ({ method: 'DELETE', url: `/api/comments/${await ownCommentFor(actor)}` }),
    verify: async (_actor, call) => expect(await commentRow(call.url.split('/').at(-1)!)).toEqual([]),
  },
  {
    route: 'DELETE /api/comments/:commentId',
    what: 'the asker’s comment: owners and admins may delete anyone’s',
    expect: managersOfA(204),
    audited: true,
    prepare: async () => ({ method: 'DELETE', url: `/api/comments/${await commentAs(asker)}` }),
    verify: async (_actor, call) => expect(await commentRow(call.url.split('/').at(-1)!)).toEqual([]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/notifications',
    what: 'their own only, with one of the learner’s alongside',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => ({
      method: 'GET',
      url: `/api/workspaces/${wsA}/notifications?limit=100`,
      token: actor === 'outsider' || actor === 'visitor' ? undefined : await ownNoticeFor(actor),
      data: { learners: await noticeFor(learner.id) },
    }),
    verify: async (actor, call, response) => {
      const listed = (response.json().notifications as { id: string }[]).map((n) => n.id);
      expect(listed).toContain(call.token);
      expect(listed).not.toContain(call.data!.learners);
      expect([...listed].sort()).toEqual(await noticeIdsOf(people[actor as Role].id));
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/notifications/unread-count',
    what: 'their own only',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      if (actor !== 'outsider' && actor !== 'visitor') await ownNoticeFor(actor);
      await noticeFor(learner.id);
      return { method: 'GET', url: `/api/workspaces/${wsA}/notifications/unread-count` };
    },
    verify: async (actor, _call, response) => {
      const unread = (await noticeIdsOf(people[actor as Role].id, true)).length;
      expect(unread).toBeGreaterThan(0);
      expect(response.json()).toEqual({ unread });
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/notifications/read-all',
    what: 'their own only, leaving the learner’s unread',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      if (actor !== 'outsider' && actor !== 'visitor') await ownNoticeFor(actor);
      return {
        method: 'POST',
        url: `/api/workspaces/${wsA}/notifications/read-all`,
        token: await noticeFor(learner.id),
      };
    },
    verify: async (actor, call, response) => {
      expect(response.json().marked).toBeGreaterThan(0);
      expect(await noticeIdsOf(people[actor as Role].id, true)).toEqual([]);
      expect(await noticeIdsOf(learner.id, true)).toContain(call.token);
    },
  },
  {
    route: 'POST /api/notifications/:notificationId/read',
    what: 'one of their own (the outsider’s in B; the visitor aims at the learner’s)',
    expect: signedIn(200),
    audited: false,
    prepare: async (actor) => ({
      method: 'POST',
      url: `/api/notifications/${await ownNoticeFor(actor)}/read`,
    }),
    verify: async (_actor, call, response) => {
      const id = call.url.split('/').at(-2);
      const [row] = await rows(`SELECT read_at FROM notifications WHERE id = '${id}'`);
      expect(row.read_at).not.toBeNull();
      expect(response.json()).toEqual({ id, readAt: new Date(row.read_at).toISOString() });
    },
  },
  {
    route: 'POST /api/notifications/:notificationId/read',
    what: 'the learner’s: nobody else’s exists for them',
    expect: signedIn(404),
    audited: false,
    prepare: async () => ({ method: 'POST', url: `/api/notifications/${await noticeFor(learner.id)}/read` }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/audit-events',
    what: 'the comment events of A',
    expect: managersOfA(200),
    audited: false,
    prepare: async () => {
      await commentAs(asker, 'Audited in the matrix');
      return { method: 'GET', url: auditUrl('?actionPrefix=comment.&limit=200') };
    },
    verify: async (_actor, _call, response) => {
      const stored = await rows(
        `SELECT id::int AS id FROM audit_events WHERE workspace_id = '${wsA}' AND action LIKE 'comment.%' ORDER BY id DESC`,
      );
      expect(stored.length).toBeGreaterThan(0);
      expect(response.json().events.map((e: { id: number }) => e.id)).toEqual(stored.map((r) => r.id));
      expect(response.json().nextCursor).toBeNull();
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/audit-events.csv',
    what: 'the comment events of A by the asker',
    expect: managersOfA(200),
    audited: false,
    prepare: async () => {
      await commentAs(asker, 'Exported in the matrix');
      return { method: 'GET', url: auditUrl(`.csv?action=comment.created&actorId=${asker.id}`) };
    },
    verify: async (_actor, _call, response) => {
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(String(response.headers['content-disposition'])).toMatch(/^attachment; filename="audit-log-/);
      const [header, ...lines] = response.body.trimEnd().split('\r\n');
      expect(header).toBe('time,actor_name,actor_email,action,target_type,target_id,before,after');
      const stored = await rows(
        `SELECT target_id FROM audit_events WHERE workspace_id = '${wsA}' AND action = 'comment.created' AND actor_id = '${asker.id}' ORDER BY id DESC`,
      );
      expect(lines.map((line) => line.split(',')[5])).toEqual(stored.map((r) => r.target_id));
      expect(lines.every((line) => line.split(',')[3] === 'comment.created')).toBe(true);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/approval-chains',
    what: 'every account’s chain in A',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      postAccount ??= await insertAccount();
      return { method: 'GET', url: `/api/workspaces/${wsA}/approval-chains` };
    },
    verify: async (_actor, _call, response) => {
      const chains = response.json().chains as { accountId: string; implicit: boolean }[];
      const accounts = await rows(
        `SELECT id FROM social_accounts WHERE workspace_id = '${wsA}' ORDER BY handle`,
      );
      expect(chains.map((c) => c.accountId)).toEqual(accounts.map((a) => a.id));
      expect(chains.find((c) => c.accountId === postAccount)).toMatchObject({ implicit: true });
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/accounts/:accountId/approval-chain',
    what: 'the post account’s default chain',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      postAccount ??= await insertAccount();
      return { method: 'GET', url: `/api/workspaces/${wsA}/accounts/${postAccount}/approval-chain` };
    },
    verify: async (_actor, _call, response) => {
      expect(response.json()).toMatchObject({ accountId: postAccount, implicit: true });
      expect(response.json().steps).toHaveLength(1);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/accounts/:accountId/approval-chain',
    what: 'an account no workspace has',
    expect: membersOfA(404),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/workspaces/${wsA}/accounts/${NOWHERE}/approval-chain` }),
  },
  {
    route: 'PUT /api/workspaces/:workspaceId/accounts/:accountId/approval-chain',
    what: 'two steps: any editor, then a named owner or admin',
    expect: managersOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'PUT',
      url: await chainUrl(),
      body: {
        steps: [
          { approverRole: 'editor' },
          { approverUserId: actor === 'owner' ? people.owner.id : people.admin.id },
        ],
      },
    }),
    verify: async (actor, _call, response) => {
      const approver = actor === 'owner' ? people.owner.id : people.admin.id;
      expect(
        await rows(
          `SELECT position, approver_user_id, approver_role FROM approval_steps WHERE account_id = '${chainAccount}' ORDER BY position`,
        ),
      ).toEqual([
        { position: 1, approver_user_id: null, approver_role: 'editor' },
        { position: 2, approver_user_id: approver, approver_role: null },
      ]);
      expect(response.json()).toMatchObject({ accountId: chainAccount, implicit: false });
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/approvals',
    what: 'their own queue, with the asker’s waiting post in it for editors and above',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const { postId } = await waitingPost();
      return { method: 'GET', url: `/api/workspaces/${wsA}/approvals`, token: postId };
    },
    verify: async (actor, call, response) => {
      const { items, count } = response.json() as {
        items: { postId: string; canDecide: boolean }[];
        count: number;
      };
      const listed = items.map((item) => item.postId);
      if (actor === 'viewer' || actor === 'contributor') expect(listed).not.toContain(call.token);
      else expect(listed).toContain(call.token);
      expect(items.every((item) => item.canDecide)).toBe(true);
      expect(count).toBe(items.length);
      const pending = await pendingPostIds();
      expect(listed.every((id) => pending.includes(id))).toBe(true);
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/approvals',
    what: 'every waiting post (all=true)',
    expect: managersOfA(200),
    audited: false,
    prepare: async () => {
      await waitingPost();
      return { method: 'GET', url: `/api/workspaces/${wsA}/approvals?all=true` };
    },
    verify: async (_actor, _call, response) => {
      const listed = (response.json().items as { postId: string }[]).map((item) => item.postId);
      expect([...listed].sort()).toEqual(await pendingPostIds());
    },
  },
  {
    route: 'GET /api/posts/:postId/approval',
    what: 'the asker’s waiting post',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const { postId } = await waitingPost();
      return { method: 'GET', url: `/api/posts/${postId}/approval`, token: postId };
    },
    verify: async (actor, call, response) => {
      const mayDecide = actor === 'owner' || actor === 'admin' || actor === 'editor';
      expect(response.json()).toMatchObject({
        postId: call.token,
        authorId: asker.id,
        canDecide: mayDecide,
        accounts: [{ accountId: postAccount, state: 'waiting', currentStep: 1, canDecide: mayDecide }],
      });
    },
  },
  {
    route: 'POST /api/posts/:postId/approval/decisions',
    what: 'approve the asker’s waiting post (the default chain: any editor or higher)',
    expect: approversOfA(200),
    audited: true,
    prepare: async (actor) => {
      const { postId, targetId } = await waitingPost();
      return {
        method: 'POST',
        url: `/api/posts/${postId}/approval/decisions`,
        body: { decision: 'approved', comment: `Approved by ${actor}`, step: 1 },
        token: targetId,
        data: { postId },
      };
    },
    verify: async (actor, call, response) => {
      expect(
        await rows(
          `SELECT account_id, round, position, decision, comment, decided_by FROM post_approvals WHERE post_id = '${call.data!.postId}'`,
        ),
      ).toEqual([
        {
          account_id: postAccount,
          round: 1,
          position: 1,
          decision: 'approved',
          comment: `Approved by ${actor}`,
          decided_by: people[actor as Role].id,
        },
      ]);
      expect(await statusOf(call.token!)).toBe('scheduled');
      expect(response.json()).toMatchObject({ decision: 'approved', accounts: [{ state: 'approved' }] });
    },
  },
  {
    route: 'POST /api/posts/:postId/approval/decisions',
    what: 'reject the asker’s waiting post with a reason: it goes back to the asker as a draft',
    expect: approversOfA(200),
    audited: true,
    prepare: async (actor) => {
      const { postId, targetId } = await waitingPost();
      return {
        method: 'POST',
        url: `/api/posts/${postId}/approval/decisions`,
        body: { decision: 'rejected', comment: `Not yet, says ${actor}` },
        token: targetId,
        data: { postId },
      };
    },
    verify: async (actor, call) => {
      expect(await statusOf(call.token!)).toBe('draft');
      expect(
        await rows(`SELECT rejection_reason, rejected_by FROM posts WHERE id = '${call.data!.postId}'`),
      ).toEqual([{ rejection_reason: `Not yet, says ${actor}`, rejected_by: people[actor as Role].id }]);
      const told = await rows(
        `SELECT kind FROM notifications WHERE user_id = '${asker.id}' AND link LIKE '%post=${call.data!.postId}'`,
      );
      expect(told).toEqual([{ kind: 'approval_decided' }]);
    },
  },
  {
    route: 'POST /api/posts/:postId/approval/decisions',
    what: 'their own post: nobody decides their own (viewers, the outsider and the visitor aim at the asker’s)',
    expect: membersOfA(403),
    audited: false,
    prepare: async (actor) => {
      const { postId } =
        actor === 'viewer' || actor === 'outsider' || actor === 'visitor'
          ? await waitingPost()
          : await scheduledPostOf(people[actor], `Decided by its own author, ${actor}`);
      return {
        method: 'POST',
        url: `/api/posts/${postId}/approval/decisions`,
        body: { decision: 'approved', comment: '' },
      };
    },
  },
  {
    route: 'POST /api/posts/:postId/approval/decisions',
    what: 'a post already approved',
    expect: { ...membersOfA(409), viewer: 403 },
    audited: false,
    prepare: async () => ({
      method: 'POST',
      url: `/api/posts/${await approvedPost()}/approval/decisions`,
      body: { decision: 'approved', comment: '' },
    }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/crisis',
    what: 'the state of A, out of crisis mode',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      await crisisOff();
      return { method: 'GET', url: crisisUrl() };
    },
    verify: async (_actor, _call, response) => {
      const [held] = await rows(
        `SELECT count(*)::int AS targets, count(DISTINCT post_id)::int AS posts FROM post_targets WHERE workspace_id = '${wsA}' AND status = 'paused' AND paused_by_crisis`,
      );
      expect(response.json()).toEqual({
        active: false,
        reason: null,
        startedAt: null,
        startedBy: null,
        pausedTargets: held.targets,
        pausedPosts: held.posts,
      });
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/crisis',
    what: 'the state of A in crisis mode',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      await crisisOn();
      return { method: 'GET', url: crisisUrl() };
    },
    verify: async (_actor, _call, response) =>
      expect(response.json()).toMatchObject({
        active: true,
        reason: 'Held for the matrix',
        startedBy: { id: people.owner.id, name: 'Olivia Owner' },
      }),
    settle: crisisOff,
  },
  {
    route: 'POST /api/workspaces/:workspaceId/crisis/start',
    what: 'with a reason: every scheduled post of A pauses (ended again after each call)',
    expect: managersOfA(201),
    audited: true,
    prepare: async (actor) => {
      await crisisOff();
      const { targetId } = await ownersPost('schedule');
      return {
        method: 'POST',
        url: crisisUrl('/start'),
        body: { reason: `Started by ${actor}` },
        token: targetId,
      };
    },
    verify: async (actor, call, response) => {
      expect(await rows(`SELECT crisis_reason FROM workspaces WHERE id = '${wsA}'`)).toEqual([
        { crisis_reason: `Started by ${actor}` },
      ]);
      expect(
        await rows(
          `SELECT id, started_by FROM crisis_periods WHERE workspace_id = '${wsA}' AND ended_at IS NULL`,
        ),
      ).toEqual([{ id: response.json().periodId, started_by: people[actor as Role].id }]);
      expect(await targetRow(call.token!)).toMatchObject({ status: 'paused', paused_by_crisis: true });
      expect(response.json().pausedTargets).toBeGreaterThan(0);
      expect(
        await rows(
          `SELECT count(*)::int AS n FROM post_targets WHERE workspace_id = '${wsA}' AND status = 'scheduled' AND NOT crisis_override`,
        ),
      ).toEqual([{ n: 0 }]);
    },
    settle: crisisOff,
  },
  {
    route: 'POST /api/workspaces/:workspaceId/crisis/start',
    what: 'while A is in crisis mode already',
    expect: managersOfA(409),
    audited: false,
    prepare: async (actor) => {
      await crisisOn();
      return { method: 'POST', url: crisisUrl('/start'), body: { reason: `Started again by ${actor}` } };
    },
    settle: crisisOff,
  },
  {
    route: 'POST /api/workspaces/:workspaceId/crisis/end',
    what: 'while A is in crisis mode: posts due later resume',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => {
      await crisisOff();
      const { targetId } = await ownersPost('schedule');
      await crisisOn();
      expect(await targetRow(targetId)).toMatchObject({ status: 'paused', paused_by_crisis: true });
      return { method: 'POST', url: crisisUrl('/end'), token: targetId };
    },
    verify: async (actor, call, response) => {
      expect(await inCrisis()).toBe(false);
      const [period] = await rows(
        `SELECT ended_by, ended_at FROM crisis_periods WHERE workspace_id = '${wsA}' ORDER BY started_at DESC LIMIT 1`,
      );
      expect(period.ended_by).toBe(people[actor as Role].id);
      expect(period.ended_at).not.toBeNull();
      expect(await targetRow(call.token!)).toMatchObject({ status: 'scheduled', paused_by_crisis: false });
      expect(response.json().resumedTargets).toBeGreaterThan(0);
    },
    settle: crisisOff,
  },
  {
    route: 'POST /api/workspaces/:workspaceId/crisis/end',
    what: 'while A is not in crisis mode',
    expect: managersOfA(409),
    audited: false,
    prepare: async () => {
      await crisisOff();
      return { method: 'POST', url: crisisUrl('/end') };
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/crisis/review',
    what: 'the posts whose time passed during a crisis',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      await crisisOff();
      const { postId } = await heldPastPost();
      return { method: 'GET', url: crisisUrl('/review'), token: postId };
    },
    verify: async (_actor, call, response) => {
      const posts = response.json().posts as { postId: string; overdue: boolean }[];
      const held = await rows(
        `SELECT DISTINCT post_id FROM post_targets WHERE workspace_id = '${wsA}' AND status = 'paused' AND paused_by_crisis ORDER BY post_id`,
      );
      expect(posts.map((p) => p.postId).sort()).toEqual(held.map((r) => r.post_id));
      expect(posts.find((p) => p.postId === call.token)).toMatchObject({ overdue: true });
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/crisis/review/:postId',
    what: 'give a post whose time passed a new time',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => {
      await crisisOff();
      const { postId, targetId } = await heldPastPost();
      return {
        method: 'POST',
        url: crisisUrl(`/review/${postId}`),
        body: { action: 'reschedule', scheduledAt: hoursAhead(3) },
        token: targetId,
      };
    },
    verify: async (_actor, call, response) => {
      const row = await targetRow(call.token!);
      expect(row).toMatchObject({ status: 'scheduled', paused_by_crisis: false, crisis_override: false });
      expect(new Date(row.scheduled_at).toISOString()).toBe(
        (call.body as { scheduledAt: string }).scheduledAt,
      );
      expect(response.json()).toMatchObject({
        action: 'reschedule',
        targets: [{ id: call.token, status: 'scheduled' }],
      });
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/crisis/review/:postId',
    what: 'discard a post whose time passed, during another crisis',
    expect: managersOfA(409),
    audited: false,
    prepare: async () => {
      await crisisOff();
      const { postId } = await heldPastPost();
      await crisisOn();
      return { method: 'POST', url: crisisUrl(`/review/${postId}`), body: { action: 'discard' } };
    },
    settle: crisisOff,
  },
  {
    route: 'GET /api/workspaces/:workspaceId/crisis/history',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: crisisUrl('/history') }),
    verify: async (_actor, _call, response) => {
      const periods = response.json().periods as { id: string; endedAt: string | null }[];
      const stored = await rows(
        `SELECT id FROM crisis_periods WHERE workspace_id = '${wsA}' ORDER BY started_at DESC LIMIT 200`,
      );
      expect(stored.length).toBeGreaterThan(0);
      expect(periods.map((p) => p.id)).toEqual(stored.map((r) => r.id));
      expect(periods.every((p) => p.endedAt !== null)).toBe(true);
    },
  },
  {
    route: 'POST /api/posts/:postId/publish-anyway',
    what: 'a post crisis mode holds, confirmed',
    expect: managersOfA(200),
    audited: true,
    prepare: async () => {
      await crisisOff();
      const { postId, targetId } = await ownersPost('schedule');
      await crisisOn();
      return {
        method: 'POST',
        url: `/api/posts/${postId}/publish-anyway`,
        body: { confirm: true },
        token: targetId,
      };
    },
    verify: async (_actor, call) =>
      expect(await targetRow(call.token!)).toMatchObject({
        status: 'scheduled',
        paused_by_crisis: false,
        crisis_override: true,
      }),
    settle: crisisOff,
  },
  {
    route: 'POST /api/posts/:postId/publish-anyway',
    what: 'a scheduled post out of crisis mode',
    expect: managersOfA(409),
    audited: false,
    prepare: async () => {
      await crisisOff();
      const { postId } = await ownersPost('schedule');
      return { method: 'POST', url: `/api/posts/${postId}/publish-anyway`, body: { confirm: true } };
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/holding-statements',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: `/api/workspaces/${wsA}/holding-statements`,
      token: await ownersStatement(),
    }),
    verify: async (_actor, call, response) => {
      const listed = (response.json().statements as { id: string }[]).map((s) => s.id);
      const stored = await rows(
        `SELECT id FROM holding_statements WHERE workspace_id = '${wsA}' ORDER BY title, created_at`,
      );
      expect(listed).toEqual(stored.map((r) => r.id));
      expect(listed).toContain(call.token);
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/holding-statements',
    expect: managersOfA(201),
    audited: true,
    prepare: (actor) => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/holding-statements`,
      body: { title: `Statement by ${actor}`, text: '  We are on it.  ' },
    }),
    verify: async (actor, _call, response) =>
      expect(await statementRow(response.json().id)).toEqual([
        {
          workspace_id: wsA,
          title: `Statement by ${actor}`,
          text: 'We are on it.',
          created_by: people[actor as Role].id,
        },
      ]),
  },
  {
    route: 'PATCH /api/holding-statements/:id',
    expect: managersOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: `/api/holding-statements/${await ownersStatement()}`,
      body: { title: `Renamed by ${actor}` },
    }),
    verify: async (actor, call) =>
      expect(await statementRow(call.url.split('/').at(-1)!)).toEqual([
        expect.objectContaining({ title: `Renamed by ${actor}`, text: expect.stringMatching(/^We know/) }),
      ]),
  },
  {
    route: 'DELETE /api/holding-statements/:id',
    expect: managersOfA(204),
    audited: true,
    prepare: async () => ({ method: 'DELETE', url: `/api/holding-statements/${await ownersStatement()}` }),
    verify: async (_actor, call) => expect(await statementRow(call.url.split('/').at(-1)!)).toEqual([]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/stakeholder-contacts',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: `/api/workspaces/${wsA}/stakeholder-contacts`,
      token: await ownersContact(),
    }),
    verify: async (_actor, call, response) => {
      const listed = (response.json().contacts as { id: string }[]).map((c) => c.id);
      const stored = await rows(`SELECT id FROM stakeholder_contacts WHERE workspace_id = '${wsA}'`);
      expect([...listed].sort()).toEqual(stored.map((r) => r.id as string).sort());
      expect(listed).toContain(call.token);
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/stakeholder-contacts',
    expect: managersOfA(201),
    audited: true,
    prepare: (actor) => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/stakeholder-contacts`,
      body: { name: `Contact of ${actor}`, email: '', phone: '+880 2 955 0000' },
    }),
    verify: async (actor, _call, response) =>
      expect(await contactRow(response.json().id)).toEqual([
        {
          workspace_id: wsA,
          name: `Contact of ${actor}`,
          role: '',
          email: null,
          phone: '+880 2 955 0000',
          notes: '',
        },
      ]),
  },
  {
    route: 'PATCH /api/stakeholder-contacts/:id',
    expect: managersOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: `/api/stakeholder-contacts/${await ownersContact()}`,
      body: { role: `Named by ${actor}`, phone: null },
    }),
    verify: async (actor, call) =>
      expect(await contactRow(call.url.split('/').at(-1)!)).toEqual([
        expect.objectContaining({ name: 'Farhana Chowdhury', role: `Named by ${actor}`, phone: null }),
      ]),
  },
  {
    route: 'DELETE /api/stakeholder-contacts/:id',
    expect: managersOfA(204),
    audited: true,
    prepare: async () => ({ method: 'DELETE', url: `/api/stakeholder-contacts/${await ownersContact()}` }),
    verify: async (_actor, call) => expect(await contactRow(call.url.split('/').at(-1)!)).toEqual([]),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/inbox/items',
    what: 'filtered by account, kind, state, assignee and text',
    expect: membersOfA(200),
    audited: false,
    prepare: async (actor) => {
      const text = `Read in the matrix by ${actor}`;
      const itemId = await inboxItemOf({ text });
      const query = new URLSearchParams({
        accountId: postAccount!,
        kind: 'mention',
        state: 'open',
        assignee: 'unassigned',
        q: text,
        limit: '10',
      });
      return { method: 'GET', url: inboxUrl(`/items?${query}`), token: itemId };
    },
    verify: async (_actor, call, response) =>
      expect(response.json()).toEqual({
        items: [expect.objectContaining({ id: call.token, state: 'open', assignee: null, tags: [] })],
        cursor: null,
      }),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/inbox/items/:itemId',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const itemId = await inboxItemOf();
      return { method: 'GET', url: inboxUrl(`/items/${itemId}`), token: itemId };
    },
    verify: async (_actor, call, response) =>
      expect(response.json()).toMatchObject({
        id: call.token,
        account: { id: postAccount, network: 'bluesky' },
        network: 'bluesky',
        replyRefusal: null,
        replies: [],
      }),
  },
  {
    route: 'PUT /api/workspaces/:workspaceId/inbox/items/:itemId/assignee',
    what: 'to the learner, who is told',
    expect: inboxWorkersOfA(200),
    audited: true,
    prepare: async () => {
      const itemId = await inboxItemOf();
      return {
        method: 'PUT',
        url: inboxUrl(`/items/${itemId}/assignee`),
        body: { userId: learner.id },
        token: itemId,
      };
    },
    verify: async (_actor, call, response) => {
      expect(await itemRow(call.token!)).toMatchObject({ assignee_id: learner.id });
      expect(response.json().assignee).toEqual({ id: learner.id, name: learnerName });
      expect(
        await rows(
          `SELECT kind FROM notifications WHERE user_id = '${learner.id}' AND link LIKE '%item=${call.token}'`,
        ),
      ).toEqual([{ kind: 'inbox_assigned' }]);
    },
  },
  {
    route: 'PUT /api/workspaces/:workspaceId/inbox/items/:itemId/assignee',
    what: 'to a viewer, who cannot work the inbox',
    expect: { ...membersOfA(400), viewer: 403 },
    audited: false,
    prepare: async () => ({
      method: 'PUT',
      url: inboxUrl(`/items/${await inboxItemOf()}/assignee`),
      body: { userId: people.viewer.id },
    }),
  },
  {
    route: 'PUT /api/workspaces/:workspaceId/inbox/items/:itemId/assignee',
    what: 'nobody: an assigned item is unassigned',
    expect: inboxWorkersOfA(200),
    audited: true,
    prepare: async () => {
      const itemId = await inboxItemOf();
      await rows(`UPDATE inbox_items SET assignee_id = '${learner.id}' WHERE id = '${itemId}'`);
      return {
        method: 'PUT',
        url: inboxUrl(`/items/${itemId}/assignee`),
        body: { userId: null },
        token: itemId,
      };
    },
    verify: async (_actor, call) => expect(await itemRow(call.token!)).toMatchObject({ assignee_id: null }),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/inbox/items/:itemId/tags',
    expect: inboxWorkersOfA(200),
    audited: true,
    prepare: async (actor) => {
      const itemId = await inboxItemOf();
      await rows(`UPDATE inbox_items SET tags = '["old"]'::jsonb WHERE id = '${itemId}'`);
      return {
        method: 'PATCH',
        url: inboxUrl(`/items/${itemId}/tags`),
        body: { add: ['Urgent', `  Seen by  ${actor} `], remove: ['old'] },
        token: itemId,
      };
    },
    verify: async (actor, call, response) => {
      expect((await itemRow(call.token!)).tags).toEqual(['urgent', `seen by ${actor}`]);
      expect(response.json().tags).toEqual(['urgent', `seen by ${actor}`]);
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/inbox/items/:itemId/resolve',
    expect: inboxWorkersOfA(200),
    audited: true,
    prepare: async () => {
      const itemId = await inboxItemOf();
      return { method: 'POST', url: inboxUrl(`/items/${itemId}/resolve`), token: itemId };
    },
    verify: async (actor, call) =>
      expect(await itemRow(call.token!)).toMatchObject({
        state: 'resolved',
        resolved_by: people[actor as Role].id,
      }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/inbox/items/:itemId/reopen',
    expect: inboxWorkersOfA(200),
    audited: true,
    prepare: async () => {
      const itemId = await inboxItemOf({ state: 'resolved' });
      return { method: 'POST', url: inboxUrl(`/items/${itemId}/reopen`), token: itemId };
    },
    verify: async (_actor, call) =>
      expect(await itemRow(call.token!)).toMatchObject({ state: 'open', resolved_by: null }),
  },
  {
    route: 'POST /api/workspaces/:workspaceId/inbox/items/:itemId/replies',
    what: 'answer a mention in place (a contributor’s reply waits for approval)',
    expect: inboxWorkersOfA(201),
    // The post and the reply to the item.
    audited: 2,
    prepare: async (actor) => {
      const itemId = await inboxItemOf();
      return {
        method: 'POST',
        url: inboxUrl(`/items/${itemId}/replies`),
        body: { text: `Answered by ${actor}` },
        token: itemId,
      };
    },
    verify: async (actor, call, response) => {
      const status = actor === 'contributor' ? 'pending_approval' : 'scheduled';
      expect(response.json()).toMatchObject({ status, item: { id: call.token, state: 'open' } });
      const [item] = await rows(`SELECT remote_id FROM inbox_items WHERE id = '${call.token}'`);
      expect(
        await rows(
          `SELECT account_id, text, status, reply_to_remote->'parent'->>'id' AS parent FROM post_targets WHERE post_id = '${response.json().postId}'`,
        ),
      ).toEqual([{ account_id: postAccount, text: `Answered by ${actor}`, status, parent: item.remote_id }]);
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/inbox/items/:itemId/replies',
    what: 'answer and resolve in one step',
    expect: inboxWorkersOfA(201),
    // The post, the reply to the item and its resolution.
    audited: 3,
    prepare: async (actor) => {
      const itemId = await inboxItemOf();
      return {
        method: 'POST',
        url: inboxUrl(`/items/${itemId}/replies`),
        body: { text: `Answered and resolved by ${actor}`, resolve: true },
        token: itemId,
      };
    },
    verify: async (actor, call, response) => {
      expect(response.json().item).toMatchObject({ id: call.token, state: 'resolved' });
      expect(await itemRow(call.token!)).toMatchObject({
        state: 'resolved',
        resolved_by: people[actor as Role].id,
      });
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/inbox/counts',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => {
      const itemId = await inboxItemOf();
      await rows(`UPDATE inbox_items SET assignee_id = '${learner.id}' WHERE id = '${itemId}'`);
      return { method: 'GET', url: inboxUrl('/counts') };
    },
    verify: async (_actor, _call, response) => {
      const [totals] = await rows(
        `SELECT count(*)::int AS open, (count(*) FILTER (WHERE assignee_id IS NULL))::int AS unassigned FROM inbox_items WHERE workspace_id = '${wsA}' AND state = 'open'`,
      );
      const [learners] = await rows(
        `SELECT count(*)::int AS n FROM inbox_items WHERE workspace_id = '${wsA}' AND state = 'open' AND assignee_id = '${learner.id}'`,
      );
      const counts = response.json();
      expect(counts).toMatchObject({ open: totals.open, unassigned: totals.unassigned });
      expect(learners.n).toBeGreaterThan(0);
      expect(counts.members).toContainEqual(
        expect.objectContaining({ userId: learner.id, open: learners.n }),
      );
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/inbox/sources',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: inboxUrl('/sources') }),
    verify: async (_actor, _call, response) => {
      const accounts = await rows(
        `SELECT id FROM social_accounts WHERE workspace_id = '${wsA}' ORDER BY handle`,
      );
      expect(response.json().sources.map((s: { accountId: string }) => s.accountId)).toEqual(
        accounts.map((a) => a.id),
      );
    },
  },
  {
    route: 'GET /api/workspaces/:workspaceId/inbox/events',
    what: 'a stream closed at once',
    expect: membersOfA(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: inboxUrl('/events?timeout=0') }),
    verify: async (_actor, _call, response) =>
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/),
  },
  {
    route: 'GET /api/workspaces/:workspaceId/saved-replies',
    expect: membersOfA(200),
    audited: false,
    prepare: async () => ({
      method: 'GET',
      url: `/api/workspaces/${wsA}/saved-replies`,
      token: await ownersSavedReply(),
    }),
    verify: async (_actor, call, response) => {
      const listed = (response.json().savedReplies as { id: string }[]).map((r) => r.id);
      const stored = await rows(
        `SELECT id FROM saved_replies WHERE workspace_id = '${wsA}' ORDER BY title, created_at`,
      );
      expect(listed).toEqual(stored.map((r) => r.id));
      expect(listed).toContain(call.token);
    },
  },
  {
    route: 'POST /api/workspaces/:workspaceId/saved-replies',
    expect: editorsAndUpOfA(201),
    audited: true,
    prepare: (actor) => ({
      method: 'POST',
      url: `/api/workspaces/${wsA}/saved-replies`,
      body: { title: ` Saved by ${actor} `, text: 'We will get back to you today.' },
    }),
    verify: async (actor, _call, response) =>
      expect(await savedReplyRow(response.json().id)).toEqual([
        {
          workspace_id: wsA,
          title: `Saved by ${actor}`,
          text: 'We will get back to you today.',
          created_by: people[actor as Role].id,
        },
      ]),
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/saved-replies/:replyId',
    expect: editorsAndUpOfA(200),
    audited: true,
    prepare: async (actor) => ({
      method: 'PATCH',
      url: `/api/workspaces/${wsA}/saved-replies/${await ownersSavedReply()}`,
      body: { text: `Reworded by ${actor}` },
    }),
    verify: async (actor, call) =>
      expect(await savedReplyRow(call.url.split('/').at(-1)!)).toEqual([
        expect.objectContaining({ title: 'Thanks', text: `Reworded by ${actor}` }),
      ]),
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/saved-replies/:replyId',
    expect: editorsAndUpOfA(204),
    audited: true,
    prepare: async () => ({
      method: 'DELETE',
      url: `/api/workspaces/${wsA}/saved-replies/${await ownersSavedReply()}`,
    }),
    verify: async (_actor, call) => expect(await savedReplyRow(call.url.split('/').at(-1)!)).toEqual([]),
  },
  {
    route: 'GET /api/invitations/:token',
    what: 'anyone holding the link',
    expect: everyone(200),
    audited: false,
    prepare: () => ({ method: 'GET', url: `/api/invitations/${sharedToken}` }),
    verify: async (_actor, _call, response) => expect(response.json()).toMatchObject({ role: 'viewer' }),
  },
  {
    route: 'POST /api/invitations/:token/accept',
    what: 'accept a link signed in, with an empty body (members already belong; the visitor has no account)',
    expect: { ...membersOfA(409), outsider: 200, visitor: 400 },
    audited: true,
    prepare: async () => {
      const { token } = await invite('viewer');
      return { method: 'POST', url: `/api/invitations/${token}/accept`, body: {} };
    },
    verify: async () => {
      expect(await roleIn(wsA, people.outsider.id)).toBe('viewer');
      // Put the outsider back outside workspace A for the rows after this one.
      const removed = await people.owner.client.delete(
        `/api/workspaces/${wsA}/members/${people.outsider.id}`,
      );
      expect(removed.statusCode).toBe(204);
    },
  },
];

beforeAll(async () => {
  [app, snac, stub] = await Promise.all([
    startTestApp({ allowPrivateFetch: true }),
    startSnac2({ users: [] }),
    startMastodonApiStub(),
  ]);
  const ownerClient = new ApiClient(app);
  const setup = await ownerClient.post('/api/setup', {
    name: 'Olivia Owner',
    email: 'owner@example.com',
    password: PASSWORD,
    workspaceName: 'Workspace A',
  });
  expect(setup.statusCode).toBe(201);
  wsA = setup.json().workspaces[0].id;
  people.owner = { client: ownerClient, id: setup.json().user.id, email: 'owner@example.com' };
  for (const role of ROLES.filter((r) => r !== 'owner')) people[role] = await join(role);
  // The outsider owns workspace B alone: the owner of A makes B, hands it over and leaves.
  const made = await ownerClient.post('/api/workspaces', { name: 'Workspace B' });
  wsB = made.json().id;
  people.outsider = await join('owner', wsB);
  expect((await ownerClient.delete(`/api/workspaces/${wsB}/members/${people.owner.id}`)).statusCode).toBe(
    204,
  );
  asker = await join('contributor');
  course = (
    await rows(
      `INSERT INTO courses (workspace_id, slug, language, title, skills, status)
       VALUES ('${wsA}', 'matrix-course', 'en', 'Crisis desk', '["crisis"]'::jsonb, 'published') RETURNING id`,
    )
  )[0].id;
  invitationB = (await invite('editor', wsB, people.outsider)).id;
  await join('viewer', wsB, people.outsider);
  sharedToken = (await invite('viewer')).token;
  // The starter courses are not what these rows check: workspace A counts as having had them.
  await rows(`UPDATE workspaces SET academy_seeded_at = now() WHERE id = '${wsA}'`);
  learning = await ownersCourse('published');
  practice = await ownersCourse('published');
  workshop = await ownersCourse('draft');
  learner = await join('contributor');
  learnerName = (await rows(`SELECT name FROM users WHERE id = '${learner.id}'`))[0].name;
  startExam = await newCertification();
  readExam = await newCertification();
  submitExam = await newCertification();
  draftExam = await newCertification();
  await rows(`UPDATE certifications SET status = 'draft' WHERE id = '${draftExam}'`);
  learnerCertificate = await certify(learner);
  coach = await join('viewer');
  coachId = await coachProfileOf(coach);
  bob = stub.streams.addAccount('bob', { displayName: 'Bob Biswas' });
  streamAccount = await stubAccount();
  // The starter list template comes with the first listing; the template rows start after it.
  expect((await ownerClient.get(`/api/workspaces/${wsA}/list-templates`)).statusCode).toBe(200);
  const template = await ownerClient.post(`/api/workspaces/${wsA}/list-templates`, {
    name: 'Learning list',
    members: [
      { network: 'mastodon', handle: 'bob' },
      { network: 'mastodon', handle: 'ghost' },
      { network: 'bluesky', handle: 'bsky.app' },
    ],
  });
  expect(template.statusCode, template.body).toBe(201);
  applyTemplate = template.json().id;
});
afterAll(async () => {
  await app?.close();
  await snac?.close();
  await stub?.close();
});

describe('the matrix covers the API', () => {
  it('has a row for every /api route the server registers, and no row for a route that is gone', () => {
    const registered = registeredApiRoutes(app.api);
    expect(registered.length).toBeGreaterThan(15);
    expect([...new Set(MATRIX.map((row) => row.route))].sort()).toEqual(registered);
  });

  it('sets up the people it needs: one per role in A, and an outsider who owns B only', async () => {
    for (const role of ROLES) expect(await roleIn(wsA, people[role].id)).toBe(role);
    expect(await roleIn(wsA, people.outsider.id)).toBeUndefined();
    expect(await roleIn(wsB, people.outsider.id)).toBe('owner');
    expect(await roleIn(wsB, people.owner.id)).toBeUndefined();
  });
});

describe('access matrix', () => {
  for (const row of MATRIX) {
    describe(`${row.route}${row.what ? ` (${row.what})` : ''}`, () => {
      for (const actor of ACTORS) {
        const status = row.expect[actor];
        it(`as ${actor}: ${status}`, async () => {
          try {
            const call = await row.prepare(actor);
            const before = await snapshot();
            const client = call.as ?? clientOf(actor);
            const response = await client.request(call.method, call.url, call.body, {
              ...(call.headers ? { headers: call.headers } : {}),
              ...(call.remoteAddress ? { remoteAddress: call.remoteAddress } : {}),
            });
            expect(response.statusCode, response.body).toBe(status);
            if (status >= 400) {
              expectErrorShape(response);
              expect(await snapshot()).toEqual(before);
            } else {
              const events = typeof row.audited === 'number' ? row.audited : row.audited ? 1 : 0;
              expect(await auditCount()).toBe(before.audit + events);
              await row.verify?.(actor, call, response);
            }
          } finally {
            await row.settle?.();
          }
        });
      }
    });
  }
});

describe('no read or write across workspaces', () => {
  it('answers the outsider exactly as for a workspace that does not exist', async () => {
    const client = people.outsider.client;
    for (const suffix of ['', '/members', '/invitations']) {
      const real = await client.get(`/api/workspaces/${wsA}${suffix}`);
      const none = await client.get(`/api/workspaces/${NOWHERE}${suffix}`);
      expect(real.statusCode).toBe(404);
      expect(real.json()).toEqual(none.json());
      expect(real.body).not.toContain('Workspace A');
    }
  });

  it("refuses A's owner every read and write in B with 404", async () => {
    const client = people.owner.client;
    const outsiderId = people.outsider.id;
    await attempt(404, () => client.get(`/api/workspaces/${wsB}`));
    await attempt(404, () => client.patch(`/api/workspaces/${wsB}`, { name: 'Taken over' }));
    await attempt(404, () => client.get(`/api/workspaces/${wsB}/members`));
    await attempt(404, () =>
      client.patch(`/api/workspaces/${wsB}/members/${outsiderId}`, { role: 'viewer' }),
    );
    await attempt(404, () => client.delete(`/api/workspaces/${wsB}/members/${outsiderId}`));
    await attempt(404, () => client.get(`/api/workspaces/${wsB}/invitations`));
    await attempt(404, () => client.post(`/api/workspaces/${wsB}/invitations`, { role: 'owner' }));
    await attempt(404, () => client.delete(`/api/workspaces/${wsB}/invitations/${invitationB}`));
    await attempt(404, () => client.patch('/api/me', { currentWorkspaceId: wsB }));
    const listed = (await client.get('/api/workspaces')).json().workspaces.map((w: { id: string }) => w.id);
    expect(listed).not.toContain(wsB);
  });

  it("refuses B's members and invitations reached through A's address", async () => {
    const client = people.owner.client;
    await attempt(404, () =>
      client.patch(`/api/workspaces/${wsA}/members/${people.outsider.id}`, { role: 'viewer' }),
    );
    await attempt(404, () => client.delete(`/api/workspaces/${wsA}/members/${people.outsider.id}`));
    await attempt(404, () => client.delete(`/api/workspaces/${wsA}/invitations/${invitationB}`));
    expect(await pendingInvitationIds(wsB)).toContain(invitationB);
    expect(await roleIn(wsB, people.outsider.id)).toBe('owner');
  });

  it("refuses the outsider A's members and invitations, also through B's address", async () => {
    const client = people.outsider.client;
    const pendingA = await pendingInvitationIds(wsA);
    expect(pendingA.length).toBeGreaterThan(0);
    await attempt(404, () =>
      client.patch(`/api/workspaces/${wsB}/members/${people.editor.id}`, { role: 'owner' }),
    );
    await attempt(404, () => client.delete(`/api/workspaces/${wsB}/members/${people.editor.id}`));
    await attempt(404, () => client.delete(`/api/workspaces/${wsB}/invitations/${pendingA[0]}`));
    await attempt(404, () => client.delete(`/api/workspaces/${wsA}/invitations/${pendingA[0]}`));
    expect(await pendingInvitationIds(wsA)).toEqual(pendingA);
  });
});

describe('demo requests', () => {
  it('takes five an hour from one address, then refuses the sixth with Retry-After, storing nothing', async () => {
    const visitor = new ApiClient(app, '192.0.2.200');
    const request = (n: number) =>
      visitor.post('/api/demo-requests', {
        name: 'Rafiq Hasan',
        email: `limit${n}@example.com`,
        company: 'Meghna Traders',
        teamSize: '2-10',
      });
    for (let n = 1; n <= 5; n += 1) await attempt(202, () => request(n));
    const refused = await attempt(429, () => request(6));
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await rows("SELECT count(*)::int AS n FROM demo_requests WHERE ip = '192.0.2.200'")).toEqual([
      { n: 5 },
    ]);
  });
});

describe('role rules', () => {
  it('lets no admin grant the owner role, by role change or by invitation', async () => {
    const target = await join('contributor');
    const admin = people.admin.client;
    await attempt(403, () => admin.patch(`/api/workspaces/${wsA}/members/${target.id}`, { role: 'owner' }));
    await attempt(403, () => admin.post(`/api/workspaces/${wsA}/invitations`, { role: 'owner' }));
    expect(await roleIn(wsA, target.id)).toBe('contributor');
  });

  it('lets no admin change or remove an owner', async () => {
    const admin = people.admin.client;
    const owner = people.owner.id;
    for (const role of ROLES.filter((r) => r !== 'owner'))
      await attempt(403, () => admin.patch(`/api/workspaces/${wsA}/members/${owner}`, { role }));
    await attempt(403, () => admin.delete(`/api/workspaces/${wsA}/members/${owner}`));
    expect(await roleIn(wsA, owner)).toBe('owner');
  });

  it('lets an admin manage another admin, and an owner grant and take back ownership', async () => {
    const otherAdmin = await join('admin');
    await attempt(200, () =>
      people.admin.client.patch(`/api/workspaces/${wsA}/members/${otherAdmin.id}`, { role: 'editor' }),
    );
    expect(await roleIn(wsA, otherAdmin.id)).toBe('editor');
    await attempt(200, () =>
      people.owner.client.patch(`/api/workspaces/${wsA}/members/${otherAdmin.id}`, { role: 'owner' }),
    );
    expect(await roleIn(wsA, otherAdmin.id)).toBe('owner');
    await attempt(200, () =>
      people.owner.client.patch(`/api/workspaces/${wsA}/members/${otherAdmin.id}`, { role: 'viewer' }),
    );
    expect(await roleIn(wsA, otherAdmin.id)).toBe('viewer');
  });

  it('lets editors, contributors and viewers do none of the managing', async () => {
    const target = await join('viewer');
    const { id: invitationId } = await invite('viewer');
    for (const role of ['editor', 'contributor', 'viewer'] as const) {
      const client = people[role].client;
      await attempt(403, () => client.post(`/api/workspaces/${wsA}/invitations`, { role: 'viewer' }));
      await attempt(403, () => client.get(`/api/workspaces/${wsA}/invitations`));
      await attempt(403, () => client.delete(`/api/workspaces/${wsA}/invitations/${invitationId}`));
      await attempt(403, () =>
        client.patch(`/api/workspaces/${wsA}/members/${target.id}`, { role: 'contributor' }),
      );
      await attempt(403, () => client.delete(`/api/workspaces/${wsA}/members/${target.id}`));
      await attempt(403, () => client.patch(`/api/workspaces/${wsA}`, { name: `Renamed by ${role}` }));
      expect((await client.get(`/api/workspaces/${wsA}/members`)).statusCode).toBe(200);
    }
    expect(await roleIn(wsA, target.id)).toBe('viewer');
  });

  it('lets nobody change their own role', async () => {
    const expected: Record<Role, number> = {
      owner: 400,
      admin: 400,
      editor: 403,
      contributor: 403,
      viewer: 403,
    };
    for (const role of ROLES) {
      const person = people[role];
      for (const to of ROLES.filter((r) => r !== role))
        await attempt(expected[role], () =>
          person.client.patch(`/api/workspaces/${wsA}/members/${person.id}`, { role: to }),
        );
      expect(await roleIn(wsA, person.id)).toBe(role);
    }
  });

  it('never lets the last owner leave or be demoted', async () => {
    const owners = await rows(
      `SELECT user_id FROM memberships WHERE workspace_id = '${wsA}' AND role = 'owner'`,
    );
    expect(owners.map((r) => r.user_id)).toEqual([people.owner.id]);
    const owner = people.owner;
    const leave = await attempt(409, () => owner.client.delete(`/api/workspaces/${wsA}/members/${owner.id}`));
    expect(leave.json().message).toMatch(/at least one owner/);
    await attempt(400, () =>
      owner.client.patch(`/api/workspaces/${wsA}/members/${owner.id}`, { role: 'admin' }),
    );
    await attempt(403, () =>
      people.admin.client.patch(`/api/workspaces/${wsA}/members/${owner.id}`, { role: 'admin' }),
    );
    await attempt(403, () => people.admin.client.delete(`/api/workspaces/${wsA}/members/${owner.id}`));
    // B has a single owner too: the outsider.
    await attempt(409, () =>
      people.outsider.client.delete(`/api/workspaces/${wsB}/members/${people.outsider.id}`),
    );
    expect(await roleIn(wsA, owner.id)).toBe('owner');
    expect(await roleIn(wsB, people.outsider.id)).toBe('owner');
  });

  it('still has every role holder in place at the end', async () => {
    for (const role of ROLES) expect(await roleIn(wsA, people[role].id)).toBe(role);
    expect(await roleIn(wsA, people.outsider.id)).toBeUndefined();
  });
});
