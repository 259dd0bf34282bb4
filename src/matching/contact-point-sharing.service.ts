import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * How many distinct borrowers and sources mention each contact point. Deferred out of the
 * ingest transaction: it reads every observation of a point, which grows with sharing.
 */
@Injectable()
export class ContactPointSharingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async refresh(contactPointIds: string[]): Promise<number> {
    if (contactPointIds.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      // Lock in the order ingest upserts use, so the two never deadlock.
      await manager.query('SELECT 1 FROM contact_point WHERE id = ANY($1::uuid[]) ORDER BY kind, value_key FOR UPDATE', [contactPointIds]);
      const [, affected] = (await manager.query(
      `UPDATE contact_point point
       SET borrower_count = counts.borrowers, source_count = counts.sources
       FROM (
         SELECT contact_point_id, count(DISTINCT borrower_id) AS borrowers, count(DISTINCT source_key) AS sources
         FROM observation WHERE contact_point_id = ANY($1::uuid[])
         GROUP BY contact_point_id
       ) AS counts
       WHERE point.id = counts.contact_point_id
         AND (point.borrower_count, point.source_count) IS DISTINCT FROM (counts.borrowers, counts.sources)`,
      [contactPointIds],
      )) as [unknown, number];
      return affected;
    });
  }
}
