import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { LostContactStatus } from './lost-contact-status.js';

@Injectable()
export class BorrowerStatusRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores the borrower's status and returns the one it replaces, under the row lock of the caller's
   * transaction, so two assessments of one borrower cannot both see the same transition. `since` moves only on a change.
   */
  async record(borrowerId: string, status: LostContactStatus, reason: string, db: Queryable): Promise<LostContactStatus | undefined> {
    const [row]: { status: LostContactStatus }[] = await db.query('SELECT status FROM borrower_status WHERE borrower_id = $1 FOR UPDATE', [borrowerId]);
    await db.query(
      `INSERT INTO borrower_status (borrower_id, status, reason, since, assessed_at) VALUES ($1, $2, $3, now(), now())
       ON CONFLICT (borrower_id) DO UPDATE SET
         since = CASE WHEN borrower_status.status = EXCLUDED.status THEN borrower_status.since ELSE now() END,
         status = EXCLUDED.status, reason = EXCLUDED.reason, assessed_at = now()`,
      [borrowerId, status, reason],
    );
    return row?.status;
  }
}
