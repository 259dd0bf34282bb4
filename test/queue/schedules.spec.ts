import type { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDataSource } from '../../src/database/data-source-options.js';
import { Transactions } from '../../src/database/transactions.service.js';
import { BullMqQueueDriver } from '../../src/queue/bullmq-queue.driver.js';
import { InProcessQueueDriver, nextFireTime } from '../../src/queue/in-process-queue.driver.js';
import { JOB_DEFINITIONS, QUEUE_NAMES, type QueueName } from '../../src/queue/job-definitions.js';
import { MessageQueueService } from '../../src/queue/message-queue.service.js';
import type { QueueJob, ScheduleTiming } from '../../src/queue/queue-driver.interface.js';
import { ScheduleService } from '../../src/queue/schedule.service.js';
import { createTestDatabase } from '../support/test-database.js';

const redisUrl = process.env.REDIS_URL;
const ID = 'erasure.nightly-retention-run';
const QUEUE: QueueName = 'erasure';
const NAME = 'erasure.retention-run' as const;
const definition = JOB_DEFINITIONS[NAME];
const NIGHTLY: ScheduleTiming = { pattern: '0 3 * * *', tz: 'Asia/Shanghai' };

const until = async (condition: () => boolean | Promise<boolean>, timeoutMilliseconds = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMilliseconds;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('nextFireTime', () => {
  it('reads the pattern in the time zone', () => {
    // 02:00 in Shanghai (UTC+8) on 4 December: the next 03:00 there is 19:00 UTC the day before.
    expect(nextFireTime(NIGHTLY, new Date('2026-12-03T18:00:00Z')).toISOString()).toBe('2026-12-03T19:00:00.000Z');
    expect(nextFireTime(NIGHTLY, new Date('2026-12-03T19:00:00Z')).toISOString()).toBe('2026-12-04T19:00:00.000Z');
  });
});

describe('in-process driver schedules', () => {
  let driver: InProcessQueueDriver;
  afterEach(async () => {
    vi.useRealTimers();
    await driver?.close();
  });

  it('adds the job at each fire time, the next computed after each fire (fake timers)', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T18:00:00Z') });
    driver = new InProcessQueueDriver();
    await driver.upsertSchedule(ID, NIGHTLY, QUEUE, NAME, { scheduleId: ID }, definition);
    expect(await driver.schedules(QUEUE)).toEqual([{ id: ID, name: NAME, ...NIGHTLY, next: new Date('2026-12-03T19:00:00Z') }]);
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    expect((await driver.counts(QUEUE)).waiting).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await driver.counts(QUEUE)).waiting).toBe(1);
    expect((await driver.schedules(QUEUE))[0].next).toEqual(new Date('2026-12-04T19:00:00Z'));
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect((await driver.counts(QUEUE)).waiting).toBe(2);
  });

  it('runs a seconds pattern on a worker; upserting twice leaves one schedule; removeSchedule stops it', async () => {
    driver = new InProcessQueueDriver();
    const runs: QueueJob[] = [];
    await driver.work(QUEUE, async (job) => void runs.push(job), 1);
    const everySecond: ScheduleTiming = { pattern: '* * * * * *', tz: 'UTC' };
    await driver.upsertSchedule(ID, everySecond, QUEUE, NAME, { scheduleId: ID }, definition);
    await driver.upsertSchedule(ID, everySecond, QUEUE, NAME, { scheduleId: ID }, definition);
    expect(await driver.schedules(QUEUE)).toHaveLength(1);
    await until(() => runs.length >= 2, 5_000);
    expect(runs[0]).toMatchObject({ name: NAME, data: { scheduleId: ID }, attempt: 1 });
    // One schedule: one job per second, never two for the same fire time.
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
    await driver.removeSchedule(ID);
    expect(await driver.schedules(QUEUE)).toEqual([]);
    const settled = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(runs.length).toBeLessThanOrEqual(settled + 1); // at most a job added just before the removal
    const afterRemoval = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(runs.length).toBe(afterRemoval);
  });

  it('refuses an invalid pattern or time zone and keeps the schedule it had', async () => {
    driver = new InProcessQueueDriver();
    await driver.upsertSchedule(ID, NIGHTLY, QUEUE, NAME, {}, definition);
    await expect(driver.upsertSchedule(ID, { pattern: 'not cron', tz: 'UTC' }, QUEUE, NAME, {}, definition)).rejects.toThrow();
    await expect(driver.upsertSchedule(ID, { pattern: '0 3 * * *', tz: 'Mars/Olympus' }, QUEUE, NAME, {}, definition)).rejects.toThrow();
    expect(await driver.schedules(QUEUE)).toMatchObject([NIGHTLY]);
  });

  it('clears its timers on close', async () => {
    driver = new InProcessQueueDriver();
    await driver.upsertSchedule(ID, { pattern: '* * * * * *', tz: 'UTC' }, QUEUE, NAME, {}, definition);
    await driver.close();
    expect(await driver.schedules(QUEUE)).toEqual([]);
  });
});

describe.runIf(Boolean(redisUrl))('BullMQ driver schedules (REDIS_URL)', () => {
  const connection = { url: redisUrl!, maxRetriesPerRequest: null };
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const queues: Queue[] = [];
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  /** One "process": its own Redis connection and its own ScheduleService. */
  const aProcess = (timing: ScheduleTiming) => {
    // Every queue, as a process has them: upsertAll writes each schedule to its own queue.
    const byName = new Map(QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })] as const));
    queues.push(...byName.values());
    const queue = byName.get(QUEUE)!;
    const driver = new BullMqQueueDriver(new Map(byName), connection, prefix);
    const moduleRef = { get: () => timing } as unknown as ModuleRef;
    const service = new ScheduleService(new MessageQueueService(driver), new Transactions(dataSource), moduleRef, {
      runWorkers: true,
      concurrency: 1,
      prefix,
    });
    return { queue, driver, service };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource({ url: database.url, poolSize: 8 });
  });
  afterAll(async () => {
    for (const queue of queues.slice(0, QUEUE_NAMES.length)) await queue.obliterate({ force: true });
    await Promise.all(queues.map((queue) => queue.close()));
    await dataSource?.destroy();
    await database?.drop();
  });

  it('upserting twice leaves exactly one job scheduler', async () => {
    const { queue, driver } = aProcess(NIGHTLY);
    await driver.upsertSchedule(ID, NIGHTLY, QUEUE, NAME, { scheduleId: ID }, definition);
    await driver.upsertSchedule(ID, NIGHTLY, QUEUE, NAME, { scheduleId: ID }, definition);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: ID, name: NAME, pattern: '0 3 * * *', tz: 'Asia/Shanghai' });
    expect(await driver.schedules(QUEUE)).toMatchObject([{ id: ID, name: NAME, ...NIGHTLY }]);
    // The next run is waiting as a delayed job, at 03:00 Shanghai.
    expect((await driver.schedules(QUEUE))[0].next?.toISOString()).toMatch(/T19:00:00\.000Z$/);
    await driver.removeSchedule(ID, QUEUE);
    expect(await queue.getJobSchedulers()).toEqual([]);
  });

  it('several processes upserting at once under the lock leave exactly one scheduler and its next job', async () => {
    const processes = Array.from({ length: 4 }, () => aProcess(NIGHTLY));
    await Promise.all(processes.flatMap((process) => [process.service.upsertAll(), process.service.upsertAll()]));
    const schedulers = await processes[0].queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: ID, pattern: '0 3 * * *', tz: 'Asia/Shanghai' });
    expect(await processes[0].queue.getDelayedCount()).toBe(1);
    // The next run waiting as a delayed job is not work owed: it is not counted as pending.
    expect((await processes[0].driver.counts(QUEUE)).delayed).toBe(0);
  });
});
