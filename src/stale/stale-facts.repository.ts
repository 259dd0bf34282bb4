import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';

/** Before the first borrower id: keyset paging starts here. */
export const FIRST_BORROWER = '00000000-0000-0000-0000-000000000000';

/** One borrower's facts as the batch query returns them (epoch milliseconds; decoded by stale-facts.ts). */
export interface StaleFactsRow {
  borrowerId: string;
  consent: { id: string; externalSources: boolean; thirdPartyContact: boolean } | null;
  links: { personId: string; relation: string }[] | null;
  personPoints: { personId: string; contactPointId: string; kind: string; subtype: string | null }[] | null;
  sightings: { contactPointId: string; kind: string; subtype: string | null; sourceKey: string; observationId: string; observedAt: number }[] | null;
  recent: { contactPointId: string; sourceKey: string; observationId: string; observedAt: number }[] | null;
  attempts:
    | {
        contactPointId: string;
        kind: string;
        subtype: string | null;
        unnamed: boolean;
        invalidCount: number;
        lastInvalid: { id: string; at: number; outcome: string } | null;
        lastAnswered: { id: string; at: number; outcome: string } | null;
      }[]
    | null;
  employers: { name: string; sourceKey: string; observedAt: number }[] | null;
}

/*
 * The facts of a keyset batch of borrowers, in one statement: every table is read once for the whole
 * batch (= ANY of the batch's ids, by index), grouped and compared in the database, and handed back as
 * one row per borrower. It decides nothing: consent, own points and staleness are TypeScript's.
 * - sightings: the latest observation of each point by each source (DISTINCT ON), for freshness;
 * - recent: every observation in the window [$3, $4], for contact_changed;
 * - attempts: per point, the last invalid-type outcome ($5), the last answer, whether a call named no third party;
 * - employers: the employer named in each record version about the borrower's own person.
 * Merged contact points are read as the point they were merged into.
 */
const BATCH_FACTS_SQL = `
WITH batch AS (
  SELECT id FROM borrower WHERE id > $1::uuid ORDER BY id LIMIT $2
),
ids AS (SELECT array_agg(id) AS ids FROM batch),
link AS (
  SELECT borrower_id, person_id, relation FROM borrower_person WHERE borrower_id = ANY ((SELECT ids FROM ids)::uuid[])
),
person_point AS (
  SELECT link.borrower_id, link.person_id, owned.contact_point_id AS raw_id
  FROM link JOIN person_contact_point owned ON owned.person_id = link.person_id
),
obs AS (
  SELECT id, borrower_id, contact_point_id AS raw_id, source_key, observed_at
  FROM observation
  WHERE borrower_id = ANY ((SELECT ids FROM ids)::uuid[]) AND contact_point_id IS NOT NULL AND field <> 'employer_phone'
),
attempt AS (
  SELECT id, borrower_id, contact_point_id AS raw_id, contacted_person_id, outcome, attempted_at
  FROM contact_attempt WHERE borrower_id = ANY ((SELECT ids FROM ids)::uuid[])
),
raw_point AS (SELECT raw_id FROM obs UNION SELECT raw_id FROM attempt UNION SELECT raw_id FROM person_point),
point AS (
  SELECT raw_point.raw_id, canonical.id, canonical.kind, canonical.subtype
  FROM raw_point
  JOIN contact_point merged ON merged.id = raw_point.raw_id
  -- Most points are not merged: only those look their survivor up.
  -- (a filter on the outer row alone, so canonical_contact_point is not even called for the others)
  LEFT JOIN LATERAL (SELECT id, kind, subtype FROM contact_point WHERE merged.merged_into_id IS NOT NULL AND id = canonical_contact_point(merged.id) OFFSET 0) AS survivor ON true
  CROSS JOIN LATERAL (SELECT coalesce(survivor.id, merged.id) AS id, coalesce(survivor.kind, merged.kind) AS kind,
                             CASE WHEN survivor.id IS NULL THEN merged.subtype ELSE survivor.subtype END AS subtype) AS canonical
),
sighting AS (
  SELECT DISTINCT ON (obs.borrower_id, point.id, obs.source_key)
         obs.borrower_id, point.id AS point_id, point.kind, point.subtype, obs.source_key, obs.id, obs.observed_at
  FROM obs JOIN point ON point.raw_id = obs.raw_id
  ORDER BY obs.borrower_id, point.id, obs.source_key, obs.observed_at DESC, obs.id DESC
),
attempt_summary AS (
  SELECT attempt.borrower_id, point.id AS point_id, point.kind, point.subtype,
         bool_or(attempt.contacted_person_id IS NULL) AS unnamed,
         count(*) FILTER (WHERE attempt.outcome = ANY ($5::text[])) AS invalid_count,
         (array_agg(json_build_object('id', attempt.id, 'at', floor(extract(epoch FROM attempt.attempted_at) * 1000), 'outcome', attempt.outcome)
                    ORDER BY attempt.attempted_at DESC, attempt.id DESC) FILTER (WHERE attempt.outcome = ANY ($5::text[])))[1] AS last_invalid,
         (array_agg(json_build_object('id', attempt.id, 'at', floor(extract(epoch FROM attempt.attempted_at) * 1000), 'outcome', attempt.outcome)
                    ORDER BY attempt.attempted_at DESC, attempt.id DESC) FILTER (WHERE attempt.outcome = 'answered'))[1] AS last_answered
  FROM attempt JOIN point ON point.raw_id = attempt.raw_id
  GROUP BY attempt.borrower_id, point.id, point.kind, point.subtype
),
employer AS (
  SELECT link.borrower_id, version.payload -> 'employer' ->> 'name' AS name, record.source_key, version.observed_at
  FROM link
  JOIN source_record_version version ON version.person_id = link.person_id
  JOIN source_record record ON record.id = version.source_record_uuid
  WHERE link.relation = 'self' AND (version.payload -> 'employer' ->> 'name') IS NOT NULL
),
links_by_borrower AS (
  SELECT borrower_id, json_agg(json_build_object('personId', person_id, 'relation', relation)) AS links FROM link GROUP BY borrower_id
),
person_points_by_borrower AS (
  SELECT person_point.borrower_id,
         json_agg(json_build_object('personId', person_point.person_id, 'contactPointId', point.id, 'kind', point.kind, 'subtype', point.subtype)) AS person_points
  FROM person_point JOIN point ON point.raw_id = person_point.raw_id GROUP BY person_point.borrower_id
),
sightings_by_borrower AS (
  SELECT borrower_id, json_agg(json_build_object('contactPointId', point_id, 'kind', kind, 'subtype', subtype, 'sourceKey', source_key,
                                                 'observationId', id::text, 'observedAt', floor(extract(epoch FROM observed_at) * 1000))) AS sightings
  FROM sighting GROUP BY borrower_id
),
recent_by_borrower AS (
  SELECT obs.borrower_id, json_agg(json_build_object('contactPointId', point.id, 'sourceKey', obs.source_key, 'observationId', obs.id::text,
                                                     'observedAt', floor(extract(epoch FROM obs.observed_at) * 1000))) AS recent
  FROM obs JOIN point ON point.raw_id = obs.raw_id
  WHERE obs.observed_at >= $3 AND obs.observed_at <= $4
  GROUP BY obs.borrower_id
),
attempts_by_borrower AS (
  SELECT borrower_id, json_agg(json_build_object('contactPointId', point_id, 'kind', kind, 'subtype', subtype, 'unnamed', unnamed,
                                                 'invalidCount', invalid_count, 'lastInvalid', last_invalid, 'lastAnswered', last_answered)) AS attempts
  FROM attempt_summary GROUP BY borrower_id
),
employers_by_borrower AS (
  SELECT borrower_id, json_agg(json_build_object('name', name, 'sourceKey', source_key, 'observedAt', floor(extract(epoch FROM observed_at) * 1000))) AS employers
  FROM employer GROUP BY borrower_id
)
SELECT batch.id AS "borrowerId",
       (SELECT json_build_object('id', consent.id::text, 'externalSources', consent.external_sources, 'thirdPartyContact', consent.third_party_contact)
        FROM consent WHERE consent.borrower_id = batch.id ORDER BY consent.id DESC LIMIT 1) AS consent,
       links_by_borrower.links, person_points_by_borrower.person_points AS "personPoints", sightings_by_borrower.sightings,
       recent_by_borrower.recent, attempts_by_borrower.attempts, employers_by_borrower.employers
FROM batch
LEFT JOIN links_by_borrower ON links_by_borrower.borrower_id = batch.id
LEFT JOIN person_points_by_borrower ON person_points_by_borrower.borrower_id = batch.id
LEFT JOIN sightings_by_borrower ON sightings_by_borrower.borrower_id = batch.id
LEFT JOIN recent_by_borrower ON recent_by_borrower.borrower_id = batch.id
LEFT JOIN attempts_by_borrower ON attempts_by_borrower.borrower_id = batch.id
LEFT JOIN employers_by_borrower ON employers_by_borrower.borrower_id = batch.id
ORDER BY batch.id`;

@Injectable()
export class StaleFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The next `limit` borrowers after `after` (by id), each with its facts; empty when none are left. */
  async batchFacts(
    after: string,
    limit: number,
    window: { from: Date; to: Date },
    invalidOutcomes: readonly string[],
    db: Queryable = this.dataSource,
  ): Promise<StaleFactsRow[]> {
    const parameters = [after, limit, window.from, window.to, invalidOutcomes];
    if (db !== this.dataSource) return db.query(BATCH_FACTS_SQL, parameters);
    // The batch's sorts and aggregates spill to disk at the default 4 MB; a bigger budget for this statement only.
    return this.dataSource.transaction(async (transaction) => {
      await transaction.query(`SET LOCAL work_mem = '64MB'`);
      return transaction.query(BATCH_FACTS_SQL, parameters);
    });
  }

  async countBorrowers(db: Queryable = this.dataSource): Promise<number> {
    const [row]: { count: string }[] = await db.query('SELECT count(*) AS count FROM borrower');
    return Number(row?.count ?? 0);
  }
}
