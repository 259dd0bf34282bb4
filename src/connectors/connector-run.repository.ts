import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { RunState, RunTrigger } from './connector-run.entity.js';
import type { Checkpoint } from './readers/connector-reader.js';

export interface ConnectorRun {
  id: string;
  connectorKey: string;
  trigger: RunTrigger;
  requestedBy: string;
  state: RunState;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  files: number;
  busyMilliseconds: number;
  checkpoint: Checkpoint | null;
  error: string | null;
}

/** What one committed batch adds to its run. */
export interface RunProgress {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  files: number;
  busyMilliseconds: number;
  checkpoint: Checkpoint;
}

interface RunRow {
  id: string;
  connector_key: string;
  trigger: RunTrigger;
  requested_by: string;
  state: RunState;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  files: number;
  busy_milliseconds: string;
  checkpoint: Checkpoint | null;
  error: string | null;
}

const COLUMNS = 'id, connector_key, trigger, requested_by, state, queued_at, started_at, finished_at, read, accepted, duplicates, rejected, files, busy_milliseconds, checkpoint, error';

@Injectable()
export class ConnectorRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(run: { id: string; connectorKey: string; trigger: RunTrigger; requestedBy: string }, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO connector_run (id, connector_key, trigger, requested_by, state, queued_at) VALUES ($1, $2, $3, $4, 'queued', now())`,
      [run.id, run.connectorKey, run.trigger, run.requestedBy],
    );
  }

  async findById(id: string, db: Queryable = this.dataSource): Promise<ConnectorRun | undefined> {
    const [row]: RunRow[] = await db.query(`SELECT ${COLUMNS} FROM connector_run WHERE id = $1`, [id]);
    return row ? toRun(row) : undefined;
  }

  /** Newest first, keyset-paged by (queued_at, id). */
  async list(connectorKey: string, limit: number, before: { queuedAt: Date; id: string } | undefined, db: Queryable = this.dataSource): Promise<ConnectorRun[]> {
    const rows: RunRow[] = await db.query(
      `SELECT ${COLUMNS} FROM connector_run
       WHERE connector_key = $1 AND ($3::timestamptz IS NULL OR (queued_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY queued_at DESC, id DESC LIMIT $2`,
      [connectorKey, limit, before?.queuedAt ?? null, before?.id ?? null],
    );
    return rows.map(toRun);
  }

  /** A run of the connector not yet finished, if any (so an on-demand run is not queued twice). */
  async findUnfinished(connectorKey: string, db: Queryable = this.dataSource): Promise<ConnectorRun | undefined> {
    const [row]: RunRow[] = await db.query(
      `SELECT ${COLUMNS} FROM connector_run WHERE connector_key = $1 AND state IN ('queued', 'running') ORDER BY queued_at LIMIT 1`,
      [connectorKey],
    );
    return row ? toRun(row) : undefined;
  }

  async markRunning(id: string, db: Queryable = this.dataSource): Promise<void> {
    await db.query(`UPDATE connector_run SET state = 'running', started_at = coalesce(started_at, now()) WHERE id = $1`, [id]);
  }

  /** Adds a committed batch to the run; called in the batch's transaction. */
  async addProgress(id: string, progress: RunProgress, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE connector_run SET read = read + $2, accepted = accepted + $3, duplicates = duplicates + $4, rejected = rejected + $5,
         files = files + $6, busy_milliseconds = busy_milliseconds + $7, checkpoint = $8::jsonb
       WHERE id = $1`,
      [id, progress.read, progress.accepted, progress.duplicates, progress.rejected, progress.files, Math.round(progress.busyMilliseconds), JSON.stringify(progress.checkpoint)],
    );
  }

  async finish(id: string, state: 'completed' | 'failed', error: string | null, db: Queryable = this.dataSource): Promise<void> {
    await db.query(`UPDATE connector_run SET state = $2, error = $3, finished_at = now() WHERE id = $1`, [id, state, error]);
  }
}

function toRun(row: RunRow): ConnectorRun {
  return {
    id: row.id,
    connectorKey: row.connector_key,
    trigger: row.trigger,
    requestedBy: row.requested_by,
    state: row.state,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    read: row.read,
    accepted: row.accepted,
    duplicates: row.duplicates,
    rejected: row.rejected,
    files: row.files,
    busyMilliseconds: Number(row.busy_milliseconds),
    checkpoint: row.checkpoint,
    error: row.error,
  };
}
