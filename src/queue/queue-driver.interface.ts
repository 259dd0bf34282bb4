import type { JobDefinition, JobName, QueueName } from './job-definitions.js';

export interface QueueJob<T = unknown> {
  id: string;
  name: JobName;
  data: T;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** How many attempts the job has in all (its definition's `attempts`): the run with attempt = maxAttempts is its last. */
  maxAttempts?: number;
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

/** When a scheduled job fires: a cron pattern (five fields, or six with seconds) read in an IANA time zone. */
export interface ScheduleTiming {
  pattern: string;
  tz: string;
}

/** A schedule as the driver keeps it (read back for tests and checks). */
export interface ScheduledJob {
  id: string;
  name: JobName;
  pattern: string;
  tz: string;
  /** The next fire time, when the driver knows it. */
  next?: Date;
}

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
  /** Ids of jobs that failed their last attempt and are still kept, oldest first, at most `limit`. */
  failedJobIds(queue: QueueName, limit: number): Promise<string[]>;
  /**
   * Runs these failed jobs again with all their attempts (ids no longer failed are skipped);
   * returns the ids queued again.
   */
  retryFailed(queue: QueueName, jobIds: readonly string[]): Promise<string[]>;
  /** Creates or replaces the schedule `id`: one schedule per id, however often it is upserted. */
  upsertSchedule(id: string, timing: ScheduleTiming, queue: QueueName, name: JobName, data: unknown, options: EnqueueOptions): Promise<void>;
  removeSchedule(id: string, queue: QueueName): Promise<void>;
  schedules(queue: QueueName): Promise<ScheduledJob[]>;
  /** Throws when the backing store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');
