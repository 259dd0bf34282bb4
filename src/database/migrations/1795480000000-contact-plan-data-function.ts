import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the contact plan's read as one SQL function, one statement and one round trip per
 * request (see contact-plan.repository.ts for the JSON layout).
 * - plpgsql, so each connection plans the statement once and keeps the plan; `plan_cache_mode =
 *   force_generic_plan` because PostgreSQL's own choice flips to planning it again on every call
 *   (several milliseconds) as soon as its estimates favour custom plans; `jit = off` because
 *   compiling the expressions would cost more than running them, whatever the estimates say.
 * - Lookups run from the borrower's neighbourhood outwards as index probes per row (LATERAL …
 *   OFFSET 0 keeps the planner from hash-joining whole tables on inflated estimates).
 * - Most rows are not merged: merged_into_id is read from the row already joined, and the
 *   canonical_* functions are called only for merged ones.
 * To change the query, add a migration with CREATE OR REPLACE FUNCTION; never edit this one once merged.
 */
export class ContactPlanDataFunction1795480000000 implements MigrationInterface {
  name = 'ContactPlanDataFunction1795480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION contact_plan_data(text, boolean) RETURNS json
      LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan SET jit = off AS $fn$
      BEGIN
        -- $1 is the borrower's ref, $2 whether the plan is unmasked; NULL when the borrower is not known.
        RETURN (
          WITH RECURSIVE
          target AS (SELECT id FROM borrower WHERE ref = $1),
          link AS (
            SELECT DISTINCT ON (person_id) person_id, relation FROM (
              SELECT CASE WHEN person.merged_into_id IS NULL THEN own.person_id ELSE canonical_person(own.person_id) END AS person_id, own.relation
              FROM borrower_person own LEFT JOIN person ON person.id = own.person_id
              WHERE own.borrower_id = (SELECT id FROM target)
            ) AS linked
            ORDER BY person_id, (relation = 'self') DESC, (relation = 'other')
          ),
          self AS (SELECT person_id FROM link WHERE relation = 'self'),
          -- Second hop: a contact who is a borrower too brings their own declared contacts.
          declared AS (
            SELECT own.person_id AS via, CASE WHEN theirs.merged_into_id IS NULL THEN theirs.person_id ELSE canonical_person(theirs.person_id) END AS person_id, theirs.relation
            FROM link
            CROSS JOIN LATERAL (
              SELECT person_id, borrower_id FROM borrower_person
              WHERE person_id = link.person_id AND relation = 'self' AND borrower_id <> (SELECT id FROM target) OFFSET 0
            ) AS own
            CROSS JOIN LATERAL (
              SELECT theirs.person_id, theirs.relation, person.merged_into_id
              FROM borrower_person theirs LEFT JOIN person ON person.id = theirs.person_id
              WHERE theirs.borrower_id = own.borrower_id AND theirs.relation <> 'self' OFFSET 0
            ) AS theirs
            WHERE link.relation <> 'self'
            LIMIT 500
          ),
          -- ... and shared phones and addresses bring neighbours (not switchboards or parcel lockers).
          shared AS (
            SELECT DISTINCT CASE WHEN theirs.merged_into_id IS NULL THEN theirs.person_id ELSE canonical_person(theirs.person_id) END AS person_id
            FROM link
            CROSS JOIN LATERAL (
              SELECT ours.person_id, ours.contact_point_id FROM person_contact_point ours
              JOIN contact_point point ON point.id = ours.contact_point_id AND point.subtype NOT IN ('organisation', 'pickup_point')
              WHERE ours.person_id = link.person_id OFFSET 0
            ) AS ours
            CROSS JOIN LATERAL (
              SELECT theirs.person_id, person.merged_into_id
              FROM person_contact_point theirs LEFT JOIN person ON person.id = theirs.person_id
              WHERE theirs.contact_point_id = ours.contact_point_id AND theirs.person_id <> ours.person_id OFFSET 0
            ) AS theirs
            LIMIT 200
          ),
          neighbour AS (SELECT person_id AS id FROM link UNION SELECT person_id FROM declared UNION SELECT person_id FROM shared),
          -- Each person with every person merged into it: what was linked to a merged person belongs to the survivor.
          member (id, root) AS (
            SELECT id, id FROM neighbour
            UNION ALL
            SELECT merged.id, member.root FROM member CROSS JOIN LATERAL (SELECT id FROM person WHERE merged_into_id = member.id OFFSET 0) AS merged
          ),
          person_point AS (
            SELECT DISTINCT member.root AS person_id, CASE WHEN owned.merged_into_id IS NULL THEN owned.contact_point_id ELSE canonical_contact_point(owned.contact_point_id) END AS contact_point_id
            FROM member
            CROSS JOIN LATERAL (
              SELECT owned.contact_point_id, point.merged_into_id
              FROM person_contact_point owned LEFT JOIN contact_point point ON point.id = owned.contact_point_id
              WHERE owned.person_id = member.id OFFSET 0
            ) AS owned
          ),
          attempt AS (
            SELECT CASE WHEN point.merged_into_id IS NULL THEN recent.contact_point_id ELSE canonical_contact_point(recent.contact_point_id) END AS contact_point_id, recent.contacted_person_id, recent.outcome,
                   recent.attempted_at, recent.callback_requested_at, recent.ordinal
            FROM (
              SELECT latest.*, row_number() OVER () AS ordinal FROM (
                SELECT contact_point_id, contacted_person_id, outcome, attempted_at, callback_requested_at
                FROM contact_attempt WHERE borrower_id = (SELECT id FROM target) ORDER BY attempted_at DESC LIMIT 1000
              ) AS latest
            ) AS recent
            CROSS JOIN LATERAL (SELECT (SELECT merged_into_id FROM contact_point WHERE id = recent.contact_point_id) AS merged_into_id) AS point
          ),
          lead_row AS (
            SELECT latest.*, row_number() OVER () AS ordinal FROM (
              SELECT canonical_person(informant_person_id) AS informant, ARRAY(SELECT canonical_contact_point(id) FROM unnest(contact_point_ids) AS id) AS points, created_at, note
              FROM lead WHERE borrower_id = (SELECT id FROM target) ORDER BY created_at DESC LIMIT 100
            ) AS latest
          ),
          point_id AS (
            SELECT contact_point_id AS id FROM person_point
            UNION SELECT contact_point_id FROM attempt
            UNION SELECT unnest(points) FROM lead_row
          ),
          -- Only points that can be the borrower's own are shown with their observations: the self
          -- person's, and those called without naming a third party that no third party holds.
          own_point AS (
            SELECT contact_point_id AS id FROM person_point WHERE person_id IN (SELECT person_id FROM self)
            UNION
            SELECT contact_point_id FROM attempt
            WHERE contacted_person_id IS NULL
              AND contact_point_id NOT IN (SELECT contact_point_id FROM person_point WHERE person_id NOT IN (SELECT person_id FROM self))
          )
          SELECT json_build_array(
            target.id,
            -- The consent in force: the latest record, as ConsentService.current reads it.
            (SELECT json_build_array(external_sources, third_party_contact) FROM consent WHERE borrower_id = target.id ORDER BY id DESC LIMIT 1),
            (SELECT json_agg(json_build_array(person_id, relation) ORDER BY person_id) FROM link),
            (SELECT json_agg(json_build_array(via, person_id, relation)) FROM declared),
            (SELECT json_agg(json_build_array(person.id, person.kind, person.name,
                                              (SELECT do_not_contact FROM contact_preference WHERE person_id = person.id),
                                              ARRAY(SELECT json_build_array(borrower_id, relation_labels) FROM borrower_person WHERE person_id = person.id),
                                              ARRAY(SELECT record.source_key FROM member CROSS JOIN LATERAL (
                                                      SELECT record.source_key FROM source_record_version version
                                                      JOIN source_record record ON record.id = version.source_record_uuid
                                                      WHERE version.person_id = member.id OFFSET 0
                                                    ) AS record WHERE member.root = person.id ORDER BY record.source_key)))
             FROM neighbour
             CROSS JOIN LATERAL (SELECT id, kind, name FROM person WHERE id = neighbour.id OFFSET 0) AS person
             WHERE person.id NOT IN (SELECT person_id FROM self)),
            (SELECT json_agg(json_build_array(person_id, contact_point_id)) FROM person_point),
            (SELECT json_agg(json_build_array(
                      point.id, point.kind, point.e164, point.extension, point.subtype,
                      -- The full text (the newest observation's) is shown only in an unmasked plan.
                      CASE WHEN point.address IS NOT NULL THEN json_build_array(
                        point.address -> 'province' -> 'name', point.address -> 'city' -> 'name', point.address -> 'district' -> 'name',
                        CASE WHEN $2 THEN (SELECT raw FROM observation WHERE contact_point_id = point.id ORDER BY observed_at DESC LIMIT 1) END) END,
                      floor(extract(epoch FROM point.first_seen_at) * 1000), floor(extract(epoch FROM point.last_seen_at) * 1000), point.borrower_count,
                      ARRAY(SELECT source_key FROM observation WHERE contact_point_id = point.id),
                      CASE WHEN point.id IN (SELECT id FROM own_point) THEN ARRAY(
                        SELECT json_build_array(observation.source_key, record.source_record_id, floor(extract(epoch FROM observation.observed_at) * 1000))
                        FROM observation
                        JOIN source_record_version version ON version.id = observation.source_record_version_id
                        JOIN source_record record ON record.id = version.source_record_uuid
                        WHERE observation.contact_point_id = point.id ORDER BY observation.observed_at DESC LIMIT 20) END))
             FROM point_id CROSS JOIN LATERAL (SELECT * FROM contact_point WHERE id = point_id.id OFFSET 0) AS point),
            (SELECT json_agg(json_build_array(contact_point_id, contacted_person_id, outcome, floor(extract(epoch FROM attempted_at) * 1000),
                                              floor(extract(epoch FROM callback_requested_at) * 1000)) ORDER BY ordinal) FROM attempt),
            (SELECT json_agg(json_build_array(informant, points, floor(extract(epoch FROM created_at) * 1000), note) ORDER BY ordinal) FROM lead_row),
            (SELECT json_build_array(id, status, floor(extract(epoch FROM started_at) * 1000), floor(extract(epoch FROM finished_at) * 1000), candidate_contact_point_ids, sources)
             FROM repair_run WHERE borrower_id = target.id ORDER BY started_at DESC LIMIT 1),
            (SELECT json_agg(json_build_array(key, trust, kind)) FROM source)
          ) AS plan
          FROM target
        );
      END $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION contact_plan_data(text, boolean)');
  }
}
