import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../src/queue/in-process-queue.driver.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

// Issue 16: a job that failed for good shows in /v1/pipeline/status instead of vanishing from `pending`, and an
// admin can run it again; every job run carries the process's name.

let context: TestApplication;
const idle = () => (context.queue as InProcessQueueDriver).whenIdle();
const status = async () => (await request(context.http).get('/v1/pipeline/status').set('Authorization', bearer('platform')).expect(200)).body;

beforeAll(async () => {
  context = await createTestApplication({ WORKER_NAME: 'e2e-worker-1' });
  await idle();
});
afterAll(() => context?.close());

describe('failed jobs in GET /v1/pipeline/status and POST /v1/pipeline/failed-jobs/retry', () => {
  it('counts a job that failed for good (here: before a restart, as the outbox remembers it) apart from pending', async () => {
    await context.dataSource.query(
      `INSERT INTO outbox (job_name, payload, job_id, dispatched_at, done_at, failed_at)
       VALUES ('matching.refresh-contact-point-sharing', '{"contactPointIds":[]}', 'sharing-failed-before-restart', now(), now(), now())`,
    );
    const body = await status();
    expect(body).toMatchObject({ pending: 0, failed: 1, state: 'settled-with-failures', queue: 'in-process' });
    expect(body.queues.matching).toEqual({ pending: 0, failed: 1 });
    expect(body.queues['contact-plan']).toEqual({ pending: 0, failed: 0 });
  });

  it('retries for admins only, with a validated body', async () => {
    for (const role of ['operator', 'platform', 'auditor'] as const) {
      await request(context.http).post('/v1/pipeline/failed-jobs/retry').set('Authorization', bearer(role)).send({}).expect(403);
    }
    await request(context.http).post('/v1/pipeline/failed-jobs/retry').expect(401);
    await request(context.http).post('/v1/pipeline/failed-jobs/retry').set('Authorization', bearer('admin')).send({ queue: 'nowhere' }).expect(400);
    await request(context.http).post('/v1/pipeline/failed-jobs/retry').set('Authorization', bearer('admin')).send({ limit: 0 }).expect(400);
    expect((await status()).failed).toBe(1);
  });

  it('runs the failed job again: nothing failed or pending afterwards, and the retry is audited', async () => {
    const other = await request(context.http).post('/v1/pipeline/failed-jobs/retry').set('Authorization', bearer('admin')).send({ queue: 'contact-plan' }).expect(200);
    expect(other.body).toEqual({ retried: 0 });
    const answer = await request(context.http).post('/v1/pipeline/failed-jobs/retry').set('Authorization', bearer('admin')).expect(200);
    expect(answer.body).toEqual({ retried: 1 });
    await idle();
    expect(await status()).toMatchObject({ pending: 0, failed: 0, state: 'settled' });
    const [row] = await context.dataSource.query(`SELECT done_at IS NOT NULL AS done, failed_at IS NOT NULL AS failed FROM outbox WHERE job_id = 'sharing-failed-before-restart'`);
    expect(row).toEqual({ done: true, failed: false });
    const audit = await request(context.http).get('/v1/audit-events?action=pipeline.failed_jobs_retried').set('Authorization', bearer('auditor')).expect(200);
    expect(audit.body.items.map((event: { actorRole: string; targetId: string; details: unknown }) => [event.actorRole, event.targetId, event.details])).toEqual([
      ['admin', 'all', { limit: 1000, retried: 1 }],
      ['admin', 'contact-plan', { limit: 1000, retried: 0 }],
    ]);
  });

  it('records the process that ran a job run (GET /v1/jobs/{id})', async () => {
    const accepted = await request(context.http).post('/v1/jobs/stale-scan').set('Authorization', bearer('admin')).expect(202);
    await idle();
    const run = await request(context.http).get(`/v1/jobs/${accepted.body.id}`).set('Authorization', bearer('admin')).expect(200);
    expect(run.body).toMatchObject({ state: 'completed', workerName: 'e2e-worker-1' });
  });
});
