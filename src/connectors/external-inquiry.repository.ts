import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { InquiryOutcome } from './external-inquiry.entity.js';

export interface ExternalInquiry {
  connectorKey: string;
  sourceKey: string;
  borrowerId: string;
  repairRunId: string | null;
  legalBasis: string;
  askedAt: Date;
  outcome: InquiryOutcome;
  httpStatus: number | null;
  records: number;
  durationMilliseconds: number;
  error: string | null;
}

/** The record of every question asked of an external source about a borrower (for audit). */
@Injectable()
export class ExternalInquiryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(inquiry: ExternalInquiry, db: Queryable = this.dataSource): Promise<string> {
    const id = randomUUID();
    await db.query(
      `INSERT INTO external_inquiry (id, connector_key, source_key, borrower_id, repair_run_id, legal_basis, asked_at, outcome, http_status, records, duration_milliseconds, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [id, inquiry.connectorKey, inquiry.sourceKey, inquiry.borrowerId, inquiry.repairRunId, inquiry.legalBasis, inquiry.askedAt, inquiry.outcome, inquiry.httpStatus, inquiry.records, Math.round(inquiry.durationMilliseconds), inquiry.error],
    );
    return id;
  }

  async listForBorrower(borrowerId: string, db: Queryable = this.dataSource): Promise<(ExternalInquiry & { id: string })[]> {
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT id, connector_key, source_key, borrower_id, repair_run_id, legal_basis, asked_at, outcome, http_status, records, duration_milliseconds, error
       FROM external_inquiry WHERE borrower_id = $1 ORDER BY asked_at, id`,
      [borrowerId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      connectorKey: row.connector_key as string,
      sourceKey: row.source_key as string,
      borrowerId: row.borrower_id as string,
      repairRunId: row.repair_run_id as string | null,
      legalBasis: row.legal_basis as string,
      askedAt: row.asked_at as Date,
      outcome: row.outcome as InquiryOutcome,
      httpStatus: row.http_status as number | null,
      records: row.records as number,
      durationMilliseconds: row.duration_milliseconds as number,
      error: row.error as string | null,
    }));
  }
}
