import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConsentService } from '../consent/consent.service.js';
import { preparedQuery } from '../database/prepared-query.js';
import type { LinkRelation } from '../matching/person-resolution.js';
import { addressParts } from '../privacy/unmask-policy.js';
import type { PlanContactPoint, PlanData, PlanPerson } from './plan-data.js';

/** Third parties reached through shared phones or addresses are capped: a number shared by hundreds is noise. */
const SHARED_NEIGHBOURS = 200;
const OBSERVATIONS_PER_POINT = 20;
/** $1 (surviving person ids) with every person merged into them: member(id, root). */
const MEMBERS = `WITH RECURSIVE member (id, root) AS (
  SELECT id, id FROM unnest($1::uuid[]) AS id
  UNION ALL
  SELECT person.id, member.root FROM person JOIN member ON person.merged_into_id = member.id
)`;

/**
 * Loads one borrower's neighbourhood (two person-hops) for the contact plan: a fixed number of
 * queries whatever the size of the database, so any API instance serves any borrower.
 */
@Injectable()
export class ContactPlanRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consents: ConsentService,
  ) {}

  private read<T>(text: string, values: unknown[]): Promise<T[]> {
    return preparedQuery<T>(this.dataSource, text, values);
  }

  async load(borrowerRef: string): Promise<PlanData> {
    const [borrower] = await this.read<{ id: string }>('SELECT id FROM borrower WHERE ref = $1', [borrowerRef]);
    if (!borrower) throw new NotFoundException(`borrower "${borrowerRef}" is not known`);
    const borrowerId: string = borrower.id;
    const [consent, links, attempts, leads, repairs] = await Promise.all([
      this.consents.current(borrowerId),
      this.read(
        `SELECT DISTINCT ON (canonical_person(person_id)) canonical_person(person_id) AS person_id, relation
         FROM borrower_person WHERE borrower_id = $1 ORDER BY canonical_person(person_id), (relation = 'self') DESC, (relation = 'other')`,
        [borrowerId],
      ) as Promise<{ person_id: string; relation: LinkRelation }[]>,
      this.read(
        `SELECT canonical_contact_point(contact_point_id) AS contact_point_id, contacted_person_id, outcome, attempted_at, callback_requested_at
         FROM contact_attempt WHERE borrower_id = $1 ORDER BY attempted_at DESC LIMIT 1000`,
        [borrowerId],
      ) as Promise<{ contact_point_id: string; contacted_person_id: string | null; outcome: string; attempted_at: Date; callback_requested_at: Date | null }[]>,
      this.read(
        `SELECT canonical_person(informant_person_id) AS informant, ARRAY(SELECT canonical_contact_point(id) FROM unnest(contact_point_ids) AS id) AS points, created_at, note
         FROM lead WHERE borrower_id = $1 ORDER BY created_at DESC LIMIT 100`,
        [borrowerId],
      ) as Promise<{ informant: string | null; points: string[]; created_at: Date; note: string | null }[]>,
      this.read(
        'SELECT id, status, started_at, finished_at, candidate_contact_point_ids, sources FROM repair_run WHERE borrower_id = $1 ORDER BY started_at DESC LIMIT 1',
        [borrowerId],
      ) as Promise<{ id: string; status: string; started_at: Date; finished_at: Date | null; candidate_contact_point_ids: string[]; sources: string[] }[]>,
    ]);
    const selfPersonId = links.find((link) => link.relation === 'self')?.person_id;
    const borrowerNode = selfPersonId ?? `borrower:${borrowerId}`;
    const firstHop = links.filter((link) => link.relation !== 'self').map((link) => link.person_id);
    const relations = links.filter((link) => link.relation !== 'self').map((link) => ({ fromPersonId: borrowerNode, toPersonId: link.person_id, relation: link.relation }));

    // Second hop: a contact who is a borrower too brings their own declared contacts; shared phones and addresses bring neighbours.
    const [declared, shared] = await Promise.all([
      firstHop.length
        ? (this.read(
            `SELECT canonical_person(own.person_id) AS via, canonical_person(theirs.person_id) AS person_id, theirs.relation
             FROM borrower_person own JOIN borrower_person theirs ON theirs.borrower_id = own.borrower_id AND theirs.relation <> 'self'
             WHERE own.relation = 'self' AND own.borrower_id <> $1 AND own.person_id = ANY($2::uuid[])
             LIMIT 500`,
            [borrowerId, firstHop],
          ) as Promise<{ via: string; person_id: string; relation: LinkRelation }[]>)
        : Promise.resolve([]),
      this.read(
        `SELECT DISTINCT canonical_person(theirs.person_id) AS person_id
         FROM person_contact_point ours
         JOIN contact_point point ON point.id = ours.contact_point_id AND point.subtype NOT IN ('organisation', 'pickup_point')
         JOIN person_contact_point theirs ON theirs.contact_point_id = ours.contact_point_id AND theirs.person_id <> ours.person_id
         WHERE ours.person_id = ANY($1::uuid[])
         LIMIT ${SHARED_NEIGHBOURS}`,
        [[...(selfPersonId ? [selfPersonId] : []), ...firstHop]],
      ) as Promise<{ person_id: string }[]>,
    ]);
    for (const row of declared) relations.push({ fromPersonId: row.via, toPersonId: row.person_id, relation: row.relation });
    const personIds = [...new Set([...(selfPersonId ? [selfPersonId] : []), ...firstHop, ...declared.map((row) => row.person_id), ...shared.map((row) => row.person_id)])];
    const [persons, personPoints] = await Promise.all([this.persons(personIds, borrowerId), this.personPoints(personIds)]);
    const pointIds = [...new Set([...personPoints.map((link) => link.contactPointId), ...attempts.map((attempt) => attempt.contact_point_id), ...leads.flatMap((lead) => lead.points)])];
    const points = await this.points(pointIds);
    return {
      borrowerId,
      borrowerRef,
      selfPersonId,
      consent,
      persons: persons.filter((person) => person.id !== selfPersonId),
      relations,
      personPoints,
      points,
      attempts: attempts.map((attempt) => ({
        contactPointId: attempt.contact_point_id,
        contactedPersonId: attempt.contacted_person_id ?? undefined,
        outcome: attempt.outcome as PlanData['attempts'][number]['outcome'],
        attemptedAt: attempt.attempted_at,
        callbackRequestedAt: attempt.callback_requested_at ?? undefined,
      })),
      leads: leads.map((lead) => ({ informantPersonId: lead.informant ?? undefined, contactPointIds: lead.points, createdAt: lead.created_at, note: lead.note ?? undefined })),
      repair: repairs[0]
        ? { id: repairs[0].id, status: repairs[0].status, startedAt: repairs[0].started_at, finishedAt: repairs[0].finished_at, candidateContactPointIds: repairs[0].candidate_contact_point_ids, sources: repairs[0].sources }
        : undefined,
    };
  }

  private async persons(ids: string[], borrowerId: string): Promise<PlanPerson[]> {
    if (ids.length === 0) return [];
    const rows: { id: string; kind: 'individual' | 'organisation'; name: string | null; labels: string[]; do_not_contact: boolean | null; internal: number; external: number; keys: string[] | null; borrowers: string[] }[] =
      await this.read(
        `${MEMBERS} SELECT person.id, person.kind, person.name, preference.do_not_contact,
                ARRAY(SELECT DISTINCT unnest(relation_labels) FROM borrower_person WHERE person_id = person.id AND borrower_id = $2) AS labels,
                ARRAY(SELECT DISTINCT borrower_id FROM borrower_person WHERE person_id = person.id AND borrower_id <> $2) AS borrowers,
                records.internal, records.external, records.keys
         FROM person
         LEFT JOIN contact_preference preference ON preference.person_id = person.id
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE source.kind = 'internal')::int AS internal, count(*) FILTER (WHERE source.kind = 'external')::int AS external,
                  array_agg(DISTINCT record.source_key) AS keys
           FROM member
           JOIN source_record_version version ON version.person_id = member.id
           JOIN source_record record ON record.id = version.source_record_uuid
           JOIN source ON source.key = record.source_key
           WHERE member.root = person.id
         ) AS records ON true
         WHERE person.id = ANY($1::uuid[])`,
        [ids, borrowerId],
      );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name ?? undefined,
      relationLabels: row.labels,
      doNotContact: row.do_not_contact === true,
      internalRecords: row.internal ?? 0,
      externalRecords: row.external ?? 0,
      sourceKeys: row.keys ?? [],
      otherBorrowers: row.borrowers,
    }));
  }

  private async personPoints(ids: string[]): Promise<PlanData['personPoints']> {
    if (ids.length === 0) return [];
    // What was linked to a person merged into another belongs to the survivor.
    const rows: { person_id: string; contact_point_id: string }[] = await this.read(
      `${MEMBERS} SELECT DISTINCT member.root AS person_id, canonical_contact_point(owned.contact_point_id) AS contact_point_id
       FROM member JOIN person_contact_point owned ON owned.person_id = member.id`,
      [ids],
    );
    return rows.map((row) => ({ personId: row.person_id, contactPointId: row.contact_point_id }));
  }

  private async points(ids: string[]): Promise<PlanContactPoint[]> {
    if (ids.length === 0) return [];
    const rows: {
      id: string; kind: 'phone' | 'address'; e164: string | null; extension: string | null; subtype: string | null; address: Record<string, { name?: string } | string> | null;
      first_seen_at: Date; last_seen_at: Date; borrower_count: number; sources: { key: string; trust: number; kind: 'internal' | 'external' }[] | null;
      observations: { sourceKey: string; sourceRecordId: string; observedAt: string }[] | null; text: string | null;
    }[] = await this.read(
      `SELECT point.id, point.kind, point.e164, point.extension, point.subtype, point.address, point.first_seen_at, point.last_seen_at, point.borrower_count,
              (SELECT json_agg(DISTINCT jsonb_build_object('key', source.key, 'trust', source.trust, 'kind', source.kind))
                 FROM observation JOIN source ON source.key = observation.source_key WHERE observation.contact_point_id = point.id) AS sources,
              (SELECT json_agg(entry) FROM (
                 SELECT observation.source_key AS "sourceKey", record.source_record_id AS "sourceRecordId", observation.observed_at AS "observedAt"
                 FROM observation
                 JOIN source_record_version version ON version.id = observation.source_record_version_id
                 JOIN source_record record ON record.id = version.source_record_uuid
                 WHERE observation.contact_point_id = point.id ORDER BY observation.observed_at DESC LIMIT ${OBSERVATIONS_PER_POINT}) AS entry) AS observations,
              (SELECT raw FROM observation WHERE contact_point_id = point.id ORDER BY observed_at DESC LIMIT 1) AS text
       FROM contact_point point WHERE point.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      e164: row.e164 ?? undefined,
      extension: row.extension ?? undefined,
      subtype: row.subtype ?? undefined,
      address: row.address ? { ...addressParts(row.address), text: row.text ?? undefined } : undefined,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      borrowerCount: row.borrower_count,
      // A point the platform called but no record names: the lender's own knowledge.
      sources: row.sources ?? [],
      observations: (row.observations ?? []).map((entry) => ({ ...entry, observedAt: new Date(entry.observedAt) })),
    }));
  }
}
