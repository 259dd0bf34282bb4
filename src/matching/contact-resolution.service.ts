import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { SourceRecordPayload } from '../ingest/source-record.dto.js';
import { blockingKeys } from './address/index.js';
import { nameKey } from './person/person-name.js';
import { type KnownPerson, type LinkRelation, type PersonMention, PersonResolver } from './person-resolution.js';
import type { UsablePhone } from './phone/phone-normalizer.js';
import { type PreparedRecord, prepareRecord } from './record-preparation.js';
import { compareText } from '../common/objects.js';

export interface RecordToResolve {
  payload: SourceRecordPayload;
  observedAt: Date;
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

interface ContactPointRow {
  id: string;
  kind: 'phone' | 'address';
  valueKey: string;
  e164: string | null;
  extension: string | null;
  subtype: string | null;
  carrierGroup: string | null;
  address: string | null;
  districtCode: string | null;
  blockKeys: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
}

interface LinkRow {
  first: Date;
  last: Date;
  labels: Set<string>;
  relation: LinkRelation;
}

/**
 * Resolves a batch of records into borrowers, persons and contact points with set-based SQL:
 * a handful of statements per batch, whatever its size. Call inside the ingest transaction.
 */
@Injectable()
export class ContactResolutionService {
  async resolve(manager: EntityManager, records: RecordToResolve[]): Promise<BatchResolution> {
    if (records.length === 0) return { records: [], contactPointIds: [], addressPointIds: [], personIds: [] };
    const prepared = records.map((record) => prepareRecord(record.payload));
    const borrowerRefs = [...new Set(prepared.map((record) => record.borrowerRef))];
    const phoneKeys = [...new Set(prepared.flatMap((record) => [...record.subject.phones, ...(record.employer?.phones ?? [])]))];

    const borrowerIds = await this.upsertBorrowers(manager, borrowerRefs);
    const organisationNames = [...new Set(prepared.flatMap((record) => (record.employer?.normalizedName ? [record.employer.normalizedName] : [])))];
    const known = await this.loadKnownPersons(manager, [...borrowerIds.values()], phoneKeys, organisationNames);
    const resolver = new PersonResolver(known.values(), randomUUID);

    const newPersons = new Map<string, { kind: string; name: string | null; normalizedName: string | null }>();
    const links = new Map<string, LinkRow>();
    const personPoints = new Map<string, { first: Date; last: Date }>();
    const points = new Map<string, ContactPointRow>();
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
        const point = this.point(points, 'phone', phone.key!, observedAt, {
          e164: phone.result.e164,
          extension: phone.result.extension ?? null,
          subtype: phone.result.type,
          carrierGroup: phone.result.carrierGroup ?? null,
        });
        // A switchboard or service line is kept, but never as an individual's own phone.
        if (phone.result.type !== 'organisation' || phone.field === 'employer_phone') this.touch(personPoints, `${owner}|${point.id}`, observedAt);
        observations.push({ field: phone.field, position: phone.position, part: phone.part, raw: phone.raw, contactPointId: point.id, error: null, personId: owner });
      }
      for (const address of record.addresses) {
        if (!address.key) {
          observations.push({ field: 'address', position: address.position, part: 0, raw: address.raw, contactPointId: null, error: address.error ?? null, personId });
          continue;
        }
        const { raw: _raw, cleaned: _cleaned, ...parts } = address.parsed;
        const point = this.point(points, 'address', address.key, observedAt, {
          subtype: address.parsed.pickupPoint ? 'pickup_point' : 'dwelling',
          address: JSON.stringify(parts),
          districtCode: address.parsed.district?.code ?? null,
          blockKeys: blockingKeys(address.parsed),
        });
        this.touch(personPoints, `${personId}|${point.id}`, observedAt);
        observations.push({ field: 'address', position: address.position, part: 0, raw: address.raw, contactPointId: point.id, error: null, personId });
      }
      resolved.push({ borrowerId, personId, prepared: record, observations });
    });

    await this.insertPersons(manager, newPersons);
    const pointIds = await this.upsertContactPoints(manager, [...points.values()]);
    for (const record of resolved) {
      for (const observation of record.observations) {
        if (observation.contactPointId) observation.contactPointId = pointIds.get(observation.contactPointId)!;
      }
    }
    await this.upsertBorrowerPersons(manager, links);
    await this.upsertPersonContactPoints(manager, personPoints, pointIds);
    const addressPointIds = new Set([...points.values()].filter((point) => point.kind === 'address').map((point) => pointIds.get(point.id)!));
    return {
      records: resolved,
      contactPointIds: [...new Set(pointIds.values())],
      addressPointIds: [...addressPointIds],
      personIds: [...new Set(resolved.map((record) => record.personId))],
    };
  }

  /** Phone contact points for numbers seen outside a source record (a call the platform made); returns key -> id. */
  async ensurePhonePoints(manager: EntityManager, phones: { key: string; phone: UsablePhone }[], seenAt: Date): Promise<Map<string, string>> {
    const points = new Map<string, ContactPointRow>();
    for (const { key, phone } of phones) {
      this.point(points, 'phone', key, seenAt, { e164: phone.e164, extension: phone.extension ?? null, subtype: phone.type, carrierGroup: phone.carrierGroup ?? null });
    }
    const ids = await this.upsertContactPoints(manager, [...points.values()]);
    return new Map([...points.values()].map((point) => [point.valueKey, ids.get(point.id)!]));
  }

  private point(points: Map<string, ContactPointRow>, kind: 'phone' | 'address', valueKey: string, observedAt: Date, values: Partial<ContactPointRow>): ContactPointRow {
    const key = `${kind}|${valueKey}`;
    let point = points.get(key);
    if (!point) {
      point = { id: randomUUID(), kind, valueKey, e164: null, extension: null, subtype: null, carrierGroup: null, address: null, districtCode: null, blockKeys: [], firstSeenAt: observedAt, lastSeenAt: observedAt, ...values };
      points.set(key, point);
    }
    if (observedAt < point.firstSeenAt) point.firstSeenAt = observedAt;
    if (observedAt > point.lastSeenAt) point.lastSeenAt = observedAt;
    return point;
  }

  private touch(map: Map<string, { first: Date; last: Date }>, key: string, observedAt: Date): void {
    const entry = map.get(key);
    if (!entry) map.set(key, { first: observedAt, last: observedAt });
    else {
      if (observedAt < entry.first) entry.first = observedAt;
      if (observedAt > entry.last) entry.last = observedAt;
    }
  }

  private async upsertBorrowers(manager: EntityManager, refs: string[]): Promise<Map<string, string>> {
    await manager.query(
      'INSERT INTO borrower (id, ref) SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT (ref) DO NOTHING',
      [refs.map(() => randomUUID()), [...refs].sort(compareText)],
    );
    const rows: { id: string; ref: string }[] = await manager.query('SELECT id, ref FROM borrower WHERE ref = ANY($1::text[])', [refs]);
    return new Map(rows.map((row) => [row.ref, row.id]));
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

  /**
   * Returns provisional id -> stored id (an existing point keeps its id). Rows go in key order, so
   * concurrent batches lock shared points in the same order and cannot deadlock on them.
   */
  private async upsertContactPoints(manager: EntityManager, unsorted: ContactPointRow[]): Promise<Map<string, string>> {
    if (unsorted.length === 0) return new Map();
    const points = [...unsorted].sort((left, right) => compareText(`${left.kind}|${left.valueKey}`, `${right.kind}|${right.valueKey}`));
    const rows: { id: string; kind: string; value_key: string }[] = await manager.query(
      `INSERT INTO contact_point (id, kind, value_key, e164, extension, subtype, carrier_group, address, district_code, first_seen_at, last_seen_at)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::text[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::jsonb[], $9::varchar[], $10::timestamptz[], $11::timestamptz[])
       ON CONFLICT (kind, value_key) DO UPDATE SET
         first_seen_at = LEAST(contact_point.first_seen_at, EXCLUDED.first_seen_at),
         last_seen_at = GREATEST(contact_point.last_seen_at, EXCLUDED.last_seen_at)
       RETURNING id, kind, value_key`,
      [
        points.map((point) => point.id),
        points.map((point) => point.kind),
        points.map((point) => point.valueKey),
        points.map((point) => point.e164),
        points.map((point) => point.extension),
        points.map((point) => point.subtype),
        points.map((point) => point.carrierGroup),
        points.map((point) => point.address),
        points.map((point) => point.districtCode),
        points.map((point) => point.firstSeenAt),
        points.map((point) => point.lastSeenAt),
      ],
    );
    const stored = new Map(rows.map((row) => [`${row.kind}|${row.value_key}`, row.id]));
    const ids = new Map(points.map((point) => [point.id, stored.get(`${point.kind}|${point.valueKey}`)!]));
    const blocks = points.flatMap((point) => point.blockKeys.map((key) => ({ key, id: ids.get(point.id)! })));
    if (blocks.length > 0) {
      blocks.sort((left, right) => compareText(`${left.key}|${left.id}`, `${right.key}|${right.id}`));
      await manager.query(
        `INSERT INTO contact_point_block (block_key, contact_point_id) SELECT * FROM unnest($1::text[], $2::uuid[]) ON CONFLICT DO NOTHING`,
        [blocks.map((block) => block.key), blocks.map((block) => block.id)],
      );
    }
    return ids;
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

  private async upsertPersonContactPoints(manager: EntityManager, links: Map<string, { first: Date; last: Date }>, pointIds: Map<string, string>): Promise<void> {
    const merged = new Map<string, { personId: string; pointId: string; first: Date; last: Date }>();
    for (const [key, link] of links) {
      const [personId, provisional] = key.split('|');
      const pointId = pointIds.get(provisional)!;
      const existing = merged.get(`${personId}|${pointId}`);
      if (!existing) merged.set(`${personId}|${pointId}`, { personId, pointId, ...link });
      else {
        if (link.first < existing.first) existing.first = link.first;
        if (link.last > existing.last) existing.last = link.last;
      }
    }
    if (merged.size === 0) return;
    const entries = [...merged.entries()].sort(([left], [right]) => compareText(left, right)).map(([, entry]) => entry);
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

