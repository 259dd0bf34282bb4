import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BullMqQueueDriver } from '../../src/queue/bullmq-queue.driver.js';
import { InProcessQueueDriver } from '../../src/queue/in-process-queue.driver.js';
import type { JobName, QueueName } from '../../src/queue/job-definitions.js';
import type { EnqueueOptions, QueueDriver, QueueJob } from '../../src/queue/queue-driver.interface.js';

const redisUrl = process.env.REDIS_URL;
const JOB = 'matching.refresh-contact-point-sharing' as JobName;
const QUEUE: QueueName = 'matching';
const options = (attempts: number, jobId?: string): EnqueueOptions => ({ queue: QUEUE, attempts, backoffMilliseconds: 20, jobId });

interface DriverFactory {
  create(): Promise<QueueDriver>;
  dispose(): Promise<void>;
}

function inProcess(): DriverFactory {
  let driver: InProcessQueueDriver | undefined;
  return {
    async create() {
      driver = new InProcessQueueDriver();
      return driver;
    },
    async dispose() {
      await driver?.close();
    },
  };
}

function bullMq(url: string): DriverFactory & { queue(): Queue | undefined } {
  let queue: Queue | undefined;
  let driver: BullMqQueueDriver | undefined;
  return {
    queue: () => queue,
    async create() {
      const prefix = `test-${randomBytes(4).toString('hex')}`;
      const connection = { url, maxRetriesPerRequest: null };
      queue = new Queue(QUEUE, { connection, prefix });
      driver = new BullMqQueueDriver(new Map([[QUEUE, queue]]), connection, prefix, undefined, {
        name: 'test-worker-7',
        recovery: { lockDurationMilliseconds: 5_000, stalledIntervalMilliseconds: 2_000, maxStalledCount: 1 },
      });
      return driver;
    },
    async dispose() {
      await driver?.close();
      await queue?.obliterate({ force: true });
      await queue?.close();
    },
  };
}

const until = async (condition: () => boolean | Promise<boolean>, timeoutMilliseconds = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMilliseconds;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const drivers: [string, () => DriverFactory, boolean][] = [
  ['in-process', inProcess, true],
  ['bullmq', () => bullMq(redisUrl ?? ''), Boolean(redisUrl)],
];

describe.each(drivers)('%s driver', (_name, factory, available) => {
  let current: DriverFactory | undefined;
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });

  it.runIf(available)('runs a job with its payload, never in the caller stack', async () => {
    current = factory();
    const driver = await current.create();
    const seen: QueueJob[] = [];
    await driver.work(QUEUE, async (job) => void seen.push(job), 2);
    const id = await driver.add(QUEUE, JOB, { contactPointIds: ['a'] }, options(1));
    expect(seen).toHaveLength(0);
    await until(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ id, name: JOB, data: { contactPointIds: ['a'] }, attempt: 1 });
    await until(async () => (await driver.counts(QUEUE)).active === 0);
  });

  it.runIf(available)('retries a failing job with backoff until it succeeds', async () => {
    current = factory();
    const driver = await current.create();
    const attempts: { attempt: number; at: number }[] = [];
    await driver.work(
      QUEUE,
      async (job) => {
        attempts.push({ attempt: job.attempt, at: Date.now() });
        if (job.attempt < 3) throw new Error('transient');
      },
      1,
    );
    await driver.add(QUEUE, JOB, {}, options(5));
    await until(() => attempts.length === 3);
    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    // 20 ms then 40 ms of backoff
    expect(attempts[2].at - attempts[0].at).toBeGreaterThanOrEqual(55);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(attempts).toHaveLength(3);
  });

  it.runIf(available)('gives up after the configured attempts and counts the job as failed', async () => {
    current = factory();
    const driver = await current.create();
    let runs = 0;
    await driver.work(QUEUE, async () => {
      runs += 1;
      throw new Error('permanent');
    }, 1);
    await driver.add(QUEUE, JOB, {}, options(2));
    await until(async () => (await driver.counts(QUEUE)).failed === 1);
    expect(runs).toBe(2);
    expect(await driver.counts(QUEUE)).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 1 });
  });

  it.runIf(available)('does not add a job twice under the same job id, and counts waiting jobs', async () => {
    current = factory();
    const driver = await current.create();
    await driver.add(QUEUE, JOB, {}, options(1, 'same-id'));
    await driver.add(QUEUE, JOB, {}, options(1, 'same-id'));
    await driver.add(QUEUE, JOB, {}, options(1));
    expect((await driver.counts(QUEUE)).waiting).toBe(2);
    let runs = 0;
    await driver.work(QUEUE, async () => void (runs += 1), 1);
    await until(() => runs === 2);
  });

  it.runIf(available)('keeps jobs that failed for good, oldest first, and runs them again with all their attempts', async () => {
    current = factory();
    const driver = await current.create();
    let healthy = false;
    const runs: QueueJob[] = [];
    await driver.work(QUEUE, async (job) => {
      runs.push(job);
      if (!healthy) throw new Error('the receiver is away');
    }, 1);
    await driver.add(QUEUE, JOB, { n: 1 }, options(2, 'first'));
    await until(async () => (await driver.counts(QUEUE)).failed === 1);
    await driver.add(QUEUE, JOB, { n: 2 }, options(2, 'second'));
    await until(async () => (await driver.counts(QUEUE)).failed === 2);
    expect(await driver.failedJobIds(QUEUE, 10)).toEqual(['first', 'second']);
    expect(await driver.failedJobIds(QUEUE, 1)).toEqual(['first']);
    expect(runs.map((job) => [job.id, job.attempt, job.maxAttempts])).toEqual([
      ['first', 1, 2],
      ['first', 2, 2],
      ['second', 1, 2],
      ['second', 2, 2],
    ]);

    healthy = true;
    expect(await driver.retryFailed(QUEUE, ['first', 'no-such-job'])).toEqual(['first']);
    await until(() => runs.length === 5);
    await until(async () => (await driver.counts(QUEUE)).active === 0);
    // Its attempts start again from the first.
    expect(runs[4]).toMatchObject({ id: 'first', attempt: 1, data: { n: 1 } });
    expect(await driver.counts(QUEUE)).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 1 });
    expect(await driver.failedJobIds(QUEUE, 10)).toEqual(['second']);
    // Not failed any more: nothing to retry.
    expect(await driver.retryFailed(QUEUE, ['first'])).toEqual([]);
  });

  it.runIf(available)('answers ping', async () => {
    current = factory();
    const driver = await current.create();
    await expect(driver.ping()).resolves.toBeUndefined();
  });
});

describe.runIf(Boolean(redisUrl))('bullmq driver workers', () => {
  it('store the worker name on every job they run (processedBy), with the crash recovery timing given', async () => {
    const factory = bullMq(redisUrl ?? '');
    const driver = await factory.create();
    try {
      let ran = false;
      await driver.work(QUEUE, async () => void (ran = true), 1);
      const id = await driver.add(QUEUE, JOB, {}, options(1, 'named'));
      await until(() => ran);
      await until(async () => (await driver.counts(QUEUE)).active === 0);
      const job = await factory.queue()!.getJob(id);
      expect(job?.processedBy).toBe('test-worker-7');
      const [worker] = (driver as unknown as { workers: { opts: Record<string, unknown> }[] }).workers;
      expect(worker.opts).toMatchObject({ name: 'test-worker-7', lockDuration: 5_000, stalledInterval: 2_000, maxStalledCount: 1 });
    } finally {
      await factory.dispose();
    }
  });

  it('give a job retried after it failed for stalling its stalls back, as well as its attempts', async () => {
    const factory = bullMq(redisUrl ?? '');
    const driver = await factory.create();
    try {
      await driver.work(QUEUE, async () => {
        throw new Error('the receiver is away');
      }, 1);
      const id = await driver.add(QUEUE, JOB, {}, options(1, 'stalled-out'));
      await until(async () => (await driver.counts(QUEUE)).failed === 1);
      // As BullMQ leaves a job its stalled check moved back once before (moveStalledJobsToWait: HINCRBY stc).
      const queue = factory.queue()!;
      const client = await queue.getBackend().client;
      await client.hset(queue.toKey(id), { stc: '1' });
      expect(await driver.retryFailed(QUEUE, [id])).toEqual([id]);
      expect(await client.hget(queue.toKey(id), 'stc')).toBeNull();
    } finally {
      await factory.dispose();
    }
  });
});
