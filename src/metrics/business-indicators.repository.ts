import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { RepairCounts } from './indicators.js';

/** Counts for the business indicators: aggregates only, never a borrower or a contact value. */
@Injectable()
export class BusinessIndicatorsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Borrowers per last assessed lost-contact status (borrowers never assessed have no row). */
  async borrowersByStatus(db: Queryable = this.dataSource): Promise<{ status: string; borrowers: number }[]> {
    return db.query('SELECT status, count(*)::int AS borrowers FROM borrower_status GROUP BY status');
  }

  /**
   * Repair runs on record; decided: answered within `windowDays` of the start, or started longer ago than
   * that; succeeded: an answered call to the borrower within the window. One probe of the
   * (borrower_id, attempted_at) index per run.
   */
  async repairCounts(windowDays: number, db: Queryable = this.dataSource): Promise<RepairCounts> {
    const [row] = await db.query(
      `SELECT count(*)::int AS started,
              count(*) FILTER (WHERE answered.found)::int AS succeeded,
              count(*) FILTER (WHERE answered.found OR run.started_at <= now() - make_interval(days => $1))::int AS decided
         FROM repair_run run
         CROSS JOIN LATERAL (
           SELECT EXISTS (
             SELECT 1 FROM contact_attempt attempt
              WHERE attempt.borrower_id = run.borrower_id AND attempt.outcome = 'answered'
                AND attempt.attempted_at >= run.started_at AND attempt.attempted_at < run.started_at + make_interval(days => $1)
           ) AS found
         ) answered`,
      [windowDays],
    );
    return { started: row.started, decided: row.decided, succeeded: row.succeeded };
  }

  /**
   * Open stale flags per type; empty while the stale_flag table does not exist yet (the stale scan adds
   * it), checked first because a statement naming a missing table fails as a whole.
   */
  async openStaleFlagsByType(db: Queryable = this.dataSource): Promise<{ type: string; flags: number }[]> {
    const [table] = await db.query(`SELECT to_regclass('stale_flag') IS NOT NULL AS present`);
    if (!table.present) return [];
    return db.query(`SELECT type, count(*)::int AS flags FROM stale_flag WHERE status = 'open' GROUP BY type`);
  }
}
