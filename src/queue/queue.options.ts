export interface QueueModuleOptions {
  /** Whether this process consumes jobs (the worker and the all-in-one process do). */
  runWorkers: boolean;
  concurrency: number;
  redisUrl?: string;
  prefix: string;
  /** This process's name (WORKER_NAME): on every job it runs and in its job log lines. */
  workerName?: string;
  /** How soon a dead worker's jobs run again (BullMQ; see WorkerRecovery). */
  recovery?: WorkerRecovery;
  /** Longest wait between tries while the database is away (default 15 s). */
  outageRetryMaxMilliseconds?: number;
  /** Test only: in-process jobs start this long after they are queued. */
  jobStartDelayMilliseconds?: number;
}

/**
 * Crash recovery timing, the same for every BullMQ worker: a running job holds a lock for
 * `lockDurationMilliseconds`, renewed by its worker every half of it; a worker that dies stops renewing, and the
 * next stalled check (every `stalledIntervalMilliseconds`, in any live worker) after the lock expired puts the job
 * back to waiting. A dead worker's jobs therefore run again after roughly lock duration plus up to one interval.
 * `maxStalledCount` such returns are allowed; the next one fails the job for good.
 */
export interface WorkerRecovery {
  lockDurationMilliseconds: number;
  stalledIntervalMilliseconds: number;
  maxStalledCount: number;
}

export const DEFAULT_WORKER_RECOVERY: WorkerRecovery = { lockDurationMilliseconds: 30_000, stalledIntervalMilliseconds: 15_000, maxStalledCount: 2 };

export const QUEUE_MODULE_OPTIONS = Symbol('QUEUE_MODULE_OPTIONS');
