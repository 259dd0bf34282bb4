import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { compareText } from '../common/objects.js';
import type { Queryable } from '../database/queryable.js';
import type { KnownPerson, LinkRelation, PersonKind } from './person-resolution.js';

export interface NewPerson {
  id: string;
  kind: PersonKind;
  name: string | null;
  normalizedName: string | null;
  nameKey: string | null;
}

/** How a person relates to a borrower, over the span of the records that say so. */
export interface BorrowerPersonLink {
  borrowerId: string;
  personId: string;
  relation: LinkRelation;
  labels: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** A contact point as one person's own, over the span of the records that say so. */
export interface PersonContactPointLink {
  personId: string;
  contactPointId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** What exact person resolution reads about a batch's neighbourhood. */
export interface KnownPersonQuery {
  borrowerIds: readonly string[];
  /** Phone contact point keys: persons owning any of them. */
  phoneKeys: readonly string[];
  /** Organisations named exactly so. */
  organisationNames: readonly string[];
}

/** Persons, their links to borrowers, and the contact points that are theirs. */
@Injectable()
export class PersonRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Transaction-scoped advisory locks, one per borrower: one writer of a borrower's persons at a time.
   * Taken in id order, so two transactions locking shared borrowers never deadlock.
   */
  async lockBorrowers(borrowerIds: readonly string[], db: Queryable): Promise<void> {
    const sorted = [...borrowerIds].sort(compareText);
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended(id::text, 0)) FROM unnest($1::uuid[]) WITH ORDINALITY AS row(id, position) ORDER BY position', [sorted]);
  }

  /**
   * The persons a batch can resolve to: those linked to its borrowers, owning its phones, or named
   * like its employers; merged persons answer as the person they were merged into, with the links
   * (to these borrowers) and phones (among these) of all their members.
   */
  async findKnown(query: KnownPersonQuery, db: Queryable = this.dataSource): Promise<KnownPerson[]> {
    const rows: { id: string; kind: PersonKind; normalized_name: string | null; links: [string, LinkRelation][] | null; phones: string[] | null }[] = await db.query(
      // Every step starts from what the batch names (its borrowers, phones and employers) and probes
      // indexes from there; OFFSET 0 and LIMIT keep the planner from turning a probe into a hash join
      // over a whole table, whose cost would grow with the tables rather than with the batch.
      `WITH RECURSIVE phone_owner AS MATERIALIZED (
         SELECT owned.person_id, point.value_key
         FROM contact_point point
         CROSS JOIN LATERAL (SELECT person_id FROM person_contact_point WHERE contact_point_id = point.id OFFSET 0) AS owned
         WHERE point.kind = 'phone' AND point.value_key = ANY($2::text[])
       ),
       candidate AS MATERIALIZED (
         SELECT person_id FROM borrower_person WHERE borrower_id = ANY($1::uuid[])
         UNION
         SELECT person_id FROM phone_owner
         UNION
         SELECT id FROM person WHERE kind = 'organisation' AND normalized_name = ANY($3::text[])
       ),
       -- Merged persons answer for the person they were merged into.
       root AS MATERIALIZED (
         SELECT DISTINCT CASE WHEN person.merged_into_id IS NULL THEN person.id ELSE canonical_person(person.id) END AS id
         FROM candidate
         CROSS JOIN LATERAL (SELECT id, merged_into_id FROM person WHERE id = candidate.person_id LIMIT 1) AS person
       ),
       member (id, root) AS (
         SELECT id, id FROM root
         UNION ALL
         SELECT person.id, member.root FROM person JOIN member ON person.merged_into_id = member.id
       ),
       links AS (
         SELECT member.root, json_agg(json_build_array(link.borrower_id, link.relation)) AS links
         FROM (SELECT borrower_id, person_id, relation FROM borrower_person WHERE borrower_id = ANY($1::uuid[]) OFFSET 0) AS link
         JOIN member ON member.id = link.person_id
         GROUP BY member.root
       ),
       phones AS (
         SELECT member.root, array_agg(DISTINCT phone_owner.value_key) AS phones
         FROM phone_owner JOIN member ON member.id = phone_owner.person_id
         GROUP BY member.root
       )
       SELECT person.id, person.kind, person.normalized_name, links.links, phones.phones
       FROM root
       CROSS JOIN LATERAL (SELECT id, kind, normalized_name FROM person WHERE id = root.id LIMIT 1) AS person
       LEFT JOIN links ON links.root = root.id
       LEFT JOIN phones ON phones.root = root.id`,
      [query.borrowerIds, query.phoneKeys, query.organisationNames],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      normalizedName: row.normalized_name ?? undefined,
      links: new Map(row.links ?? []),
      phones: new Set(row.phones ?? []),
    }));
  }

  async insert(persons: readonly NewPerson[], db: Queryable = this.dataSource): Promise<void> {
    if (persons.length === 0) return;
    await db.query(
      `INSERT INTO person (id, kind, name, normalized_name, name_key)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[])`,
      [persons.map((person) => person.id), persons.map((person) => person.kind), persons.map((person) => person.name), persons.map((person) => person.normalizedName), persons.map((person) => person.nameKey)],
    );
  }

  /** Adds new links and widens known ones: a vague 'other' relation gives way, labels accumulate, the seen span grows. */
  async upsertBorrowerLinks(unsorted: readonly BorrowerPersonLink[], db: Queryable = this.dataSource): Promise<void> {
    if (unsorted.length === 0) return;
    // Key order: concurrent batches upsert shared links in one order.
    const links = [...unsorted].sort((left, right) => compareText(`${left.borrowerId}|${left.personId}`, `${right.borrowerId}|${right.personId}`));
    await db.query(
      `INSERT INTO borrower_person (borrower_id, person_id, relation, relation_labels, first_seen_at, last_seen_at)
       SELECT borrower_id, person_id, relation, ARRAY(SELECT jsonb_array_elements_text(labels::jsonb)), first_seen_at, last_seen_at
       FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::text[], $5::timestamptz[], $6::timestamptz[])
         AS row(borrower_id, person_id, relation, labels, first_seen_at, last_seen_at)
       ON CONFLICT (borrower_id, person_id) DO UPDATE SET
         relation = CASE WHEN borrower_person.relation = 'other' THEN EXCLUDED.relation ELSE borrower_person.relation END,
         relation_labels = ARRAY(SELECT DISTINCT label FROM unnest(borrower_person.relation_labels || EXCLUDED.relation_labels) AS label ORDER BY label),
         first_seen_at = LEAST(borrower_person.first_seen_at, EXCLUDED.first_seen_at),
         last_seen_at = GREATEST(borrower_person.last_seen_at, EXCLUDED.last_seen_at)`,
      [
        links.map((link) => link.borrowerId),
        links.map((link) => link.personId),
        links.map((link) => link.relation),
        links.map((link) => JSON.stringify(link.labels)),
        links.map((link) => link.firstSeenAt),
        links.map((link) => link.lastSeenAt),
      ],
    );
  }

  async upsertContactPointLinks(unsorted: readonly PersonContactPointLink[], db: Queryable = this.dataSource): Promise<void> {
    if (unsorted.length === 0) return;
    // Key order, as for borrower links.
    const links = [...unsorted].sort((left, right) => compareText(`${left.personId}|${left.contactPointId}`, `${right.personId}|${right.contactPointId}`));
    await db.query(
      `INSERT INTO person_contact_point (person_id, contact_point_id, first_seen_at, last_seen_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[])
       ON CONFLICT (person_id, contact_point_id) DO UPDATE SET
         first_seen_at = LEAST(person_contact_point.first_seen_at, EXCLUDED.first_seen_at),
         last_seen_at = GREATEST(person_contact_point.last_seen_at, EXCLUDED.last_seen_at)`,
      [links.map((link) => link.personId), links.map((link) => link.contactPointId), links.map((link) => link.firstSeenAt), links.map((link) => link.lastSeenAt)],
    );
  }

  /** The surviving person of each id (itself unless merged); unknown ids are absent. */
  async findCanonicalIds(ids: readonly string[], db: Queryable = this.dataSource): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; root: string }[] = await db.query('SELECT id, canonical_person(id) AS root FROM person WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id, row.root]));
  }

  /** The surviving person of one id, or undefined when there is no such person. */
  async findCanonicalId(id: string, db: Queryable = this.dataSource): Promise<string | undefined> {
    const [row]: { id: string }[] = await db.query('SELECT canonical_person(id) AS id FROM person WHERE id = $1', [id]);
    return row?.id;
  }
}
