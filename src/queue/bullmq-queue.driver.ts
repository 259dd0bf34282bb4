import { type ConnectionOptions, type Job, type Queue, Worker } from 'bullmq';
import type { JobName, QueueName } from './job-definitions.js';
import type { EnqueueOptions, JobProcessor, QueueCounts, QueueDriver, QueueJob, ScheduledJob, ScheduleTiming } from './queue-driver.interface.js';
import { DEFAULT_WORKER_RECOVERY, type WorkerRecovery } from './queue.options.js';

/** What every Worker of this process is started with. */
export interface BullMqWorkerSettings {
  /** Stored on every job the worker runs (the job's `processedBy`). */
  name?: string;
  recovery?: WorkerRecovery;
}

/** How long Redis keeps finished jobs. */
const RETENTION_OF_JOBS = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };

/** BullMQ on Redis: jobs survive restarts and workers scale out across machines. */
export class BullMqQueueDriver implements QueueDriver {
  readonly name = 'bullmq' as const;
  readonly durable = true;
  private readonly workers: Worker[] = [];
  /** Errors the processor threw: it has logged them (with the job's outcome); the 'failed' event need not. */
  private readonly reported = new WeakSet<object>();

  constructor(
    private readonly queues: ReadonlyMap<QueueName, Queue>,
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly onFailure: (job: QueueJob, error: unknown, final: boolean) => void = () => undefined,
    private readonly settings: BullMqWorkerSettings = {},
  ) {}

  /** One job scheduler per id (bullmq 6 has no `repeat` option); Redis keeps it across restarts. */
  async upsertSchedule(id: string, timing: ScheduleTiming, queue: QueueName, name: JobName, data: unknown, options: EnqueueOptions): Promise<void> {
    await this.queue(queue).upsertJobScheduler(
      id,
      { pattern: timing.pattern, tz: timing.tz },
      { name, data, opts: { attempts: options.attempts, backoff: { type: 'exponential', delay: options.backoffMilliseconds }, ...RETENTION_OF_JOBS } },
    );
  }

  async removeSchedule(id: string, queue: QueueName): Promise<void> {
    await this.queue(queue).removeJobScheduler(id);
  }

  async schedules(queue: QueueName): Promise<ScheduledJob[]> {
    const schedulers = await this.queue(queue).getJobSchedulers();
    return schedulers.map((scheduler) => ({
      id: scheduler.key,
      name: scheduler.name as JobName,
      pattern: scheduler.pattern ?? '',
      tz: scheduler.tz ?? 'UTC',
      next: scheduler.next === undefined ? undefined : new Date(scheduler.next),
    }));
  }

  async add(queue: QueueName, name: JobName, data: unknown, options: EnqueueOptions): Promise<string> {
    const job = await this.queue(queue).add(name, data, {
      jobId: options.jobId,
      attempts: options.attempts,
      backoff: { type: 'exponential', delay: options.backoffMilliseconds },
      ...RETENTION_OF_JOBS,
    });
    return job.id ?? '';
  }

  async work(queue: QueueName, processor: JobProcessor, concurrency: number): Promise<void> {
    const recovery = this.settings.recovery ?? DEFAULT_WORKER_RECOVERY;
    const worker = new Worker(
      queue,
      async (job: Job) => {
        try {
          await processor({ id: job.id ?? '', name: job.name as JobName, data: job.data, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 });
        } catch (error) {
          if (typeof error === 'object' && error !== null) this.reported.add(error);
          throw error;
        }
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency,
        autorun: true,
        name: this.settings.name,
        lockDuration: recovery.lockDurationMilliseconds,
        stalledInterval: recovery.stalledIntervalMilliseconds,
        maxStalledCount: recovery.maxStalledCount,
      },
    );
    worker.on('failed', (job, error) => {
      // A job that lost its worker too often fails here without any processor run to report it.
      if (!job || this.reported.has(error)) return;
      // Failed for good: out of attempts, or stalled too often (BullMQ fails that with an UnrecoverableError, attempts left or not).
      const final = job.finishedOn !== undefined || error?.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
      this.onFailure({ id: job.id ?? '', name: job.name as JobName, data: job.data, attempt: job.attemptsMade }, error, final);
    });
    // Without a listener an 'error' event (Redis hiccup) would crash the process.
    worker.on('error', (error) => this.onFailure({ id: '', name: queue as JobName, data: undefined, attempt: 0 }, error, false));
    await worker.waitUntilReady();
    this.workers.push(worker);
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    const counts = await this.queue(queue).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      // A schedule's next run waits as a delayed job: not work owed, so not counted.
      delayed: Math.max(0, (counts.delayed ?? 0) - (await this.scheduledNextRuns(queue))),
      failed: counts.failed ?? 0,
    };
  }

  async failedJobIds(queue: QueueName, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const jobs = await this.queue(queue).getJobs('failed', 0, limit - 1, true);
    return jobs.flatMap((job) => (job?.id ? [job.id] : []));
  }

  /** job.retry() moves a failed job back to waiting; its attempts start again from the first. */
  async retryFailed(queue: QueueName, jobIds: readonly string[]): Promise<string[]> {
    const retried: string[] = [];
    for (const id of jobIds) {
      const job = await this.queue(queue).getJob(id);
      if (!job || !(await job.isFailed())) continue;
      try {
        // job.retry() resets the attempts, not the stalled count ('stc'): a job failed for stalling would fail again on its next stall.
        const client = await this.queue(queue).getBackend().client;
        await client.hdel(this.queue(queue).toKey(id), 'stc');
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        retried.push(id);
      } catch {
        // Retried or removed by another process meanwhile.
      }
    }
    return retried;
  }

  /** A real round trip to Redis, bounded so a health check never hangs. */
  async ping(): Promise<void> {
    const [first] = this.queues.values();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer within 2 s')), 2_000);
    });
    try {
      await Promise.race([first.getJobCounts('waiting'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Lets running jobs finish, then closes workers; queues are closed by @nestjs/bullmq. */
  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.close()));
  }

  /** How many schedules' next runs are waiting as delayed jobs (id `repeat:<scheduler id>:<next millis>`). */
  private async scheduledNextRuns(queue: QueueName): Promise<number> {
    const schedulers = await this.queue(queue).getJobSchedulers();
    let delayed = 0;
    for (const scheduler of schedulers) {
      if (scheduler.next === undefined) continue;
      const job = await this.queue(queue).getJob(`repeat:${scheduler.key}:${scheduler.next}`);
      if (job && (await job.isDelayed())) delayed += 1;
    }
    return delayed;
  }

  private queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`queue ${name} is not registered`);
    return queue;
  }
}
