import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';

export interface NewIngestBatch {
  id: string;
  sourceKey: string;
  actorId: string;
  receivedAt: Date;
  recordCount: number;
  rejected: number;
}

/** A record the batch could not accept, kept verbatim with the reasons. */
export interface QuarantinedRecord {
  batchIndex: number;
  sourceRecordId: string | undefined;
  payload: unknown;
  errors: string[];
}

/** Ingest batches and the records they quarantined. */
@Injectable()
export class IngestBatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Opens the batch with nothing accepted yet; recordOutcome fills the counts in. */
  async insert(batch: NewIngestBatch, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO ingest_batch (id, source_key, actor_id, received_at, record_count, accepted, duplicates, rejected)
       VALUES ($1, $2, $3, $4, $5, 0, 0, $6)`,
      [batch.id, batch.sourceKey, batch.actorId, batch.receivedAt, batch.recordCount, batch.rejected],
    );
  }

  async quarantine(batchId: string, sourceKey: string, receivedAt: Date, records: readonly QuarantinedRecord[], db: Queryable = this.dataSource): Promise<void> {
    if (records.length === 0) return;
    await db.query(
      `INSERT INTO quarantined_record (batch_id, source_key, batch_index, source_record_id, payload, errors, received_at)
       SELECT $1, $2, batch_index, source_record_id, payload, ARRAY(SELECT jsonb_array_elements_text(errors::jsonb)), $3
       FROM unnest($4::int[], $5::text[], $6::jsonb[], $7::text[]) AS row(batch_index, source_record_id, payload, errors)`,
      [
        batchId,
        sourceKey,
        receivedAt,
        records.map((record) => record.batchIndex),
        records.map((record) => record.sourceRecordId ?? null),
        records.map((record) => JSON.stringify(stripNul(record.payload) ?? null)),
        records.map((record) => JSON.stringify(record.errors)),
      ],
    );
  }

  async recordOutcome(batchId: string, accepted: number, duplicates: number, db: Queryable = this.dataSource): Promise<void> {
    await db.query('UPDATE ingest_batch SET accepted = $2, duplicates = $3 WHERE id = $1', [batchId, accepted, duplicates]);
  }
}

/** PostgreSQL jsonb cannot hold NUL characters; quarantine keeps everything else verbatim. */
function stripNul(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null).replace(/\\u0000/g, '\\ufffd'));
}
