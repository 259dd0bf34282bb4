import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrphans } from '../src/database/referential-integrity.js';
import { RetentionService } from '../src/erasure/retention.service.js';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

let context: TestApplication;
const idle = () => (context.queue as InProcessQueueDriver).whenIdle();
const BODY = { reason: 'customer asked, ticket 12', legalBasis: 'data_subject_request' };

beforeAll(async () => {
  context = await createTestApplication();
  await request(context.http).put('/v1/sources/crm').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(201);
  const records = ['ER-ROUTES', 'ER-CLOSED', 'ER-OPEN', 'ER-RECENT', 'ER-TWICE'].map((ref, index) =>
    aSourceRecord({ sourceRecordId: `routes-${index}`, borrower: { ref, name: '测试人' }, phones: [`1371234560${index}`], addresses: [] }),
  );
  await request(context.http)
    .post('/v1/sources/crm/records')
    .set('Authorization', bearer('platform'))
    .send({ records: [...records, { ...aSourceRecord({ borrower: { ref: 'ER-OPEN' } }), observedAt: 'not a date' }] })
    .expect(200);
  await idle();
});
afterAll(() => context?.close());

describe('POST /v1/borrowers/:ref/erasure', () => {
  it('is for admins only', async () => {
    for (const role of ['platform', 'operator', 'auditor'] as const) {
      await request(context.http).post('/v1/borrowers/ER-ROUTES/erasure').set('Authorization', bearer(role)).send(BODY).expect(403);
    }
    await request(context.http).post('/v1/borrowers/ER-ROUTES/erasure').send(BODY).expect(401);
  });

  it('refuses a body without reason or with an unknown legal basis, and an unknown borrower', async () => {
    await request(context.http).post('/v1/borrowers/ER-ROUTES/erasure').set('Authorization', bearer('admin')).send({ legalBasis: 'other' }).expect(400);
    await request(context.http).post('/v1/borrowers/ER-ROUTES/erasure').set('Authorization', bearer('admin')).send({ ...BODY, legalBasis: 'because' }).expect(400);
    await request(context.http).post('/v1/borrowers/NOBODY-ER/erasure').set('Authorization', bearer('admin')).send(BODY).expect(404);
  });

  it('answers 202 with an id whose status goes from queued to completed', async () => {
    const accepted = await request(context.http).post('/v1/borrowers/ER-ROUTES/erasure').set('Authorization', bearer('admin')).send(BODY).expect(202);
    expect(accepted.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const queued = (await request(context.http).get(`/v1/erasures/${accepted.body.id}`).set('Authorization', bearer('auditor')).expect(200)).body;
    expect(['queued', 'running', 'completed']).toContain(queued.status);
    await idle();
    const done = (await request(context.http).get(`/v1/erasures/${accepted.body.id}`).set('Authorization', bearer('admin')).expect(200)).body;
    expect(done).toMatchObject({ id: accepted.body.id, status: 'completed', legalBasis: 'data_subject_request', origin: 'request', error: null });
    expect(done.counts).toMatchObject({ borrowers: 1, sourceRecords: 1 });
    expect(done.borrowerPseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(done)).not.toContain('ER-ROUTES');
    // Gone: a second request finds no borrower.
    await request(context.http).post('/v1/borrowers/ER-ROUTES/erasure').set('Authorization', bearer('admin')).send(BODY).expect(404);
  });

  it('completes a second request queued before the first ran without finding anything left to erase', async () => {
    const send = () => request(context.http).post('/v1/borrowers/ER-TWICE/erasure').set('Authorization', bearer('admin')).send(BODY).expect(202);
    const [first, second] = [await send(), await send()];
    await idle();
    const status = async (id: string) => (await request(context.http).get(`/v1/erasures/${id}`).set('Authorization', bearer('admin')).expect(200)).body;
    expect((await status(first.body.id)).counts.borrowers).toBe(1);
    expect(await status(second.body.id)).toMatchObject({ status: 'completed', counts: {} });
    expect(await context.dataSource.query("SELECT id FROM audit_event WHERE borrower_ref = 'ER-TWICE' OR target_id = 'ER-TWICE'")).toEqual([]);
  });
});

describe('GET /v1/erasures/:id', () => {
  it('is for admins and auditors, 404 when unknown, 400 for a malformed id', async () => {
    await request(context.http).get('/v1/erasures/00000000-0000-4000-8000-000000000000').set('Authorization', bearer('operator')).expect(403);
    await request(context.http).get('/v1/erasures/00000000-0000-4000-8000-000000000000').set('Authorization', bearer('admin')).expect(404);
    await request(context.http).get('/v1/erasures/not-a-uuid').set('Authorization', bearer('admin')).expect(400);
  });
});

describe('PUT /v1/borrowers/:ref/relationship and POST /v1/jobs/retention', () => {
  it('lets admins and the platform mark a closed borrower, not operators', async () => {
    await request(context.http).put('/v1/borrowers/ER-CLOSED/relationship').set('Authorization', bearer('operator')).send({ endedAt: '2019-01-01T00:00:00+08:00' }).expect(403);
    await request(context.http).put('/v1/borrowers/ER-CLOSED/relationship').set('Authorization', bearer('platform')).send({ endedAt: 'soon' }).expect(400);
    await request(context.http).put('/v1/borrowers/NOBODY-ER/relationship').set('Authorization', bearer('platform')).send({ endedAt: '2019-01-01T00:00:00+08:00' }).expect(404);
    const closed = await request(context.http).put('/v1/borrowers/ER-CLOSED/relationship').set('Authorization', bearer('platform')).send({ endedAt: '2019-01-01T00:00:00+08:00' }).expect(200);
    expect(closed.body).toEqual({ borrowerRef: 'ER-CLOSED', endedAt: '2018-12-31T16:00:00.000Z' });
    await request(context.http).put('/v1/borrowers/ER-RECENT/relationship').set('Authorization', bearer('admin')).send({ endedAt: new Date(Date.now() - 86_400_000).toISOString() }).expect(200);
    // Closed and reopened: not closed any more.
    await request(context.http).put('/v1/borrowers/ER-OPEN/relationship').set('Authorization', bearer('admin')).send({ endedAt: '2019-01-01T00:00:00+08:00' }).expect(200);
    await request(context.http).put('/v1/borrowers/ER-OPEN/relationship').set('Authorization', bearer('admin')).send({ endedAt: null }).expect(200);
  });

  it('erases closed borrowers past their period and purges old quarantine, on demand, for admins only', async () => {
    await request(context.http).post('/v1/jobs/retention').set('Authorization', bearer('platform')).expect(403);
    const [before] = await context.dataSource.query('SELECT count(*)::int AS count FROM quarantined_record');
    expect(before.count).toBe(1);
    await context.dataSource.query("UPDATE quarantined_record SET received_at = now() - interval '400 days'");
    const accepted = await request(context.http).post('/v1/jobs/retention').set('Authorization', bearer('admin')).expect(202);
    expect(accepted.body.id).toEqual(expect.any(String));
    await idle();
    const refs = (await context.dataSource.query('SELECT ref FROM borrower ORDER BY ref')).map((row: { ref: string }) => row.ref);
    expect(refs).toEqual(['ER-OPEN', 'ER-RECENT']);
    expect(await context.dataSource.query('SELECT origin, status, legal_basis, borrower_ref FROM erasure_request WHERE origin = $1', ['retention'])).toEqual([
      { origin: 'retention', status: 'completed', legal_basis: 'retention_expired', borrower_ref: null },
    ]);
    const [after] = await context.dataSource.query('SELECT count(*)::int AS count FROM quarantined_record');
    expect(after.count).toBe(0);
    const events = (await request(context.http).get('/v1/audit-events').query({ action: 'retention.applied' }).set('Authorization', bearer('auditor')).expect(200)).body.items;
    expect(events[0].details).toMatchObject({ erasuresQueued: 1, quarantinedRecordsPurged: 1 });
  });

  it('purges superseded raw versions past their period with what was read from them, never the current one', async () => {
    const version = (phone: string) => aSourceRecord({ sourceRecordId: 'routes-2', borrower: { ref: 'ER-OPEN', name: '测试人' }, phones: [phone], addresses: [] });
    await request(context.http).post('/v1/sources/crm/records').set('Authorization', bearer('platform')).send({ records: [version('13712345699')] }).expect(200);
    await idle();
    const versions = () => context.dataSource.query("SELECT version.version FROM source_record_version version JOIN source_record record ON record.id = version.source_record_uuid WHERE record.source_record_id = 'routes-2' ORDER BY version.version");
    expect(await versions()).toEqual([{ version: 1 }, { version: 2 }]);
    // A year and a bit from now: past rawPayloadDays (365), not yet past closedBorrowerDays for ER-RECENT.
    const summary = await context.app.get(RetentionService).run(new Date(Date.now() + 400 * 86_400_000));
    await idle();
    expect(summary).toMatchObject({ erasuresQueued: 0, supersededVersionsPurged: 1 });
    expect(await versions()).toEqual([{ version: 2 }]);
    expect((await findOrphans(context.dataSource)).filter((count) => count.orphans > 0)).toEqual([]);
    const [point] = await context.dataSource.query("SELECT borrower_count FROM contact_point WHERE e164 = '+8613712345602'");
    expect(point.borrower_count).toBe(0);
  });
});

describe('nightly retention run', () => {
  it('is scheduled at start, at retention.json schedule and time zone', async () => {
    expect(await context.queue.schedules('erasure')).toEqual([
      { id: 'erasure.nightly-retention-run', name: 'erasure.retention-run', pattern: '0 3 * * *', tz: 'Asia/Shanghai', next: expect.any(Date) },
    ]);
    const [schedule] = await context.queue.schedules('erasure');
    // 03:00 in Shanghai is 19:00 UTC, within the next day.
    expect(schedule.next!.toISOString()).toMatch(/T19:00:00\.000Z$/);
    expect(schedule.next!.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
  });
});
