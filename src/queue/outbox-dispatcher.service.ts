import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { safeErrorMessage } from '../database/safe-typeorm.logger.js';
import { Transactions } from '../database/transactions.service.js';
import { JOB_DEFINITIONS, type JobName, QUEUE_NAMES, type QueueName } from './job-definitions.js';
import { MessageQueueService } from './message-queue.service.js';
import { OutboxRepository } from './outbox.repository.js';

export interface OutboxOptions {
  /** How often owed rows are looked for; rows are also handed over right after their commit (handOver). */
  pollMilliseconds: number;
}

export const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

/** What one queue still owes and what failed on it for good. */
export interface QueueStatus {
  pending: number;
  failed: number;
}

export interface DeferredWorkStatus extends QueueStatus {
  queues: Record<QueueName, QueueStatus>;
}

/** The jobs of each queue, to find a queue's outbox rows by their job name. */
const JOBS_OF_QUEUE = Object.fromEntries(
  QUEUE_NAMES.map((queue) => [queue, (Object.keys(JOB_DEFINITIONS) as JobName[]).filter((name) => JOB_DEFINITIONS[name].queue === queue)]),
) as Record<QueueName, JobName[]>;

/** Jobs looked at per queue when telling the in-process queue's own failures from the outbox's. */
const FAILED_LOOKED_AT = 1_000;

const BATCH = 100;
const KEEP_DONE_DAYS = 7;
const PURGE_EVERY_POLLS = 3_600;

/**
 * Hands outbox rows to the queue: at start, right after a change commits (handOver), and on a timer
 * for whatever a crash or an unreachable queue left behind. Rows are marked only after the queue
 * accepted them; a row handed over twice is one job (the job id dedupes in both drivers).
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private chain: Promise<void> = Promise.resolve();
  private waiting?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private polls = 0;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly transactions: Transactions,
    private readonly queue: MessageQueueService,
    @Inject(OUTBOX_OPTIONS) private readonly options: OutboxOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.durable) {
      // The in-process queue forgets its jobs with the process: a row stays owed until its job settles.
      this.queue.onSettled((job, outcome) => this.outbox.markSettled(job.id, outcome === 'failed'));
      const released = await this.outbox.releaseDispatched();
      if (released > 0) this.logger.log(`${released} job(s) owed from before the restart are handed over again`);
    }
    await this.handOver();
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.chain;
  }

  /** Hands every owed row over now; never throws (what fails stays owed for the next round). */
  handOver(): Promise<void> {
    // Callers arriving while a round waits to start join it: it starts after their commit, so it sees their rows.
    if (this.waiting) return this.waiting;
    const round = this.chain
      .then(() => {
        this.waiting = undefined;
        return this.drain();
      })
      .catch((error: unknown) => this.logger.warn(`outbox not handed over yet: ${safeErrorMessage(error)}`));
    this.waiting = round;
    this.chain = round;
    return round;
  }

  /**
   * What is still owed, per queue and in total: rows not handed over yet plus what the queue has not finished
   * (waiting, running, waiting to retry); and what failed for good: failed jobs the queue keeps, plus failed
   * outbox rows (the in-process queue forgets its failures on restart, the outbox does not; a row naming a job
   * that no longer exists counts in the total only).
   */
  async status(): Promise<DeferredWorkStatus> {
    const [rows, counts] = await Promise.all([this.outbox.countsByJob(), this.queue.countsByQueue()]);
    const queues = Object.fromEntries(
      QUEUE_NAMES.map((queue) => [queue, { pending: counts[queue].waiting + counts[queue].active + counts[queue].delayed, failed: this.queue.durable ? counts[queue].failed : 0 }]),
    ) as Record<QueueName, QueueStatus>;
    let unknownFailed = 0;
    for (const row of rows) {
      const definition = JOB_DEFINITIONS[row.jobName as JobName] as (typeof JOB_DEFINITIONS)[JobName] | undefined;
      if (!definition) {
        unknownFailed += row.failed;
        continue;
      }
      queues[definition.queue].pending += row.undispatched;
      queues[definition.queue].failed += row.failed;
    }
    if (!this.queue.durable) {
      // Failures of jobs the outbox never held (scheduled firings) are known to this process's queue only.
      for (const queue of QUEUE_NAMES) {
        if (counts[queue].failed === 0) continue;
        const ids = await this.queue.failedJobIds(queue, FAILED_LOOKED_AT);
        const known = await this.outbox.knownJobIds(ids);
        queues[queue].failed += ids.filter((id) => !known.has(id)).length;
      }
    }
    const all = Object.values(queues);
    return {
      pending: all.reduce((sum, queue) => sum + queue.pending, 0),
      failed: all.reduce((sum, queue) => sum + queue.failed, 0) + unknownFailed,
      queues,
    };
  }

  /**
   * Runs jobs that failed for good again, with all their attempts, oldest first, at most `limit` (of one queue
   * or of all); returns how many were queued again. Failed jobs the queue keeps are retried there; failed outbox
   * rows (from an in-process queue before a restart) are owed again and handed over.
   */
  async retryFailed(options: { queue?: QueueName; limit: number }): Promise<number> {
    let retried = 0;
    let released = 0;
    for (const queue of options.queue ? [options.queue] : QUEUE_NAMES) {
      const ids = await this.queue.failedJobIds(queue, options.limit - retried - released);
      // Owed again before they run, so a crash meanwhile cannot lose them and settling finds the row open.
      if (!this.queue.durable) await this.outbox.reopenFailed(ids);
      retried += (await this.queue.retryFailed(queue, ids)).length;
      released += (await this.outbox.releaseFailed(JOBS_OF_QUEUE[queue], options.limit - retried - released)).length;
      if (retried + released >= options.limit) break;
    }
    if (released > 0) await this.handOver();
    return retried + released;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polls += 1;
      const purge = this.polls % PURGE_EVERY_POLLS === 0;
      void this.handOver()
        .then(() => (purge ? this.outbox.purgeDone(KEEP_DONE_DAYS) : undefined))
        .catch((error: unknown) => this.logger.warn(`outbox purge failed: ${safeErrorMessage(error)}`))
        .finally(() => this.schedule());
    }, this.options.pollMilliseconds);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const handed = await this.transactions.run(async (transaction) => {
        const rows = await this.outbox.claimUndispatched(BATCH, transaction);
        const accepted: string[] = [];
        const unknown: string[] = [];
        let failure: unknown;
        for (const row of rows) {
          if (!(row.jobName in JOB_DEFINITIONS)) {
            unknown.push(row.id);
            continue;
          }
          try {
            await this.queue.enqueue(row.jobName as JobName, row.payload as never, { jobId: row.jobId });
            accepted.push(row.id);
          } catch (error) {
            // The queue is unreachable: keep what it took, the rest waits for the next round.
            failure = error;
            break;
          }
        }
        await this.outbox.markDispatched(accepted, this.queue.durable, transaction);
        await this.outbox.markUnknown(unknown, transaction);
        if (unknown.length > 0) this.logger.error(`${unknown.length} outbox row(s) name no known job: marked failed`);
        return { count: rows.length, failure };
      });
      if (handed.failure) throw handed.failure;
      if (handed.count < BATCH) return;
    }
  }
}
