import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

/** Synthetic secrets and a synthetic borrower: what must never reach a receiver unmasked. */
const SECRET = 'e2e-platform-secret-5f0c2a9d7e3b41c8a6f2';
const FLAKY_SECRET = 'e2e-flaky-secret-1d9e7c3b5a2f48e6b0c4';
const BORROWER = 'WH-1';
const NAME = '欧阳测试';
const PHONE = '13800000111';
const ADDRESS = '广东省深圳市南山区阳光花园9栋2单元501室';

let context: TestApplication;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let flaky: Awaited<ReturnType<typeof startWebhookReceiver>>;
const idle = () => (context.queue as InProcessQueueDriver).whenIdle();
const recently = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const putWebhook = (key: string, body: unknown, role: 'admin' | 'platform' | 'operator' | 'auditor' = 'admin') =>
  request(context.http).put(`/v1/webhooks/${key}`).set('Authorization', bearer(role)).send(body as object);
const attempt = async (outcome: string, minutesAgo: number) => {
  await request(context.http)
    .post('/v1/contact-attempts')
    .set('Authorization', bearer('platform'))
    .send({ attempts: [{ borrowerRef: BORROWER, phone: PHONE, outcome, attemptedAt: recently(minutesAgo) }] })
    .expect(200);
  await idle();
};
const deliveries = async (key: string, query: Record<string, string> = {}, role: 'admin' | 'auditor' = 'auditor') =>
  (await request(context.http).get(`/v1/webhooks/${key}/deliveries`).query(query).set('Authorization', bearer(role)).expect(200)).body;

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  flaky = await startWebhookReceiver(FLAKY_SECRET, [500]);
  context = await createTestApplication({ PLATFORM_WEBHOOK_SECRET: SECRET, FLAKY_WEBHOOK_SECRET: FLAKY_SECRET, SHORT_WEBHOOK_SECRET: 'too-short' });
  await request(context.http).put('/v1/sources/crm').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(201);
  await request(context.http)
    .post('/v1/sources/crm/records')
    .set('Authorization', bearer('platform'))
    .send({ records: [aSourceRecord({ sourceRecordId: 'wh-self', borrower: { ref: BORROWER, name: NAME }, phones: [PHONE], addresses: [{ text: ADDRESS, kind: 'home' }] })] })
    .expect(200);
  await idle();
});
afterAll(async () => {
  await context?.close();
  await receiver?.close();
  await flaky?.close();
});

describe('PUT /v1/webhooks/{key}', () => {
  it('is for admins only; auditors may read', async () => {
    const body = { url: receiver.url, events: ['borrower.status_changed'], secretEnv: 'PLATFORM_WEBHOOK_SECRET' };
    await putWebhook('platform', body, 'platform').expect(403);
    await putWebhook('platform', body, 'operator').expect(403);
    await putWebhook('platform', body, 'auditor').expect(403);
    await request(context.http).get('/v1/webhooks').set('Authorization', bearer('platform')).expect(403);
    await request(context.http).get('/v1/webhooks/platform/deliveries').set('Authorization', bearer('operator')).expect(403);
    await request(context.http).get('/v1/webhooks/platform').expect(401);
  });

  it('is documented in /docs-json with the body it validates', async () => {
    const { paths } = (await request(context.http).get('/docs-json').expect(200)).body;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/v1/webhooks', '/v1/webhooks/{key}', '/v1/webhooks/{key}/deliveries']));
    const body = paths['/v1/webhooks/{key}'].put.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['url', 'events', 'secretEnv']));
    expect(body.properties.events.items.enum).toEqual(['stale_flag.raised', 'stale_flag.closed', 'borrower.status_changed']);
  });

  it('refuses a secret given as a value, an unset or short secret variable, and a bad URL', async () => {
    const base = { url: receiver.url, events: ['borrower.status_changed'], secretEnv: 'PLATFORM_WEBHOOK_SECRET' };
    const refused = async (body: unknown) => [(await putWebhook('platform', body).expect(400)).body.message].flat().join(' ');
    expect(await refused({ ...base, secret: 'an-actual-secret-value-0123456789abcdef' })).toMatch(/secret: is not accepted over the API/);
    expect(await refused({ ...base, secretEnv: 'NOT_SET_ANYWHERE' })).toMatch(/NOT_SET_ANYWHERE is not set/);
    expect(await refused({ ...base, secretEnv: 'SHORT_WEBHOOK_SECRET' })).toMatch(/fewer than 32 characters/);
    expect(await refused({ ...base, secretEnv: 'DATABASE_URL' })).toMatch(/is not set in the service's environment \(or is one of its own settings\)/);
    expect(await refused({ ...base, url: 'ftp://127.0.0.1/hook' })).toMatch(/url/);
    expect(await refused({ ...base, events: ['borrower.erased'] })).toMatch(/events/);
    await request(context.http).get('/v1/webhooks/platform').set('Authorization', bearer('admin')).expect(404);
  });

  it('declares (201) and replaces (200) a webhook, audited with before and after; the secret is never returned', async () => {
    const created = await putWebhook('platform', { url: receiver.url, events: ['stale_flag.raised'], secretEnv: 'PLATFORM_WEBHOOK_SECRET' }).expect(201);
    expect(created.body).toMatchObject({ key: 'platform', url: receiver.url, events: ['stale_flag.raised'], secretEnv: 'PLATFORM_WEBHOOK_SECRET', enabled: true });
    const replaced = await putWebhook('platform', { url: receiver.url, events: ['borrower.status_changed', 'stale_flag.raised'], secretEnv: 'PLATFORM_WEBHOOK_SECRET' }).expect(200);
    expect(replaced.body.events).toEqual(['borrower.status_changed', 'stale_flag.raised']);
    await putWebhook('platform', { url: receiver.url, events: ['borrower.status_changed', 'stale_flag.raised'], secretEnv: 'PLATFORM_WEBHOOK_SECRET' }).expect(200);
    const listed = await request(context.http).get('/v1/webhooks').set('Authorization', bearer('auditor')).expect(200);
    expect(listed.body.map((webhook: { key: string }) => webhook.key)).toEqual(['platform']);
    const audit = (await request(context.http).get('/v1/audit-events').query({ targetType: 'webhook' }).set('Authorization', bearer('auditor')).expect(200)).body.items;
    // Newest first; the unchanged third put wrote nothing.
    expect(audit.map((event: { action: string }) => event.action)).toEqual(['webhook.updated', 'webhook.declared']);
    expect(audit[0].details).toEqual({
      before: { url: receiver.url, events: ['stale_flag.raised'], secretEnv: 'PLATFORM_WEBHOOK_SECRET', enabled: true },
      after: { url: receiver.url, events: ['borrower.status_changed', 'stale_flag.raised'], secretEnv: 'PLATFORM_WEBHOOK_SECRET', enabled: true },
    });
    const everything = JSON.stringify([created.body, replaced.body, listed.body, audit]);
    expect(everything).not.toContain(SECRET);
  });
});

describe('borrower.status_changed', () => {
  it('is delivered signed, once per change, without unmasked personal data', async () => {
    await attempt('answered', 60);
    await attempt('disconnected', 5);
    expect(receiver.received).toHaveLength(2);
    for (const delivery of receiver.received) {
      expect(delivery.check).toEqual({ valid: true });
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers['x-webhook-event']).toBe('borrower.status_changed');
      expect(Math.abs(Number(delivery.headers['x-webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      for (const personal of [PHONE, PHONE.slice(3), NAME, ADDRESS, '阳光花园']) expect(delivery.body).not.toContain(personal);
    }
    const [first, second] = receiver.received.map((delivery) => JSON.parse(delivery.body));
    expect(first).toMatchObject({ type: 'borrower.status_changed', data: { borrowerRef: BORROWER, from: 'unknown', to: 'reachable' } });
    expect(second).toMatchObject({ type: 'borrower.status_changed', data: { borrowerRef: BORROWER, from: 'reachable', to: 'objective_lost', reason: expect.stringMatching(/dead/) } });
    expect(Object.keys(second.data).sort()).toEqual(['at', 'borrowerRef', 'from', 'reason', 'to']);
    expect(receiver.received[1].headers['x-webhook-id']).toBe(second.id);
    // The objective-lost transition still starts its repair run.
    const plan = (await request(context.http).get(`/v1/borrowers/${BORROWER}/contact-plan`).set('Authorization', bearer('platform')).expect(200)).body;
    expect(plan.status).toBe('objective_lost');
    expect(plan.repair).toMatchObject({ status: 'completed' });
    // The same outcome again changes nothing and tells nobody.
    await attempt('disconnected', 4);
    expect(receiver.received).toHaveLength(2);
  });

  it('retries a failing receiver with backoff until it answers 2xx, and lists each delivery with its attempts', async () => {
    await putWebhook('flaky', { url: flaky.url, events: ['borrower.status_changed'], secretEnv: 'FLAKY_WEBHOOK_SECRET' }).expect(201);
    await attempt('answered', 1); // objective_lost -> reachable; the flaky receiver answers 500 first
    expect(flaky.received.map((delivery) => [delivery.check.valid, delivery.status])).toEqual([
      [true, 500],
      [true, 200],
    ]);
    // The retry carries the same event id and body, signed again with its own timestamp.
    expect(flaky.received[1].headers['x-webhook-id']).toBe(flaky.received[0].headers['x-webhook-id']);
    expect(flaky.received[1].body).toBe(flaky.received[0].body);
    const [flakyDelivery] = await deliveries('flaky');
    expect(flakyDelivery).toMatchObject({ eventType: 'borrower.status_changed', outcome: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null });
    expect(flakyDelivery.finishedAt).not.toBeNull();
    expect(flakyDelivery.eventId).toBe(flaky.received[0].headers['x-webhook-id']);

    const platform = await deliveries('platform', {}, 'admin');
    expect(platform.map((delivery: { outcome: string; attempts: number }) => [delivery.outcome, delivery.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 1],
      ['delivered', 1],
    ]);
    // Both webhooks got the same event: one id to dedupe on.
    expect(platform[0].eventId).toBe(flakyDelivery.eventId);
    const firstPage = await deliveries('platform', { limit: '2' });
    const secondPage = await deliveries('platform', { limit: '2', before: firstPage[1].id });
    expect([...firstPage, ...secondPage].map((delivery: { id: string }) => delivery.id)).toEqual(platform.map((delivery: { id: string }) => delivery.id));
    await request(context.http).get('/v1/webhooks/nobody/deliveries').set('Authorization', bearer('auditor')).expect(404);
    const status = (await request(context.http).get('/v1/pipeline/status').set('Authorization', bearer('admin')).expect(200)).body;
    expect(status).toMatchObject({ pending: 0, failed: 0 });
  });

  it('sends nothing to a disabled webhook', async () => {
    await putWebhook('flaky', { url: flaky.url, events: ['borrower.status_changed'], secretEnv: 'FLAKY_WEBHOOK_SECRET', enabled: false }).expect(200);
    const before = flaky.received.length;
    await attempt('disconnected', 0);
    expect(flaky.received).toHaveLength(before);
    expect(receiver.received.length).toBe(4);
  });
});
