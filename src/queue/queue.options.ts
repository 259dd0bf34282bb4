export interface QueueModuleOptions {
  /** Whether this process consumes jobs (the worker and the all-in-one process do). */
  runWorkers: boolean;
  concurrency: number;
  redisUrl?: string;
  prefix: string;
}

export const QUEUE_MODULE_OPTIONS = Symbol('QUEUE_MODULE_OPTIONS');
