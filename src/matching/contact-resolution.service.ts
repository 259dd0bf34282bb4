import { Injectable } from '@nestjs/common';
import { timeOrderedId } from '../common/time-ordered-id.js';
import type { Queryable } from '../database/queryable.js';
import type { SourceRecordPayload } from '../records/source-record.js';
import type { EstateLocation } from './address/index.js';
import { collectContactPoints, collectEstateLocations, type ContactPointRow, pointKey } from './contact-point-rows.js';
import type { NewObservation } from './observation.repository.js';
import { nameKey } from './person/person-name.js';
import { type LinkRelation, type PersonKind, type PersonMention, PersonResolver } from './person-resolution.js';
import { type BorrowerPersonLink, type NewPerson, type PersonContactPointLink, PersonRepository } from './person.repository.js';
import { type PreparedRecord, prepareRecord } from './record-preparation.js';
import type { ContactPointKind } from './entity-kinds.js';

export interface RecordToResolve {
  payload: SourceRecordPayload;
  observedAt: Date;
  prepared: PreparedRecord;
}

/**
 * Rows a batch needs that exist independently of any one record, to store before its transaction:
 * they mean nothing without the records that name them (a failed batch leaves them unreferenced and
 * its retry reuses them), and concurrent batches naming the same ones then never wait for each
 * other's whole transaction. Estate locations describe buildings, not the records.
 */
export interface EntitiesToEnsure {
  borrowerRefs: string[];
  contactPoints: ContactPointRow[];
  estateLocations: EstateLocation[];
}

/** The ids of the batch's independent rows, once stored. */
export interface BatchEntities {
  /** ref -> borrower id */
  borrowerIds: ReadonlyMap<string, string>;
  /** pointKey -> contact point id */
  pointIds: ReadonlyMap<string, string>;
}

/** An observation as resolution decides it; the pipeline adds its version, borrower and time when storing it. */
export type ResolvedObservation = Omit<NewObservation, 'sourceRecordVersionId' | 'borrowerId' | 'observedAt'>;

export interface ResolvedRecord {
  borrowerId: string;
  personId: string;
  prepared: PreparedRecord;
  /** What to store as the record version's observations, in record order. */
  observations: ResolvedObservation[];
}

/** What a batch resolved to: the caller stores it in the transaction resolve ran in, while its locks hold. */
export interface BatchResolution {
  /** One per record given, in the same order. */
  records: ResolvedRecord[];
  persons: NewPerson[];
  borrowerLinks: BorrowerPersonLink[];
  contactPointLinks: PersonContactPointLink[];
  /** The points the batch observed: their sharing counts need a refresh. */
  contactPointIds: string[];
  /** For the deferred fuzzy comparison: the batch's dwellings and the persons its records are about. */
  addressPointIds: string[];
  personIds: string[];
}

interface Span {
  first: Date;
  last: Date;
}

interface LinkDraft extends Span {
  labels: Set<string>;
  relation: LinkRelation;
}

/**
 * Resolves a batch of records into borrowers, persons and contact points: it decides, the caller
 * stores, with set-based statements (a handful per batch, whatever its size).
 */
@Injectable()
export class ContactResolutionService {
  constructor(private readonly persons: PersonRepository) {}

  /** Normalises the records: pure, before any storage. */
  prepare(payload: SourceRecordPayload): PreparedRecord {
    return prepareRecord(payload);
  }

  /** The borrowers, contact points and estate locations the records name, each once. */
  entitiesToEnsure(records: readonly RecordToResolve[]): EntitiesToEnsure {
    return {
      borrowerRefs: [...new Set(records.map((record) => record.prepared.borrowerRef))],
      contactPoints: [...collectContactPoints(records).values()],
      estateLocations: collectEstateLocations(records),
    };
  }

  /**
   * Persons, their links and the observations of a batch. Call inside the transaction that stores
   * the result, after the entities are ensured: it takes the batch's per-borrower locks there.
   */
  async resolve(transaction: Queryable, records: readonly RecordToResolve[], entities: BatchEntities): Promise<BatchResolution> {
    if (records.length === 0) return { records: [], persons: [], borrowerLinks: [], contactPointLinks: [], contactPointIds: [], addressPointIds: [], personIds: [] };
    const prepared = records.map((record) => record.prepared);
    // One writer per borrower at a time: a batch must see the persons a concurrent batch about the
    // same borrower created, or both would create the same contact twice.
    const borrowerIds = [...new Set(prepared.map((record) => entities.borrowerIds.get(record.borrowerRef)!))];
    await this.persons.lockBorrowers(borrowerIds, transaction);
    const known = await this.persons.findKnown(
      {
        borrowerIds,
        phoneKeys: [...new Set(prepared.flatMap((record) => [...record.subject.phones, ...(record.employer?.phones ?? [])]))],
        organisationNames: [...new Set(prepared.flatMap((record) => (record.employer?.normalizedName ? [record.employer.normalizedName] : [])))],
      },
      transaction,
    );
    return decide(records, entities, new PersonResolver(known, () => timeOrderedId()));
  }
}

/** Which person each mention is, which points are whose, and the observations: plain decisions over what was read. */
function decide(records: readonly RecordToResolve[], { borrowerIds, pointIds }: BatchEntities, resolver: PersonResolver): BatchResolution {
  const newPersons = new Map<string, { kind: PersonKind; name: string | null; normalizedName: string | null }>();
  const links = new Map<string, LinkDraft>();
  const personPoints = new Map<string, Span>();
  const batchPoints = new Set<string>();
  const addressPoints = new Set<string>();
  const resolved: ResolvedRecord[] = [];

  const person = (mention: PersonMention, name: string | undefined, kind: PersonKind, observedAt: Date, label?: string) => {
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
  const pointId = (kind: ContactPointKind, valueKey: string): string => {
    const id = pointIds.get(pointKey(kind, valueKey));
    if (!id) throw new Error(`contact point ${kind} was not ensured before resolution`);
    batchPoints.add(id);
    return id;
  };

  records.forEach(({ prepared: record, observedAt }) => {
    const borrowerId = borrowerIds.get(record.borrowerRef)!;
    const personId = person({ ...record.subject, borrowerId }, record.subject.name, 'individual', observedAt, record.subject.relationLabel);
    const employerId = record.employer ? person({ ...record.employer, borrowerId }, record.employer.name, 'organisation', observedAt) : undefined;
    const observations: ResolvedObservation[] = [];
    for (const phone of record.phones) {
      const owner = phone.field === 'employer_phone' ? employerId! : personId;
      if (!phone.result.usable) {
        observations.push({ field: phone.field, position: phone.position, part: phone.part, raw: phone.raw, contactPointId: null, error: phone.result.reason, personId: owner });
        continue;
      }
      const id = pointId('phone', phone.key!);
      // A switchboard or service line is kept, but never as an individual's own phone.
      if (phone.result.type !== 'organisation' || phone.field === 'employer_phone') widen(personPoints, `${owner}|${id}`, observedAt);
      observations.push({ field: phone.field, position: phone.position, part: phone.part, raw: phone.raw, contactPointId: id, error: null, personId: owner });
    }
    for (const address of record.addresses) {
      if (!address.key) {
        observations.push({ field: 'address', position: address.position, part: 0, raw: address.raw, contactPointId: null, error: address.error ?? null, personId });
        continue;
      }
      const id = pointId('address', address.key);
      addressPoints.add(id);
      widen(personPoints, `${personId}|${id}`, observedAt);
      observations.push({ field: 'address', position: address.position, part: 0, raw: address.raw, contactPointId: id, error: null, personId });
    }
    resolved.push({ borrowerId, personId, prepared: record, observations });
  });

  return {
    records: resolved,
    persons: [...newPersons].map(([id, person]) => ({ id, ...person, nameKey: person.normalizedName ? nameKey(person.normalizedName) : null })),
    borrowerLinks: [...links].map(([key, link]) => {
      const [borrowerId, personId] = key.split('|');
      return { borrowerId, personId, relation: link.relation, labels: [...link.labels], firstSeenAt: link.first, lastSeenAt: link.last };
    }),
    contactPointLinks: [...personPoints].map(([key, span]) => {
      const [personId, contactPointId] = key.split('|');
      return { personId, contactPointId, firstSeenAt: span.first, lastSeenAt: span.last };
    }),
    contactPointIds: [...batchPoints],
    addressPointIds: [...addressPoints],
    personIds: [...new Set(resolved.map((record) => record.personId))],
  };
}

function widen(spans: Map<string, Span>, key: string, observedAt: Date): void {
  const span = spans.get(key);
  if (!span) spans.set(key, { first: observedAt, last: observedAt });
  else {
    if (observedAt < span.first) span.first = observedAt;
    if (observedAt > span.last) span.last = observedAt;
  }
}
