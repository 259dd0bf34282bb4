import { Injectable } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { withInputProblem } from '../common/input-errors.js';
import { inputProblem, replaceUnsafeText } from '../common/text.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import type { Queryable } from '../database/queryable.js';
import { Transactions } from '../database/transactions.service.js';
import { BorrowerRepository } from '../borrowers/borrower.repository.js';
import { contactPointIdsOf } from '../matching/contact-point-rows.js';
import { ContactPointRepository } from '../matching/contact-point.repository.js';
import { type BatchEntities, ContactResolutionService, type RecordToResolve, type ResolvedRecord } from '../matching/contact-resolution.service.js';
import { type NewObservation, ObservationRepository } from '../matching/observation.repository.js';
import { PersonRepository } from '../matching/person.repository.js';
import type { PreparedRecord } from '../matching/record-preparation.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../queue/outbox.repository.js';
import type { SourceRecordPayload } from '../records/source-record.js';
import { contentHash, type RecordValidation, validateSourceRecord } from '../records/source-record-validation.js';
import { SourceRecordRepository } from '../records/source-record.repository.js';
import { recordMetric } from '../metrics/metric-events.js';
import { SourcesService } from '../sources/sources.service.js';
import { IngestBatchRepository } from './ingest-batch.repository.js';
import { intoRounds } from './ingest-rounds.js';
import { quarantinePayload, RECORD_INPUT_LIMITS } from './quarantine-payload.js';

export interface RejectedRecord {
  /** Position in the batch. */
  index: number;
  sourceRecordId?: string;
  errors: string[];
}

/** A phone string of a stored record that is not a usable number. */
export interface UnusablePhone {
  index: number;
  sourceRecordId: string;
  raw: string;
  reason: string;
}

/** A valid record of the batch: stored as a new version, or a duplicate of what is stored. */
export interface IngestedRecord {
  index: number;
  sourceRecordId: string;
  stored: boolean;
  /** The contact point of each usable phone and identifiable address, in record order. */
  contactPointIds: string[];
}

export interface IngestBatchResult {
  batchId: string;
  accepted: number;
  duplicates: number;
  rejected: RejectedRecord[];
  unusablePhones: UnusablePhone[];
  /** Every valid record, in batch order. */
  records: IngestedRecord[];
}

export interface PrepareOptions {
  /** Records the caller already knows are bad (a file line that is not a row): quarantined with these reasons. */
  knownRejections?: ReadonlyMap<number, string[]>;
}

export interface StoreOptions {
  inTransaction?: (transaction: Queryable, counts: { accepted: number; duplicates: number; rejected: number }) => Promise<void>;
}

export type IngestOptions = PrepareOptions & StoreOptions;

/**
 * A batch checked and normalised, its borrowers, contact points and estate locations ensured: what
 * is left is its transaction. A connector prepares the next batch while this one is stored.
 */
export interface PreparedBatch {
  readonly sourceKey: string;
  readonly records: readonly unknown[];
  readonly batchId: string;
  readonly receivedAt: Date;
  readonly valid: ValidRecord[];
  readonly rejected: RejectedRecord[];
  readonly rounds: ValidRecord[][];
  readonly entities: BatchEntities;
}

/** Records checked between two turns of the event loop, so a store in flight is answered meanwhile. */
const RECORDS_PER_TURN = 250;

export interface ValidRecord extends RecordToResolve {
  index: number;
  payload: SourceRecordPayload;
  hash: string;
  prepared: PreparedRecord;
}

interface StoredVersion extends ValidRecord {
  sourceRecordUuid: string;
  version: number;
}

/**
 * The one way records get in, whatever brought them (HTTP, call leads, pull connectors): stores a
 * batch idempotently and resolves the new records into contact points, in one transaction, so what
 * it returns is what is stored. Bad records are rejected one by one, never the batch.
 */
@Injectable()
export class IngestPipelineService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sources: SourcesService,
    private readonly resolution: ContactResolutionService,
    private readonly borrowers: BorrowerRepository,
    private readonly contactPoints: ContactPointRepository,
    private readonly persons: PersonRepository,
    private readonly observations: ObservationRepository,
    private readonly sourceRecords: SourceRecordRepository,
    private readonly batches: IngestBatchRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /**
   * `options.inTransaction` runs last in the batch's transaction: a connector advances its checkpoint
   * there, so the checkpoint and the records it covers commit together or not at all.
   */
  async ingestBatch(sourceKey: string, records: readonly unknown[], actor: Principal, options: IngestOptions = {}): Promise<IngestBatchResult> {
    return this.storeBatch(await this.prepareBatch(sourceKey, records, options), actor, options);
  }

  /**
   * Checks and normalises every record, then ensures the batch's independent rows (see
   * EntitiesToEnsure). Stores nothing a record holds: a prepared batch that is never stored leaves
   * only unreferenced entities, which its retry reuses.
   */
  async prepareBatch(sourceKey: string, records: readonly unknown[], options: PrepareOptions = {}): Promise<PreparedBatch> {
    await this.sources.get(sourceKey);
    const batchId = timeOrderedId();
    const receivedAt = new Date();
    const valid: ValidRecord[] = [];
    const rejected: RejectedRecord[] = [];
    // Every record is checked whole before anything is created or stored: nothing a record holds can fail the batch.
    for (let index = 0; index < records.length; index++) {
      if (index > 0 && index % RECORDS_PER_TURN === 0) await nextTurn();
      const record = records[index];
      const known = options.knownRejections?.get(index);
      const result = known ? { valid: false as const, errors: known } : checkRecord(record, receivedAt);
      if (!result.valid) rejected.push({ index, sourceRecordId: sourceRecordIdOf(record), errors: result.errors });
      else valid.push({ index, payload: result.payload, observedAt: result.observedAt, hash: contentHash(result.payload), prepared: this.resolution.prepare(result.payload) });
    }
    const rounds = intoRounds(valid);
    // Outside the transaction and its per-borrower locks, so concurrent batches do this in parallel.
    const entities = await this.ensureEntities(rounds.flat());
    return { sourceKey, records, batchId, receivedAt, valid, rejected, rounds, entities };
  }

  /** Stores a prepared batch and resolves its new records, in one transaction. */
  async storeBatch(prepared: PreparedBatch, actor: Principal, options: StoreOptions = {}): Promise<IngestBatchResult> {
    const { sourceKey, records, batchId, receivedAt, valid, rejected, rounds, entities } = prepared;
    const outcome = await this.transactions.run(
      async (transaction) => {
        await this.batches.insert({ id: batchId, sourceKey, actorId: actor.id, receivedAt, recordCount: records.length, rejected: rejected.length }, transaction);
        const quarantined = rejected.map((entry) => ({ batchIndex: entry.index, sourceRecordId: entry.sourceRecordId, payload: quarantinePayload(records[entry.index]), errors: entry.errors }));
        await this.batches.quarantine(batchId, sourceKey, receivedAt, quarantined, transaction);
        const stored: StoredVersion[] = [];
        for (const round of rounds) stored.push(...(await this.storeHeads(transaction, sourceKey, receivedAt, round)));
        const resolution = await this.resolution.resolve(transaction, stored, entities);
        await this.persons.insert(resolution.persons, transaction);
        await this.persons.upsertBorrowerLinks(resolution.borrowerLinks, transaction);
        await this.persons.upsertContactPointLinks(resolution.contactPointLinks, transaction);
        const versions = stored.map((record, index) => ({
          sourceRecordUuid: record.sourceRecordUuid,
          version: record.version,
          contentHash: record.hash,
          observedAt: record.observedAt,
          borrowerId: resolution.records[index].borrowerId,
          personId: resolution.records[index].personId,
          payload: record.payload,
        }));
        const versionIds = await this.sourceRecords.insertVersions(batchId, receivedAt, versions, transaction);
        await this.observations.insert(sourceKey, observationsOf(stored, resolution.records, versionIds), transaction);
        const duplicates = valid.length - stored.length;
        await this.batches.recordOutcome(batchId, stored.length, duplicates, transaction);
        await this.audit.record(
          actor,
          {
            action: 'ingest.batch',
            targetType: 'ingest_batch',
            targetId: batchId,
            borrowerRef: singleBorrower(stored),
            details: { source: sourceKey, records: records.length, accepted: stored.length, duplicates, rejected: rejected.length },
          },
          transaction,
        );
        // The deferred work is owed exactly when the batch is stored: a crash after the commit cannot lose it.
        const { contactPointIds, addressPointIds, personIds } = resolution;
        if (contactPointIds.length > 0) {
          await this.outbox.add('matching.refresh-contact-point-sharing', { contactPointIds }, `sharing-${batchId}`, transaction);
        }
        if (addressPointIds.length > 0 || personIds.length > 0) {
          await this.outbox.add('matching.find-candidates', { addressPointIds, personIds }, `candidates-${batchId}`, transaction);
        }
        await options.inTransaction?.(transaction, { accepted: stored.length, duplicates, rejected: rejected.length });
        return { stored, resolution, duplicates };
      },
      { retry: true },
    );

    await this.dispatcher.handOver();
    recordMetric({ kind: 'ingest.batch', source: sourceKey, accepted: outcome.stored.length, duplicates: outcome.duplicates, rejected: rejected.length });
    const storedIndexes = new Set(outcome.stored.map((record) => record.index));
    return {
      batchId,
      accepted: outcome.stored.length,
      duplicates: outcome.duplicates,
      rejected,
      unusablePhones: unusablePhones(outcome.stored, outcome.resolution.records),
      records: valid.map((record) => ({
        index: record.index,
        sourceRecordId: record.payload.sourceRecordId,
        stored: storedIndexes.has(record.index),
        contactPointIds: contactPointIdsOf(record.prepared, entities.pointIds),
      })),
    };
  }

  /**
   * Creates the batch's new borrowers, contact points and estate locations in short statements of
   * their own, before its transaction (see EntitiesToEnsure).
   */
  private async ensureEntities(records: readonly ValidRecord[]): Promise<BatchEntities> {
    const wanted = this.resolution.entitiesToEnsure(records);
    const borrowerIds = await this.borrowers.ensureMany(wanted.borrowerRefs);
    const pointIds = await this.contactPoints.ensure(wanted.contactPoints);
    await this.contactPoints.ensureEstateLocations(wanted.estateLocations);
    return { borrowerIds, pointIds };
  }

  /** The round's records whose content is new: stored heads, matched back to the records. */
  private async storeHeads(transaction: Queryable, sourceKey: string, receivedAt: Date, round: ValidRecord[]): Promise<StoredVersion[]> {
    const heads = await this.sourceRecords.storeHeads(
      sourceKey,
      receivedAt,
      round.map((record) => ({ sourceRecordId: record.payload.sourceRecordId, borrowerRef: record.payload.borrower.ref, contentHash: record.hash })),
      transaction,
    );
    const byId = new Map(heads.map((head) => [head.sourceRecordId, head]));
    const stored = round.flatMap((record) => {
      const head = byId.get(record.payload.sourceRecordId);
      return head ? [{ ...record, sourceRecordUuid: head.id, version: head.version }] : [];
    });
    // A head written for no record would count that record a duplicate while its content is lost: roll back instead.
    if (stored.length !== heads.length) throw new Error(`ingest: ${heads.length - stored.length} stored record heads match no record of the round`);
    return stored;
  }
}

function observationsOf(stored: StoredVersion[], resolved: ResolvedRecord[], versionIds: string[]): NewObservation[] {
  return resolved.flatMap((record, index) =>
    record.observations.map((observation) => ({
      sourceRecordVersionId: versionIds[index],
      field: observation.field,
      position: observation.position,
      part: observation.part,
      raw: observation.raw,
      contactPointId: observation.contactPointId,
      error: observation.error,
      borrowerId: record.borrowerId,
      personId: observation.personId,
      observedAt: stored[index].observedAt,
    })),
  );
}

/**
 * Every reason a record is refused: text the database cannot store or nesting too deep anywhere in
 * it (unknown fields included), then the record schema. Messages are storable text themselves.
 */
function checkRecord(record: unknown, receivedAt: Date): RecordValidation {
  const problem = inputProblem(record, RECORD_INPUT_LIMITS);
  // Too deep: the schema is not asked to walk it.
  if (problem?.tooDeep) return { valid: false, errors: withInputProblem([], problem, 'record') };
  const result = validateSourceRecord(record, receivedAt);
  if (result.valid && !problem) return result;
  return { valid: false, errors: withInputProblem(result.valid ? [] : result.errors, problem, 'record') };
}

function sourceRecordIdOf(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const id = (record as { sourceRecordId?: unknown }).sourceRecordId;
  return typeof id === 'string' ? replaceUnsafeText(id.slice(0, 200)) : undefined;
}

function singleBorrower(stored: StoredVersion[]): string | undefined {
  const refs = new Set(stored.map((record) => record.payload.borrower.ref));
  return refs.size === 1 ? [...refs][0] : undefined;
}

function unusablePhones(stored: StoredVersion[], resolved: ResolvedRecord[]): UnusablePhone[] {
  return resolved.flatMap((record, index) =>
    record.observations
      .filter((observation) => observation.field !== 'address' && observation.error)
      .map((observation) => ({ index: stored[index].index, sourceRecordId: stored[index].payload.sourceRecordId, raw: observation.raw, reason: observation.error! })),
  );
}
