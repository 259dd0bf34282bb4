import type { JobName, QueueName } from '../../src/queue/job-definitions.js';
import type { EnqueueOptions, QueueCounts, QueueDriver, ScheduledJob } from '../../src/queue/queue-driver.interface.js';

/**
 * A durable queue that keeps what it accepts instead of running it (a test runs the jobs itself),
 * deduping by job id as BullMQ does, and can be made unreachable.
 */
export class RecordingQueueDriver implements QueueDriver {
  readonly durable = true;
  readonly accepted = new Map<string, { name: JobName; data: unknown }>();
  reachable = true;

  constructor(readonly name: 'in-process' | 'bullmq' = 'in-process') {}

  /** In the order accepted. */
  get jobs(): { name: JobName; data: unknown }[] {
    return [...this.accepted.values()];
  }

  async add(_queue: QueueName, name: JobName, data: unknown, options: EnqueueOptions): Promise<string> {
    if (!this.reachable) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    const jobId = options.jobId ?? `job-${this.accepted.size + 1}`;
    if (!this.accepted.has(jobId)) this.accepted.set(jobId, { name, data });
    return jobId;
  }
  async work(): Promise<void> {}
  async counts(): Promise<QueueCounts> {
    return { waiting: 0, active: 0, delayed: 0, failed: 0 };
  }
  async failedJobIds(): Promise<string[]> {
    return [];
  }
  async retryFailed(): Promise<string[]> {
    return [];
  }
  async ping(): Promise<void> {}
  async upsertSchedule(): Promise<void> {}
  async removeSchedule(): Promise<void> {}
  async schedules(): Promise<ScheduledJob[]> {
    return [];
  }
  async close(): Promise<void> {}
}
