import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { JobName, JobPayloads } from './job-definitions.js';

export interface OwedJob {
  id: string;
  jobName: string;
  payload: unknown;
  jobId: string;
}

/** Jobs owed to the queue (see OutboxEntity). */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass the transaction of the change that causes the job: the job exists exactly when the change does. */
  async add<N extends JobName>(name: N, data: JobPayloads[N], jobId: string, db: Queryable = this.dataSource): Promise<void> {
    await db.query('INSERT INTO outbox (job_name, payload, job_id) VALUES ($1, $2, $3) ON CONFLICT (job_id) DO NOTHING', [name, JSON.stringify(data), jobId]);
  }

  /** The oldest rows not handed to the queue yet, locked so another process skips them. Inside a transaction. */
  async claimUndispatched(limit: number, db: Queryable): Promise<OwedJob[]> {
    const rows: { id: string; job_name: string; payload: unknown; job_id: string }[] = await db.query(
      `SELECT id, job_name, payload, job_id FROM outbox
       WHERE done_at IS NULL AND dispatched_at IS NULL
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({ id: String(row.id), jobName: row.job_name, payload: row.payload, jobId: row.job_id }));
  }

  /** The queue accepted them; `done` when it keeps them itself (a durable queue). */
  async markDispatched(ids: readonly string[], done: boolean, db: Queryable = this.dataSource): Promise<void> {
    if (ids.length === 0) return;
    await db.query(
      'UPDATE outbox SET dispatched_at = now(), done_at = CASE WHEN $2::boolean THEN now() ELSE done_at END WHERE id = ANY($1::bigint[])',
      [ids, done],
    );
  }

  /** A row that cannot become a job (its job no longer exists): done, and failed. */
  async markUnknown(ids: readonly string[], db: Queryable = this.dataSource): Promise<void> {
    if (ids.length === 0) return;
    await db.query('UPDATE outbox SET done_at = now(), failed_at = now() WHERE id = ANY($1::bigint[])', [ids]);
  }

  /** A non-durable queue finished the job (or gave up on it): nothing more is owed. */
  async markSettled(jobId: string, failed: boolean): Promise<void> {
    await this.dataSource.query(
      'UPDATE outbox SET done_at = now(), failed_at = CASE WHEN $2::boolean THEN now() END WHERE job_id = $1 AND done_at IS NULL',
      [jobId, failed],
    );
  }

  /**
   * At the start of a process with a non-durable queue: what an earlier run had handed over is in no
   * queue any more, so it is owed again.
   */
  async releaseDispatched(): Promise<number> {
    const result: unknown = await this.dataSource.query('UPDATE outbox SET dispatched_at = NULL WHERE done_at IS NULL AND dispatched_at IS NOT NULL');
    // pg answers an UPDATE with [rows, affected]
    return Array.isArray(result) ? Number(result[1]) || 0 : 0;
  }

  async counts(): Promise<{ undispatched: number; failed: number }> {
    const [row]: { undispatched: string; failed: string }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE done_at IS NULL AND dispatched_at IS NULL) AS undispatched,
              count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed
       FROM outbox`,
    );
    return { undispatched: Number(row.undispatched), failed: Number(row.failed) };
  }

  /** Per job name: rows not handed over yet, and rows whose job failed for good (kept a week). */
  async countsByJob(): Promise<{ jobName: string; undispatched: number; failed: number }[]> {
    const rows: { job_name: string; undispatched: string; failed: string }[] = await this.dataSource.query(
      `SELECT job_name,
              count(*) FILTER (WHERE done_at IS NULL AND dispatched_at IS NULL) AS undispatched,
              count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed
       FROM outbox WHERE (done_at IS NULL AND dispatched_at IS NULL) OR failed_at IS NOT NULL
       GROUP BY job_name`,
    );
    return rows.map((row) => ({ jobName: row.job_name, undispatched: Number(row.undispatched), failed: Number(row.failed) }));
  }

  /** Which of these job ids the outbox has a row for. */
  async knownJobIds(jobIds: readonly string[]): Promise<Set<string>> {
    if (jobIds.length === 0) return new Set();
    const rows: { job_id: string }[] = await this.dataSource.query('SELECT job_id FROM outbox WHERE job_id = ANY($1::text[])', [jobIds]);
    return new Set(rows.map((row) => row.job_id));
  }

  /**
   * Failed jobs a non-durable queue still holds and is about to run again: owed again (dispatched, not done)
   * until they settle, so a crash meanwhile hands them over again after the restart.
   */
  async reopenFailed(jobIds: readonly string[]): Promise<void> {
    if (jobIds.length === 0) return;
    await this.dataSource.query('UPDATE outbox SET done_at = NULL, failed_at = NULL WHERE job_id = ANY($1::text[]) AND failed_at IS NOT NULL', [jobIds]);
  }

  /** Up to `limit` failed rows of these jobs, oldest first, made owed again from scratch (to be handed over); their job ids. */
  async releaseFailed(jobNames: readonly string[], limit: number): Promise<string[]> {
    if (jobNames.length === 0 || limit <= 0) return [];
    const rows: { job_id: string }[] = await this.dataSource.query(
      // In a WITH, so pg answers with the rows (a bare UPDATE … RETURNING comes back as [rows, count]).
      `WITH released AS (
         UPDATE outbox SET done_at = NULL, failed_at = NULL, dispatched_at = NULL
         WHERE id IN (SELECT id FROM outbox WHERE failed_at IS NOT NULL AND job_name = ANY($1::text[]) ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING job_id
       )
       SELECT job_id FROM released`,
      [jobNames, limit],
    );
    return rows.map((row) => row.job_id);
  }

  /** Done rows are only history: kept a week (failed ones stay visible in the pipeline status that long). */
  async purgeDone(olderThanDays: number): Promise<void> {
    await this.dataSource.query("DELETE FROM outbox WHERE done_at < now() - make_interval(days => $1)", [olderThanDays]);
  }
}
