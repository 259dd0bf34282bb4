import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { FlagEventInput } from './flag-events.js';
import type { FlagStatus } from './stale-flag.entity.js';
import type { OpenFlag } from './flag-reconciliation.js';
import type { StaleFlagType } from './staleness.js';

/** A flag to insert (open). */
export interface NewFlag {
  id: string;
  borrowerId: string;
  contactPointId: string | null;
  type: StaleFlagType;
  evidence: unknown;
  suggestedReplacementId: string | null;
  suggestedActions: unknown;
}

export interface StoredFlag {
  id: string;
  borrowerId: string;
  borrowerRef: string;
  contactPointId: string | null;
  type: StaleFlagType;
  status: FlagStatus;
  evidence: Record<string, unknown>;
  suggestedReplacementId: string | null;
  suggestedActions: unknown[];
  detectedAt: Date;
  closedAt: Date | null;
  closedBecause: Record<string, unknown> | null;
}

export interface FlagFilter {
  borrowerRef?: string;
  type?: StaleFlagType;
  status?: FlagStatus;
  since?: Date;
  /** Newest first: flags older than this id. */
  after?: string;
}

export interface PointValue {
  id: string;
  kind: 'phone' | 'address';
  e164: string | null;
  extension: string | null;
  address: Record<string, unknown> | null;
}

export interface FlagTypeSummary {
  type: StaleFlagType;
  open: number;
  raisedSince: number;
  closedSince: number;
}

// Must match the expression of the stale_flag_one_open index (StaleScan migration) for ON CONFLICT to find it.
const ONE_OPEN = `(borrower_id, (COALESCE(contact_point_id, '00000000-0000-0000-0000-000000000000'::uuid)), type) WHERE status = 'open'`;

@Injectable()
export class StaleFlagRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The open flags of a batch of borrowers, in one statement. */
  async openFor(borrowerIds: readonly string[], db: Queryable = this.dataSource): Promise<(OpenFlag & { borrowerId: string })[]> {
    return db.query(
      `SELECT id, borrower_id AS "borrowerId", contact_point_id AS "contactPointId", type, evidence,
              suggested_replacement_id AS "suggestedReplacementId", suggested_actions AS "suggestedActions"
       FROM stale_flag WHERE status = 'open' AND borrower_id = ANY ($1::uuid[])`,
      [borrowerIds],
    );
  }

  /** Inserts open flags; one already open for the same borrower, point and type is left alone. Returns the ids of the new ones. */
  async raise(flags: readonly NewFlag[], detectedAt: Date, db: Queryable = this.dataSource): Promise<string[]> {
    if (flags.length === 0) return [];
    const [row]: { ids: string[] }[] = await db.query(
      `WITH raised AS (
         INSERT INTO stale_flag (id, borrower_id, contact_point_id, type, status, evidence, suggested_replacement_id, suggested_actions, detected_at)
         SELECT id, borrower_id, contact_point_id, type, 'open', evidence, suggested_replacement_id, suggested_actions, $2
         FROM jsonb_to_recordset($1::jsonb) AS flag(id uuid, borrower_id uuid, contact_point_id uuid, type text, evidence jsonb, suggested_replacement_id uuid, suggested_actions jsonb)
         ON CONFLICT ${ONE_OPEN} DO NOTHING
         RETURNING id)
       SELECT coalesce(array_agg(id), '{}') AS ids FROM raised`,
      [
        JSON.stringify(
          flags.map((flag) => ({
            id: flag.id,
            borrower_id: flag.borrowerId,
            contact_point_id: flag.contactPointId,
            type: flag.type,
            evidence: flag.evidence,
            suggested_replacement_id: flag.suggestedReplacementId,
            suggested_actions: flag.suggestedActions,
          })),
        ),
        detectedAt,
      ],
    );
    return row?.ids ?? [];
  }

  /** Closes open flags, keeping what confirmed the contact again. Returns how many it closed. */
  async close(closures: readonly { id: string; closedBecause: unknown }[], closedAt: Date, db: Queryable = this.dataSource): Promise<string[]> {
    if (closures.length === 0) return [];
    const [row]: { ids: string[] }[] = await db.query(
      `WITH closed AS (
         UPDATE stale_flag SET status = 'closed', closed_at = $2, closed_because = closure.closed_because
         FROM jsonb_to_recordset($1::jsonb) AS closure(id uuid, closed_because jsonb)
         WHERE stale_flag.id = closure.id AND stale_flag.status = 'open'
         RETURNING stale_flag.id)
       SELECT coalesce(array_agg(id), '{}') AS ids FROM closed`,
      [JSON.stringify(closures.map((closure) => ({ id: closure.id, closed_because: closure.closedBecause }))), closedAt],
    );
    return row?.ids ?? [];
  }

  /** Open flags still wanted whose evidence or suggestions moved. */
  async refresh(flags: readonly { id: string; evidence: unknown; suggestedReplacementId: string | null; suggestedActions: unknown }[], db: Queryable = this.dataSource): Promise<void> {
    if (flags.length === 0) return;
    await db.query(
      `UPDATE stale_flag SET evidence = flag.evidence, suggested_replacement_id = flag.suggested_replacement_id, suggested_actions = flag.suggested_actions
       FROM jsonb_to_recordset($1::jsonb) AS flag(id uuid, evidence jsonb, suggested_replacement_id uuid, suggested_actions jsonb)
       WHERE stale_flag.id = flag.id AND stale_flag.status = 'open'`,
      [JSON.stringify(flags.map((flag) => ({ id: flag.id, evidence: flag.evidence, suggested_replacement_id: flag.suggestedReplacementId, suggested_actions: flag.suggestedActions })))],
    );
  }

  async countOpen(db: Queryable = this.dataSource): Promise<number> {
    const [row]: { count: number }[] = await db.query(`SELECT count(*)::int AS count FROM stale_flag WHERE status = 'open'`);
    return row?.count ?? 0;
  }

  /** Newest first, keyset-paged by id (time-ordered). */
  async list(filter: FlagFilter, limit: number, db: Queryable = this.dataSource): Promise<StoredFlag[]> {
    return db.query(
      `SELECT flag.id, flag.borrower_id AS "borrowerId", borrower.ref AS "borrowerRef", flag.contact_point_id AS "contactPointId", flag.type, flag.status,
              flag.evidence, flag.suggested_replacement_id AS "suggestedReplacementId", flag.suggested_actions AS "suggestedActions",
              flag.detected_at AS "detectedAt", flag.closed_at AS "closedAt", flag.closed_because AS "closedBecause"
       FROM stale_flag flag JOIN borrower ON borrower.id = flag.borrower_id
       WHERE ($1::text IS NULL OR borrower.ref = $1) AND ($2::text IS NULL OR flag.type = $2) AND ($3::text IS NULL OR flag.status = $3)
         AND ($4::timestamptz IS NULL OR flag.detected_at >= $4) AND ($5::uuid IS NULL OR flag.id < $5)
       ORDER BY flag.id DESC LIMIT $6`,
      [filter.borrowerRef ?? null, filter.type ?? null, filter.status ?? null, filter.since ?? null, filter.after ?? null, limit],
    );
  }

  /** Per type: open now, raised since and closed since. */
  async summary(since: Date, db: Queryable = this.dataSource): Promise<FlagTypeSummary[]> {
    return db.query(
      `SELECT type, count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE detected_at >= $1)::int AS "raisedSince",
              count(*) FILTER (WHERE closed_at >= $1)::int AS "closedSince"
       FROM stale_flag WHERE status = 'open' OR detected_at >= $1 OR closed_at >= $1
       GROUP BY type ORDER BY type`,
      [since],
    );
  }

  /** The values of the points a page of flags names, to mask (or show) them. */
  async pointValues(ids: readonly string[], db: Queryable = this.dataSource): Promise<PointValue[]> {
    if (ids.length === 0) return [];
    return db.query(`SELECT id, kind, e164, extension, address FROM contact_point WHERE id = ANY ($1::uuid[])`, [ids]);
  }

  /** What the platform is told of raised or closed flags: the borrower ref and the points, to mask. */
  async eventFacts(ids: readonly string[], db: Queryable = this.dataSource): Promise<FlagEventInput[]> {
    if (ids.length === 0) return [];
    return db.query(
      `SELECT flag.id, flag.type, borrower.ref AS "borrowerRef", flag.detected_at AS "detectedAt", flag.closed_at AS "closedAt",
              flag.closed_because AS "closedBecause",
              CASE WHEN point.id IS NULL THEN NULL ELSE json_build_object('id', point.id, 'kind', point.kind, 'e164', point.e164, 'extension', point.extension, 'address', point.address) END AS point,
              CASE WHEN replacement.id IS NULL THEN NULL ELSE json_build_object('id', replacement.id, 'kind', replacement.kind, 'e164', replacement.e164, 'extension', replacement.extension, 'address', replacement.address) END AS replacement
       FROM stale_flag flag
       JOIN borrower ON borrower.id = flag.borrower_id
       LEFT JOIN contact_point point ON point.id = flag.contact_point_id
       LEFT JOIN contact_point replacement ON replacement.id = flag.suggested_replacement_id
       WHERE flag.id = ANY ($1::uuid[]) ORDER BY flag.id`,
      [ids],
    );
  }
}

