import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSourceRecord } from './support/record-factory.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

const redisUrl = process.env.REDIS_URL;

/** The same API with jobs going through BullMQ on a real Redis. */
describe.runIf(Boolean(redisUrl))('with REDIS_URL (BullMQ driver)', () => {
  let context: TestApplication;

  beforeAll(async () => {
    context = await createTestApplication({ REDIS_URL: redisUrl!, QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}` });
  });
  afterAll(() => context?.close());

  it('reports Redis in readiness', async () => {
    const health = await request(context.http).get('/health').expect(200);
    expect(context.queue.name).toBe('bullmq');
    expect(health.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('schedules the nightly retention run at start, as one BullMQ job scheduler', async () => {
    expect(await context.queue.schedules('erasure')).toMatchObject([
      { id: 'erasure.nightly-retention-run', name: 'erasure.retention-run', pattern: '0 3 * * *', tz: 'Asia/Shanghai' },
    ]);
    const [schedule] = await context.queue.schedules('erasure');
    expect(schedule.next!.toISOString()).toMatch(/T19:00:00\.000Z$/);
  });

  it('runs the deferred sharing job on a BullMQ worker after ingest', async () => {
    await request(context.http).put('/v1/sources/crm').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal' }).expect(201);
    const shared = '13600002222';
    await request(context.http)
      .post('/v1/sources/crm/records')
      .set('Authorization', bearer('platform'))
      .send({
        records: [
          aSourceRecord({ borrower: { ref: 'BQ-1' }, subject: { role: 'contact', name: '赵六', relation: '朋友' }, phones: [shared] }),
          aSourceRecord({ borrower: { ref: 'BQ-2' }, subject: { role: 'contact', name: '赵六', relation: '朋友' }, phones: [shared] }),
        ],
      })
      .expect(200);
    const deadline = Date.now() + 10_000;
    let row: { borrower_count: number; source_count: number } | undefined;
    while (Date.now() < deadline) {
      [row] = await context.dataSource.query("SELECT borrower_count, source_count FROM contact_point WHERE value_key = '+8613600002222'");
      if (row?.borrower_count === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(row).toEqual({ borrower_count: 2, source_count: 1 });
    // BullMQ keeps the jobs itself: the outbox owed them only until Redis accepted them.
    expect(await context.dataSource.query('SELECT count(*)::int AS owed FROM outbox WHERE done_at IS NULL')).toEqual([{ owed: 0 }]);
    let status = { pending: -1 };
    while (Date.now() < deadline && status.pending !== 0) {
      status = (await request(context.http).get('/v1/pipeline/status').set('Authorization', bearer('platform')).expect(200)).body;
      if (status.pending !== 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toMatchObject({ pending: 0, failed: 0, queue: 'bullmq' });
  });
});
