import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { compareText } from '../common/objects.js';
import type { Queryable } from '../database/queryable.js';

/** Borrowers by reference, created when new (ref -> id); like contact points, outside the ingest transaction. */
export async function ensureBorrowers(executor: Queryable, refs: readonly string[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const ids = await findBorrowerIds(executor, refs);
  const missing = refs.filter((ref) => !ids.has(ref)).sort(compareText);
  if (missing.length === 0) return ids;
  await executor.query('INSERT INTO borrower (id, ref) SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT (ref) DO NOTHING', [missing.map(() => timeOrderedId()), missing]);
  for (const [ref, id] of await findBorrowerIds(executor, missing)) ids.set(ref, id);
  return ids;
}

async function findBorrowerIds(executor: Queryable, refs: readonly string[]): Promise<Map<string, string>> {
  const rows: { id: string; ref: string }[] = await executor.query('SELECT id, ref FROM borrower WHERE ref = ANY($1::text[])', [refs]);
  return new Map(rows.map((row) => [row.ref, row.id]));
}

@Injectable()
export class BorrowerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findIdByRef(ref: string, db: Queryable = this.dataSource): Promise<string | undefined> {
    const [row]: { id: string }[] = await db.query('SELECT id FROM borrower WHERE ref = $1', [ref]);
    return row?.id;
  }

  async findByIds(ids: readonly string[], db: Queryable = this.dataSource): Promise<{ id: string; ref: string }[]> {
    return db.query('SELECT id, ref FROM borrower WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** ref -> id for every ref, creating the borrowers not known yet: what batches (ingest, call attempts) need. */
  ensureMany(refs: readonly string[], db: Queryable = this.dataSource): Promise<Map<string, string>> {
    return ensureBorrowers(db, refs);
  }

  /** ref -> id for the refs that are known; unknown ones are absent. */
  async findIdsByRefs(refs: readonly string[], db: Queryable = this.dataSource): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    return findBorrowerIds(db, refs);
  }

  /** Creates the borrower unless the ref is known; a concurrent insert of the same ref wins quietly. */
  async insertIfAbsent(ref: string, db: Queryable = this.dataSource): Promise<void> {
    await db.query('INSERT INTO borrower (id, ref) VALUES ($1, $2) ON CONFLICT (ref) DO NOTHING', [timeOrderedId(), ref]);
  }
}
