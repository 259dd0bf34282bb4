import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { aMobile, aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

// Issue 13: what the stale scan's flags change for the platform: the contact plan shows them beside
// their points and ranks a flagged number below its suggested replacement, and signed webhooks tell
// of each flag raised and closed, with masked values only.

const SECRET = 'stale-webhook-secret-synthetic-0000000001';
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const APPLICATION_PHONE = aMobile(9901);
const NEW_PHONE = aMobile(9902);
const REF = 'STALE-PLAN-1';

let context: TestApplication;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const idle = () => (context.queue as InProcessQueueDriver).whenIdle();

async function ingest(source: string, sourceRecordId: string, days: number, phones: string[]): Promise<void> {
  const records = [aSourceRecord({ sourceRecordId, borrower: { ref: REF, name: '测试人' }, observedAt: daysAgo(days), phones, addresses: [] })];
  await request(context.http).post(`/v1/sources/${source}/records`).set('Authorization', bearer('platform')).send({ records }).expect(200);
}

async function scan(): Promise<void> {
  await request(context.http).post('/v1/jobs/stale-scan').set('Authorization', bearer('admin')).expect(202);
  await idle();
}

const plan = async () => (await request(context.http).get(`/v1/borrowers/${REF}/contact-plan`).set('Authorization', bearer('platform')).expect(200)).body;
const bodies = () => receiver.received.map((delivery) => JSON.parse(delivery.body));

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  context = await createTestApplication({ STALE_WEBHOOK_SECRET: SECRET });
  await request(context.http).put('/v1/sources/loan-app').set('Authorization', bearer('admin')).send({ system: 'approval', kind: 'internal' }).expect(201);
  await request(context.http).put('/v1/sources/courier').set('Authorization', bearer('admin')).send({ system: 'logistics', kind: 'external' }).expect(201);
  await request(context.http)
    .put('/v1/webhooks/platform')
    .set('Authorization', bearer('admin'))
    .send({ url: receiver.url, events: ['stale_flag.raised', 'stale_flag.closed'], secretEnv: 'STALE_WEBHOOK_SECRET' })
    .expect(201);
  await ingest('loan-app', 'app-1', 200, [APPLICATION_PHONE]);
  await ingest('courier', 'parcel-1', 10, [NEW_PHONE]);
  await ingest('courier', 'parcel-2', 30, [NEW_PHONE]);
  await request(context.http)
    .put(`/v1/borrowers/${REF}/consents`)
    .set('Authorization', bearer('platform'))
    .send({ externalSources: true, thirdPartyContact: true, evidenceRef: 'doc-1', grantedAt: daysAgo(1) })
    .expect(200);
  await idle();
});
afterAll(async () => {
  await context?.close();
  await receiver?.close();
});

describe('a contact_changed flag', () => {
  it('puts the recurring number above the application number in the plan, with the flag beside it', async () => {
    const before = (await plan()).borrowerContacts.phones;
    await scan();
    const phones = (await plan()).borrowerContacts.phones;
    expect(phones).toHaveLength(2);
    const flagged = phones.findIndex((phone: { staleFlags?: unknown[] }) => phone.staleFlags);
    const other = 1 - flagged;
    expect(phones[flagged].staleFlags).toEqual([{ id: expect.any(String), type: 'contact_changed' }]);
    expect(flagged).toBeGreaterThan(other);
    expect(phones[flagged].masked).toBe(`${APPLICATION_PHONE.slice(0, 3)}****${APPLICATION_PHONE.slice(-4)}`);
    expect(phones[other].masked).toBe(`${NEW_PHONE.slice(0, 3)}****${NEW_PHONE.slice(-4)}`);
    expect(before.some((phone: { staleFlags?: unknown }) => phone.staleFlags)).toBe(false);
  });

  it('is told to the platform, signed, with masked values only', async () => {
    await idle();
    const raised = bodies().filter((body) => body.type === 'stale_flag.raised');
    expect(raised).toHaveLength(1);
    expect(raised[0].data).toMatchObject({
      borrowerRef: REF,
      flagType: 'contact_changed',
      contactPoint: { kind: 'phone', masked: `${APPLICATION_PHONE.slice(0, 3)}****${APPLICATION_PHONE.slice(-4)}` },
      suggestedReplacement: { kind: 'phone', masked: `${NEW_PHONE.slice(0, 3)}****${NEW_PHONE.slice(-4)}` },
    });
    expect(receiver.received.every((delivery) => delivery.check.valid)).toBe(true);
    expect(receiver.received.map((delivery) => delivery.body).join('')).not.toContain(APPLICATION_PHONE.slice(3, 7));
  });

  it('closes itself when the application number turns up again, and the platform hears of that too', async () => {
    await ingest('courier', 'parcel-3', 2, [APPLICATION_PHONE]);
    await idle();
    await scan();
    const phones = (await plan()).borrowerContacts.phones;
    expect(phones.some((phone: { staleFlags?: unknown }) => phone.staleFlags)).toBe(false);
    const closed = bodies().filter((body) => body.type === 'stale_flag.closed');
    expect(closed).toHaveLength(1);
    expect(closed[0].data).toMatchObject({ borrowerRef: REF, flagType: 'contact_changed', closedBecause: expect.any(String) });
    // One more scan tells nothing new.
    const told = receiver.received.length;
    await scan();
    expect(receiver.received.length).toBe(told);
  });
});
