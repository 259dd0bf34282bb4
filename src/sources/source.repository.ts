import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { SourceKind, SourceSystem } from './source-types.js';

/** A source as stored; created and updated times come from the database. */
export interface SourceFields {
  key: string;
  system: SourceSystem;
  kind: SourceKind;
  displayName: string | null;
  trust: number;
  /** 'config' when declared in config/sources.json, 'api' when registered over HTTP. */
  declaredIn: 'api' | 'config';
}

export interface Source extends SourceFields {
  createdAt: Date;
  updatedAt: Date;
}

interface SourceRow {
  key: string;
  system: SourceSystem;
  kind: SourceKind;
  display_name: string | null;
  trust: number;
  declared_in: 'api' | 'config';
  created_at: Date;
  updated_at: Date;
}

const SOURCE_COLUMNS = 'key, system, kind, display_name, trust, declared_in, created_at, updated_at';

@Injectable()
export class SourceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(db: Queryable = this.dataSource): Promise<Source[]> {
    const rows: SourceRow[] = await db.query(`SELECT ${SOURCE_COLUMNS} FROM source ORDER BY key ASC`);
    return rows.map(toSource);
  }

  async findByKey(key: string, db: Queryable = this.dataSource): Promise<Source | undefined> {
    const [row]: SourceRow[] = await db.query(`SELECT ${SOURCE_COLUMNS} FROM source WHERE key = $1 LIMIT 1`, [key]);
    return row ? toSource(row) : undefined;
  }

  /** Reads and row-locks the source until the transaction ends, so concurrent puts of one key queue up. */
  async findByKeyForUpdate(key: string, db: Queryable): Promise<Source | undefined> {
    const [row]: SourceRow[] = await db.query(`SELECT ${SOURCE_COLUMNS} FROM source WHERE key = $1 LIMIT 1 FOR UPDATE`, [key]);
    return row ? toSource(row) : undefined;
  }

  /** Inserts the source, or overwrites every field of the existing one and stamps updated_at. */
  async upsert(source: SourceFields, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO source (key, system, kind, display_name, trust, declared_in, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, DEFAULT, DEFAULT)
       ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key, system = EXCLUDED.system, kind = EXCLUDED.kind, display_name = EXCLUDED.display_name,
         trust = EXCLUDED.trust, declared_in = EXCLUDED.declared_in, updated_at = DEFAULT`,
      [source.key, source.system, source.kind, source.displayName, source.trust, source.declaredIn],
    );
  }
}

function toSource(row: SourceRow): Source {
  return {
    key: row.key,
    system: row.system,
    kind: row.kind,
    displayName: row.display_name,
    trust: row.trust,
    declaredIn: row.declared_in,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
