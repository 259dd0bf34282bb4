import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { ConnectorDefinition } from './connector-definition.js';
import type { Checkpoint, CompletedFile } from './readers/connector-reader.js';

export interface Connector {
  key: string;
  definition: ConnectorDefinition;
  declaredIn: 'api' | 'config';
  checkpoint: Checkpoint | null;
  createdAt: Date;
  updatedAt: Date;
}

interface ConnectorRow {
  key: string;
  definition: ConnectorDefinition;
  declared_in: 'api' | 'config';
  checkpoint: Checkpoint | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'key, definition, declared_in, checkpoint, created_at, updated_at';

/** Connectors, their checkpoints and the files they have read. */
@Injectable()
export class ConnectorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(db: Queryable = this.dataSource): Promise<Connector[]> {
    const rows: ConnectorRow[] = await db.query(`SELECT ${COLUMNS} FROM connector ORDER BY key`);
    return rows.map(toConnector);
  }

  async findByKey(key: string, db: Queryable = this.dataSource): Promise<Connector | undefined> {
    const [row]: ConnectorRow[] = await db.query(`SELECT ${COLUMNS} FROM connector WHERE key = $1`, [key]);
    return row ? toConnector(row) : undefined;
  }

  /** Row-locks the connector until the transaction ends, so concurrent puts of one key queue up. */
  async findByKeyForUpdate(key: string, db: Queryable): Promise<Connector | undefined> {
    const [row]: ConnectorRow[] = await db.query(`SELECT ${COLUMNS} FROM connector WHERE key = $1 FOR UPDATE`, [key]);
    return row ? toConnector(row) : undefined;
  }

  /** Writes the definition; the checkpoint is kept (a changed query or mapping continues from where it was). */
  async upsert(key: string, definition: ConnectorDefinition, declaredIn: 'api' | 'config', db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO connector (key, source_key, kind, definition, declared_in, checkpoint, created_at, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, NULL, now(), now())
       ON CONFLICT (key) DO UPDATE SET source_key = EXCLUDED.source_key, kind = EXCLUDED.kind, definition = EXCLUDED.definition,
         declared_in = EXCLUDED.declared_in, updated_at = now()`,
      [key, definition.source, definition.kind, JSON.stringify(definition), declaredIn],
    );
  }

  async saveCheckpoint(key: string, checkpoint: Checkpoint, db: Queryable = this.dataSource): Promise<void> {
    await db.query(`UPDATE connector SET checkpoint = $2::jsonb WHERE key = $1`, [key, JSON.stringify(checkpoint)]);
  }

  /** Records files read to their end; a file already recorded (same checksum) stays as it was. */
  async recordFiles(key: string, runId: string, files: readonly CompletedFile[], db: Queryable = this.dataSource): Promise<void> {
    if (files.length === 0) return;
    await db.query(
      `INSERT INTO connector_file (connector_key, checksum, name, size, rows, run_id, completed_at)
       SELECT $1, file.checksum, file.name, file.size, file.rows, $2, now()
       FROM jsonb_to_recordset($3::jsonb) AS file(checksum text, name text, size bigint, rows integer)
       ON CONFLICT (connector_key, checksum) DO NOTHING`,
      [key, runId, JSON.stringify(files)],
    );
  }

  async isFileDone(key: string, checksum: string, db: Queryable = this.dataSource): Promise<boolean> {
    const rows: unknown[] = await db.query(`SELECT 1 FROM connector_file WHERE connector_key = $1 AND checksum = $2`, [key, checksum]);
    return rows.length > 0;
  }
}

function toConnector(row: ConnectorRow): Connector {
  return { key: row.key, definition: row.definition, declaredIn: row.declared_in, checkpoint: row.checkpoint, createdAt: row.created_at, updatedAt: row.updated_at };
}
