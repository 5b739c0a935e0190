// Approvals through the API, with the local Bluesky network, the publishing worker and a real SMTP
// server: chains and who may set them, the queue, decisions in order by the people each step names,
// nobody approving their own post, rejection back to draft, a new round after an edit, two approvers
// at once, expiry, Streams replies, and the emails that tell people.
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workPublishTarget } from '../../jobs/publishTargetJob.ts';
import { createMailer } from '../../mail/mailer.ts';
import { openAccountConnection } from '../../networks/accountConnections.ts';
import { connectorOf } from '../../networks/networkConnectors.ts';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../../testing/atprotoNetwork.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../testing/smtpCatcher.ts';
import { eventually, startTestApp, type TestApp } from '../../testing/testApp.ts';
import { createTeam, type Team } from '../comments/teamFixture.ts';

let app: TestApp;
let network: AtprotoNetwork;
let smtp: SmtpCatcher;
let team: Team;
let alice: AtprotoAccount;
let bob: AtprotoAccount;
let aliceAccount: string;
let bobAccount: string;

const ws = () => `/api/workspaces/${team.workspaceId}`;
const person = (role: keyof Team['people']) => team.people[role];
const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows as Record<string, unknown>[];
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function createPost(
  role: keyof Team['people'],
  body: { text: string; accounts?: string[]; mode?: string; scheduledAt?: string },
) {
  const response = await person(role).client.post(`${ws()}/posts`, {
    text: body.text,
    targets: (body.accounts ?? [aliceAccount]).map((accountId) => ({ accountId })),
    mode: body.mode ?? 'schedule',
    ...(body.mode === 'now' ? {} : { scheduledAt: body.scheduledAt ?? later(60) }),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; targets: { id: string; status: string; accountId: string }[] };
}

const decide = (
  role: keyof Team['people'],
  postId: string,
  body: { decision: 'approved' | 'rejected'; comment?: string; step?: number; accountId?: string },
) => person(role).client.post(`/api/posts/${postId}/approval/decisions`, { comment: '', ...body });

const statuses = async (postId: string) =>
  (await rows('SELECT status FROM post_targets WHERE post_id = $1 ORDER BY account_id', [postId])).map(
    (r) => r.status,
  );

/** Mails received for the person whose subject matches, waiting for the mail worker. */
async function mailsTo(email: string, subject: RegExp, count = 1) {
  return eventually(() => {
    const found = smtp.received.filter((m) => m.to.includes(email) && subject.test(m.subject));
    return found.length >= count ? found : undefined;
  }, 15_000);
}

const notificationsOf = async (userId: string, kind: string) =>
  rows('SELECT data, link FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at', [
    userId,
    kind,
  ]);

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  const mailer = createMailer({
    smtpUrl: smtp.url,
    from: 'Kolorob <kolorob@example.com>',
    log: { info() {} },
  });
  [app, network] = await Promise.all([
    startTestApp({ allowPrivateFetch: true, mailer }),
    startAtprotoNetwork(),
  ]);
  [alice, bob] = await Promise.all([network.createAccount('alice'), network.createAccount('bob')]);
  team = await createTeam(app);
  for (const [account, set] of [
    [alice, (id: string) => (aliceAccount = id)],
    [bob, (id: string) => (bobAccount = id)],
  ] as const) {
    const connected = await person('owner').client.post(`${ws()}/accounts/bluesky`, {
      service: network.pdsUrl,
      identifier: account.handle,
      appPassword: account.appPassword,
    });
    expect(connected.statusCode, connected.body).toBe(200);
    set(connected.json().id);
  }
  await workPublishTarget({
    database: app.database,
    jobs: app.jobs,
    connectionFor: async (id) => {
      const opened = await openAccountConnection(app.ctx, id);
      return { connector: connectorOf(opened.network), connection: opened.connection };
    },
  });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await network?.close();
  await smtp?.close();
});

describe('approval chains', () => {
  it('lets every member read the chains, owners and admins set them, and nobody outside', async () => {
    const expectations = {
      viewer: 200,
      contributor: 200,
      editor: 200,
      admin: 200,
      owner: 200,
      outsider: 404,
    };
    for (const [role, status] of Object.entries(expectations)) {
      const listed = await person(role as keyof Team['people']).client.get(`${ws()}/approval-chains`);
      expect(listed.statusCode, role).toBe(status);
      const one = await person(role as keyof Team['people']).client.get(
        `${ws()}/accounts/${aliceAccount}/approval-chain`,
      );
      expect(one.statusCode, role).toBe(status);
    }
    const implicit = (
      await person('viewer').client.get(`${ws()}/accounts/${aliceAccount}/approval-chain`)
    ).json();
    expect(implicit).toMatchObject({ implicit: true, steps: [{ position: 1, approverRole: 'editor' }] });
    expect((await team.visitor.get(`${ws()}/approval-chains`)).statusCode).toBe(401);

    const put = { viewer: 403, contributor: 403, editor: 403, outsider: 404 };
    for (const [role, status] of Object.entries(put)) {
      const refused = await person(role as keyof Team['people']).client.request(
        'PUT',
        `${ws()}/accounts/${aliceAccount}/approval-chain`,
        { steps: [{ approverRole: 'admin' }] },
      );
      expect(refused.statusCode, role).toBe(status);
    }
    expect(await rows('SELECT * FROM approval_steps')).toEqual([]);
    for (const role of ['admin', 'owner'] as const) {
      const saved = await person(role).client.request(
        'PUT',
        `${ws()}/accounts/${bobAccount}/approval-chain`,
        {
          steps: [{ approverRole: 'admin' }],
        },
      );
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({
        implicit: false,
        steps: [{ position: 1, approverRole: 'admin' }],
      });
    }
    const cleared = await person('owner').client.request(
      'PUT',
      `${ws()}/accounts/${bobAccount}/approval-chain`,
      {
        steps: [],
      },
    );
    expect(cleared.json().implicit).toBe(true);
    expect(
      await rows("SELECT count(*)::int AS n FROM audit_events WHERE action = 'approval_chain.updated'"),
    ).toEqual([{ n: 3 }]);
  });

  it('refuses a chain that cannot work, with a sentence, writing nothing', async () => {
    const put = (steps: unknown[]) =>
      person('admin').client.request('PUT', `${ws()}/accounts/${aliceAccount}/approval-chain`, { steps });
    const cases: [unknown[], RegExp][] = [
      [
        [
          { approverRole: 'editor' },
          { approverRole: 'admin' },
          { approverRole: 'owner' },
          { approverRole: 'owner' },
        ],
        /at most 3/,
      ],
      [[{ approverRole: 'editor', approverUserId: person('editor').id }], /either a teammate or a role/],
      [[{}], /either a teammate or a role/],
      [[{ approverUserId: person('viewer').id }], /viewers cannot approve/i],
      [[{ approverRole: 'viewer' }], /viewers cannot approve/i],
      [[{ approverUserId: person('outsider').id }], /not a member/],
      [
        [{ approverUserId: person('editor').id }, { approverUserId: person('editor').id }],
        /already in the chain/,
      ],
    ];
    for (const [steps, message] of cases) {
      const refused = await put(steps);
      expect(refused.statusCode, JSON.stringify(steps)).toBe(400);
      expect(refused.json().message).toMatch(message);
    }
    expect(await rows('SELECT * FROM approval_steps')).toEqual([]);
  });
});

describe('the default chain', () => {
  it('sends a contributor’s post to the editors, lets one approve, publishes it, and mails both ways', async () => {
    const post = await createPost('contributor', { text: 'Mango season opens Friday', mode: 'now' });
    expect(post.targets[0]!.status).toBe('pending_approval');
    // "Now" waiting for approval goes out when approved: it has no time to expire at.
    expect(
      await rows('SELECT scheduled_at = created_at AS asap FROM post_targets WHERE post_id = $1', [post.id]),
    ).toEqual([{ asap: true }]);
    for (const role of ['editor', 'admin', 'owner'] as const) {
      const [mail] = await mailsTo(person(role).email, /Rina Akter asks you to approve a post/);
      expect(mail!.text).toContain('Mango season opens Friday');
    }
    expect(await notificationsOf(person('viewer').id, 'approval_requested')).toEqual([]);
    expect(await notificationsOf(person('contributor').id, 'approval_requested')).toEqual([]);

    // The queue: each person sees what they may decide.
    const queue = (role: keyof Team['people'], all = false) =>
      person(role).client.get(`${ws()}/approvals${all ? '?all=true' : ''}`);
    const editorQueue = (await queue('editor')).json();
    expect(editorQueue.count).toBe(1);
    expect(editorQueue.items[0]).toMatchObject({
      postId: post.id,
      authorName: 'Rina Akter',
      canDecide: true,
      accounts: [{ handle: alice.handle, currentStep: 1, of: 1, text: 'Mango season opens Friday' }],
    });
    for (const role of ['viewer', 'contributor'] as const) {
      const response = await queue(role);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ items: [], count: 0 });
    }
    expect((await queue('outsider')).statusCode).toBe(404);
    expect((await queue('editor', true)).statusCode).toBe(403);
    expect((await queue('admin', true)).json().items).toHaveLength(1);

    // Who may not decide.
    const own = await decide('contributor', post.id, { decision: 'approved' });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toBe('Nobody can approve or reject their own post.');
    const viewer = await decide('viewer', post.id, { decision: 'approved' });
    expect(viewer.statusCode).toBe(403);
    expect((await decide('outsider', post.id, { decision: 'approved' })).statusCode).toBe(404);
    expect(
      (await team.visitor.post(`/api/posts/${post.id}/approval/decisions`, { decision: 'approved' }))
        .statusCode,
    ).toBe(401);
    expect(await rows('SELECT * FROM post_approvals')).toEqual([]);

    const approved = await decide('editor', post.id, { decision: 'approved', comment: 'Lovely', step: 1 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().accounts).toEqual([
      { accountId: aliceAccount, step: 1, of: 1, state: 'approved' },
    ]);
    expect(approved.json().targets[0].status).toBe('scheduled');
    const [audit] = await rows(
      "SELECT actor_id, before, after FROM audit_events WHERE action = 'post.approved' AND target_id = $1",
      [post.id],
    );
    expect(audit).toMatchObject({
      actor_id: person('editor').id,
      before: { status: 'pending_approval', round: 1 },
      after: { status: 'scheduled', comment: 'Lovely' },
    });

    const published = await eventually(async () => {
      await network.processAll();
      const { data } = await network.appView.app.bsky.feed.getAuthorFeed({ actor: alice.did });
      return data.feed.find((f) => (f.post.record as { text?: string }).text === 'Mango season opens Friday');
    }, 30_000);
    expect(published).toBeTruthy();
    expect(await statuses(post.id)).toEqual(['published']);

    const [decidedMail] = await mailsTo(person('contributor').email, /Your post was approved/);
    expect(decidedMail!.text).toContain('Esha Rahman approved your post');
    expect(decidedMail!.text).toContain('Comment: Lovely');
    // Decided once: a second decision finds nothing waiting.
    const again = await decide('admin', post.id, { decision: 'approved' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/already decided/);
  }, 60_000);
});

describe('a chain of three steps', () => {
  it('is decided in order by the person or role each step names, and starts over after an edit', async () => {
    const set = await person('owner').client.request(
      'PUT',
      `${ws()}/accounts/${aliceAccount}/approval-chain`,
      {
        steps: [
          { approverUserId: person('editor').id },
          { approverRole: 'admin' },
          { approverUserId: person('owner').id },
        ],
      },
    );
    expect(set.statusCode, set.body).toBe(200);
    const decidedBefore = (await notificationsOf(person('contributor').id, 'approval_decided')).length;
    const post = await createPost('contributor', { text: 'Three steps to the bazaar' });
    const asked = await notificationsOf(person('editor').id, 'approval_requested');
    expect(asked.at(-1)!.link).toBe(`/w/${team.workspaceId}/publisher/approvals?post=${post.id}`);
    // Only step 1's person is asked first.
    expect(
      (
        await rows('SELECT user_id FROM notifications WHERE kind = $1 AND link LIKE $2', [
          'approval_requested',
          `%${post.id}`,
        ])
      ).map((r) => r.user_id),
    ).toEqual([person('editor').id]);

    for (const role of ['admin', 'owner'] as const) {
      const refused = await decide(role, post.id, { decision: 'approved' });
      expect(refused.statusCode, role).toBe(403);
      expect(refused.json().message).toMatch(/named teammate/);
    }
    const adminAsked = (await notificationsOf(person('admin').id, 'approval_requested')).length;
    expect((await decide('editor', post.id, { decision: 'approved', step: 1 })).statusCode).toBe(200);
    let state = (await person('viewer').client.get(`/api/posts/${post.id}/approval`)).json();
    expect(state.accounts[0]).toMatchObject({ state: 'waiting', currentStep: 2, of: 3, canDecide: false });
    expect(state.accounts[0].steps[0].decision).toMatchObject({
      decision: 'approved',
      decidedByName: 'Esha Rahman',
    });
    // Step 2 needs an admin or higher: the editor cannot, and the admin is asked now.
    const editorAgain = await decide('editor', post.id, { decision: 'approved' });
    expect(editorAgain.statusCode).toBe(403);
    expect(editorAgain.json().message).toMatch(/admin role or higher/);
    expect(await notificationsOf(person('admin').id, 'approval_requested')).toHaveLength(adminAsked + 1);
    // Step 3 cannot be decided before step 2.
    const early = await decide('owner', post.id, { decision: 'approved', step: 3 });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/not open yet/);
    expect((await decide('admin', post.id, { decision: 'approved', step: 2 })).statusCode).toBe(200);

    // The author edits the text: a new round, from step 1, and the editor is asked again.
    const editorAsked = (await notificationsOf(person('editor').id, 'approval_requested')).length;
    const edited = await person('contributor').client.patch(`/api/post-targets/${post.targets[0]!.id}`, {
      text: 'Three steps to the new bazaar',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().status).toBe('pending_approval');
    state = (await person('editor').client.get(`/api/posts/${post.id}/approval`)).json();
    expect(state.round).toBe(2);
    expect(state.accounts[0]).toMatchObject({ currentStep: 1, canDecide: true });
    expect(state.accounts[0].steps.every((s: { decision: unknown }) => s.decision === null)).toBe(true);
    expect(await notificationsOf(person('editor').id, 'approval_requested')).toHaveLength(editorAsked + 1);
    // The admin's step-2 decision of the first round does not count.
    expect((await decide('admin', post.id, { decision: 'approved' })).statusCode).toBe(403);

    for (const [role, step] of [
      ['editor', 1],
      ['admin', 2],
      ['owner', 3],
    ] as const) {
      const response = await decide(role, post.id, { decision: 'approved', step });
      expect(response.statusCode, response.body).toBe(200);
    }
    expect(await statuses(post.id)).toEqual(['scheduled']);
    const [target] = await rows('SELECT id, version FROM post_targets WHERE post_id = $1', [post.id]);
    const jobs = await rows(
      "SELECT (data->>'version')::int AS version FROM pgboss.job WHERE name = 'publish-target' AND data->>'targetId' = $1",
      [target!.id],
    );
    expect(jobs).toEqual([{ version: target!.version }]);
    expect(
      await rows(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'post.approved' AND target_id = $1",
        [post.id],
      ),
    ).toEqual([{ n: 5 }]);
    expect(await notificationsOf(person('contributor').id, 'approval_decided')).toHaveLength(
      decidedBefore + 1,
    );

    // Editing the approved post sends it back for approval; its job does nothing now.
    const reworded = await person('contributor').client.patch(`/api/post-targets/${target!.id}`, {
      text: 'Three steps, reworded',
    });
    expect(reworded.json().status).toBe('pending_approval');
    expect((await person('editor').client.get(`/api/posts/${post.id}/approval`)).json().round).toBe(3);
    await person('owner').client.request('PUT', `${ws()}/accounts/${aliceAccount}/approval-chain`, {
      steps: [],
    });
  });
});

describe('rejection', () => {
  it('needs a reason, sends the whole post back to draft, tells the author, and can be sent again', async () => {
    const post = await createPost('contributor', {
      text: 'Two accounts, one verdict',
      accounts: [aliceAccount, bobAccount],
    });
    const blank = await decide('editor', post.id, { decision: 'rejected', comment: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toMatch(/why/);
    // One account approved, then the other rejected: the whole post goes back.
    expect(
      (await decide('editor', post.id, { decision: 'approved', accountId: aliceAccount })).statusCode,
    ).toBe(200);
    expect(await statuses(post.id)).toContain('scheduled');
    const rejected = await decide('admin', post.id, {
      decision: 'rejected',
      accountId: bobAccount,
      comment: 'The price is wrong',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(await statuses(post.id)).toEqual(['draft', 'draft']);
    const [row] = await rows('SELECT rejection_reason, rejected_by FROM posts WHERE id = $1', [post.id]);
    expect(row).toEqual({ rejection_reason: 'The price is wrong', rejected_by: person('admin').id });
    const [audit] = await rows(
      "SELECT before, after FROM audit_events WHERE action = 'post.rejected' AND target_id = $1",
      [post.id],
    );
    expect(audit).toMatchObject({
      before: { status: 'pending_approval' },
      after: { status: 'draft', comment: 'The price is wrong' },
    });
    const [mail] = await mailsTo(person('contributor').email, /Your post was sent back/);
    expect(mail!.text).toContain('Reason: The price is wrong');
    const state = (await person('contributor').client.get(`/api/posts/${post.id}/approval`)).json();
    expect(state).toMatchObject({
      rejectionReason: 'The price is wrong',
      rejectedBy: { name: 'Arif Hossain' },
    });

    // The author fixes it and sends it again: a new round, the reason cleared.
    const bobTarget = post.targets.find((t) => t.accountId === bobAccount)!;
    expect(
      (
        await person('contributor').client.patch(`/api/post-targets/${bobTarget.id}`, {
          text: 'Two accounts, right price',
        })
      ).statusCode,
    ).toBe(200);
    const sent = await person('contributor').client.post(`/api/posts/${post.id}/schedule`, {
      mode: 'schedule',
      scheduledAt: later(90),
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().targets.map((t: { status: string }) => t.status)).toEqual([
      'pending_approval',
      'pending_approval',
    ]);
    const again = (await person('editor').client.get(`/api/posts/${post.id}/approval`)).json();
    expect(again.rejectionReason).toBeNull();
    expect(again.accounts.find((a: { accountId: string }) => a.accountId === bobAccount)).toMatchObject({
      state: 'waiting',
      currentStep: 1,
    });
    expect((await decide('editor', post.id, { decision: 'approved' })).statusCode).toBe(200);
    expect(await statuses(post.id)).toEqual(['scheduled', 'scheduled']);
  });

  it('never lets anyone decide their own post, not even an owner', async () => {
    // The admin writes as a contributor, then becomes an owner while the post waits.
    const demoted = await person('owner').client.patch(`${ws()}/members/${person('admin').id}`, {
      role: 'contributor',
    });
    expect(demoted.statusCode).toBe(200);
    const post = await createPost('admin', { text: 'My own post' });
    await person('owner').client.patch(`${ws()}/members/${person('admin').id}`, { role: 'owner' });
    const own = await decide('admin', post.id, { decision: 'approved' });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toBe('Nobody can approve or reject their own post.');
    const queued = (await person('admin').client.get(`${ws()}/approvals`)).json().items;
    expect(queued.map((i: { postId: string }) => i.postId)).not.toContain(post.id);
    await person('owner').client.patch(`${ws()}/members/${person('admin').id}`, { role: 'admin' });
    expect((await decide('owner', post.id, { decision: 'rejected', comment: 'Not now' })).statusCode).toBe(
      200,
    );
  });
});

describe('two approvers at once', () => {
  it('lets exactly one decide a step; the other gets a sentence', async () => {
    const post = await createPost('contributor', { text: 'Who is first?' });
    const answers = await Promise.all([
      decide('editor', post.id, { decision: 'approved', step: 1 }),
      decide('admin', post.id, { decision: 'rejected', step: 1, comment: 'Too late' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.statusCode === 409)!;
    expect(loser.json().message).toMatch(/already decided/);
    expect(await rows('SELECT count(*)::int AS n FROM post_approvals WHERE post_id = $1', [post.id])).toEqual(
      [{ n: 1 }],
    );
  });

  it('refuses a second decision of the same step at the database, with 409', async () => {
    const post = await createPost('contributor', { text: 'Unique steps' });
    await rows(
      `INSERT INTO post_approvals (workspace_id, post_id, account_id, round, position, decision, decided_by)
       VALUES ($1, $2, $3, 1, 1, 'approved', $4)`,
      [team.workspaceId, post.id, aliceAccount, person('owner').id],
    );
    // The chain moved on underneath; a decision on step 1 is refused rather than written twice.
    const late = await decide('editor', post.id, { decision: 'approved', step: 1 });
    expect(late.statusCode).toBe(409);
    await expect(
      rows(
        `INSERT INTO post_approvals (workspace_id, post_id, account_id, round, position, decision)
         VALUES ($1, $2, $3, 1, 1, 'rejected')`,
        [team.workspaceId, post.id, aliceAccount],
      ),
    ).rejects.toThrow(/post_approvals_step_key/);
  });
});

describe('expiry', () => {
  it('refuses to approve a post whose time passed, and expires it instead', async () => {
    const post = await createPost('contributor', {
      text: 'Just in time?',
      scheduledAt: new Date(Date.now() + 1500).toISOString(),
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const late = await decide('editor', post.id, { decision: 'approved' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toMatch(/expired/);
    expect(await statuses(post.id)).toEqual(['expired']);
    expect(await rows('SELECT count(*)::int AS n FROM post_approvals WHERE post_id = $1', [post.id])).toEqual(
      [{ n: 0 }],
    );
    expect(
      await rows("SELECT actor_id FROM audit_events WHERE action = 'post.expired' AND target_id = $1", [
        post.id,
      ]),
    ).toEqual([{ actor_id: person('editor').id }]);
    const [expiredMail] = await mailsTo(person('contributor').email, /expired before it was approved/);
    expect(expiredMail!.text).toContain('Just in time?');
    // A new time sends it for approval again.
    const moved = await person('contributor').client.post(`/api/posts/${post.id}/reschedule`, {
      scheduledAt: later(30),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await statuses(post.id)).toEqual(['pending_approval']);
  });
});

describe('replies from Streams', () => {
  it('wait for approval from a contributor and are published under the post once approved', async () => {
    const agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: bob.handle, password: bob.password });
    const original = await agent.post({
      text: 'Any news about the mangoes?',
      createdAt: new Date().toISOString(),
    });
    await network.processAll();
    const sent = await person('contributor').client.post(`${ws()}/streams/replies`, {
      accountId: aliceAccount,
      kind: 'reply',
      text: 'Friday, at the bazaar!',
      postId: original.uri,
      postCid: original.cid,
      postUrl: 'https://bsky.app/profile/bob.test/post/1',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().status).toBe('pending_approval');
    const postId = sent.json().postId;
    expect(
      (await person('editor').client.get(`${ws()}/approvals`))
        .json()
        .items.map((i: { postId: string }) => i.postId),
    ).toContain(postId);
    expect((await decide('contributor', postId, { decision: 'approved' })).statusCode).toBe(403);
    expect((await decide('editor', postId, { decision: 'approved' })).statusCode).toBe(200);
    const reply = await eventually(async () => {
      await network.processAll();
      const { data } = await network.appView.app.bsky.feed.getPostThread({ uri: original.uri });
      const replies = (data.thread as { replies?: { post: { record: { text: string } } }[] }).replies ?? [];
      return replies.find((r) => r.post.record.text === 'Friday, at the bazaar!');
    }, 30_000);
    expect(reply).toBeTruthy();
  }, 60_000);
});
