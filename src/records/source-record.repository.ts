import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { compareText } from '../common/objects.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import type { Queryable } from '../database/queryable.js';
import type { SourceRecordPayload } from './source-record.js';

/** The head row of one record as a batch brings it: which record, whose, and what content. */
export interface RecordHead {
  sourceRecordId: string;
  borrowerRef: string;
  contentHash: string;
}

/** A head the batch created or changed: the record's row id and the version it now is at. */
export interface StoredHead {
  id: string;
  sourceRecordId: string;
  version: number;
}

export interface NewRecordVersion {
  sourceRecordUuid: string;
  version: number;
  contentHash: string;
  observedAt: Date;
  borrowerId: string;
  personId: string;
  payload: SourceRecordPayload;
}

export interface RecordVersion {
  id: string;
  version: number;
  observedAt: Date;
  receivedAt: Date;
  batchId: string;
  contentHash: string;
  payload: SourceRecordPayload;
  borrowerId: string;
  /** After any merge: the person the version is about now. */
  personId: string;
}

/** Source records: one head row per (source, record id) and an append-only version per content change. */
@Injectable()
export class SourceRecordRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts or bumps the head row of each record; rows whose content hash is unchanged are not
   * touched and not returned: they are the duplicates. One upsert cannot touch a row twice, so the
   * heads must have distinct record ids.
   */
  async storeHeads(sourceKey: string, receivedAt: Date, unsorted: readonly RecordHead[], db: Queryable = this.dataSource): Promise<StoredHead[]> {
    // Id order: concurrent batches of one source lock shared heads in the same order.
    const heads = [...unsorted].sort((left, right) => compareText(left.sourceRecordId, right.sourceRecordId));
    const rows: { id: string; source_record_id: string; current_version: number }[] = await db.query(
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
        heads.map(() => timeOrderedId()),
        heads.map((head) => head.sourceRecordId),
        heads.map((head) => head.borrowerRef),
        heads.map((head) => head.contentHash),
      ],
    );
    return rows.map((row) => ({ id: row.id, sourceRecordId: row.source_record_id, version: row.current_version }));
  }

  /** Appends the versions; returns their ids in the order given. */
  async insertVersions(batchId: string, receivedAt: Date, versions: readonly NewRecordVersion[], db: Queryable = this.dataSource): Promise<string[]> {
    if (versions.length === 0) return [];
    // One JSON parameter: the driver's array literals escape every character of every payload again.
    const rows: { id: string; source_record_uuid: string; version: number }[] = await db.query(
      `INSERT INTO source_record_version (source_record_uuid, version, content_hash, observed_at, received_at, batch_id, borrower_id, person_id, payload)
       SELECT source_record_uuid, version, content_hash, observed_at, $1, $2, borrower_id, person_id, payload
       FROM jsonb_to_recordset($3::jsonb)
         AS row(source_record_uuid uuid, version int, content_hash text, observed_at timestamptz, borrower_id uuid, person_id uuid, payload jsonb)
       RETURNING id, source_record_uuid, version`,
      [
        receivedAt,
        batchId,
        JSON.stringify(
          versions.map((version) => ({
            source_record_uuid: version.sourceRecordUuid,
            version: version.version,
            content_hash: version.contentHash,
            observed_at: version.observedAt,
            borrower_id: version.borrowerId,
            person_id: version.personId,
            payload: version.payload,
          })),
        ),
      ],
    );
    // RETURNING order is not guaranteed: match rows back by (record, version).
    const ids = new Map(rows.map((row) => [`${row.source_record_uuid}|${row.version}`, row.id]));
    return versions.map((version) => ids.get(`${version.sourceRecordUuid}|${version.version}`)!);
  }

  /** Every version of one record, newest first; none when the source never sent it. */
  async findVersions(sourceKey: string, sourceRecordId: string, db: Queryable = this.dataSource): Promise<RecordVersion[]> {
    const rows: {
      id: string;
      version: number;
      observed_at: Date;
      received_at: Date;
      batch_id: string;
      content_hash: string;
      payload: SourceRecordPayload;
      borrower_id: string;
      person_id: string;
    }[] = await db.query(
      `SELECT version.id, version.version, version.observed_at, version.received_at, version.batch_id, version.content_hash,
              version.payload, version.borrower_id, canonical_person(version.person_id) AS person_id
       FROM source_record record
       JOIN source_record_version version ON version.source_record_uuid = record.id
       WHERE record.source_key = $1 AND record.source_record_id = $2
       ORDER BY version.version DESC`,
      [sourceKey, sourceRecordId],
    );
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      observedAt: row.observed_at,
      receivedAt: row.received_at,
      batchId: row.batch_id,
      contentHash: row.content_hash,
      payload: row.payload,
      borrowerId: row.borrower_id,
      personId: row.person_id,
    }));
  }

  /**
   * What the latest records say about the borrower themself (name, id number, employer): what an
   * external source is asked about. Undefined fields were never given.
   */
  async latestBorrowerIdentity(borrowerId: string, db: Queryable = this.dataSource): Promise<BorrowerIdentity> {
    const [row]: { name: string | null; id_number: string | null; employer_name: string | null }[] = await db.query(
      `SELECT
         (SELECT payload #>> '{borrower,name}' FROM source_record_version
           WHERE borrower_id = $1 AND payload #>> '{borrower,name}' IS NOT NULL ORDER BY observed_at DESC, id DESC LIMIT 1) AS name,
         (SELECT payload #>> '{borrower,idNumber}' FROM source_record_version
           WHERE borrower_id = $1 AND payload #>> '{borrower,idNumber}' IS NOT NULL ORDER BY observed_at DESC, id DESC LIMIT 1) AS id_number,
         (SELECT payload #>> '{employer,name}' FROM source_record_version
           WHERE borrower_id = $1 AND payload #>> '{subject,role}' = 'borrower' AND payload #>> '{employer,name}' IS NOT NULL
           ORDER BY observed_at DESC, id DESC LIMIT 1) AS employer_name`,
      [borrowerId],
    );
    return { name: row?.name ?? undefined, idNumber: row?.id_number ?? undefined, employerName: row?.employer_name ?? undefined };
  }
}

export interface BorrowerIdentity {
  name?: string;
  idNumber?: string;
  employerName?: string;
}
