import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { JobRunState } from './job-run.entity.js';

export interface JobRun {
  id: string;
  type: string;
  state: JobRunState;
  progress: Record<string, number>;
  counts: Record<string, number>;
  checkpoint: string | null;
  requestedBy: string;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  /** The process that last started or resumed it (WORKER_NAME). */
  workerName: string | null;
}

/** What one committed batch adds to its run: numbers are added to the run's progress and counts. */
export interface JobRunStep {
  progress: Record<string, number>;
  counts: Record<string, number>;
  checkpoint: string;
}

interface JobRunRow {
  id: string;
  type: string;
  state: JobRunState;
  progress: Record<string, number>;
  counts: Record<string, number>;
  checkpoint: string | null;
  requested_by: string;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  worker_name: string | null;
}

const COLUMNS = 'id, type, state, progress, counts, checkpoint, requested_by, queued_at, started_at, finished_at, error, worker_name';

@Injectable()
export class JobRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(run: { id: string; type: string; requestedBy: string; progress: Record<string, number>; counts: Record<string, number> }, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO job_run (id, type, state, progress, counts, requested_by, queued_at) VALUES ($1, $2, 'queued', $3::jsonb, $4::jsonb, $5, now())`,
      [run.id, run.type, JSON.stringify(run.progress), JSON.stringify(run.counts), run.requestedBy],
    );
  }

  /** Until the transaction ends, other requests for a run of this type wait (so two cannot both find none unfinished). */
  async lockRequests(type: string, db: Queryable): Promise<void> {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`job-run-request:${type}`]);
  }

  async findById(id: string, db: Queryable = this.dataSource): Promise<JobRun | undefined> {
    const [row]: JobRunRow[] = await db.query(`SELECT ${COLUMNS} FROM job_run WHERE id = $1`, [id]);
    return row ? toJobRun(row) : undefined;
  }

  /** The oldest run of the type not finished yet, if any (so a run is not queued twice). */
  async findUnfinished(type: string, db: Queryable = this.dataSource): Promise<JobRun | undefined> {
    const [row]: JobRunRow[] = await db.query(`SELECT ${COLUMNS} FROM job_run WHERE type = $1 AND state IN ('queued', 'running') ORDER BY queued_at LIMIT 1`, [type]);
    return row ? toJobRun(row) : undefined;
  }

  /** Running from now, in the process `workerName`; `progress` is merged in (the total, known when the run starts). */
  async markRunning(id: string, progress: Record<string, number>, workerName: string | null, db: Queryable = this.dataSource): Promise<void> {
    await db.query(`UPDATE job_run SET state = 'running', started_at = coalesce(started_at, now()), progress = progress || $2::jsonb, worker_name = $3 WHERE id = $1`, [
      id,
      JSON.stringify(progress),
      workerName,
    ]);
  }

  /** Adds a committed batch to the run; called in the batch's transaction, so a resumed run continues its numbers. */
  async addStep(id: string, step: JobRunStep, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE job_run SET
         progress = progress || (SELECT coalesce(jsonb_object_agg(key, coalesce((progress ->> key)::bigint, 0) + value::bigint), '{}') FROM jsonb_each_text($2::jsonb)),
         counts = counts || (SELECT coalesce(jsonb_object_agg(key, coalesce((counts ->> key)::bigint, 0) + value::bigint), '{}') FROM jsonb_each_text($3::jsonb)),
         checkpoint = $4
       WHERE id = $1`,
      [id, JSON.stringify(step.progress), JSON.stringify(step.counts), step.checkpoint],
    );
  }

  /** Ends the run; `counts` are set (not added), e.g. the open total at the end. */
  async finish(id: string, state: 'completed' | 'failed', error: string | null, counts: Record<string, number> = {}, db: Queryable = this.dataSource): Promise<void> {
    await db.query(`UPDATE job_run SET state = $2, error = $3, finished_at = now(), counts = counts || $4::jsonb WHERE id = $1`, [id, state, error, JSON.stringify(counts)]);
  }
}

function toJobRun(row: JobRunRow): JobRun {
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    progress: row.progress,
    counts: row.counts,
    checkpoint: row.checkpoint,
    requestedBy: row.requested_by,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    workerName: row.worker_name,
  };
}
