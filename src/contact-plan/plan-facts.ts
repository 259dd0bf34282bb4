import { z } from 'zod';
import { consentInForce } from '../consent/consent-in-force.js';
import type { LinkRelation } from '../matching/person-resolution.js';
import { strongestRelation } from '../matching/person/link-precedence.js';
import { ATTEMPT_OUTCOMES } from '../contact-attempts/attempt-outcome.js';
import { ownContactPointIds } from './own-contact-points.js';
import type { PlanData, PlanPerson } from './plan-data.js';
import { CONTACT_POINT_KINDS, PERSON_KINDS } from '../matching/entity-kinds.js';

const instant = z.number();
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullable()
    .transform((value) => value ?? []);

/** What contact_plan_facts (sql/contact-plan-facts.sql) returns, checked: a renamed or missing key fails loudly here. */
export const planFactsSchema = z.object({
  borrowerId: z.string(),
  consents: list(z.object({ id: z.union([z.number(), z.string()]), externalSources: z.boolean(), thirdPartyContact: z.boolean() })),
  links: list(z.object({ personId: z.string(), relation: z.string() })),
  declared: list(z.object({ via: z.string(), personId: z.string(), relation: z.string() })),
  persons: list(
    z.object({
      id: z.string(),
      kind: z.enum(PERSON_KINDS),
      name: z.string().nullable(),
      doNotContact: z.boolean().nullable(),
      links: z.array(z.object({ borrowerId: z.string(), labels: z.array(z.string()) })),
      /** One source key per record version about the person or anyone merged into them. */
      recordSources: z.array(z.string()),
    }),
  ),
  personPoints: list(z.object({ personId: z.string(), contactPointId: z.string() })),
  points: list(
    z.object({
      id: z.string(),
      kind: z.enum(CONTACT_POINT_KINDS),
      e164: z.string().nullable(),
      extension: z.string().nullable(),
      subtype: z.string().nullable(),
      province: z.string().nullable(),
      city: z.string().nullable(),
      district: z.string().nullable(),
      /** The newest raw text of an address point, read for an unmasked plan only. */
      text: z.string().nullable(),
      firstSeenAt: instant,
      lastSeenAt: instant,
      borrowerCount: z.number(),
      /** The source of every observation, repeats included. */
      observationSources: z.array(z.string()),
      /** Newest first, at most 20; null where the own-points rule cannot hold (not read). */
      observations: list(z.object({ sourceKey: z.string(), sourceRecordId: z.string(), observedAt: instant })),
    }),
  ),
  attempts: list(
    z.object({
      contactPointId: z.string(),
      contactedPersonId: z.string().nullable(),
      outcome: z.enum(ATTEMPT_OUTCOMES),
      attemptedAt: instant,
      callbackRequestedAt: instant.nullable(),
    }),
  ),
  leads: list(z.object({ informantPersonId: z.string().nullable(), contactPointIds: z.array(z.string()), createdAt: instant, note: z.string().nullable() })),
  repair: z
    .object({
      id: z.string(),
      status: z.string(),
      startedAt: instant,
      finishedAt: instant.nullable(),
      candidateContactPointIds: z.array(z.string()),
      sources: z.array(z.string()),
    })
    .nullable(),
  sources: list(z.object({ key: z.string(), trust: z.number(), kind: z.enum(['internal', 'external']) })),
  /** Open stale-contact flags of the borrower (read beside the function, see ContactPlanRepository). */
  staleFlags: list(z.object({ id: z.string(), contactPointId: z.string().nullable(), type: z.string(), suggestedReplacementId: z.string().nullable() })).optional(),
});
export type PlanFacts = z.input<typeof planFactsSchema>;

type SourceKind = 'internal' | 'external';

/** PlanData from the read's facts, deciding with the rules: consent in force, link precedence, own points. */
export function planDataFromFacts(borrowerRef: string, raw: unknown): PlanData {
  const facts = planFactsSchema.parse(raw);
  const { borrowerId } = facts;
  const sources = new Map<string, { key: string; trust: number; kind: SourceKind }>();
  for (const source of facts.sources) sources.set(source.key, source);

  const relationsByPerson = new Map<string, string[]>();
  for (const link of facts.links) {
    const relations = relationsByPerson.get(link.personId);
    if (relations) relations.push(link.relation);
    else relationsByPerson.set(link.personId, [link.relation]);
  }
  let selfPersonId: string | undefined;
  const linked: { personId: string; relation: LinkRelation }[] = [];
  for (const [personId, relations] of relationsByPerson) {
    const relation = strongestRelation(relations) as LinkRelation;
    if (relation === 'self') selfPersonId = personId;
    else linked.push({ personId, relation });
  }
  const selfPersons = new Set([...relationsByPerson].filter(([, relations]) => strongestRelation(relations) === 'self').map(([personId]) => personId));
  const borrowerNode = selfPersonId ?? `borrower:${borrowerId}`;
  const relations: PlanData['relations'] = linked.map(({ personId, relation }) => ({ fromPersonId: borrowerNode, toPersonId: personId, relation }));
  // The borrower's own declared contacts are first-hop links already.
  for (const row of facts.declared) if (!selfPersons.has(row.via)) relations.push({ fromPersonId: row.via, toPersonId: row.personId, relation: row.relation as LinkRelation });

  const attempts = facts.attempts.map((attempt) => ({
    contactPointId: attempt.contactPointId,
    contactedPersonId: attempt.contactedPersonId ?? undefined,
    outcome: attempt.outcome,
    attemptedAt: new Date(attempt.attemptedAt),
    callbackRequestedAt: attempt.callbackRequestedAt === null ? undefined : new Date(attempt.callbackRequestedAt),
  }));
  const own = new Set(ownContactPointIds(selfPersonId, facts.personPoints, attempts));

  return {
    borrowerId,
    borrowerRef,
    selfPersonId,
    consent: consentInForce(facts.consents),
    persons: facts.persons.filter((row) => !selfPersons.has(row.id)).map((row) => person(borrowerId, sources, row)),
    relations,
    personPoints: facts.personPoints,
    points: facts.points.map((point) => ({
      id: point.id,
      kind: point.kind,
      e164: point.e164 ?? undefined,
      extension: point.extension ?? undefined,
      subtype: point.subtype ?? undefined,
      address: point.kind === 'address' ? { province: point.province ?? undefined, city: point.city ?? undefined, district: point.district ?? undefined, text: point.text ?? undefined } : undefined,
      firstSeenAt: new Date(point.firstSeenAt),
      lastSeenAt: new Date(point.lastSeenAt),
      borrowerCount: point.borrowerCount,
      // A point the platform called but no record names: the lender's own knowledge.
      sources: distinctSources(sources, point.observationSources),
      observations: own.has(point.id) ? point.observations.map((row) => ({ sourceKey: row.sourceKey, sourceRecordId: row.sourceRecordId, observedAt: new Date(row.observedAt) })) : [],
    })),
    attempts,
    leads: facts.leads.map((lead) => ({ informantPersonId: lead.informantPersonId ?? undefined, contactPointIds: lead.contactPointIds, createdAt: new Date(lead.createdAt), note: lead.note ?? undefined })),
    repair: facts.repair
      ? {
          id: facts.repair.id,
          status: facts.repair.status,
          startedAt: new Date(facts.repair.startedAt),
          finishedAt: facts.repair.finishedAt === null ? null : new Date(facts.repair.finishedAt),
          candidateContactPointIds: facts.repair.candidateContactPointIds,
          sources: facts.repair.sources,
        }
      : undefined,
    staleFlags: (facts.staleFlags ?? []).flatMap((flag) => (flag.contactPointId ? [{ ...flag, contactPointId: flag.contactPointId }] : [])),
  };
}

function person(borrowerId: string, sources: Map<string, { kind: SourceKind }>, row: z.output<typeof planFactsSchema>['persons'][number]): PlanPerson {
  const labels = new Set<string>();
  const otherBorrowers = new Set<string>();
  for (const link of row.links) {
    if (link.borrowerId === borrowerId) for (const label of link.labels) labels.add(label);
    else otherBorrowers.add(link.borrowerId);
  }
  let internalRecords = 0;
  let externalRecords = 0;
  const keys = new Set<string>();
  // Record versions whose source is gone count for nothing, as an inner join would have it.
  for (const key of row.recordSources) {
    const source = sources.get(key);
    if (!source) continue;
    if (source.kind === 'internal') internalRecords += 1;
    else externalRecords += 1;
    keys.add(key);
  }
  return {
    id: row.id,
    kind: row.kind,
    name: row.name ?? undefined,
    relationLabels: [...labels],
    doNotContact: row.doNotContact === true,
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
