import type { CanonicalRelation } from '../matching/person/relation.js';
import { type GraphInput, type RankedThirdParty, rankThirdParties } from './borrower-graph.js';
import { DEFAULT_DISTANCE_WEIGHTS, type DistanceWeights } from './relation-distance.js';

// Synthetic neighbourhoods for the graph specs; kept out of the spec files so both can share them.

export const BORROWER = 'borrower';

export type Relation = GraphInput['relations'][number];
export type ContactPoint = GraphInput['contactPoints'][number];

export function declared(fromPersonId: string, toPersonId: string, relation: CanonicalRelation): Relation {
  return { fromPersonId, toPersonId, relation };
}

export function ofBorrower(toPersonId: string, relation: CanonicalRelation): Relation {
  return declared(BORROWER, toPersonId, relation);
}

export function phone(personId: string, contactPointId: string): ContactPoint {
  return { personId, contactPointId, kind: 'phone' };
}

export function address(personId: string, contactPointId: string): ContactPoint {
  return { personId, contactPointId, kind: 'address' };
}

/** A neighbourhood whose persons are every id mentioned; ids in `organisations` are organisations. */
export function neighbourhood(parts: {
  relations?: Relation[];
  contactPoints?: ContactPoint[];
  organisations?: string[];
  isolated?: string[];
  otherBorrowerLinks?: GraphInput['otherBorrowerLinks'];
}): GraphInput {
  const relations = parts.relations ?? [];
  const contactPoints = parts.contactPoints ?? [];
  const organisations = parts.organisations ?? [];
  const ids = new Set([
    BORROWER,
    ...relations.flatMap((relation) => [relation.fromPersonId, relation.toPersonId]),
    ...contactPoints.map((point) => point.personId),
    ...organisations,
    ...(parts.isolated ?? []),
  ]);
  return {
    borrowerPersonId: BORROWER,
    persons: [...ids].map((id) => ({ id, kind: organisations.includes(id) ? 'organisation' : 'individual' })),
    relations,
    contactPoints,
    ...(parts.otherBorrowerLinks === undefined ? {} : { otherBorrowerLinks: parts.otherBorrowerLinks }),
  };
}

export function weightsWith(change: Partial<Omit<DistanceWeights, 'relations'>> & { relations?: Partial<DistanceWeights['relations']> }): DistanceWeights {
  return {
    relations: { ...DEFAULT_DISTANCE_WEIGHTS.relations, ...change.relations },
    hop: change.hop ?? DEFAULT_DISTANCE_WEIGHTS.hop,
    sharedContactPoint: change.sharedContactPoint ?? DEFAULT_DISTANCE_WEIGHTS.sharedContactPoint,
  };
}

export function rankedIds(input: GraphInput, weights?: DistanceWeights): string[] {
  return rankThirdParties(input, weights).map((party) => party.personId);
}

export function rankedPerson(input: GraphInput, personId: string, weights?: DistanceWeights): RankedThirdParty {
  const party = rankThirdParties(input, weights).find((candidate) => candidate.personId === personId);
  if (party === undefined) throw new Error(`${personId} is not ranked`);
  return party;
}
