import { type ConnectionOptions, type Job, type Queue, Worker } from 'bullmq';
import type { JobName, QueueName } from './job-definitions.js';
import type { EnqueueOptions, JobProcessor, QueueCounts, QueueDriver, QueueJob } from './queue-driver.interface.js';

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

  async add(queue: QueueName, name: JobName, data: unknown, options: EnqueueOptions): Promise<string> {
    const job = await this.queue(queue).add(name, data, {
      jobId: options.jobId,
      attempts: options.attempts,
      backoff: { type: 'exponential', delay: options.backoffMilliseconds },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
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
      delayed: counts.delayed ?? 0,
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

  private queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`queue ${name} is not registered`);
    return queue;
  }
}
