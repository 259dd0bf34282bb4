import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { MatchKind } from './match-suggestion.entity.js';

export interface Merge {
  id: string;
  kind: MatchKind;
  survivorId: string;
  mergedId: string;
  suggestionId: string | null;
  origin: 'operator' | 'automatic';
  mergedBy: string;
  mergedAt: Date;
  splitAt: Date | null;
  splitBy: string | null;
  note: string | null;
}

/** Where each kind of row lives; kinds are a closed set, so the name is never user input. */
const TABLE: Record<MatchKind, 'person' | 'contact_point'> = { person: 'person', address: 'contact_point' };

const COLUMNS = `id, kind, survivor_id AS "survivorId", merged_id AS "mergedId", suggestion_id AS "suggestionId", origin,
  merged_by AS "mergedBy", merged_at AS "mergedAt", split_at AS "splitAt", split_by AS "splitBy", note`;

/** Merge history, and the merged_into_id pointers of persons and contact points that a merge sets. */
@Injectable()
export class MergeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The row each id resolves to now (following merges); null for an id that does not exist. */
  async findCanonical(kind: MatchKind, first: string, second: string, db: Queryable = this.dataSource): Promise<{ first: string | null; second: string | null }> {
    const table = TABLE[kind];
    const [row]: { first: string | null; second: string | null }[] = await db.query(`SELECT canonical_${table}($1) AS first, canonical_${table}($2) AS second`, [first, second]);
    return row;
  }

  /** Row-locks the persons or contact points in id order, so two merges of one pair wait for each other. */
  async lockRows(kind: MatchKind, ids: readonly string[], db: Queryable = this.dataSource): Promise<void> {
    await db.query(`SELECT 1 FROM ${TABLE[kind]} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  }

  async pointAtSurvivor(kind: MatchKind, survivorId: string, mergedId: string, db: Queryable = this.dataSource): Promise<void> {
    await db.query(`UPDATE ${TABLE[kind]} SET merged_into_id = $1 WHERE id = $2`, [survivorId, mergedId]);
  }

  /** Clears the merged row's pointer only if it still points at the survivor; false when it did not. */
  async unpointFromSurvivor(kind: MatchKind, mergedId: string, survivorId: string, db: Queryable = this.dataSource): Promise<boolean> {
    const result: [unknown, number] = await db.query(`UPDATE ${TABLE[kind]} SET merged_into_id = NULL WHERE id = $1 AND merged_into_id = $2`, [mergedId, survivorId]);
    return result[1] === 1;
  }

  async insert(merge: Merge, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO "merge" (id, kind, survivor_id, merged_id, suggestion_id, origin, merged_by, merged_at, split_at, split_by, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [merge.id, merge.kind, merge.survivorId, merge.mergedId, merge.suggestionId, merge.origin, merge.mergedBy, merge.mergedAt, merge.splitAt, merge.splitBy, merge.note],
    );
  }

  /** The merge, row-locked until the transaction ends. */
  async lockById(id: string, db: Queryable = this.dataSource): Promise<Merge | undefined> {
    const [row]: Merge[] = await db.query(`SELECT ${COLUMNS} FROM "merge" WHERE id = $1 LIMIT 1 FOR UPDATE`, [id]);
    return row;
  }

  /** The merge an accepted suggestion made, if it still holds, row-locked until the transaction ends. */
  async lockOpenBySuggestion(suggestionId: string, db: Queryable = this.dataSource): Promise<Merge | undefined> {
    const [row]: Merge[] = await db.query(`SELECT ${COLUMNS} FROM "merge" WHERE suggestion_id = $1 AND split_at IS NULL LIMIT 1 FOR UPDATE`, [suggestionId]);
    return row;
  }

  async recordSplit(merge: Pick<Merge, 'id' | 'splitAt' | 'splitBy' | 'note'>, db: Queryable = this.dataSource): Promise<void> {
    await db.query('UPDATE "merge" SET split_at = $2, split_by = $3, note = $4 WHERE id = $1', [merge.id, merge.splitAt, merge.splitBy, merge.note]);
  }

  /** Newest first; `id` matches either side of a merge. */
  async find(query: { kind?: MatchKind; id?: string; limit: number }, db: Queryable = this.dataSource): Promise<Merge[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (query.kind) {
      parameters.push(query.kind);
      conditions.push(`kind = $${parameters.length}`);
    }
    if (query.id) {
      parameters.push(query.id);
      conditions.push(`(survivor_id = $${parameters.length} OR merged_id = $${parameters.length})`);
    }
    parameters.push(query.limit);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return db.query(`SELECT ${COLUMNS} FROM "merge" ${where} ORDER BY merged_at DESC LIMIT $${parameters.length}`, parameters);
  }
}
