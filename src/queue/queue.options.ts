export interface QueueModuleOptions {
  /** Whether this process consumes jobs (the worker and the all-in-one process do). */
  runWorkers: boolean;
  concurrency: number;
  redisUrl?: string;
  prefix: string;
  /** Longest wait between tries while the database is away (default 15 s). */
  outageRetryMaxMilliseconds?: number;
  /** Test only: in-process jobs start this long after they are queued. */
  jobStartDelayMilliseconds?: number;
}

export const QUEUE_MODULE_OPTIONS = Symbol('QUEUE_MODULE_OPTIONS');
