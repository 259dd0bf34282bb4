import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { isDatabaseUnavailable } from '../common/database-unavailable.js';
import { safeErrorMessage } from '../database/safe-typeorm.logger.js';
import { JOB_DEFINITIONS, type JobName, outageRetryDelay, QUEUE_NAMES, type QueueName } from './job-definitions.js';
import { JOB_HANDLER_METADATA, type JobHandler } from './job-handler.decorator.js';
import { QUEUE_DRIVER, type QueueDriver, type QueueJob } from './queue-driver.interface.js';
import { QUEUE_MODULE_OPTIONS, type QueueModuleOptions } from './queue.options.js';

/** One run of a job handler (all its waits for the database included), as observers are told of it. */
export interface JobRun {
  queue: QueueName;
  name: JobName;
  outcome: 'completed' | 'failed';
  durationSeconds: number;
}

/** How a run ended, as the job log line says it: a failed attempt with attempts left is retried. */
export type JobRunOutcome = 'completed' | 'failed-will-retry' | 'failed';

/** The one log line per job run, the same for both queue drivers. */
export interface JobLogLine {
  event: 'job';
  queue: QueueName;
  job: JobName;
  jobId: string;
  worker: string;
  attempt: number;
  durationMs: number;
  outcome: JobRunOutcome;
  /** Why it failed, without a database error's payload fields. */
  error?: string;
}

/** The log line of one run; `error` is set when the run failed. Exported for its test. */
export function jobLogLine(job: QueueJob, worker: string, durationMilliseconds: number, error?: { reason: unknown }): JobLogLine {
  const line: JobLogLine = {
    event: 'job',
    queue: JOB_DEFINITIONS[job.name].queue,
    job: job.name,
    jobId: job.id,
    worker,
    attempt: job.attempt,
    durationMs: Math.round(durationMilliseconds),
    outcome: 'completed',
  };
  if (!error) return line;
  const attempts = job.maxAttempts ?? JOB_DEFINITIONS[job.name].attempts;
  return { ...line, outcome: job.attempt >= attempts ? 'failed' : 'failed-will-retry', error: safeErrorMessage(error.reason) };
}

export type JobRunObserver = (run: JobRun) => void;

/** Finds the job handlers, refuses to start when a job has none (or two), and starts the workers. */
@Injectable()
export class JobHandlerRegistryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Queue');
  /** One line per job run (see jobLogLine). */
  private readonly jobLogger = new Logger('Job');
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  private stopping = false;
  private readonly sleepers = new Set<() => void>();
  private readonly observers = new Set<JobRunObserver>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    @Inject(QUEUE_MODULE_OPTIONS) private readonly options: QueueModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.collectHandlers();
    if (!this.options.runWorkers) return;
    for (const queue of QUEUE_NAMES) {
      await this.driver.work(queue, (job) => this.dispatch(job), this.options.concurrency);
    }
    this.logger.log(`worker ${this.workerName} started on ${this.driver.name} driver (${QUEUE_NAMES.join(', ')}; concurrency ${this.options.concurrency})`);
  }

  /** Before the database closes (onApplicationShutdown), so running jobs can finish their queries. */
  async beforeApplicationShutdown(): Promise<void> {
    // Jobs waiting out an outage try once more, then fail as an ordinary attempt (in-process: they stay owed in the outbox).
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    await this.driver.close();
  }

  /** Instrumentation hook (metrics): told after every handler run; returns the unsubscribe. */
  observe(observer: JobRunObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  private collectHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const name = this.reflector.get<JobName | undefined>(JOB_HANDLER_METADATA, wrapper.metatype);
      if (!name) continue;
      if (!(name in JOB_DEFINITIONS)) throw new Error(`${wrapper.name} handles unknown job "${name}"`);
      if (this.handlers.has(name)) throw new Error(`job "${name}" has two handlers`);
      this.handlers.set(name, wrapper.instance as JobHandler<JobName>);
    }
    const missing = (Object.keys(JOB_DEFINITIONS) as JobName[]).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  private async dispatch(job: QueueJob): Promise<void> {
    const started = performance.now();
    let failure: { reason: unknown } | undefined;
    try {
      await this.runHandler(job);
    } catch (error) {
      failure = { reason: error };
      throw error;
    } finally {
      const milliseconds = performance.now() - started;
      this.logRun(jobLogLine(job, this.workerName, milliseconds, failure));
      this.notify({ queue: JOB_DEFINITIONS[job.name].queue, name: job.name, outcome: failure ? 'failed' : 'completed', durationSeconds: milliseconds / 1000 });
    }
  }

  private get workerName(): string {
    return this.options.workerName ?? 'unnamed';
  }

  private logRun(line: JobLogLine): void {
    if (line.outcome === 'completed') this.jobLogger.log(line);
    else if (line.outcome === 'failed-will-retry') this.jobLogger.warn(line);
    else this.jobLogger.error(line);
  }

  /** An observer's failure must never fail the job. */
  private notify(run: JobRun): void {
    for (const observer of this.observers) {
      try {
        observer(run);
      } catch (error) {
        this.logger.warn(`job run observer failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private async runHandler(job: QueueJob): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    // A database outage is waited out here, however long it lasts: those tries do not use up the job's attempts.
    for (let outageTry = 1; ; outageTry += 1) {
      try {
        await handler.handle(job.data as never, { jobId: job.id, attempt: job.attempt, workerName: this.workerName });
        return;
      } catch (error) {
        if (this.stopping || !isDatabaseUnavailable(error)) throw error;
        const wait = outageRetryDelay(outageTry, this.options.outageRetryMaxMilliseconds ?? 15_000);
        this.logger.warn(`job ${job.name} ${job.id} attempt ${job.attempt}: database unavailable (try ${outageTry}), trying again in ${wait} ms`);
        await this.sleep(wait);
      }
    }
  }

  private sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, milliseconds);
      this.sleepers.add(wake);
    });
  }
}
