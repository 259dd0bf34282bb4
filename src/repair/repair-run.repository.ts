import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { RepairInquiryOutcome, RepairRunStatus } from './repair-run.entity.js';

export interface RepairRun {
  id: string;
  borrowerId: string;
  reason: string;
  requestedBy: string;
  status: RepairRunStatus;
  sources: string[];
  inquiries: RepairInquiryOutcome[];
  candidateContactPointIds: string[];
  newContactPointIds: string[];
  startedAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = 'id, borrower_id, reason, requested_by, status, sources, inquiries, candidate_contact_point_ids, new_contact_point_ids, started_at, finished_at';

@Injectable()
export class RepairRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates the run as running; a run already created under this id (a retried job) is left as it is. */
  async start(run: { id: string; borrowerId: string; reason: string; requestedBy: string }, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO repair_run (id, borrower_id, reason, requested_by, status, started_at) VALUES ($1, $2, $3, $4, 'running', now())
       ON CONFLICT (id) DO NOTHING`,
      [run.id, run.borrowerId, run.reason, run.requestedBy],
    );
  }

  async findById(id: string, db: Queryable = this.dataSource): Promise<RepairRun | undefined> {
    const [row]: Record<string, unknown>[] = await db.query(`SELECT ${COLUMNS} FROM repair_run WHERE id = $1`, [id]);
    return row ? toRun(row) : undefined;
  }

  async listForBorrower(borrowerId: string, limit: number, db: Queryable = this.dataSource): Promise<RepairRun[]> {
    const rows: Record<string, unknown>[] = await db.query(`SELECT ${COLUMNS} FROM repair_run WHERE borrower_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2`, [
      borrowerId,
      limit,
    ]);
    return rows.map(toRun);
  }

  async finish(
    id: string,
    outcome: { status: Exclude<RepairRunStatus, 'running'>; sources: string[]; inquiries: RepairInquiryOutcome[]; candidateContactPointIds: string[]; newContactPointIds: string[] },
    db: Queryable = this.dataSource,
  ): Promise<void> {
    await db.query(
      `UPDATE repair_run SET status = $2, sources = $3::text[], inquiries = $4::jsonb, candidate_contact_point_ids = $5::uuid[],
         new_contact_point_ids = $6::uuid[], finished_at = now()
       WHERE id = $1`,
      [id, outcome.status, outcome.sources, JSON.stringify(outcome.inquiries), outcome.candidateContactPointIds, outcome.newContactPointIds],
    );
  }
}

function toRun(row: Record<string, unknown>): RepairRun {
  return {
    id: row.id as string,
    borrowerId: row.borrower_id as string,
    reason: row.reason as string,
    requestedBy: row.requested_by as string,
    status: row.status as RepairRunStatus,
    sources: row.sources as string[],
    inquiries: row.inquiries as RepairInquiryOutcome[],
    candidateContactPointIds: row.candidate_contact_point_ids as string[],
    newContactPointIds: row.new_contact_point_ids as string[],
    startedAt: row.started_at as Date,
    finishedAt: row.finished_at as Date | null,
  };
}
