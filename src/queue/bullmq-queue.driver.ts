import { type ConnectionOptions, type Job, type Queue, Worker } from 'bullmq';
import type { JobName, QueueName } from './job-definitions.js';
import type { EnqueueOptions, JobProcessor, QueueCounts, QueueDriver, QueueJob, ScheduledJob, ScheduleTiming } from './queue-driver.interface.js';

/** How long Redis keeps finished jobs. */
const RETENTION_OF_JOBS = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };

/** BullMQ on Redis: jobs survive restarts and workers scale out across machines. */
export class BullMqQueueDriver implements QueueDriver {
  readonly name = 'bullmq' as const;
  readonly durable = true;
  private readonly workers: Worker[] = [];

  constructor(
    private readonly queues: ReadonlyMap<QueueName, Queue>,
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly onFailure: (job: QueueJob, error: unknown, final: boolean) => void = () => undefined,
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
    const worker = new Worker(
      queue,
      async (job: Job) => processor({ id: job.id ?? '', name: job.name as JobName, data: job.data, attempt: job.attemptsMade + 1 }),
      { connection: this.connection, prefix: this.prefix, concurrency, autorun: true },
    );
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1);
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
