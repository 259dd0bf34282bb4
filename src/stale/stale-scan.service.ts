import { groupBy } from '../common/objects.js';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { isDatabaseUnavailable } from '../common/database-unavailable.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import type { Queryable } from '../database/queryable.js';
import { safeErrorMessage } from '../database/safe-typeorm.logger.js';
import { Transactions } from '../database/transactions.service.js';
import { WebhookEvents } from '../webhooks/webhook-events.service.js';
import { closedEvent, flagEventId, raisedEvent } from './flag-events.js';
import { type JobRun, JobRunRepository } from '../jobs/job-run.repository.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import { SourcesService } from '../sources/sources.service.js';
import { FIRST_BORROWER, StaleFactsRepository, type StaleFactsRow } from './stale-facts.repository.js';
import { staleFactsFromRow } from './stale-facts.js';
import { type NewFlag, StaleFlagRepository } from './stale-flag.repository.js';
import { StaleScanSettingsService } from './stale-scan-settings.service.js';
import { reconcileFlags } from './flag-reconciliation.js';
import { assessStaleness, type SourceFacts } from './staleness.js';

export const STALE_SCAN = 'stale-scan';
const DAY = 86_400_000;

/** What one committed batch did. */
export interface BatchOutcome {
  borrowers: number;
  raised: number;
  closed: number;
  /** The last borrower id of the batch: the next batch starts after it. */
  checkpoint: string;
}

/** Told after each committed batch (tests stop a run there; a benchmark reports progress). */
export type AfterBatch = (outcome: BatchOutcome) => void | Promise<void>;

/**
 * The stale-contact scan: one run at a time (a PostgreSQL session lock), over every borrower in
 * keyset batches by id. Per batch: one facts query, the rules in TypeScript, then the raised and
 * closed flags, the run's counters and its checkpoint commit in one transaction, so a run whose
 * worker died resumes after its last committed batch and ends as an uninterrupted run would.
 */
@Injectable()
export class StaleScanService {
  private readonly logger = new Logger('StaleScan');

  constructor(
    private readonly transactions: Transactions,
    private readonly runs: JobRunRepository,
    private readonly facts: StaleFactsRepository,
    private readonly flags: StaleFlagRepository,
    private readonly sources: SourcesService,
    private readonly settings: StaleScanSettingsService,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly webhookEvents: WebhookEvents,
  ) {}

  /** POST /v1/jobs/stale-scan: queues a scan, or returns the one already queued or running. */
  async request(requestedBy: string): Promise<{ id: string; created: boolean }> {
    const outcome = await this.transactions.run(async (transaction) => {
      // Serialises requests, so two at once cannot both find none unfinished.
      await this.runs.lockRequests(STALE_SCAN, transaction);
      const unfinished = await this.runs.findUnfinished(STALE_SCAN, transaction);
      if (unfinished) return { id: unfinished.id, created: false };
      const id = await this.create(requestedBy, transaction);
      await this.outbox.add('stale.scan', { runId: id }, `stale-scan-${id}`, transaction);
      return { id, created: true };
    });
    if (outcome.created) await this.dispatcher.handOver();
    return outcome;
  }

  /** A run row, queued; `run(id)` does the work (a benchmark or the command line can call both directly). */
  async create(requestedBy: string, db?: Queryable): Promise<string> {
    const id = timeOrderedId();
    await this.runs.insert({ id, type: STALE_SCAN, requestedBy, progress: { borrowers: 0, done: 0 }, counts: { raised: 0, closed: 0, open: 0 } }, db);
    return id;
  }

  /** The nightly firing: resumes a run left unfinished (its worker died), otherwise starts a new one. */
  async runScheduled(options: { workerName?: string } = {}): Promise<JobRun> {
    const unfinished = await this.runs.findUnfinished(STALE_SCAN);
    return this.run(unfinished?.id ?? (await this.create('schedule')), options);
  }

  /**
   * Runs (or resumes) a scan to its end. Database outages propagate so the queue waits them out and
   * the run resumes; any other failure marks the run failed with its reason.
   */
  async run(runId: string, options: { now?: Date; afterBatch?: AfterBatch; workerName?: string } = {}): Promise<JobRun> {
    const queued = await this.runs.findById(runId);
    if (!queued) throw new NotFoundException(`job ${runId} not found`);
    if (isFinished(queued)) return queued;
    await this.transactions.withSessionLock(`job-run:${STALE_SCAN}`, async () => {
      const run = await this.runs.findById(runId);
      if (!run || isFinished(run)) return;
      await this.runs.markRunning(runId, run.startedAt ? {} : { borrowers: await this.facts.countBorrowers() }, options.workerName ?? null);
      try {
        await this.scanFrom(run, options.now ?? new Date(), options.afterBatch);
        await this.runs.finish(runId, 'completed', null, { open: await this.flags.countOpen() });
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw error;
        const message = safeErrorMessage(error);
        this.logger.error(`stale scan ${runId} failed: ${message}`);
        await this.runs.finish(runId, 'failed', message);
      }
    });
    return (await this.runs.findById(runId))!;
  }

  private async scanFrom(run: JobRun, now: Date, afterBatch?: AfterBatch): Promise<void> {
    const sources = new Map<string, SourceFacts>((await this.sources.list()).map((source) => [source.key, source]));
    // Read the next batch's facts while this one is decided and stored (PostgreSQL and Node work side by side).
    let next = this.readBatch(run.checkpoint ?? FIRST_BORROWER, now);
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return;
      next = this.readBatch(rows[rows.length - 1]!.borrowerId, now);
      next.catch(() => undefined);
      const outcome = await this.storeBatch(run.id, rows, sources, now);
      await afterBatch?.(outcome);
    }
  }

  /** The facts of the next batch of borrowers after `after`, by id; empty when none are left. */
  readBatch(after: string, now: Date): Promise<StaleFactsRow[]> {
    const { rules, batchSize } = this.settings;
    return this.facts.batchFacts(after, batchSize, { from: new Date(now.getTime() - rules.recentWindowDays * DAY), to: now }, rules.invalidOutcomes);
  }

  /** Decides a batch and commits its raised and closed flags, the run's counters and its checkpoint together. */
  async storeBatch(runId: string, rows: readonly StaleFactsRow[], sources: ReadonlyMap<string, SourceFacts>, now: Date): Promise<BatchOutcome> {
    const open = groupBy(await this.flags.openFor(rows.map((row) => row.borrowerId)), (flag) => flag.borrowerId);
    const raise: NewFlag[] = [];
    const refresh: { id: string; evidence: unknown; suggestedReplacementId: string | null; suggestedActions: unknown }[] = [];
    const close: { id: string; closedBecause: unknown }[] = [];
    for (const row of rows) {
      const { wanted, confirmations } = assessStaleness(staleFactsFromRow(row), sources, this.settings.rules, now);
      const decision = reconcileFlags(open.get(row.borrowerId) ?? [], wanted, now, confirmations);
      for (const flag of decision.raise) raise.push({ id: timeOrderedId(), borrowerId: row.borrowerId, ...flag });
      for (const kept of decision.keep) if (kept.changed) refresh.push({ id: kept.id, ...kept.flag });
      close.push(...decision.close);
    }
    const checkpoint = rows[rows.length - 1]!.borrowerId;
    const outcome = await this.transactions.run(async (transaction) => {
      const raised = await this.flags.raise(raise, now, transaction);
      const closed = await this.flags.close(close, now, transaction);
      await this.flags.refresh(refresh, transaction);
      await this.runs.addStep(runId, { progress: { done: rows.length }, counts: { raised: raised.length, closed: closed.length }, checkpoint }, transaction);
      // The platform hears of each flag in the transaction that raises or closes it (delivered through the outbox).
      const told =
        (await this.tell('stale_flag.raised', raised, transaction)) + (await this.tell('stale_flag.closed', closed, transaction));
      return { borrowers: rows.length, raised: raised.length, closed: closed.length, checkpoint, told };
    });
    if (outcome.told > 0) await this.dispatcher.handOver();
    return { borrowers: outcome.borrowers, raised: outcome.raised, closed: outcome.closed, checkpoint: outcome.checkpoint };
  }

  private async tell(type: 'stale_flag.raised' | 'stale_flag.closed', ids: string[], transaction: Queryable): Promise<number> {
    if (ids.length === 0) return 0;
    const facts = () => this.flags.eventFacts(ids, transaction);
    if (type === 'stale_flag.raised') {
      return this.webhookEvents.emitMany(type, async () => (await facts()).map((flag) => ({ payload: raisedEvent(flag), eventId: flagEventId(flag.id, 'raised'), occurredAt: flag.detectedAt })), transaction);
    }
    return this.webhookEvents.emitMany(
      type,
      async () => (await facts()).map((flag) => ({ payload: closedEvent(flag), eventId: flagEventId(flag.id, 'closed'), occurredAt: flag.closedAt ?? undefined })),
      transaction,
    );
  }
}


function isFinished(run: JobRun): boolean {
  return run.state === 'completed' || run.state === 'failed';
}
