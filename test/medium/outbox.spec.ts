import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDataSource } from '../../src/database/data-source-options.js';
import { Transactions } from '../../src/database/transactions.service.js';
import { InProcessQueueDriver } from '../../src/queue/in-process-queue.driver.js';
import { MessageQueueService } from '../../src/queue/message-queue.service.js';
import { OutboxDispatcher } from '../../src/queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../../src/queue/outbox.repository.js';
import type { QueueDriver } from '../../src/queue/queue-driver.interface.js';
import { RecordingQueueDriver } from '../support/recording-queue-driver.js';
import { createTestDatabase } from '../support/test-database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataSource: DataSource;
let outbox: OutboxRepository;
let transactions: Transactions;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = await openDataSource({ url: database.url, poolSize: 4 });
  outbox = new OutboxRepository(dataSource);
  transactions = new Transactions(dataSource);
});
afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});
beforeEach(() => dataSource.query('DELETE FROM outbox'));


const rows = () => dataSource.query('SELECT job_name, job_id, payload, dispatched_at IS NOT NULL AS dispatched, done_at IS NOT NULL AS done, failed_at IS NOT NULL AS failed FROM outbox ORDER BY id');
const dispatcherOn = (driver: QueueDriver) => new OutboxDispatcher(outbox, transactions, new MessageQueueService(driver), { pollMilliseconds: 60_000 });

describe('outbox repository', () => {
  it('writes a job with the transaction that causes it, once per job id', async () => {
    await expect(
      transactions.run(async (transaction) => {
        await outbox.add('matching.find-candidates', { addressPointIds: ['a'], personIds: [] }, 'candidates-rolled-back', transaction);
        throw new Error('the batch fails');
      }),
    ).rejects.toThrow('the batch fails');
    await transactions.run(async (transaction) => {
      await outbox.add('matching.refresh-contact-point-sharing', { contactPointIds: ['p1'] }, 'sharing-1', transaction);
      await outbox.add('matching.refresh-contact-point-sharing', { contactPointIds: ['p1'] }, 'sharing-1', transaction);
    });
    expect(await rows()).toEqual([
      { job_name: 'matching.refresh-contact-point-sharing', job_id: 'sharing-1', payload: { contactPointIds: ['p1'] }, dispatched: false, done: false, failed: false },
    ]);
    expect(await outbox.counts()).toEqual({ undispatched: 1, failed: 0 });
  });
});

describe('outbox dispatcher', () => {
  it('hands rows to a durable queue and marks them done only once it accepted them', async () => {
    const driver = new RecordingQueueDriver('bullmq');
    const dispatcher = dispatcherOn(driver);
    await outbox.add('matching.refresh-contact-point-sharing', { contactPointIds: ['p1'] }, 'sharing-a');
    await outbox.add('contact-plan.assess-status', { borrowerIds: ['b1'] }, 'assess-a');
    driver.reachable = false;
    await dispatcher.handOver(); // logs, never throws
    expect((await rows()).map((row: { done: boolean }) => row.done)).toEqual([false, false]);
    expect(await dispatcher.status()).toMatchObject({ pending: 2, failed: 0 });
    driver.reachable = true;
    await dispatcher.handOver();
    expect([...driver.accepted.keys()]).toEqual(['sharing-a', 'assess-a']);
    expect((await rows()).map((row: { dispatched: boolean; done: boolean }) => [row.dispatched, row.done])).toEqual([[true, true], [true, true]]);
    expect(await dispatcher.status()).toMatchObject({ pending: 0, failed: 0 });
  });

  it('marks a row naming no known job failed instead of blocking the outbox', async () => {
    const driver = new RecordingQueueDriver('bullmq');
    await dataSource.query(`INSERT INTO outbox (job_name, payload, job_id) VALUES ('matching.retired-job', '{}', 'retired-1')`);
    await outbox.add('matching.refresh-contact-point-sharing', { contactPointIds: ['p2'] }, 'sharing-b');
    await dispatcherOn(driver).handOver();
    expect((await rows()).map((row: { job_id: string; done: boolean; failed: boolean }) => [row.job_id, row.done, row.failed])).toEqual([
      ['retired-1', true, true],
      ['sharing-b', true, false],
    ]);
  });

  it('with the in-process queue, keeps a row owed until its job has run, and hands it over again after a restart', async () => {
    await outbox.add('matching.refresh-contact-point-sharing', { contactPointIds: ['p3'] }, 'sharing-c');
    // First process: the job is handed over, then the process dies before running it.
    const crashed = new InProcessQueueDriver();
    const first = dispatcherOn(crashed);
    await first.onApplicationBootstrap();
    await first.beforeApplicationShutdown();
    expect((await rows()).map((row: { dispatched: boolean; done: boolean }) => [row.dispatched, row.done])).toEqual([[true, false]]);
    expect(await first.status()).toMatchObject({ pending: 1, failed: 0 }); // the queue holds it (no worker ran)

    // Second process: the row is released and handed over again; done once the job completed.
    const ran: unknown[] = [];
    const driver = new InProcessQueueDriver();
    await driver.work('matching', async (job) => void ran.push(job.data), 1);
    const second = dispatcherOn(driver);
    await second.onApplicationBootstrap();
    await driver.whenIdle();
    expect(ran).toEqual([{ contactPointIds: ['p3'] }]);
    expect((await rows()).map((row: { done: boolean; failed: boolean }) => [row.done, row.failed])).toEqual([[true, false]]);
    expect(await second.status()).toMatchObject({ pending: 0, failed: 0 });
    await second.beforeApplicationShutdown();
    await driver.close();
  });

  it('with the in-process queue, records a job that failed its last attempt', async () => {
    await outbox.add('repair.run', { repairRunId: '00000000-0000-4000-8000-000000000009', borrowerId: 'b9', reason: 'x', requestedBy: 'system' }, 'repair-fails');
    const driver = new InProcessQueueDriver();
    await driver.work('contact-plan', async () => {
      throw new Error('always');
    }, 1);
    // Short backoff: the definitions' own would make this test wait 15 s.
    const queue = new MessageQueueService(driver);
    (queue as unknown as { enqueue: MessageQueueService['enqueue'] }).enqueue = (name, data, options) =>
      driver.add('contact-plan', name, data, { queue: 'contact-plan', attempts: 2, backoffMilliseconds: 10, jobId: options?.jobId });
    const fast = new OutboxDispatcher(outbox, transactions, queue, { pollMilliseconds: 60_000 });
    await fast.onApplicationBootstrap();
    await driver.whenIdle();
    expect((await rows()).map((row: { done: boolean; failed: boolean }) => [row.done, row.failed])).toEqual([[true, true]]);
    expect(await fast.status()).toMatchObject({ pending: 0, failed: 1 });
    await fast.beforeApplicationShutdown();
    await driver.close();
  });

  it('with the in-process queue, counts failed jobs per queue (outbox-born or not) and runs them again on request', async () => {
    let healthy = false;
    const ran: string[] = [];
    const driver = new InProcessQueueDriver();
    for (const queue of ['matching', 'contact-plan'] as const) {
      await driver.work(queue, async (job) => {
        ran.push(job.id);
        if (!healthy) throw new Error('always');
      }, 1);
    }
    // One attempt each: the definitions' backoff would make this test wait.
    const queue = new MessageQueueService(driver);
    (queue as unknown as { enqueue: MessageQueueService['enqueue'] }).enqueue = (name, data, options) =>
      driver.add(name === 'contact-plan.assess-status' ? 'contact-plan' : 'matching', name, data, { queue: 'matching', attempts: 1, backoffMilliseconds: 10, jobId: options?.jobId });
    const dispatcher = new OutboxDispatcher(outbox, transactions, queue, { pollMilliseconds: 60_000 });
    await outbox.add('matching.refresh-contact-point-sharing', { contactPointIds: ['f1'] }, 'sharing-fails');
    await outbox.add('contact-plan.assess-status', { borrowerIds: ['b1'] }, 'assess-fails');
    await dispatcher.onApplicationBootstrap();
    // A job the outbox never held (a schedule's firing) fails too.
    await driver.add('matching', 'matching.find-candidates', { addressPointIds: [], personIds: [] }, { queue: 'matching', attempts: 1, backoffMilliseconds: 10, jobId: 'schedule-x-1' });
    await driver.whenIdle();
    const failed = await dispatcher.status();
    expect(failed).toMatchObject({ pending: 0, failed: 3 });
    expect(failed.queues.matching).toEqual({ pending: 0, failed: 2 });
    expect(failed.queues['contact-plan']).toEqual({ pending: 0, failed: 1 });

    healthy = true;
    expect(await dispatcher.retryFailed({ queue: 'matching', limit: 1 })).toBe(1);
    await driver.whenIdle();
    expect(ran.slice(3)).toEqual(['sharing-fails']);
    expect((await dispatcher.status()).queues.matching).toEqual({ pending: 0, failed: 1 });
    expect(await dispatcher.retryFailed({ limit: 1_000 })).toBe(2);
    await driver.whenIdle();
    expect(ran.slice(4).sort()).toEqual(['assess-fails', 'schedule-x-1']);
    expect(await dispatcher.status()).toMatchObject({ pending: 0, failed: 0 });
    expect((await rows()).map((row: { job_id: string; done: boolean; failed: boolean }) => [row.job_id, row.done, row.failed])).toEqual([
      ['sharing-fails', true, false],
      ['assess-fails', true, false],
    ]);
    await dispatcher.beforeApplicationShutdown();
    await driver.close();
  });

  it('with the in-process queue, runs again a job that failed before a restart (only the outbox remembers it)', async () => {
    await dataSource.query(
      `INSERT INTO outbox (job_name, payload, job_id, dispatched_at, done_at, failed_at)
       VALUES ('matching.refresh-contact-point-sharing', '{"contactPointIds":["f2"]}', 'failed-before-restart', now(), now(), now())`,
    );
    const ran: unknown[] = [];
    const driver = new InProcessQueueDriver();
    await driver.work('matching', async (job) => void ran.push(job.data), 1);
    const dispatcher = dispatcherOn(driver);
    await dispatcher.onApplicationBootstrap();
    expect(await dispatcher.status()).toMatchObject({ pending: 0, failed: 1, queues: expect.objectContaining({ matching: { pending: 0, failed: 1 } }) });
    expect(await dispatcher.retryFailed({ queue: 'contact-plan', limit: 10 })).toBe(0);
    expect(await dispatcher.retryFailed({ limit: 10 })).toBe(1);
    await driver.whenIdle();
    expect(ran).toEqual([{ contactPointIds: ['f2'] }]);
    expect(await dispatcher.status()).toMatchObject({ pending: 0, failed: 0 });
    expect((await rows()).map((row: { done: boolean; failed: boolean }) => [row.done, row.failed])).toEqual([[true, false]]);
    await dispatcher.beforeApplicationShutdown();
    await driver.close();
  });
});
