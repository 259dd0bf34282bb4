import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Principal } from '../auth/principal.js';
import { isDatabaseUnavailable } from '../common/database-unavailable.js';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import type { Queryable } from '../database/queryable.js';
import { safeErrorMessage } from '../database/safe-typeorm.logger.js';
import { Transactions } from '../database/transactions.service.js';
import { IngestPipelineService, type PreparedBatch } from '../ingest/ingest-pipeline.service.js';
import { recordMetric } from '../metrics/metric-events.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import { ConnectorReadersService } from './connector-readers.service.js';
import type { RunTrigger } from './connector-run.entity.js';
import { type ConnectorRun, ConnectorRunRepository } from './connector-run.repository.js';
import { type Connector, ConnectorRepository } from './connector.repository.js';
import { mapRow } from './record-mapping.js';
import { isInvalidFileRow } from './readers/file-rows.js';
import type { ReadBatch } from './readers/connector-reader.js';

/** Told about a run as it goes (the command line draws its progress bar from it). */
export interface RunObserver {
  started(info: { connectorKey: string; remaining?: number }): void;
  progress(run: { read: number; accepted: number; duplicates: number; rejected: number; files: number }): void;
}

/**
 * Runs connectors: one at a time per connector (a session lock on PostgreSQL), in batches whose
 * records and checkpoint commit together, so a run killed at any point resumes from its last
 * committed batch and ends with what an uninterrupted run would have stored.
 */
@Injectable()
export class ConnectorRunsService {
  private readonly logger = new Logger('Connectors');

  constructor(
    private readonly transactions: Transactions,
    private readonly connectors: ConnectorRepository,
    private readonly runs: ConnectorRunRepository,
    private readonly readers: ConnectorReadersService,
    private readonly ingest: IngestPipelineService,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Queues a run (POST /v1/connectors/{key}/runs). A run of the connector already queued or running
   * is returned instead of a second one: runs of one connector never overlap.
   */
  async request(principal: Principal, connectorKey: string, trigger: RunTrigger = 'api'): Promise<{ id: string; created: boolean }> {
    await this.connector(connectorKey);
    return this.transactions.run(async (transaction) => {
      const unfinished = await this.runs.findUnfinished(connectorKey, transaction);
      if (unfinished) return { id: unfinished.id, created: false };
      const id = randomUUID();
      await this.runs.insert({ id, connectorKey, trigger, requestedBy: principal.id }, transaction);
      if (trigger !== 'command-line') await this.outbox.add('connectors.run', { runId: id }, `connector-run-${id}`, transaction);
      return { id, created: true };
    }).then(async (outcome) => {
      if (outcome.created && trigger !== 'command-line') await this.dispatcher.handOver();
      return outcome;
    });
  }

  /** A scheduled firing: starts a run unless one is already queued or running. */
  async runScheduled(connectorKey: string): Promise<void> {
    const connector = await this.connectors.findByKey(connectorKey);
    if (!connector || connector.definition.enabled === false) return;
    const id = randomUUID();
    const started = await this.transactions.run(async (transaction) => {
      if (await this.runs.findUnfinished(connectorKey, transaction)) return false;
      await this.runs.insert({ id, connectorKey, trigger: 'schedule', requestedBy: 'schedule' }, transaction);
      return true;
    });
    if (started) await this.execute(id);
    else this.logger.log(`connector ${connectorKey}: a run is already queued or running; the scheduled run is skipped`);
  }

  async get(connectorKey: string, id: string): Promise<ConnectorRun> {
    const run = await this.runs.findById(id);
    if (!run || run.connectorKey !== connectorKey) throw new NotFoundException(`run ${id} of connector "${connectorKey}" not found`);
    return run;
  }

  list(connectorKey: string, limit: number, before?: { queuedAt: Date; id: string }): Promise<ConnectorRun[]> {
    return this.runs.list(connectorKey, limit, before);
  }

  /**
   * Runs (or resumes) a run to its end. Database outages propagate so the queue waits them out and
   * the run resumes; any other failure marks the run failed with its reason.
   */
  async execute(runId: string, observer?: RunObserver): Promise<ConnectorRun> {
    const queued = await this.runs.findById(runId);
    if (!queued) throw new NotFoundException(`run ${runId} not found`);
    if (isFinished(queued)) return queued;
    await this.transactions.withSessionLock(`connector-run:${queued.connectorKey}`, async () => {
      const run = await this.runs.findById(runId);
      if (!run || isFinished(run)) return;
      const connector = await this.connectors.findByKey(run.connectorKey);
      if (!connector) return this.runs.finish(runId, 'failed', `connector "${run.connectorKey}" is no longer declared`);
      await this.runs.markRunning(runId);
      try {
        await this.readAll(connector, run, observer);
        await this.runs.finish(runId, 'completed', null);
        recordMetric({ kind: 'connector.run', connector: connector.key, state: 'completed' });
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw error;
        const message = safeErrorMessage(error);
        this.logger.error(`connector ${connector.key} run ${runId} failed: ${message}`);
        await this.runs.finish(runId, 'failed', message);
        recordMetric({ kind: 'connector.run', connector: connector.key, state: 'failed' });
      }
    });
    return (await this.runs.findById(runId))!;
  }

  private async readAll(connector: Connector, run: ConnectorRun, observer?: RunObserver): Promise<void> {
    const reader = this.readers.reader(connector);
    const principal: Principal = { id: `connector:${connector.key}`, role: 'admin' };
    const totals = { read: run.read, accepted: run.accepted, duplicates: run.duplicates, rejected: run.rejected, files: run.files };
    try {
      // The connector's checkpoint, not the run's: a run resumed after a crash continues where the last commit left it.
      const from = connector.checkpoint;
      observer?.started({ connectorKey: connector.key, remaining: await reader.remaining?.(from).catch(() => undefined) });
      const iterator = reader.batches(from, this.config.connectors.batchSize)[Symbol.asyncIterator]();
      // One batch ahead: the next is read, checked, normalised and its entities ensured while this one's transaction runs.
      const stage = async (): Promise<StagedBatch | undefined> => {
        const step = await iterator.next();
        if (step.done) return undefined;
        const batch = step.value;
        if (batch.rows.length === 0) return { batch };
        // A line of a file that is not a row is quarantined as it was read, with the reader's reason.
        const knownRejections = new Map<number, string[]>();
        const records = batch.rows.map((row, index) => {
          if (!isInvalidFileRow(row)) return mapRow(connector.definition.mapping, row);
          knownRejections.set(index, [`${row.__file} row ${row.__row}: ${row.__invalid}`]);
          return row;
        });
        return { batch, prepared: await this.ingest.prepareBatch(connector.definition.source, records, { knownRejections }) };
      };
      let clock = performance.now();
      let next = stage();
      for (;;) {
        const staged = await next;
        if (!staged) break;
        next = stage();
        next.catch(() => undefined);
        const { batch, prepared } = staged;
        const commit = async (transaction: Queryable, counts: { accepted: number; duplicates: number; rejected: number }) => {
          await this.commitBatch(connector.key, run.id, batch, counts, performance.now() - clock, transaction);
        };
        if (!prepared) {
          await this.transactions.run((transaction) => commit(transaction, { accepted: 0, duplicates: 0, rejected: 0 }), { retry: true });
        } else {
          const result = await this.ingest.storeBatch(prepared, principal, { inTransaction: commit });
          totals.accepted += result.accepted;
          totals.duplicates += result.duplicates;
          totals.rejected += result.rejected.length;
        }
        totals.read += batch.rows.length;
        recordMetric({ kind: 'connector.rows', connector: connector.key, rows: batch.rows.length });
        totals.files += batch.completedFiles.length;
        clock = performance.now();
        observer?.progress(totals);
      }
    } finally {
      await reader.close();
    }
  }

  private async commitBatch(
    connectorKey: string,
    runId: string,
    batch: ReadBatch,
    counts: { accepted: number; duplicates: number; rejected: number },
    busyMilliseconds: number,
    transaction: Queryable,
  ): Promise<void> {
    await this.connectors.saveCheckpoint(connectorKey, batch.checkpoint, transaction);
    await this.connectors.recordFiles(connectorKey, runId, batch.completedFiles, transaction);
    await this.runs.addProgress(runId, { read: batch.rows.length, ...counts, files: batch.completedFiles.length, busyMilliseconds, checkpoint: batch.checkpoint }, transaction);
  }

  private async connector(key: string): Promise<Connector> {
    const connector = await this.connectors.findByKey(key);
    if (!connector) throw new NotFoundException(`connector "${key}" is not declared`);
    return connector;
  }
}

interface StagedBatch {
  batch: ReadBatch;
  /** Absent for a batch without rows (its checkpoint or completed files still commit). */
  prepared?: PreparedBatch;
}

function isFinished(run: ConnectorRun): boolean {
  return run.state === 'completed' || run.state === 'failed';
}
