import { randomUUID } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import { retryDelay } from './job-definitions.js';
import type { JobName, QueueName } from './job-definitions.js';
import type {
  EnqueueOptions,
  JobOutcome,
  JobProcessor,
  QueueCounts,
  QueueDriver,
  QueueJob,
  ScheduledJob,
  ScheduleTiming,
} from './queue-driver.interface.js';

interface ScheduleState {
  schedule: ScheduledJob;
  queue: QueueName;
  data: unknown;
  options: EnqueueOptions;
  timer?: NodeJS.Timeout;
}

/** Failed jobs kept in memory per queue; the outbox keeps its own record of the ones it handed over. */
const MAX_FAILED_KEPT = 1_000;

/** setTimeout fires at once beyond this (about 24.8 days); longer waits are taken in steps. */
const MAX_TIMER_MILLISECONDS = 2 ** 31 - 1;

/** The first fire time of `timing` strictly after `after`. */
export function nextFireTime(timing: ScheduleTiming, after: Date): Date {
  return CronExpressionParser.parse(timing.pattern, { currentDate: after, tz: timing.tz }).next().toDate();
}

interface PendingJob {
  job: QueueJob;
  options: EnqueueOptions;
}

interface QueueState {
  waiting: PendingJob[];
  delayed: Map<string, NodeJS.Timeout>;
  active: Set<string>;
  /** Jobs that failed their last attempt, oldest first, kept for retryFailed (the newest MAX_FAILED_KEPT). */
  failed: PendingJob[];
  knownIds: Set<string>;
  processor?: JobProcessor;
  concurrency: number;
}

/**
 * Runs jobs in this process with BullMQ's semantics (attempts, exponential backoff, job-id dedupe),
 * for a single-process deployment without Redis. Jobs do not survive a restart by themselves: the
 * outbox owes each one until onSettled reports it, and hands it over again after a restart.
 */
export class InProcessQueueDriver implements QueueDriver {
  readonly name = 'in-process' as const;
  readonly durable = false;
  private readonly queues = new Map<QueueName, QueueState>();
  private closed = false;
  private readonly scheduled = new Map<string, ScheduleState>();
  private readonly idleWaiters: (() => void)[] = [];
  private settled: (job: QueueJob, outcome: JobOutcome) => Promise<void> = async () => undefined;

  constructor(
    private readonly onFailure: (job: QueueJob, error: unknown, final: boolean) => void = () => undefined,
    /** Test only: a job's first run waits this long, so a test can crash the process before it. */
    private readonly startDelayMilliseconds = 0,
  ) {}

  onSettled(listener: (job: QueueJob, outcome: JobOutcome) => Promise<void>): void {
    this.settled = listener;
  }

  async add(queue: QueueName, name: JobName, data: unknown, options: EnqueueOptions): Promise<string> {
    if (this.closed) throw new Error('queue driver is closed');
    const state = this.state(queue);
    const id = options.jobId ?? randomUUID();
    if (state.knownIds.has(id)) return id;
    state.knownIds.add(id);
    state.waiting.push({ job: { id, name, data, attempt: 1, maxAttempts: options.attempts }, options });
    this.pump(queue);
    return id;
  }

  async work(queue: QueueName, processor: JobProcessor, concurrency: number): Promise<void> {
    const state = this.state(queue);
    state.processor = processor;
    state.concurrency = concurrency;
    this.pump(queue);
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    const state = this.state(queue);
    return { waiting: state.waiting.length, active: state.active.size, delayed: state.delayed.size, failed: state.failed.length };
  }

  async failedJobIds(queue: QueueName, limit: number): Promise<string[]> {
    return this.state(queue).failed.slice(0, Math.max(0, limit)).map((pending) => pending.job.id);
  }

  async retryFailed(queue: QueueName, jobIds: readonly string[]): Promise<string[]> {
    if (this.closed) throw new Error('queue driver is closed');
    const state = this.state(queue);
    const wanted = new Set(jobIds);
    const retried: string[] = [];
    state.failed = state.failed.filter((pending) => {
      if (!wanted.has(pending.job.id)) return true;
      // Added again meanwhile under the same id: that run stands for this one.
      if (!state.knownIds.has(pending.job.id)) {
        state.knownIds.add(pending.job.id);
        state.waiting.push({ job: { ...pending.job, attempt: 1 }, options: pending.options });
        retried.push(pending.job.id);
      }
      return false;
    });
    this.pump(queue);
    return retried;
  }

  async ping(): Promise<void> {}

  /** A timer per schedule: at each fire time the job is added, then the next fire time is computed. */
  async upsertSchedule(id: string, timing: ScheduleTiming, queue: QueueName, name: JobName, data: unknown, options: EnqueueOptions): Promise<void> {
    if (this.closed) throw new Error('queue driver is closed');
    nextFireTime(timing, new Date()); // an invalid pattern or time zone throws here, before the old schedule is replaced
    await this.removeSchedule(id);
    const state: ScheduleState = { schedule: { id, name, pattern: timing.pattern, tz: timing.tz }, queue, data, options };
    this.scheduled.set(id, state);
    this.arm(state);
  }

  async removeSchedule(id: string): Promise<void> {
    const state = this.scheduled.get(id);
    if (!state) return;
    clearTimeout(state.timer);
    this.scheduled.delete(id);
  }

  async schedules(queue: QueueName): Promise<ScheduledJob[]> {
    return [...this.scheduled.values()].filter((state) => state.queue === queue).map((state) => ({ ...state.schedule }));
  }

  /** Resolves once nothing is waiting, delayed or running (tests and graceful shutdown). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Finishes what is waiting or running (graceful shutdown); retries not yet due are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    for (const schedule of this.scheduled.values()) clearTimeout(schedule.timer);
    this.scheduled.clear();
    for (const state of this.queues.values()) {
      for (const timer of state.delayed.values()) clearTimeout(timer);
      state.delayed.clear();
    }
    await this.whenIdle();
  }

  private arm(state: ScheduleState): void {
    const next = nextFireTime(state.schedule, new Date());
    state.schedule.next = next;
    this.waitUntil(state, next);
  }

  private waitUntil(state: ScheduleState, fireAt: Date): void {
    const wait = fireAt.getTime() - Date.now();
    state.timer = setTimeout(
      () => {
        if (this.scheduled.get(state.schedule.id) !== state) return;
        if (fireAt.getTime() > Date.now()) return this.waitUntil(state, fireAt);
        const jobId = `schedule-${state.schedule.id}-${fireAt.getTime()}`;
        void this.add(state.queue, state.schedule.name, state.data, { ...state.options, jobId }).catch((error: unknown) =>
          this.onFailure({ id: jobId, name: state.schedule.name, data: state.data, attempt: 0 }, error, false),
        );
        this.arm(state);
      },
      Math.max(0, Math.min(wait, MAX_TIMER_MILLISECONDS)),
    );
    // A schedule alone does not keep the process alive.
    state.timer.unref();
  }

  private state(queue: QueueName): QueueState {
    let state = this.queues.get(queue);
    if (!state) {
      state = { waiting: [], delayed: new Map(), active: new Set(), failed: [], knownIds: new Set(), concurrency: 1 };
      this.queues.set(queue, state);
    }
    return state;
  }

  private pump(queue: QueueName): void {
    const state = this.state(queue);
    if (!state.processor) return;
    while (state.active.size < state.concurrency && state.waiting.length > 0) {
      const pending = state.waiting.shift()!;
      state.active.add(pending.job.id);
      // Always asynchronous, as with a real queue: add() never runs the job in the caller's stack.
      if (this.startDelayMilliseconds > 0 && pending.job.attempt === 1) setTimeout(() => void this.run(queue, pending), this.startDelayMilliseconds);
      else setImmediate(() => void this.run(queue, pending));
    }
  }

  private async run(queue: QueueName, pending: PendingJob): Promise<void> {
    const state = this.state(queue);
    const { job, options } = pending;
    let retryAfter: number | undefined;
    try {
      await state.processor!(job);
      await this.settle(job, 'completed');
      state.knownIds.delete(job.id);
    } catch {
      // The processor (JobHandlerRegistryService) logs each run with its outcome and reason.
      const lastAttempt = job.attempt >= options.attempts;
      if (lastAttempt) {
        state.failed.push(pending);
        if (state.failed.length > MAX_FAILED_KEPT) state.failed.shift();
        await this.settle(job, 'failed');
        state.knownIds.delete(job.id);
      } else if (this.closed) {
        // Shutting down: not a final failure, the job stays owed and runs again after the restart.
        state.knownIds.delete(job.id);
      } else retryAfter = retryDelay(options, job.attempt);
    } finally {
      state.active.delete(job.id);
    }
    if (retryAfter !== undefined) {
      const retry: PendingJob = { job: { ...job, attempt: job.attempt + 1 }, options };
      const timer = setTimeout(() => {
        state.delayed.delete(job.id);
        state.waiting.push(retry);
        this.pump(queue);
      }, retryAfter);
      state.delayed.set(job.id, timer);
    }
    this.pump(queue);
    this.notifyIfIdle();
  }

  /** Settling is recorded before the id is forgotten, so an owed job is never handed over twice at once. */
  private async settle(job: QueueJob, outcome: JobOutcome): Promise<void> {
    try {
      await this.settled(job, outcome);
    } catch (error) {
      // Not recorded (e.g. the database just went away): the job stays owed and runs again after a restart.
      this.onFailure(job, error, false);
    }
  }

  private isIdle(): boolean {
    for (const state of this.queues.values()) {
      if (state.active.size > 0 || state.delayed.size > 0 || (state.waiting.length > 0 && state.processor)) return false;
    }
    return true;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
