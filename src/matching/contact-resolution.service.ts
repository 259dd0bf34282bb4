import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { SourceRecordPayload } from '../records/source-record.js';
import { addPoint, collectContactPoints, collectEstateLocations, type ContactPointRow, pointKey } from './contact-point-rows.js';
import { ensureBorrowers, ensureContactPoints, ensureEstateLocations } from './contact-point.repository.js';
import { nameKey } from './person/person-name.js';
import { type KnownPerson, type LinkRelation, type PersonMention, PersonResolver } from './person-resolution.js';
import type { UsablePhone } from './phone/phone-normalizer.js';
import { type PreparedRecord, prepareRecord } from './record-preparation.js';
import { compareText } from '../common/objects.js';

export interface RecordToResolve {
  payload: SourceRecordPayload;
  observedAt: Date;
  prepared: PreparedRecord;
}

/** Rows a batch needs that exist independently of any one record: created before its transaction. */
export interface BatchEntities {
  borrowerIds: Map<string, string>;
  /** pointKey -> contact point id */
  pointIds: Map<string, string>;
}

export interface ResolvedObservation {
  field: 'phone' | 'address' | 'employer_phone';
  position: number;
  part: number;
  raw: string;
  contactPointId: string | null;
  error: string | null;
  personId: string;
}

export interface ResolvedRecord {
  borrowerId: string;
  personId: string;
  prepared: PreparedRecord;
  observations: ResolvedObservation[];
}

export interface BatchResolution {
  records: ResolvedRecord[];
  contactPointIds: string[];
  /** For the deferred fuzzy comparison: the batch's dwellings and the persons its records are about. */
  addressPointIds: string[];
  personIds: string[];
}

interface LinkRow {
  first: Date;
  last: Date;
  labels: Set<string>;
  relation: LinkRelation;
}

/**
 * Resolves a batch of records into borrowers, persons and contact points with set-based SQL:
 * a handful of statements per batch, whatever its size.
 */
@Injectable()
export class ContactResolutionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Normalises the records: pure, before any storage. */
  prepare(payload: SourceRecordPayload): PreparedRecord {
    return prepareRecord(payload);
  }

  /**
   * Creates the batch's new borrowers and contact points in short statements of their own, before
   * the ingest transaction: they mean nothing without the records that name them (a failed batch
   * leaves them unreferenced and its retry reuses them), and concurrent batches naming the same
   * ones then never wait for each other's whole transaction. Estate locations the batch teaches
   * are recorded here too: they describe buildings, not the records.
   */
  async ensureEntities(records: readonly RecordToResolve[]): Promise<BatchEntities> {
    const borrowerRefs = [...new Set(records.map((record) => record.prepared.borrowerRef))];
    const borrowerIds = await ensureBorrowers(this.dataSource, borrowerRefs);
    const pointIds = await ensureContactPoints(this.dataSource, [...collectContactPoints(records).values()]);
    await ensureEstateLocations(this.dataSource, collectEstateLocations(records));
    return { borrowerIds, pointIds };
  }

  /** Persons, their links and the observations of a batch; call inside the ingest transaction, after ensureEntities. */
  async resolve(manager: EntityManager, records: RecordToResolve[], entities: BatchEntities): Promise<BatchResolution> {
    if (records.length === 0) return { records: [], contactPointIds: [], addressPointIds: [], personIds: [] };
    const { borrowerIds, pointIds } = entities;
    const prepared = records.map((record) => record.prepared);
    // One writer per borrower at a time: a batch must see the persons a concurrent batch about the
    // same borrower created, or both would create the same contact twice. Sorted: no deadlock.
    const batchBorrowers = [...new Set(prepared.map((record) => borrowerIds.get(record.borrowerRef)!))].sort(compareText);
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended(id::text, 0)) FROM unnest($1::uuid[]) WITH ORDINALITY AS row(id, position) ORDER BY position', [batchBorrowers]);
    const phoneKeys = [...new Set(prepared.flatMap((record) => [...record.subject.phones, ...(record.employer?.phones ?? [])]))];
    const organisationNames = [...new Set(prepared.flatMap((record) => (record.employer?.normalizedName ? [record.employer.normalizedName] : [])))];
    const known = await this.loadKnownPersons(manager, batchBorrowers, phoneKeys, organisationNames);
    const resolver = new PersonResolver(known.values(), () => timeOrderedId());

    const newPersons = new Map<string, { kind: string; name: string | null; normalizedName: string | null }>();
    const links = new Map<string, LinkRow>();
    const personPoints = new Map<string, { first: Date; last: Date }>();
    const batchPoints = new Set<string>();
    const addressPoints = new Set<string>();
    const resolved: ResolvedRecord[] = [];

    const decide = (mention: PersonMention, name: string | undefined, kind: string, observedAt: Date, label?: string) => {
      const decision = resolver.resolve(mention);
      if (decision.created) newPersons.set(decision.personId, { kind, name: name ?? null, normalizedName: mention.normalizedName ?? null });
      const linkKey = `${mention.borrowerId}|${decision.personId}`;
      const link = links.get(linkKey) ?? { first: observedAt, last: observedAt, labels: new Set<string>(), relation: mention.relation };
      link.first = link.first < observedAt ? link.first : observedAt;
      link.last = link.last > observedAt ? link.last : observedAt;
      if (label) link.labels.add(label);
      if (link.relation === 'other') link.relation = mention.relation;
      links.set(linkKey, link);
      return decision.personId;
    };
    const pointId = (kind: 'phone' | 'address', valueKey: string): string => {
      const id = pointIds.get(pointKey(kind, valueKey));
      if (!id) throw new Error(`contact point ${kind} was not ensured before resolution`);
      batchPoints.add(id);
      return id;
    };

    prepared.forEach((record, index) => {
      const observedAt = records[index].observedAt;
      const borrowerId = borrowerIds.get(record.borrowerRef)!;
      const personId = decide({ ...record.subject, borrowerId }, record.subject.name, 'individual', observedAt, record.subject.relationLabel);
      const employerId = record.employer ? decide({ ...record.employer, borrowerId }, record.employer.name, 'organisation', observedAt) : undefined;
      const observations: ResolvedObservation[] = [];
      for (const phone of record.phones) {
        const owner = phone.field === 'employer_phone' ? employerId! : personId;
        if (!phone.result.usable) {
          observations.push({ field: phone.field, position: phone.position, part: phone.part, raw: phone.raw, contactPointId: null, error: phone.result.reason, personId: owner });
          continue;
        }
        const id = pointId('phone', phone.key!);
        // A switchboard or service line is kept, but never as an individual's own phone.
        if (phone.result.type !== 'organisation' || phone.field === 'employer_phone') this.touch(personPoints, `${owner}|${id}`, observedAt);
        observations.push({ field: phone.field, position: phone.position, part: phone.part, raw: phone.raw, contactPointId: id, error: null, personId: owner });
      }
      for (const address of record.addresses) {
        if (!address.key) {
          observations.push({ field: 'address', position: address.position, part: 0, raw: address.raw, contactPointId: null, error: address.error ?? null, personId });
          continue;
        }
        const id = pointId('address', address.key);
        addressPoints.add(id);
        this.touch(personPoints, `${personId}|${id}`, observedAt);
        observations.push({ field: 'address', position: address.position, part: 0, raw: address.raw, contactPointId: id, error: null, personId });
      }
      resolved.push({ borrowerId, personId, prepared: record, observations });
    });

    await this.insertPersons(manager, newPersons);
    await this.upsertBorrowerPersons(manager, links);
    await this.upsertPersonContactPoints(manager, personPoints);
    return {
      records: resolved,
      contactPointIds: [...batchPoints],
      addressPointIds: [...addressPoints],
      personIds: [...new Set(resolved.map((record) => record.personId))],
    };
  }

  /** Phone contact points for numbers seen outside a source record (a call the platform made); returns key -> id. */
  async ensurePhonePoints(manager: EntityManager, phones: { key: string; phone: UsablePhone }[], seenAt: Date): Promise<Map<string, string>> {
    const points = new Map<string, ContactPointRow>();
    for (const { key, phone } of phones) {
      addPoint(points, 'phone', key, seenAt, { e164: phone.e164, extension: phone.extension ?? null, subtype: phone.type, carrierGroup: phone.carrierGroup ?? null });
    }
    const ids = await ensureContactPoints(manager, [...points.values()]);
    return new Map([...points.values()].map((point) => [point.valueKey, ids.get(pointKey(point.kind, point.valueKey))!]));
  }

  private touch(map: Map<string, { first: Date; last: Date }>, key: string, observedAt: Date): void {
    const entry = map.get(key);
    if (!entry) map.set(key, { first: observedAt, last: observedAt });
    else {
      if (observedAt < entry.first) entry.first = observedAt;
      if (observedAt > entry.last) entry.last = observedAt;
    }
  }

  /** The persons a batch can resolve to: those linked to its borrowers, owning its phones, or named like its employers. */
  private async loadKnownPersons(manager: EntityManager, borrowerIds: string[], phoneKeys: string[], organisationNames: string[]): Promise<Map<string, KnownPerson>> {
    const rows: { id: string; kind: 'individual' | 'organisation'; normalized_name: string | null; links: [string, LinkRelation][] | null; phones: string[] | null }[] =
      await manager.query(
        `WITH RECURSIVE candidate AS MATERIALIZED (
           SELECT person_id FROM borrower_person WHERE borrower_id = ANY($1::uuid[])
           UNION
           SELECT owned.person_id FROM contact_point point JOIN person_contact_point owned ON owned.contact_point_id = point.id
            WHERE point.kind = 'phone' AND point.value_key = ANY($2::text[])
           UNION
           SELECT id FROM person WHERE kind = 'organisation' AND normalized_name = ANY($3::text[])
         ),
         -- Merged persons answer for the person they were merged into.
         root AS MATERIALIZED (
           SELECT DISTINCT CASE WHEN person.merged_into_id IS NULL THEN person.id ELSE canonical_person(person.id) END AS id
           FROM candidate JOIN person ON person.id = candidate.person_id
         ),
         member (id, root) AS (
           SELECT id, id FROM root
           UNION ALL
           SELECT person.id, member.root FROM person JOIN member ON person.merged_into_id = member.id
         ),
         links AS (
           SELECT member.root, json_agg(json_build_array(link.borrower_id, link.relation)) AS links
           FROM member JOIN borrower_person link ON link.person_id = member.id
           WHERE link.borrower_id = ANY($1::uuid[]) GROUP BY member.root
         ),
         phones AS (
           SELECT member.root, array_agg(DISTINCT point.value_key) AS phones
           FROM member JOIN person_contact_point owned ON owned.person_id = member.id
           JOIN contact_point point ON point.id = owned.contact_point_id
           WHERE point.kind = 'phone' AND point.value_key = ANY($2::text[]) GROUP BY member.root
         )
         SELECT person.id, person.kind, person.normalized_name, links.links, phones.phones
         FROM root JOIN person ON person.id = root.id
         LEFT JOIN links ON links.root = root.id
         LEFT JOIN phones ON phones.root = root.id`,
        [borrowerIds, phoneKeys, organisationNames],
      );
    return new Map(
      rows.map((row) => [
        row.id,
        { id: row.id, kind: row.kind, normalizedName: row.normalized_name ?? undefined, links: new Map(row.links ?? []), phones: new Set(row.phones ?? []) },
      ]),
    );
  }

  private async insertPersons(manager: EntityManager, persons: Map<string, { kind: string; name: string | null; normalizedName: string | null }>): Promise<void> {
    if (persons.size === 0) return;
    const entries = [...persons.entries()];
    await manager.query(
      `INSERT INTO person (id, kind, name, normalized_name, name_key)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[])`,
      [
        entries.map(([id]) => id),
        entries.map(([, person]) => person.kind),
        entries.map(([, person]) => person.name),
        entries.map(([, person]) => person.normalizedName),
        entries.map(([, person]) => (person.normalizedName ? nameKey(person.normalizedName) : null)),
      ],
    );
  }

  private async upsertBorrowerPersons(manager: EntityManager, links: Map<string, LinkRow>): Promise<void> {
    if (links.size === 0) return;
    const entries = [...links.entries()].sort(([left], [right]) => compareText(left, right)).map(([key, link]) => ({ ...link, ids: key.split('|') }));
    await manager.query(
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
        entries.map((entry) => entry.ids[0]),
        entries.map((entry) => entry.ids[1]),
        entries.map((entry) => entry.relation),
        entries.map((entry) => JSON.stringify([...entry.labels])),
        entries.map((entry) => entry.first),
        entries.map((entry) => entry.last),
      ],
    );
  }

  private async upsertPersonContactPoints(manager: EntityManager, links: Map<string, { first: Date; last: Date }>): Promise<void> {
    if (links.size === 0) return;
    const entries = [...links.entries()].sort(([left], [right]) => compareText(left, right)).map(([key, link]) => {
      const [personId, pointId] = key.split('|');
      return { personId, pointId, ...link };
    });
    await manager.query(
      `INSERT INTO person_contact_point (person_id, contact_point_id, first_seen_at, last_seen_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[])
       ON CONFLICT (person_id, contact_point_id) DO UPDATE SET
         first_seen_at = LEAST(person_contact_point.first_seen_at, EXCLUDED.first_seen_at),
         last_seen_at = GREATEST(person_contact_point.last_seen_at, EXCLUDED.last_seen_at)`,
      [entries.map((entry) => entry.personId), entries.map((entry) => entry.pointId), entries.map((entry) => entry.first), entries.map((entry) => entry.last)],
    );
  }
}

