import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { ConsentRecordFacts } from './consent-in-force.js';

export interface NewConsentRecord {
  borrowerId: string;
  externalSources: boolean;
  thirdPartyContact: boolean;
  evidenceRef: string;
  grantedAt: Date;
  recordedBy: string;
}

export interface ConsentRecord extends NewConsentRecord {
  /** bigint, as a string; insertion order */
  id: string;
  recordedAt: Date;
}

interface ConsentRow {
  id: string;
  borrower_id: string;
  external_sources: boolean;
  third_party_contact: boolean;
  evidence_ref: string;
  granted_at: Date;
  recorded_at: Date;
  recorded_by: string;
}

/** Append-only: a record is never changed, a later one replaces it. */
@Injectable()
export class ConsentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(record: NewConsentRecord, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO consent (borrower_id, external_sources, third_party_contact, evidence_ref, granted_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [record.borrowerId, record.externalSources, record.thirdPartyContact, record.evidenceRef, record.grantedAt, record.recordedBy],
    );
  }

  /** The borrower's records, newest first. */
  async history(borrowerId: string, limit: number, db: Queryable = this.dataSource): Promise<ConsentRecord[]> {
    const rows: ConsentRow[] = await db.query(
      `SELECT id, borrower_id, external_sources, third_party_contact, evidence_ref, granted_at, recorded_at, recorded_by
       FROM consent WHERE borrower_id = $1 ORDER BY id DESC LIMIT $2`,
      [borrowerId, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      borrowerId: row.borrower_id,
      externalSources: row.external_sources,
      thirdPartyContact: row.third_party_contact,
      evidenceRef: row.evidence_ref,
      grantedAt: row.granted_at,
      recordedAt: row.recorded_at,
      recordedBy: row.recorded_by,
    }));
  }

  /**
   * The facts consentInForce decides on. Only the newest record can win, so only it is read
   * (at most one element): this runs on every plan request.
   */
  async latestFacts(borrowerId: string, db: Queryable = this.dataSource): Promise<ConsentRecordFacts[]> {
    const rows: Pick<ConsentRow, 'id' | 'external_sources' | 'third_party_contact'>[] = await db.query(
      'SELECT id, external_sources, third_party_contact FROM consent WHERE borrower_id = $1 ORDER BY id DESC LIMIT 1',
      [borrowerId],
    );
    return rows.map((row) => ({ id: row.id, externalSources: row.external_sources, thirdPartyContact: row.third_party_contact }));
  }

  /** The newest record's facts of each borrower named by ref (borrowers without one are left out). */
  async latestFactsByRefs(borrowerRefs: readonly string[], db: Queryable = this.dataSource): Promise<(ConsentRecordFacts & { borrowerRef: string })[]> {
    if (borrowerRefs.length === 0) return [];
    const rows: (Pick<ConsentRow, 'id' | 'external_sources' | 'third_party_contact'> & { ref: string })[] = await db.query(
      `SELECT borrower.ref, latest.id, latest.external_sources, latest.third_party_contact
       FROM borrower
       CROSS JOIN LATERAL (SELECT id, external_sources, third_party_contact FROM consent WHERE consent.borrower_id = borrower.id ORDER BY id DESC LIMIT 1) AS latest
       WHERE borrower.ref = ANY($1::varchar[])`,
      [borrowerRefs],
    );
    return rows.map((row) => ({ borrowerRef: row.ref, id: row.id, externalSources: row.external_sources, thirdPartyContact: row.third_party_contact }));
  }

  /** The newest record's facts of each of these borrowers (borrowers without one are left out). */
  async latestFactsByIds(borrowerIds: readonly string[], db: Queryable = this.dataSource): Promise<(ConsentRecordFacts & { borrowerId: string })[]> {
    if (borrowerIds.length === 0) return [];
    const rows: (Pick<ConsentRow, 'id' | 'borrower_id' | 'external_sources' | 'third_party_contact'>)[] = await db.query(
      `SELECT DISTINCT ON (borrower_id) borrower_id, id, external_sources, third_party_contact
       FROM consent WHERE borrower_id = ANY($1::uuid[]) ORDER BY borrower_id, id DESC`,
      [borrowerIds],
    );
    return rows.map((row) => ({ borrowerId: row.borrower_id, id: row.id, externalSources: row.external_sources, thirdPartyContact: row.third_party_contact }));
  }
}
