import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { withTransactionRetry } from '../database/transaction-retry.js';
import { ContactResolutionService, type ResolvedRecord } from '../matching/contact-resolution.service.js';
import { MessageQueueService } from '../queue/message-queue.service.js';
import { SourcesService } from '../sources/sources.service.js';
import type { IngestRecordsResponseDto, RejectedRecordDto, UnusablePhoneDto } from './source-record.dto.js';
import type { SourceRecordPayload } from '../records/source-record.js';
import type { PreparedRecord } from '../matching/record-preparation.js';
import { contentHash, validateSourceRecord } from '../records/source-record-validation.js';

export const MAX_RECORDS_PER_REQUEST = 1000;

interface ValidRecord {
  index: number;
  payload: SourceRecordPayload;
  observedAt: Date;
  hash: string;
  prepared: PreparedRecord;
}

interface StoredVersion extends ValidRecord {
  sourceRecordUuid: string;
  version: number;
}

/**
 * Stores a batch of source records idempotently and resolves the new ones into contact points,
 * in one transaction: the response reflects what is stored.
 */
@Injectable()
export class IngestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: SourcesService,
    private readonly resolution: ContactResolutionService,
    private readonly audit: AuditService,
    private readonly queue: MessageQueueService,
  ) {}

  async ingest(principal: Principal, sourceKey: string, records: unknown[]): Promise<IngestRecordsResponseDto> {
    await this.sources.get(sourceKey);
    const batchId = timeOrderedId();
    const receivedAt = new Date();
    const valid: ValidRecord[] = [];
    const rejected: RejectedRecordDto[] = [];
    records.forEach((record, index) => {
      const result = validateSourceRecord(record, receivedAt);
      if (!result.valid) rejected.push({ index, sourceRecordId: sourceRecordIdOf(record), errors: result.errors });
      else valid.push({ index, payload: result.payload, observedAt: result.observedAt, hash: contentHash(result.payload), prepared: this.resolution.prepare(result.payload) });
    });
    const rounds = intoRounds(valid);
    // Outside the transaction and its per-borrower locks, so concurrent batches do this in parallel.
    const entities = await this.resolution.ensureEntities(rounds.flat());

    const outcome = await withTransactionRetry(() => this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO ingest_batch (id, source_key, actor_id, received_at, record_count, accepted, duplicates, rejected)
         VALUES ($1, $2, $3, $4, $5, 0, 0, $6)`,
        [batchId, sourceKey, principal.id, receivedAt, records.length, rejected.length],
      );
      await this.quarantine(manager, batchId, sourceKey, receivedAt, records, rejected);
      const stored: StoredVersion[] = [];
      for (const round of rounds) stored.push(...(await this.storeHeads(manager, sourceKey, receivedAt, round)));
      const resolution = await this.resolution.resolve(manager, stored, entities);
      const resolved = resolution.records;
      const versionIds = await this.insertVersions(manager, batchId, receivedAt, stored, resolved);
      await this.insertObservations(manager, sourceKey, stored, resolved, versionIds);
      const duplicates = valid.length - stored.length;
      await manager.query('UPDATE ingest_batch SET accepted = $2, duplicates = $3 WHERE id = $1', [batchId, stored.length, duplicates]);
      await this.audit.record(
        principal,
        {
          action: 'ingest.batch',
          targetType: 'ingest_batch',
          targetId: batchId,
          borrowerRef: singleBorrower(stored),
          details: { source: sourceKey, records: records.length, accepted: stored.length, duplicates, rejected: rejected.length },
        },
        manager,
      );
      return { stored, resolved, duplicates, resolution };
    }));

    const { contactPointIds, addressPointIds, personIds } = outcome.resolution;
    if (contactPointIds.length > 0) {
      await this.queue.enqueue('matching.refresh-contact-point-sharing', { contactPointIds }, { jobId: `sharing-${batchId}` });
    }
    if (addressPointIds.length > 0 || personIds.length > 0) {
      await this.queue.enqueue('matching.find-candidates', { addressPointIds, personIds }, { jobId: `candidates-${batchId}` });
    }
    return {
      batchId,
      accepted: outcome.stored.length,
      duplicates: outcome.duplicates,
      rejected,
      unusablePhones: unusablePhones(outcome.stored, outcome.resolved),
    };
  }

  private async quarantine(manager: EntityManager, batchId: string, sourceKey: string, receivedAt: Date, records: unknown[], rejected: RejectedRecordDto[]): Promise<void> {
    if (rejected.length === 0) return;
    await manager.query(
      `INSERT INTO quarantined_record (batch_id, source_key, batch_index, source_record_id, payload, errors, received_at)
       SELECT $1, $2, batch_index, source_record_id, payload, ARRAY(SELECT jsonb_array_elements_text(errors::jsonb)), $3
       FROM unnest($4::int[], $5::text[], $6::jsonb[], $7::text[]) AS row(batch_index, source_record_id, payload, errors)`,
      [
        batchId,
        sourceKey,
        receivedAt,
        rejected.map((entry) => entry.index),
        rejected.map((entry) => entry.sourceRecordId ?? null),
        rejected.map((entry) => JSON.stringify(stripNul(records[entry.index]) ?? null)),
        rejected.map((entry) => JSON.stringify(entry.errors)),
      ],
    );
  }

  /**
   * Inserts or bumps the head row of each record; rows whose content hash is unchanged are not
   * touched and not returned: they are the duplicates.
   */
  private async storeHeads(manager: EntityManager, sourceKey: string, receivedAt: Date, unsorted: ValidRecord[]): Promise<StoredVersion[]> {
    // Id order: concurrent batches of one source lock shared heads in the same order.
    const round = [...unsorted].sort((left, right) => (left.payload.sourceRecordId < right.payload.sourceRecordId ? -1 : 1));
    const rows: { id: string; source_record_id: string; current_version: number }[] = await manager.query(
      `INSERT INTO source_record (id, source_key, source_record_id, borrower_ref, current_version, content_hash, first_received_at, last_received_at)
       SELECT id, $1, source_record_id, borrower_ref, 1, content_hash, $2, $2
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) AS row(id, source_record_id, borrower_ref, content_hash)
       ON CONFLICT (source_key, source_record_id) DO UPDATE SET
         current_version = source_record.current_version + 1,
         content_hash = EXCLUDED.content_hash,
         borrower_ref = EXCLUDED.borrower_ref,
         last_received_at = EXCLUDED.last_received_at
       WHERE source_record.content_hash <> EXCLUDED.content_hash
       RETURNING id, source_record_id, current_version`,
      [
        sourceKey,
        receivedAt,
        round.map(() => timeOrderedId()),
        round.map((record) => record.payload.sourceRecordId),
        round.map((record) => record.payload.borrower.ref),
        round.map((record) => record.hash),
      ],
    );
    const byId = new Map(rows.map((row) => [row.source_record_id, row]));
    return unsorted.flatMap((record) => {
      const row = byId.get(record.payload.sourceRecordId);
      return row ? [{ ...record, sourceRecordUuid: row.id, version: row.current_version }] : [];
    });
  }

  private async insertVersions(manager: EntityManager, batchId: string, receivedAt: Date, stored: StoredVersion[], resolved: ResolvedRecord[]): Promise<string[]> {
    if (stored.length === 0) return [];
    // One JSON parameter: the driver's array literals escape every character of every payload again.
    const rows: { id: string; source_record_uuid: string; version: number }[] = await manager.query(
      `INSERT INTO source_record_version (source_record_uuid, version, content_hash, observed_at, received_at, batch_id, borrower_id, person_id, payload)
       SELECT source_record_uuid, version, content_hash, observed_at, $1, $2, borrower_id, person_id, payload
       FROM jsonb_to_recordset($3::jsonb)
         AS row(source_record_uuid uuid, version int, content_hash text, observed_at timestamptz, borrower_id uuid, person_id uuid, payload jsonb)
       RETURNING id, source_record_uuid, version`,
      [
        receivedAt,
        batchId,
        JSON.stringify(
          stored.map((record, index) => ({
            source_record_uuid: record.sourceRecordUuid,
            version: record.version,
            content_hash: record.hash,
            observed_at: record.observedAt,
            borrower_id: resolved[index].borrowerId,
            person_id: resolved[index].personId,
            payload: record.payload,
          })),
        ),
      ],
    );
    // RETURNING order is not guaranteed: match rows back by (record, version).
    const ids = new Map(rows.map((row) => [`${row.source_record_uuid}|${row.version}`, row.id]));
    return stored.map((record) => ids.get(`${record.sourceRecordUuid}|${record.version}`)!);
  }

  private async insertObservations(manager: EntityManager, sourceKey: string, stored: StoredVersion[], resolved: ResolvedRecord[], versionIds: string[]): Promise<void> {
    const rows = resolved.flatMap((record, index) =>
      record.observations.map((observation) => ({ ...observation, versionId: versionIds[index], borrowerId: record.borrowerId, observedAt: stored[index].observedAt })),
    );
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO observation (source_record_version_id, source_key, field, position, part, raw, contact_point_id, error, borrower_id, person_id, observed_at)
       SELECT version_id, $1, field, position, part, raw, contact_point_id, error, borrower_id, person_id, observed_at
       FROM jsonb_to_recordset($2::jsonb)
         AS row(version_id bigint, field varchar, position smallint, part smallint, raw text, contact_point_id uuid, error text, borrower_id uuid, person_id uuid, observed_at timestamptz)`,
      [
        sourceKey,
        JSON.stringify(
          rows.map((row) => ({
            version_id: row.versionId,
            field: row.field,
            position: row.position,
            part: row.part,
            raw: row.raw,
            contact_point_id: row.contactPointId,
            error: row.error,
            borrower_id: row.borrowerId,
            person_id: row.personId,
            observed_at: row.observedAt,
          })),
        ),
      ],
    );
  }
}

/**
 * One upsert cannot touch a row twice, so repeated ids in a batch go in successive rounds:
 * a repeat identical to the previous occurrence is a duplicate, a changed one a later version, in batch order.
 */
export function intoRounds<T extends { payload: { sourceRecordId: string }; hash: string }>(records: T[]): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, { count: number; lastHash: string }>();
  for (const record of records) {
    const entry = seen.get(record.payload.sourceRecordId);
    // Compared with the previous occurrence only, so the batch's last word is the current version.
    if (entry?.lastHash === record.hash) continue;
    const round = entry?.count ?? 0;
    (rounds[round] ??= []).push(record);
    seen.set(record.payload.sourceRecordId, { count: round + 1, lastHash: record.hash });
  }
  return rounds;
}

function sourceRecordIdOf(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const id = (record as { sourceRecordId?: unknown }).sourceRecordId;
  return typeof id === 'string' ? id.slice(0, 200) : undefined;
}

/** PostgreSQL jsonb cannot hold NUL characters; quarantine keeps everything else verbatim. */
function stripNul(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null).replace(/\\u0000/g, '\\ufffd'));
}

function singleBorrower(stored: StoredVersion[]): string | undefined {
  const refs = new Set(stored.map((record) => record.payload.borrower.ref));
  return refs.size === 1 ? [...refs][0] : undefined;
}

function unusablePhones(stored: StoredVersion[], resolved: ResolvedRecord[]): UnusablePhoneDto[] {
  return resolved.flatMap((record, index) =>
    record.observations
      .filter((observation) => observation.field !== 'address' && observation.error)
      .map((observation) => ({ index: stored[index].index, sourceRecordId: stored[index].payload.sourceRecordId, raw: observation.raw, reason: observation.error! })),
  );
}
