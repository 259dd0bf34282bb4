import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';

export type YieldPointKind = 'phone' | 'address';

/** What one source brought in during a window, counted by the database; shares are computed by the caller. */
export interface SourceYieldFacts {
  /** Source record versions received in the window (a record sent again with changes counts again). */
  versionsReceived: number;
  /** Records received for the first time in the window. */
  newRecords: number;
  /** Per kind: points first brought by this source in the window, and of those, how many an answered call has confirmed since. */
  points: { kind: YieldPointKind; contributedFirst: number; confirmed: number }[];
}

interface RecordCountRow {
  versions_received: number;
  new_records: number;
}

interface PointCountRow {
  kind: YieldPointKind;
  contributed_first: number;
  confirmed: number;
}

/**
 * "First" is by arrival: a point belongs to the source whose observation of it was received
 * first (ties by observation id), across all sources and every point merged into it. A backfill
 * that dates an old observation does not take a point away from the source that brought it.
 */
const POINT_COUNTS = `
  WITH RECURSIVE candidate AS (
    -- Only a point this source observed in the window can have been contributed by it in the window.
    SELECT DISTINCT canonical_contact_point(observation.contact_point_id) AS id
    FROM source_record record
    JOIN source_record_version version ON version.source_record_uuid = record.id
    JOIN observation ON observation.source_record_version_id = version.id
    WHERE record.source_key = $1 AND version.received_at >= $2 AND version.received_at < $3 AND observation.contact_point_id IS NOT NULL
  ),
  member (root, id) AS (
    SELECT id, id FROM candidate
    UNION ALL
    SELECT member.root, merged.id FROM contact_point merged JOIN member ON merged.merged_into_id = member.id
  ),
  first_observation AS (
    SELECT DISTINCT ON (member.root) member.root, observation.source_key, version.received_at
    FROM member
    JOIN observation ON observation.contact_point_id = member.id
    JOIN source_record_version version ON version.id = observation.source_record_version_id
    ORDER BY member.root, version.received_at, observation.id
  ),
  contributed AS (
    SELECT root, received_at FROM first_observation WHERE source_key = $1 AND received_at >= $2 AND received_at < $3
  )
  SELECT point.kind,
         count(*)::int AS contributed_first,
         (count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM member JOIN contact_attempt attempt ON attempt.contact_point_id = member.id
            WHERE member.root = contributed.root AND attempt.outcome = 'answered' AND attempt.attempted_at >= contributed.received_at)))::int AS confirmed
  FROM contributed JOIN contact_point point ON point.id = contributed.root
  GROUP BY point.kind ORDER BY point.kind`;

@Injectable()
export class SourceYieldRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts for [from, to); confirmations are counted up to now, however late they came. */
  async countYield(sourceKey: string, from: Date, to: Date, db: Queryable = this.dataSource): Promise<SourceYieldFacts> {
    const [records]: RecordCountRow[] = await db.query(
      `SELECT count(*)::int AS versions_received, count(*) FILTER (WHERE version.version = 1)::int AS new_records
       FROM source_record record JOIN source_record_version version ON version.source_record_uuid = record.id
       WHERE record.source_key = $1 AND version.received_at >= $2 AND version.received_at < $3`,
      [sourceKey, from, to],
    );
    const points: PointCountRow[] = await db.query(POINT_COUNTS, [sourceKey, from, to]);
    return {
      versionsReceived: records.versions_received,
      newRecords: records.new_records,
      points: points.map((row) => ({ kind: row.kind, contributedFirst: row.contributed_first, confirmed: row.confirmed })),
    };
  }
}
