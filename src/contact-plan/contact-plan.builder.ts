import { groupBy } from '../common/objects.js';
import { rankThirdParties, type GraphInput, type RankedThirdParty } from '../graph/borrower-graph.js';
import type { DistanceWeights } from '../graph/relation-distance.js';
import { relationGroup, type CanonicalRelation } from '../matching/person/relation.js';
import { maskAddress, maskName, maskPhone, maskPhoneOrWhole } from '../privacy/masking.js';
import { type AttemptRecord, type ContactRules, nextAllowedForBorrower, nextAllowedForThirdParty } from './contact-rules.js';
import { contactability } from './contactability.js';
import { mayUseContactPoint, mayUsePerson } from '../consent/consent-in-force.js';
import { assessContactStatus, usableOwnPhones } from './borrower-contact-status.js';
import { phoneValidity } from './lost-contact-status.js';
import { withStaleFlags } from './stale-flag-ranking.js';
import { ownContactPointIds } from './own-contact-points.js';
import type { ContactPlan, PlanAddress, PlanConflict, PlanExclusion, PlanPhone, PlanThirdParty } from './contact-plan.types.js';
import type { PlanAttempt, PlanContactPoint, PlanData, PlanPerson } from './plan-data.js';

export interface PlanOptions {
  now: Date;
  rules: ContactRules;
  distanceWeights: DistanceWeights;
  unmasked: boolean;
}

const GUIDANCE: Record<ContactPlan['status'], string[]> = {
  reachable: ['Call the borrower on the best working number within the allowed hours.'],
  subjective_lost: [
    'The numbers work but the borrower does not answer: try other channels (SMS, letter, a visit to a confirmed address).',
    'Ask third parties where the borrower can be reached, far to near, without mentioning the debt.',
  ],
  objective_lost: [
    'Every known number is dead: a repair run searches the sources the borrower consented to for new ones.',
    'Ask third parties where the borrower can be reached, far to near, without mentioning the debt.',
  ],
  unknown: ['Call the untried numbers first; the status becomes clear from their outcomes.'],
};

/**
 * Builds the contact plan from loaded data: pure, so every rule (consent, masking, ordering,
 * contact limits) is tested without a database.
 */
export function buildContactPlan(data: PlanData, options: PlanOptions): ContactPlan {
  const { now, rules, unmasked } = options;
  const { consent } = data;
  const points = new Map(data.points.filter((point) => mayUseContactPoint(consent, point.sources)).map((point) => [point.id, point]));
  const persons = new Map(data.persons.filter((person) => mayUsePerson(consent, person)).map((person) => [person.id, person]));
  const attemptsByPoint = groupBy(data.attempts, (attempt) => attempt.contactPointId);
  const visiblePointsByPerson = new Map<string, PlanContactPoint[]>();
  for (const link of data.personPoints) {
    const point = points.get(link.contactPointId);
    if (!point) continue;
    const list = visiblePointsByPerson.get(link.personId);
    if (list) list.push(point);
    else visiblePointsByPerson.set(link.personId, [point]);
  }
  const pointsOf = (personId: string) => visiblePointsByPerson.get(personId) ?? [];

  // The borrower's own numbers: on the borrower's records, or called for the borrower without naming a third party.
  const thirdPartyPoints = new Set(data.personPoints.filter((link) => link.personId !== data.selfPersonId).map((link) => link.contactPointId));
  const ownPoints = new Map<string, PlanContactPoint>();
  for (const id of ownContactPointIds(data.selfPersonId, data.personPoints, data.attempts)) {
    const point = points.get(id);
    if (point) ownPoints.set(id, point);
  }
  const ownPhones = usableOwnPhones(data, points);
  // Calls made count against the daily limit even on a number the plan no longer shows (external consent withdrawn since).
  const allPoints = new Map(data.points.map((point) => [point.id, point]));
  const selfPoints = new Set(data.personPoints.filter((link) => link.personId === data.selfPersonId).map((link) => link.contactPointId));
  const ownAttempts = data.attempts.filter((attempt) => {
    const point = allPoints.get(attempt.contactPointId);
    return !attempt.contactedPersonId && point?.kind === 'phone' && point.subtype !== 'organisation' && (selfPoints.has(point.id) || !thirdPartyPoints.has(point.id));
  });
  const borrowerAllowance = nextAllowedForBorrower(now, ownAttempts, rules);
  const staleFlags = data.staleFlags ?? [];
  const phones = withStaleFlags(
    ownPhones.map((point) => describePhone(point, attemptsByPoint.get(point.id) ?? [], now, unmasked, consent.externalSources, borrowerAllowance)).sort(byScore),
    staleFlags,
  );
  const addresses = withStaleFlags(
    [...ownPoints.values()].filter((point) => point.kind === 'address').map((point) => describeAddress(point, now, unmasked, consent.externalSources)).sort(byScore),
    staleFlags,
  );
  const assessment = assessContactStatus(data, now, points);

  const ranked = rankThirdParties(graphInput(data, persons, points), options.distanceWeights);
  const relationTo = relationsFromBorrower(data);
  const askedByPerson = groupBy(
    data.attempts.filter((attempt) => attempt.contactedPersonId !== undefined),
    (attempt) => attempt.contactedPersonId!,
  );
  let internalKeys: Set<string> | undefined;
  let neverAsked: ReturnType<typeof nextAllowedForThirdParty> | undefined;
  const thirdParties: PlanThirdParty[] = [];
  const excluded: PlanExclusion[] = [];
  for (const entry of ranked) {
    const person = persons.get(entry.personId);
    if (!person) continue;
    const name = unmasked ? person.name : maskName(person.name);
    // Beyond one hop the relation to the borrower is not declared; the explanation gives the chain.
    const relation = relationTo.get(person.id) ?? 'other';
    const exclude = (reason: PlanExclusion['reason']) => excluded.push({ personId: person.id, name, relation, reason });
    if (!consent.thirdPartyContact) {
      exclude('no_consent');
      continue;
    }
    if (person.doNotContact) {
      exclude('do_not_contact');
      continue;
    }
    const personPhones = pointsOf(person.id)
      .filter((point) => point.kind === 'phone' && (person.kind === 'organisation' || point.subtype !== 'organisation'))
      .map((point) => describePhone(point, attemptsByPoint.get(point.id) ?? [], now, unmasked, consent.externalSources))
      .filter((phone) => phone.validity !== 'invalid')
      .sort(byScore);
    if (personPhones.length === 0) {
      exclude('invalid_numbers');
      continue;
    }
    const asked = askedByPerson.get(person.id);
    // Most third parties were never asked: one answer for all of them.
    const allowance = asked ? nextAllowedForThirdParty(now, asked, rules) : (neverAsked ??= nextAllowedForThirdParty(now, [], rules));
    if (allowance.nextAllowedAt === null) {
      exclude('contact_limit');
      continue;
    }
    thirdParties.push({
      personId: person.id,
      name,
      kind: person.kind,
      relation: relation as CanonicalRelation,
      distance: entry.distance,
      hops: entry.hops,
      distanceExplanation: entry.explanation,
      phones: personPhones.map(({ id, masked, e164, extension, validity, score }) => ({ id, masked, e164, extension, validity, score })),
      sources: consent.externalSources ? person.sourceKeys : person.sourceKeys.filter((key) => (internalKeys ??= internalSourceKeys(data)).has(key)),
      sharedWithBorrowers: entry.sharedWithBorrowers,
      purpose: 'location_inquiry',
      nextAllowedAt: allowance.nextAllowedAt,
      blockedBy: allowance.blockedBy,
    });
  }

  const repair = data.repair
    ? { status: data.repair.status, startedAt: data.repair.startedAt, finishedAt: data.repair.finishedAt, candidates: data.repair.candidateContactPointIds.filter((id) => points.has(id)).length, sources: data.repair.sources }
    : null;
  return {
    borrowerRef: data.borrowerRef,
    generatedAt: now,
    masked: !unmasked,
    status: assessment.status,
    statusReason: assessment.reason,
    guidance: GUIDANCE[assessment.status],
    consent: { externalSources: consent.externalSources, thirdPartyContact: consent.thirdPartyContact },
    borrowerContacts: { phones, addresses },
    thirdParties,
    excluded,
    conflicts: conflicts(data, ranked, points, relationTo, unmasked),
    repair,
  };
}

function describePhone(
  point: PlanContactPoint,
  attempts: PlanAttempt[],
  now: Date,
  unmasked: boolean,
  externalAllowed: boolean,
  allowance?: ReturnType<typeof nextAllowedForBorrower>,
): PlanPhone {
  const validity = phoneValidity(attempts);
  const evidence = contactability({ validity, lastSeenAt: point.lastSeenAt, sources: visibleSources(point, externalAllowed), borrowerCount: point.borrowerCount }, now);
  const last = attempts.reduce<PlanAttempt | undefined>((latest, attempt) => (!latest || attempt.attemptedAt > latest.attemptedAt ? attempt : latest), undefined);
  return {
    id: point.id,
    masked: maskPhoneOrWhole(point.e164),
    e164: unmasked ? point.e164 : undefined,
    extension: unmasked ? point.extension : undefined,
    type: point.subtype,
    validity,
    score: evidence.score,
    factors: evidence.factors,
    nextAllowedAt: validity === 'invalid' ? null : (allowance?.nextAllowedAt ?? null),
    blockedBy: validity === 'invalid' ? undefined : allowance?.blockedBy,
    lastAttempt: last ? { outcome: last.outcome, attemptedAt: last.attemptedAt } : undefined,
    observations: visibleObservations(point, externalAllowed),
  };
}

function describeAddress(point: PlanContactPoint, now: Date, unmasked: boolean, externalAllowed: boolean): PlanAddress {
  const evidence = contactability({ validity: 'unknown', lastSeenAt: point.lastSeenAt, sources: visibleSources(point, externalAllowed), borrowerCount: point.borrowerCount }, now);
  return {
    id: point.id,
    masked: maskAddress(point.address ?? {}),
    text: unmasked ? point.address?.text : undefined,
    pickupPoint: point.subtype === 'pickup_point',
    score: evidence.score,
    observations: visibleObservations(point, externalAllowed),
  };
}

function visibleSources(point: PlanContactPoint, externalAllowed: boolean) {
  return externalAllowed ? point.sources : point.sources.filter((source) => source.kind === 'internal');
}

function visibleObservations(point: PlanContactPoint, externalAllowed: boolean) {
  const allowed = new Set(visibleSources(point, externalAllowed).map((source) => source.key));
  return point.observations.filter((observation) => allowed.has(observation.sourceKey));
}

function internalSourceKeys(data: PlanData): Set<string> {
  return new Set(data.points.flatMap((point) => point.sources.filter((source) => source.kind === 'internal').map((source) => source.key)));
}

const BORROWER_NODE = (data: PlanData) => data.selfPersonId ?? `borrower:${data.borrowerId}`;

function graphInput(data: PlanData, persons: Map<string, PlanPerson>, points: Map<string, PlanContactPoint>): GraphInput {
  const borrower = BORROWER_NODE(data);
  const included = new Set([borrower, ...persons.keys()]);
  // Switchboards and parcel lockers are shared by strangers: they say nothing about relations.
  const relational = (point: PlanContactPoint) => point.subtype !== 'organisation' && point.subtype !== 'pickup_point';
  return {
    borrowerPersonId: borrower,
    persons: [{ id: borrower, kind: 'individual' as const }, ...[...persons.values()].filter((person) => person.id !== borrower).map((person) => ({ id: person.id, kind: person.kind }))],
    relations: data.relations
      .filter((relation) => relation.relation !== 'self' && included.has(relation.fromPersonId) && included.has(relation.toPersonId) && relation.fromPersonId !== relation.toPersonId)
      .map((relation) => ({ ...relation, relation: relation.relation as CanonicalRelation })),
    contactPoints: data.personPoints
      .filter((link) => included.has(link.personId) && points.has(link.contactPointId) && relational(points.get(link.contactPointId)!))
      .map((link) => ({ personId: link.personId, contactPointId: link.contactPointId, kind: points.get(link.contactPointId)!.kind })),
    otherBorrowerLinks: [...persons.values()].flatMap((person) => person.otherBorrowers.map((borrowerId) => ({ personId: person.id, borrowerId }))),
  };
}

function relationsFromBorrower(data: PlanData): Map<string, string> {
  const borrower = BORROWER_NODE(data);
  return new Map(data.relations.filter((relation) => relation.fromPersonId === borrower).map((relation) => [relation.toPersonId, relation.relation]));
}

/** A near relative's lead that shares nothing with what farther contacts said is flagged for checking. */
function conflicts(data: PlanData, ranked: RankedThirdParty[], points: Map<string, PlanContactPoint>, relationTo: Map<string, string>, unmasked: boolean): PlanConflict[] {
  const rankedById = new Map(ranked.map((entry) => [entry.personId, entry]));
  const informants = groupBy(
    data.leads.filter((lead) => lead.informantPersonId && rankedById.has(lead.informantPersonId)),
    (lead) => lead.informantPersonId!,
  );
  const near: string[] = [];
  const far: string[] = [];
  for (const informant of informants.keys()) {
    const relation = relationTo.get(informant);
    const group = relation && relation !== 'self' ? relationGroup(relation as CanonicalRelation) : 'unknown';
    (group === 'immediate_family' ? near : far).push(informant);
  }
  const told = (informant: string) => new Set(informants.get(informant)!.flatMap((lead) => lead.contactPointIds).filter((id) => points.has(id)));
  const farPoints = new Set(far.flatMap((informant) => [...told(informant)]));
  const show = (id: string) => {
    const point = points.get(id)!;
    if (point.kind === 'phone') return (unmasked ? point.e164 : maskPhone(point.e164)) ?? '****';
    return unmasked && point.address?.text ? point.address.text : maskAddress(point.address ?? {});
  };
  return near.flatMap((informant) => {
    const nearPoints = told(informant);
    if (nearPoints.size === 0 || farPoints.size === 0 || [...nearPoints].some((id) => farPoints.has(id))) return [];
    return [
      {
        nearInformant: { personId: informant, relation: relationTo.get(informant) ?? 'other' },
        farInformants: far.map((personId) => ({ personId, relation: relationTo.get(personId) ?? 'other' })),
        near: [...nearPoints].map(show),
        far: [...farPoints].map(show),
        message: 'What a near relative said differs from what more distant contacts said: check it against them before relying on it.',
      },
    ];
  });
}


function byScore(left: { score: number; id: string }, right: { score: number; id: string }): number {
  return right.score - left.score || left.id.localeCompare(right.id);
}

export type { AttemptRecord };
