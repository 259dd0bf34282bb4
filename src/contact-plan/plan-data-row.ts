import type { ConsentState } from '../consent/consent-in-force.js';
import { NO_CONSENT } from '../consent/consent-in-force.js';
import type { LinkRelation } from '../matching/person-resolution.js';
import type { AttemptOutcome } from './contact-rules.js';
import type { PlanContactPoint, PlanData, PlanPerson } from './plan-data.js';

type SourceKind = 'internal' | 'external';
/** A JSON name as stored under address.province/city/district.name; null when absent. */
type AddressName = unknown;

/**
 * The JSON value contact_plan_data (migration 1795480000000) returns: positional arrays, in the order of its
 * json_build_array calls. Instants are epoch milliseconds.
 */
export type PlanDataRow = [
  borrowerId: string,
  consent: [externalSources: boolean, thirdPartyContact: boolean] | null,
  links: [personId: string, relation: LinkRelation][] | null,
  declared: [via: string, personId: string, relation: LinkRelation][] | null,
  persons:
    | [
        id: string,
        kind: PlanPerson['kind'],
        name: string | null,
        doNotContact: boolean | null,
        links: [borrowerId: string, relationLabels: string[]][],
        /** One source key per record version about the person or anyone merged into them, in key order. */
        recordSources: string[],
      ][]
    | null,
  personPoints: [personId: string, contactPointId: string][] | null,
  points:
    | [
        id: string,
        kind: PlanContactPoint['kind'],
        e164: string | null,
        extension: string | null,
        subtype: string | null,
        address: [province: AddressName, city: AddressName, district: AddressName, text: string | null] | null,
        firstSeenAt: number,
        lastSeenAt: number,
        borrowerCount: number,
        /** The source of every observation, repeats included. */
        observationSources: string[],
        /** Newest first, at most 20; null for points that cannot be the borrower's own. */
        observations: [sourceKey: string, sourceRecordId: string, observedAt: number][] | null,
      ][]
    | null,
  attempts: [contactPointId: string, contactedPersonId: string | null, outcome: AttemptOutcome, attemptedAt: number, callbackRequestedAt: number | null][] | null,
  leads: [informant: string | null, contactPointIds: string[], createdAt: number, note: string | null][] | null,
  repair: [id: string, status: string, startedAt: number, finishedAt: number | null, candidateContactPointIds: string[], sources: string[]] | null,
  sources: [key: string, trust: number, kind: SourceKind][] | null,
];

const addressName = (value: AddressName): string | undefined => (value === null || value === undefined ? undefined : String(value));

/** PlanData from the query's row: what SQL left to the application (distinct values, counts by source kind). */
export function planDataFromRow(borrowerRef: string, row: PlanDataRow): PlanData {
  const [borrowerId, consentRow, links, declared, personRows, personPoints, pointRows, attemptRows, leadRows, repairRow, sourceRows] = row;
  const sources = new Map<string, { key: string; trust: number; kind: SourceKind }>();
  for (const [key, trust, kind] of sourceRows ?? []) sources.set(key, { key, trust, kind });
  const consent: ConsentState = consentRow ? { externalSources: consentRow[0], thirdPartyContact: consentRow[1] } : NO_CONSENT;

  let selfPersonId: string | undefined;
  for (const [personId, relation] of links ?? []) if (relation === 'self') selfPersonId = personId;
  const borrowerNode = selfPersonId ?? `borrower:${borrowerId}`;
  const relations: PlanData['relations'] = [];
  for (const [personId, relation] of links ?? []) if (relation !== 'self') relations.push({ fromPersonId: borrowerNode, toPersonId: personId, relation });
  for (const [via, personId, relation] of declared ?? []) relations.push({ fromPersonId: via, toPersonId: personId, relation });

  return {
    borrowerId,
    borrowerRef,
    selfPersonId,
    consent,
    persons: (personRows ?? []).map(([id, kind, name, doNotContact, borrowerLinks, recordSources]) => person(borrowerId, sources, id, kind, name, doNotContact, borrowerLinks, recordSources)),
    relations,
    personPoints: (personPoints ?? []).map(([personId, contactPointId]) => ({ personId, contactPointId })),
    points: (pointRows ?? []).map(([id, kind, e164, extension, subtype, address, firstSeenAt, lastSeenAt, borrowerCount, observationSources, observations]) => ({
      id,
      kind,
      e164: e164 ?? undefined,
      extension: extension ?? undefined,
      subtype: subtype ?? undefined,
      address: address ? { province: addressName(address[0]), city: addressName(address[1]), district: addressName(address[2]), text: address[3] ?? undefined } : undefined,
      firstSeenAt: new Date(firstSeenAt),
      lastSeenAt: new Date(lastSeenAt),
      borrowerCount,
      // A point the platform called but no record names: the lender's own knowledge.
      sources: distinctSources(sources, observationSources),
      observations: (observations ?? []).map(([sourceKey, sourceRecordId, observedAt]) => ({ sourceKey, sourceRecordId, observedAt: new Date(observedAt) })),
    })),
    attempts: (attemptRows ?? []).map(([contactPointId, contactedPersonId, outcome, attemptedAt, callbackRequestedAt]) => ({
      contactPointId,
      contactedPersonId: contactedPersonId ?? undefined,
      outcome,
      attemptedAt: new Date(attemptedAt),
      callbackRequestedAt: callbackRequestedAt === null ? undefined : new Date(callbackRequestedAt),
    })),
    leads: (leadRows ?? []).map(([informant, contactPointIds, createdAt, note]) => ({ informantPersonId: informant ?? undefined, contactPointIds, createdAt: new Date(createdAt), note: note ?? undefined })),
    repair: repairRow
      ? {
          id: repairRow[0],
          status: repairRow[1],
          startedAt: new Date(repairRow[2]),
          finishedAt: repairRow[3] === null ? null : new Date(repairRow[3]),
          candidateContactPointIds: repairRow[4],
          sources: repairRow[5],
        }
      : undefined,
  };
}

function person(
  borrowerId: string,
  sources: Map<string, { kind: SourceKind }>,
  id: string,
  kind: PlanPerson['kind'],
  name: string | null,
  doNotContact: boolean | null,
  borrowerLinks: [string, string[]][],
  recordSources: string[],
): PlanPerson {
  const labels = new Set<string>();
  const otherBorrowers = new Set<string>();
  for (const [linkedBorrower, relationLabels] of borrowerLinks) {
    if (linkedBorrower === borrowerId) for (const label of relationLabels) labels.add(label);
    else otherBorrowers.add(linkedBorrower);
  }
  let internalRecords = 0;
  let externalRecords = 0;
  const keys = new Set<string>();
  // Record versions whose source is gone count for nothing, as an inner join would have it.
  for (const key of recordSources) {
    const source = sources.get(key);
    if (!source) continue;
    if (source.kind === 'internal') internalRecords += 1;
    else if (source.kind === 'external') externalRecords += 1;
    keys.add(key);
  }
  return {
    id,
    kind,
    name: name ?? undefined,
    relationLabels: [...labels],
    doNotContact: doNotContact === true,
    internalRecords,
    externalRecords,
    sourceKeys: [...keys],
    otherBorrowers: [...otherBorrowers],
  };
}

function distinctSources<T>(sources: Map<string, T>, keys: string[]): T[] {
  const seen = new Set<string>();
  const result: T[] = [];
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    const source = sources.get(key);
    if (source) result.push(source);
  }
  return result;
}
