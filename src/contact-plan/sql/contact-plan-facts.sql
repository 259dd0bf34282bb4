-- contact_plan_facts(ref, graph_excluded_subtypes, address_texts): everything one borrower's contact
-- plan is built from, as facts under named keys (decoded by plan-facts.ts). It decides nothing:
-- which consent is in force, which points are the borrower's own, which relation of a person counts
-- and what a plan shows are decided in TypeScript. What it is handed only bounds what it reads:
-- $2, the point subtypes that leave the graph (graph-boundary.ts); $3, whether to read each
-- address's newest raw text (only an unmasked plan can show it). NULL when the borrower is not known.
--
-- Why it looks like this:
-- - plpgsql, so each connection plans the statement once and keeps the plan; plan_cache_mode =
--   force_generic_plan because PostgreSQL's own choice flips to planning it again on every call as
--   soon as its estimates favour custom plans; jit = off because compiling the expressions costs
--   more than running them.
-- - Lookups run from the borrower's neighbourhood outwards as index probes per row (LATERAL ...
--   OFFSET 0 keeps the planner from hash-joining whole tables on inflated estimates).
-- - Most rows are not merged: merged_into_id is read from the row already joined, and the
--   canonical_* functions are called only for merged ones.
-- To change it, edit this file and add a migration that reloads it (see load-sql-function.ts).
CREATE OR REPLACE FUNCTION contact_plan_facts(text, text[], boolean) RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan SET jit = off AS $fn$
BEGIN
  RETURN (
    WITH RECURSIVE
    target AS (SELECT id FROM borrower WHERE ref = $1),
    -- Every way each (canonical) person is linked to the borrower.
    link AS (
      SELECT DISTINCT CASE WHEN person.merged_into_id IS NULL THEN own.person_id ELSE canonical_person(own.person_id) END AS person_id, own.relation
      FROM borrower_person own LEFT JOIN person ON person.id = own.person_id
      WHERE own.borrower_id = (SELECT id FROM target)
    ),
    linked AS (SELECT DISTINCT person_id FROM link),
    -- Second hop: a linked person who is a borrower too brings their own declared contacts.
    declared AS (
      SELECT own.person_id AS via, CASE WHEN theirs.merged_into_id IS NULL THEN theirs.person_id ELSE canonical_person(theirs.person_id) END AS person_id, theirs.relation
      FROM linked
      CROSS JOIN LATERAL (
        SELECT person_id, borrower_id FROM borrower_person
        WHERE person_id = linked.person_id AND relation = 'self' AND borrower_id <> (SELECT id FROM target) OFFSET 0
      ) AS own
      CROSS JOIN LATERAL (
        SELECT theirs.person_id, theirs.relation, person.merged_into_id
        FROM borrower_person theirs LEFT JOIN person ON person.id = theirs.person_id
        WHERE theirs.borrower_id = own.borrower_id AND theirs.relation <> 'self' OFFSET 0
      ) AS theirs
      LIMIT 500
    ),
    -- ... and shared phones and addresses bring neighbours, except through points that leave the graph.
    shared AS (
      SELECT DISTINCT CASE WHEN theirs.merged_into_id IS NULL THEN theirs.person_id ELSE canonical_person(theirs.person_id) END AS person_id
      FROM linked
      CROSS JOIN LATERAL (
        SELECT ours.person_id, ours.contact_point_id FROM person_contact_point ours
        JOIN contact_point point ON point.id = ours.contact_point_id AND NOT (point.subtype = ANY ($2))
        WHERE ours.person_id = linked.person_id OFFSET 0
      ) AS ours
      CROSS JOIN LATERAL (
        SELECT theirs.person_id, person.merged_into_id
        FROM person_contact_point theirs LEFT JOIN person ON person.id = theirs.person_id
        WHERE theirs.contact_point_id = ours.contact_point_id AND theirs.person_id <> ours.person_id OFFSET 0
      ) AS theirs
      LIMIT 200
    ),
    neighbour AS (SELECT person_id AS id FROM linked UNION SELECT person_id FROM declared UNION SELECT person_id FROM shared),
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
    -- Observations are read only where the own-points rule (own-contact-points.ts) can hold: a point of
    -- a person linked as the borrower, or called without naming a third party. The rule decides.
    own_candidate AS (
      SELECT contact_point_id AS id FROM person_point WHERE person_id IN (SELECT person_id FROM link WHERE relation = 'self')
      UNION SELECT contact_point_id FROM attempt WHERE contacted_person_id IS NULL
    ),
    point_id AS (
      SELECT contact_point_id AS id FROM person_point
      UNION SELECT contact_point_id FROM attempt
      UNION SELECT unnest(points) FROM lead_row
    )
    SELECT json_build_object(
      'borrowerId', target.id,
      'consents', (SELECT json_agg(json_build_object('id', id, 'externalSources', external_sources, 'thirdPartyContact', third_party_contact))
                   FROM (SELECT id, external_sources, third_party_contact FROM consent WHERE borrower_id = target.id ORDER BY id DESC LIMIT 20) AS latest),
      'links', (SELECT json_agg(json_build_object('personId', person_id, 'relation', relation) ORDER BY person_id, relation) FROM link),
      'declared', (SELECT json_agg(json_build_object('via', via, 'personId', person_id, 'relation', relation)) FROM declared),
      'persons', (SELECT json_agg(json_build_object(
                    'id', person.id, 'kind', person.kind, 'name', person.name,
                    'doNotContact', (SELECT do_not_contact FROM contact_preference WHERE person_id = person.id),
                    'links', ARRAY(SELECT json_build_object('borrowerId', borrower_id, 'labels', relation_labels) FROM borrower_person WHERE person_id = person.id),
                    'recordSources', ARRAY(SELECT record.source_key FROM member CROSS JOIN LATERAL (
                                       SELECT record.source_key FROM source_record_version version
                                       JOIN source_record record ON record.id = version.source_record_uuid
                                       WHERE version.person_id = member.id OFFSET 0
                                     ) AS record WHERE member.root = person.id ORDER BY record.source_key)))
                  FROM neighbour
                  CROSS JOIN LATERAL (SELECT id, kind, name FROM person WHERE id = neighbour.id OFFSET 0) AS person),
      'personPoints', (SELECT json_agg(json_build_object('personId', person_id, 'contactPointId', contact_point_id)) FROM person_point),
      'points', (SELECT json_agg(json_build_object(
                   'id', point.id, 'kind', point.kind, 'e164', point.e164, 'extension', point.extension, 'subtype', point.subtype,
                   'province', point.address -> 'province' ->> 'name', 'city', point.address -> 'city' ->> 'name', 'district', point.address -> 'district' ->> 'name',
                   'text', CASE WHEN $3 AND point.address IS NOT NULL THEN (SELECT raw FROM observation WHERE contact_point_id = point.id ORDER BY observed_at DESC LIMIT 1) END,
                   'firstSeenAt', floor(extract(epoch FROM point.first_seen_at) * 1000), 'lastSeenAt', floor(extract(epoch FROM point.last_seen_at) * 1000),
                   'borrowerCount', point.borrower_count,
                   'observationSources', ARRAY(SELECT source_key FROM observation WHERE contact_point_id = point.id),
                   'observations', CASE WHEN point.id IN (SELECT id FROM own_candidate) THEN ARRAY(
                     SELECT json_build_object('sourceKey', observation.source_key, 'sourceRecordId', record.source_record_id, 'observedAt', floor(extract(epoch FROM observation.observed_at) * 1000))
                     FROM observation
                     JOIN source_record_version version ON version.id = observation.source_record_version_id
                     JOIN source_record record ON record.id = version.source_record_uuid
                     WHERE observation.contact_point_id = point.id ORDER BY observation.observed_at DESC LIMIT 20) END))
                 FROM point_id CROSS JOIN LATERAL (SELECT * FROM contact_point WHERE id = point_id.id OFFSET 0) AS point),
      'attempts', (SELECT json_agg(json_build_object('contactPointId', contact_point_id, 'contactedPersonId', contacted_person_id, 'outcome', outcome,
                                                     'attemptedAt', floor(extract(epoch FROM attempted_at) * 1000),
                                                     'callbackRequestedAt', floor(extract(epoch FROM callback_requested_at) * 1000)) ORDER BY ordinal) FROM attempt),
      'leads', (SELECT json_agg(json_build_object('informantPersonId', informant, 'contactPointIds', points, 'createdAt', floor(extract(epoch FROM created_at) * 1000), 'note', note) ORDER BY ordinal) FROM lead_row),
      'repair', (SELECT json_build_object('id', id, 'status', status, 'startedAt', floor(extract(epoch FROM started_at) * 1000), 'finishedAt', floor(extract(epoch FROM finished_at) * 1000),
                                          'candidateContactPointIds', candidate_contact_point_ids, 'sources', sources)
                 FROM repair_run WHERE borrower_id = target.id ORDER BY started_at DESC LIMIT 1),
      'sources', (SELECT json_agg(json_build_object('key', key, 'trust', trust, 'kind', kind)) FROM source)
    )
    FROM target
  );
END $fn$;
