import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Past this many observations a point is counted from its newest ones only: a number or address
 * named that often is shared far and wide whatever the exact count, and the cost stays bounded.
 */
export const SHARING_OBSERVATION_CAP = 2_000;

/**
 * How many distinct borrowers and sources mention each contact point, and when it was first and
 * last seen. Deferred out of the ingest transaction: it reads the observations of a point, which
 * grow with sharing, and ingest then never locks a contact point row.
 */
@Injectable()
export class ContactPointSharingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async refresh(contactPointIds: string[]): Promise<number> {
    if (contactPointIds.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      // Concurrent refreshes lock shared points in one order, so they never deadlock.
      await manager.query('SELECT 1 FROM contact_point WHERE id = ANY($1::uuid[]) ORDER BY kind, value_key FOR UPDATE', [contactPointIds]);
      const [, affected] = (await manager.query(
        `UPDATE contact_point point
         SET borrower_count = counts.borrowers, source_count = counts.sources,
             first_seen_at = LEAST(point.first_seen_at, counts.first_seen_at), last_seen_at = GREATEST(point.last_seen_at, counts.last_seen_at)
         FROM (
           SELECT target.id AS contact_point_id, count(DISTINCT recent.borrower_id) AS borrowers, count(DISTINCT recent.source_key) AS sources,
                  (SELECT min(observed_at) FROM observation WHERE contact_point_id = target.id) AS first_seen_at,
                  max(recent.observed_at) AS last_seen_at
           FROM unnest($1::uuid[]) AS target(id)
           CROSS JOIN LATERAL (
             SELECT borrower_id, source_key, observed_at FROM observation
             WHERE contact_point_id = target.id ORDER BY observed_at DESC LIMIT ${SHARING_OBSERVATION_CAP}
           ) AS recent
           GROUP BY target.id
         ) AS counts
         WHERE point.id = counts.contact_point_id
           AND (point.borrower_count, point.source_count, point.first_seen_at, point.last_seen_at)
               IS DISTINCT FROM (counts.borrowers, counts.sources, LEAST(point.first_seen_at, counts.first_seen_at), GREATEST(point.last_seen_at, counts.last_seen_at))`,
        [contactPointIds],
      )) as [unknown, number];
      return affected;
    });
  }
}
