import type { JobDefinition, JobName, QueueName } from './job-definitions.js';

export interface QueueJob<T = unknown> {
  id: string;
  name: JobName;
  data: T;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
}

export type JobProcessor = (job: QueueJob) => Promise<void>;

export interface EnqueueOptions extends JobDefinition {
  /** A job with the same id already waiting is not added twice. */
  jobId?: string;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export type JobOutcome = 'completed' | 'failed';

/** The queue as the project sees it; BullMQ and the in-process driver both implement it. */
export interface QueueDriver {
  readonly name: 'bullmq' | 'in-process';
  /**
   * Whether an accepted job survives a restart of this process. When not, the outbox keeps owing the
   * job until the driver reports it settled (onSettled).
   */
  readonly durable: boolean;
  /** Called when a job is done for good (completed, or failed its last attempt), before the driver forgets it. */
  onSettled?(listener: (job: QueueJob, outcome: JobOutcome) => Promise<void>): void;
  add(queue: QueueName, name: JobName, data: unknown, options: EnqueueOptions): Promise<string>;
  work(queue: QueueName, processor: JobProcessor, concurrency: number): Promise<void>;
  counts(queue: QueueName): Promise<QueueCounts>;
  /** Throws when the backing store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');
