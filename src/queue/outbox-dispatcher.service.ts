import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { safeErrorMessage } from '../database/safe-typeorm.logger.js';
import { Transactions } from '../database/transactions.service.js';
import { JOB_DEFINITIONS, type JobName } from './job-definitions.js';
import { MessageQueueService } from './message-queue.service.js';
import { OutboxRepository } from './outbox.repository.js';

export interface OutboxOptions {
  /** How often owed rows are looked for; rows are also handed over right after their commit (handOver). */
  pollMilliseconds: number;
}

export const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

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

  /** What is still owed: rows not handed over yet plus what the queue has not finished; and what failed for good. */
  async status(): Promise<{ pending: number; failed: number }> {
    const [rows, queued, queueFailed] = await Promise.all([this.outbox.counts(), this.queue.pendingCount(), this.queue.failedCount()]);
    // The in-process queue forgets failures on restart; the outbox remembers them.
    return { pending: rows.undispatched + queued, failed: this.queue.durable ? queueFailed : rows.failed };
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
