import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { aMobile, aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

// Issue 13: the stale scan as a job over HTTP, and the flags it leaves, masked and unmasked.

let context: TestApplication;
const idle = () => (context.queue as InProcessQueueDriver).whenIdle();
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const APPLICATION_PHONE = aMobile(8801);
const NEW_PHONE = aMobile(8802);
const REF = 'STALE-E2E-1';

async function ingest(source: string, sourceRecordId: string, days: number, phones: string[]): Promise<void> {
  const records = [aSourceRecord({ sourceRecordId, borrower: { ref: REF, name: '测试人' }, observedAt: daysAgo(days), phones, addresses: [] })];
  const answer = await request(context.http).post(`/v1/sources/${source}/records`).set('Authorization', bearer('platform')).send({ records }).expect(200);
  expect(answer.body.rejected).toEqual([]);
}

beforeAll(async () => {
  // Jobs start late enough for a second request to find the first one still queued.
  context = await createTestApplication({ TEST_JOB_START_DELAY_MS: '300' });
  await request(context.http).put('/v1/sources/loan-app').set('Authorization', bearer('admin')).send({ system: 'approval', kind: 'internal' }).expect(201);
  await request(context.http).put('/v1/sources/courier').set('Authorization', bearer('admin')).send({ system: 'logistics', kind: 'external' }).expect(201);
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
afterAll(() => context?.close());

describe('POST /v1/jobs/stale-scan and GET /v1/jobs/{id}', () => {
  let id: string;

  it('is scheduled nightly at stale-scan.json\'s time in the contact-rules time zone', async () => {
    expect(await context.queue.schedules('stale')).toEqual([expect.objectContaining({ id: 'stale.nightly-scan', name: 'stale.scan', pattern: '0 2 * * *', tz: 'Asia/Shanghai' })]);
  });

  it('is for admins only', async () => {
    for (const role of ['platform', 'operator', 'auditor'] as const) await request(context.http).post('/v1/jobs/stale-scan').set('Authorization', bearer(role)).expect(403);
    await request(context.http).post('/v1/jobs/stale-scan').expect(401);
  });

  it('queues one scan: a second request gets the one already queued', async () => {
    const first = await request(context.http).post('/v1/jobs/stale-scan').set('Authorization', bearer('admin')).expect(202);
    expect(first.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), created: true });
    const second = await request(context.http).post('/v1/jobs/stale-scan').set('Authorization', bearer('admin')).expect(202);
    expect(second.body).toEqual({ id: first.body.id, created: false });
    id = first.body.id;
  });

  it('runs to completed, with progress and counts', async () => {
    await idle();
    const run = (await request(context.http).get(`/v1/jobs/${id}`).set('Authorization', bearer('auditor')).expect(200)).body;
    expect(run).toMatchObject({ id, type: 'stale-scan', state: 'completed', progress: { borrowers: 1, done: 1 }, counts: { raised: 1, closed: 0, open: 1 } });
    expect(run.startedAt).toBeTruthy();
    expect(run.finishedAt).toBeTruthy();
    await request(context.http).get('/v1/jobs/not-a-uuid').set('Authorization', bearer('admin')).expect(400);
    await request(context.http).get('/v1/jobs/00000000-0000-4000-8000-000000000000').set('Authorization', bearer('admin')).expect(404);
  });

  it('raises nothing new on a second run', async () => {
    const again = (await request(context.http).post('/v1/jobs/stale-scan').set('Authorization', bearer('admin')).expect(202)).body;
    expect(again.id).not.toBe(id);
    await idle();
    const run = (await request(context.http).get(`/v1/jobs/${again.id}`).set('Authorization', bearer('admin')).expect(200)).body;
    expect(run).toMatchObject({ state: 'completed', counts: { raised: 0, closed: 0, open: 1 } });
  });
});

describe('GET /v1/stale-flags', () => {
  it('lists flags masked, with evidence, the suggested replacement and actions', async () => {
    const page = (await request(context.http).get(`/v1/stale-flags?borrowerRef=${REF}&status=open`).set('Authorization', bearer('platform')).expect(200)).body;
    expect(page.items).toHaveLength(1);
    const [flag] = page.items;
    expect(flag).toMatchObject({
      borrowerRef: REF,
      type: 'contact_changed',
      status: 'open',
      contactPoint: { kind: 'phone', masked: `${APPLICATION_PHONE.slice(0, 3)}****${APPLICATION_PHONE.slice(-4)}` },
      suggestedReplacement: { masked: `${NEW_PHONE.slice(0, 3)}****${NEW_PHONE.slice(-4)}`, why: expect.any(String) },
      closedAt: null,
    });
    expect(flag.evidence.observations.map((row: { sourceKey: string }) => row.sourceKey)).toEqual(['courier', 'courier']);
    expect(flag.suggestedActions[0]).toMatchObject({ action: 'verify_replacement' });
    const text = JSON.stringify(page);
    expect(text).not.toContain(APPLICATION_PHONE);
    expect(text).not.toContain(NEW_PHONE);
    expect(page.nextCursor).toBeNull();
  });

  it('shows e164 to an operator who unmasks with a reason, and audits the read with the borrower refs', async () => {
    const page = (await request(context.http).get(`/v1/stale-flags?unmask=true&reason=${encodeURIComponent('case 42 re-verify')}`).set('Authorization', bearer('operator')).expect(200)).body;
    expect(page.items[0].contactPoint.e164).toBe(`+86${APPLICATION_PHONE}`);
    expect(page.items[0].suggestedReplacement.e164).toBe(`+86${NEW_PHONE}`);
    const audit = (await request(context.http).get('/v1/audit-events?action=stale_flags.unmasked').set('Authorization', bearer('auditor')).expect(200)).body;
    expect(audit.items[0]).toMatchObject({ purpose: 'case 42 re-verify', details: { borrowerRefs: [REF], flags: 1 } });
  });

  it('refuses unmasking to the platform and without a reason, a malformed cursor, and other roles', async () => {
    await request(context.http).get('/v1/stale-flags?unmask=true&reason=case%2042').set('Authorization', bearer('platform')).expect(403);
    await request(context.http).get('/v1/stale-flags?unmask=true').set('Authorization', bearer('operator')).expect(400);
    await request(context.http).get('/v1/stale-flags?after=not-a-cursor').set('Authorization', bearer('operator')).expect(400);
    await request(context.http).get('/v1/stale-flags?type=bogus').set('Authorization', bearer('operator')).expect(400);
    for (const role of ['admin', 'auditor'] as const) await request(context.http).get('/v1/stale-flags').set('Authorization', bearer(role)).expect(403);
  });

  it('pages by the cursor', async () => {
    const page = (await request(context.http).get('/v1/stale-flags?limit=1').set('Authorization', bearer('operator')).expect(200)).body;
    expect(page.items).toHaveLength(1);
    const next = (await request(context.http).get(`/v1/stale-flags?limit=1&after=${page.items[0].id}`).set('Authorization', bearer('operator')).expect(200)).body;
    expect(next.items).toEqual([]);
  });
});

describe('GET /v1/stale-flags/summary', () => {
  it('counts open, new and closed flags by type for the morning review', async () => {
    const summary = (await request(context.http).get('/v1/stale-flags/summary').set('Authorization', bearer('admin')).expect(200)).body;
    expect(summary).toMatchObject({ open: 1, raisedSince: 1, closedSince: 0 });
    expect(summary.byType).toContainEqual({ type: 'contact_changed', open: 1, raisedSince: 1, closedSince: 0 });
    const later = (await request(context.http).get(`/v1/stale-flags/summary?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`).set('Authorization', bearer('operator')).expect(200)).body;
    expect(later).toMatchObject({ open: 1, raisedSince: 0 });
    await request(context.http).get('/v1/stale-flags/summary').set('Authorization', bearer('auditor')).expect(403);
    await request(context.http).get('/v1/stale-flags/summary?since=yesterday').set('Authorization', bearer('admin')).expect(400);
  });
});
