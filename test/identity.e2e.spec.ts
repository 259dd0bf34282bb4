import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

// Synthetic people and numbers only.
const BORROWER = 'ID-1';
const PASSWORD = 'harbour-lantern-42';
const REFUSED = 'username or password is wrong, or the account cannot sign in';
// Documentation addresses (RFC 5737), named through X-Forwarded-For under TRUST_PROXY=1.
const GUESSER = '203.0.113.50';

type Agent = ReturnType<typeof request.agent>;
let context: TestApplication;

const admin = () => ({ post: (path: string) => request(context.http).post(path).set('Authorization', bearer('admin')) });
const createUser = async (username: string, roles: string[] = ['operator']) =>
  (await admin().post('/v1/users').send({ username, displayName: `测试 ${username}`, roles }).expect(201)).body as {
    user: { id: string; username: string; status: string };
    setup: { code: string; expiresAt: string; path: string };
  };
const setUp = (agent: Agent, username: string, code: string, password = PASSWORD) => agent.post('/v1/session/setup').send({ username, code, password });
const signIn = (agent: Agent, username: string, password = PASSWORD) => agent.post('/v1/session').send({ username, password });
const sessionCookieOf = (response: request.Response) => {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return cookies.find((cookie) => cookie.startsWith('cr_session='));
};
const auditOf = async (query: Record<string, string>) =>
  (await request(context.http).get('/v1/audit-events').query(query).set('Authorization', bearer('auditor')).expect(200)).body.items as Record<string, unknown>[];

beforeAll(async () => {
  context = await createTestApplication({ TRUST_PROXY: '1', SIGN_IN_FAILURES_PER_USERNAME: '5', SIGN_IN_FAILURES_PER_ADDRESS: '12' });
  await request(context.http).put('/v1/sources/crm').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(201);
  await request(context.http)
    .post('/v1/sources/crm/records')
    .set('Authorization', bearer('platform'))
    .send({ records: [aSourceRecord({ sourceRecordId: 'id-self', borrower: { ref: BORROWER, name: '周测试' }, phones: ['13800000011'], addresses: [] })] })
    .expect(200);
  await (context.queue as InProcessQueueDriver).whenIdle();
});
afterAll(() => context?.close());

describe('operator accounts', () => {
  it('an admin creates a user and gets a one-time setup code, shown once and never listed', async () => {
    const { user, setup } = await createUser('zhou.op');
    expect(user).toMatchObject({ username: 'zhou.op', status: 'pending_setup' });
    expect(setup.code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    expect(new Date(setup.expiresAt).getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    expect(setup.path).toMatch(/^\/console\/setup#username=zhou.op&code=/);
    const list = await request(context.http).get('/v1/users').set('Authorization', bearer('admin')).expect(200);
    expect(list.body.map((entry: { username: string }) => entry.username)).toContain('zhou.op');
    const listed = JSON.stringify(list.body);
    expect(listed).not.toContain(setup.code);
    expect(listed).not.toMatch(/hash|scrypt/i);
    const [created] = await auditOf({ action: 'user.created', targetId: user.id });
    expect(created).toMatchObject({ actorRole: 'admin', details: { username: 'zhou.op', roles: ['operator'] } });
    expect(JSON.stringify(created)).not.toContain(setup.code);
  });

  it('refuses a taken username, a bad one, the platform role, and non-admins', async () => {
    await admin().post('/v1/users').send({ username: 'ZHOU.OP', displayName: 'x', roles: ['operator'] }).expect(409);
    await admin().post('/v1/users').send({ username: 'zhou op', displayName: 'x', roles: ['operator'] }).expect(400);
    await admin().post('/v1/users').send({ username: 'zhou.platform', displayName: 'x', roles: ['platform'] }).expect(400);
    await request(context.http).post('/v1/users').set('Authorization', bearer('operator')).send({ username: 'x.y', displayName: 'x', roles: ['operator'] }).expect(403);
    await request(context.http).get('/v1/users').set('Authorization', bearer('auditor')).expect(403);
  });
});

describe('first sign-in, session, CSRF and sign-out', () => {
  let userId: string;
  let code: string;
  const agent = () => request.agent(context.http);
  let signedIn: Agent;
  let csrfToken: string;
  let cookie: string;

  beforeAll(async () => {
    const created = await createUser('li.op', ['operator']);
    userId = created.user.id;
    code = created.setup.code;
  });

  it('sets the password with the code once: a weak password keeps the code, a reused code is refused', async () => {
    const browser = agent();
    const weak = await setUp(browser, 'li.op', code, 'too-short').expect(400);
    expect(weak.body.message).toContain('password: must be at least 12 characters');
    await setUp(browser, 'li.op', code, 'LI.OP').expect(400);
    const done = await setUp(browser, 'Li.Op', code.toLowerCase()).expect(200);
    expect(done.body.user).toMatchObject({ id: userId, username: 'li.op', roles: ['operator'] });
    expect(sessionCookieOf(done)).toBeDefined();
    const reused = await setUp(agent(), 'li.op', code, 'another-password-77').expect(401);
    expect(reused.body.message).toBe('username or setup code is wrong, used or expired');
    const user = await request(context.http).get(`/v1/users/${userId}`).set('Authorization', bearer('admin')).expect(200);
    expect(user.body.status).toBe('active');
    expect(user.body.setupCodeExpiresAt).toBeNull();
  });

  it('signs in with an HttpOnly, SameSite=Strict, Path=/ cookie, Secure when the request came over TLS', async () => {
    signedIn = agent();
    const response = await signIn(signedIn, 'li.op').expect(200);
    cookie = sessionCookieOf(response)!;
    expect(cookie).toMatch(/^cr_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    csrfToken = response.body.csrfToken;
    expect(csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers['cache-control']).toBe('no-store');

    const overTls = await request(context.http).post('/v1/session').set('X-Forwarded-Proto', 'https').send({ username: 'li.op', password: PASSWORD }).expect(200);
    expect(sessionCookieOf(overTls)).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);

    const current = await signedIn.get('/v1/session').expect(200);
    expect(current.body).toMatchObject({ user: { id: userId, username: 'li.op', displayName: '测试 li.op', roles: ['operator'] }, csrfToken });
    await request(context.http).get('/v1/session').set('Authorization', bearer('operator')).expect(404);
  });

  it('gives one generic answer for a wrong password and an unknown user', async () => {
    const wrong = await signIn(agent(), 'li.op', 'wrong-password-000').expect(401);
    const unknown = await signIn(agent(), 'nobody.here', PASSWORD).expect(401);
    expect(wrong.body.message).toBe(REFUSED);
    expect(unknown.body.message).toBe(REFUSED);
    expect(sessionCookieOf(wrong)).toBeUndefined();
  });

  it('unmasks with the cookie as the operator, and the audit event names the user', async () => {
    const plan = await signedIn.get(`/v1/borrowers/${BORROWER}/contact-plan`).query({ unmask: 'true', reason: 'case 7 call-back' }).expect(200);
    expect(plan.body.masked).toBe(false);
    const [event] = await auditOf({ user: 'li.op', action: 'contact_plan.unmasked' });
    expect(event).toMatchObject({ actorId: `user:${userId}`, actorUsername: 'li.op', actorRole: 'operator', borrowerRef: BORROWER, purpose: 'case 7 call-back' });
    expect(await auditOf({ user: userId, action: 'contact_plan.unmasked' })).toHaveLength(1);
    expect(await auditOf({ user: `user:${userId}`, action: 'contact_plan.unmasked' })).toHaveLength(1);
    expect(await auditOf({ user: 'someone.else', action: 'contact_plan.unmasked' })).toHaveLength(0);
    // Routes the user's roles do not allow stay closed.
    await signedIn.get('/v1/users').expect(403);
    await signedIn.get('/v1/audit-events').expect(403);
  });

  it('needs X-CSRF-Token on a cookie-authenticated POST, and not with an API key', async () => {
    const body = { phones: ['13800000011'] };
    const missing = await signedIn.post('/v1/normalise').send(body).expect(403);
    expect(missing.body.message).toMatch(/X-CSRF-Token/);
    await signedIn.post('/v1/normalise').set('X-CSRF-Token', `${csrfToken}x`).send(body).expect(403);
    await signedIn.post('/v1/normalise').set('X-CSRF-Token', csrfToken).send(body).expect(200);
    await request(context.http).post('/v1/normalise').set('Authorization', bearer('operator')).send(body).expect(200);
  });

  it('signs out server-side: the old cookie no longer works', async () => {
    await signedIn.delete('/v1/session').expect(403);
    const out = await signedIn.delete('/v1/session').set('X-CSRF-Token', csrfToken).expect(204);
    expect(sessionCookieOf(out)).toMatch(/^cr_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
    const replayed = await request(context.http).get('/v1/session').set('Cookie', cookie.split(';')[0]).expect(401);
    expect(replayed.body.message).toMatch(/session has ended/);
    expect(sessionCookieOf(replayed)).toMatch(/^cr_session=; .*Max-Age=0/);
    await request(context.http).get(`/v1/borrowers/${BORROWER}/contact-plan`).set('Cookie', cookie.split(';')[0]).expect(401);
    const [ended] = await auditOf({ user: 'li.op', action: 'session.ended' });
    expect(ended).toMatchObject({ actorId: `user:${userId}`, actorUsername: 'li.op' });
  });
});

describe('admin actions by a signed-in admin, disable and reset', () => {
  it('are audited under the admin\'s name; disabling ends sessions and refuses sign-in; reset issues a new code', async () => {
    const adminUser = await createUser('wang.admin', ['admin', 'auditor']);
    const adminBrowser = request.agent(context.http);
    const { body: adminSession } = await setUp(adminBrowser, 'wang.admin', adminUser.setup.code).expect(200);
    const asAdmin = (path: string) => adminBrowser.post(path).set('X-CSRF-Token', adminSession.csrfToken);

    const created = await asAdmin('/v1/users').send({ username: 'chen.op', displayName: '陈测试', roles: ['operator'] }).expect(201);
    const chenId = created.body.user.id as string;
    const [event] = await auditOf({ action: 'user.created', targetId: chenId });
    expect(event).toMatchObject({ actorId: `user:${adminUser.user.id}`, actorUsername: 'wang.admin', actorRole: 'admin' });
    // The admin is also an auditor: the audit log is open to them with the cookie.
    await adminBrowser.get('/v1/audit-events').query({ user: 'wang.admin' }).expect(200);

    const chen = request.agent(context.http);
    await setUp(chen, 'chen.op', created.body.setup.code).expect(200);
    await chen.get('/v1/session').expect(200);

    const disabled = await asAdmin(`/v1/users/${chenId}/disable`).expect(200);
    expect(disabled.body.status).toBe('disabled');
    await chen.get('/v1/session').expect(401);
    const refused = await signIn(request.agent(context.http), 'chen.op').expect(401);
    expect(refused.body.message).toBe(REFUSED);
    expect((await auditOf({ action: 'user.disabled', targetId: chenId }))[0]).toMatchObject({ actorUsername: 'wang.admin', details: { username: 'chen.op', sessionsEnded: 1 } });

    await asAdmin(`/v1/users/${chenId}/enable`).expect(200);
    await signIn(chen, 'chen.op').expect(200);
    const reset = await asAdmin(`/v1/users/${chenId}/reset`).expect(200);
    expect(reset.body.user.status).toBe('pending_setup');
    await chen.get('/v1/session').expect(401);
    await signIn(request.agent(context.http), 'chen.op').expect(401);
    await setUp(chen, 'chen.op', created.body.setup.code, 'a-brand-new-password').expect(401);
    await setUp(chen, 'chen.op', reset.body.setup.code, 'a-brand-new-password').expect(200);
    await signIn(request.agent(context.http), 'chen.op', 'a-brand-new-password').expect(200);
    expect((await auditOf({ action: 'user.reset', targetId: chenId }))[0]).toMatchObject({ actorUsername: 'wang.admin' });
  });
});

describe('a setup code used twice at once', () => {
  it('sets the password for one request only', async () => {
    const { setup } = await createUser('qian.op');
    const answers = await Promise.all(
      ['first-racing-password', 'second-racing-password'].map((password) => setUp(request.agent(context.http), 'qian.op', setup.code, password)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    const winner = answers[0].status === 200 ? 'first-racing-password' : 'second-racing-password';
    const loser = winner === 'first-racing-password' ? 'second-racing-password' : 'first-racing-password';
    await signIn(request.agent(context.http), 'qian.op', winner).expect(200);
    await signIn(request.agent(context.http), 'qian.op', loser).expect(401);
  });
});

describe('sign-in rate limits', () => {
  it('locks a username after 5 failures, even with the right password then, and says when to retry', async () => {
    const { setup } = await createUser('sun.op');
    await setUp(request.agent(context.http), 'sun.op', setup.code).expect(200);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await request(context.http).post('/v1/session').set('X-Forwarded-For', `203.0.113.${60 + attempt}`).send({ username: 'sun.op', password: 'not-the-password' }).expect(401);
    }
    const locked = await request(context.http).post('/v1/session').set('X-Forwarded-For', '203.0.113.70').send({ username: 'sun.op', password: PASSWORD }).expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(sessionCookieOf(locked)).toBeUndefined();
  });

  it('locks an address after 12 failures across usernames; other addresses go on', async () => {
    const { setup } = await createUser('zhao.op');
    await setUp(request.agent(context.http), 'zhao.op', setup.code).expect(200);
    for (let attempt = 0; attempt < 12; attempt += 1) {
      await request(context.http).post('/v1/session').set('X-Forwarded-For', GUESSER).send({ username: `guess-${attempt}`, password: 'guessed-password' }).expect(401);
    }
    await request(context.http).post('/v1/session').set('X-Forwarded-For', GUESSER).send({ username: 'zhao.op', password: PASSWORD }).expect(429);
    await request(context.http).post('/v1/session').set('X-Forwarded-For', '203.0.113.51').send({ username: 'zhao.op', password: PASSWORD }).expect(200);
  });
});

describe('idle timeout', () => {
  let idle: TestApplication;
  beforeAll(async () => {
    // 0.05 minutes: 3 s without a request ends the session.
    idle = await createTestApplication({ SESSION_IDLE_MINUTES: '0.05' });
  });
  afterAll(() => idle?.close());
  const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

  it('keeps a session in use alive past the timeout, and ends it once it sits idle that long', async () => {
    const created = await request(idle.http).post('/v1/users').set('Authorization', bearer('admin')).send({ username: 'idle.op', displayName: 'Idle', roles: ['operator'] }).expect(201);
    const browser = request.agent(idle.http);
    await browser.post('/v1/session/setup').send({ username: 'idle.op', code: created.body.setup.code, password: PASSWORD }).expect(200);
    await pause(1_700);
    await browser.get('/v1/session').expect(200);
    await pause(1_700);
    // 3.4 s after sign-in, 1.7 s after the last request.
    await browser.get('/v1/session').expect(200);
    await pause(3_300);
    const expired = await browser.get('/v1/session').expect(401);
    expect(expired.body.message).toMatch(/session has ended/);
  });
});
