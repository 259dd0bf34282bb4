import type { CanonicalRelation } from '../matching/person/relation.js';
import type { ContactPointKind, GraphInput, PersonKind } from './borrower-graph.js';
import type { DistanceWeights } from './relation-distance.js';

/**
 * The borrower graph as plain adjacency lists, for ranking on every plan request: the same nodes,
 * edges and checks as buildBorrowerGraph (graphology), without the cost of a general graph library.
 */
export interface NeighbourhoodIndex {
  borrower: IndexedPerson;
  persons: Map<string, IndexedPerson>;
}

export interface IndexedPerson {
  id: string;
  kind: PersonKind;
  /** Relation edges at this person, whichever side declared them. */
  relations: IndexedRelation[];
  points: IndexedPoint[];
  otherBorrowers: Set<string> | undefined;
}

export interface IndexedRelation {
  fromPersonId: string;
  toPersonId: string;
  relation: CanonicalRelation;
  weight: number;
  from: IndexedPerson;
  to: IndexedPerson;
}

export interface IndexedPoint {
  id: string;
  kind: ContactPointKind;
  persons: IndexedPerson[];
}

function requirePerson(persons: Map<string, IndexedPerson>, personId: string, usedBy: string): IndexedPerson {
  const person = persons.get(personId);
  if (!person) throw new Error(`${usedBy} refers to person '${personId}', which is not in persons`);
  return person;
}

/** Throws on the same inputs as buildBorrowerGraph, with the same messages. */
export function indexNeighbourhood(input: GraphInput, weights: DistanceWeights): NeighbourhoodIndex {
  const persons = new Map<string, IndexedPerson>();
  for (const { id, kind } of input.persons) {
    const existing = persons.get(id);
    if (existing) {
      if (existing.kind !== kind) throw new Error(`Person '${id}' is listed both as ${existing.kind} and as ${kind}`);
      continue;
    }
    persons.set(id, { id, kind, relations: [], points: [], otherBorrowers: undefined });
  }
  const borrower = requirePerson(persons, input.borrowerPersonId, 'borrowerPersonId');

  // Declared twice (two records) is one edge: by from, then to, the relations already added.
  const declared = new Map<IndexedPerson, Map<IndexedPerson, Set<CanonicalRelation>>>();
  for (const { fromPersonId, toPersonId, relation } of input.relations) {
    const from = requirePerson(persons, fromPersonId, `Relation ${fromPersonId} -> ${toPersonId}`);
    const to = requirePerson(persons, toPersonId, `Relation ${fromPersonId} -> ${toPersonId}`);
    if (!Object.hasOwn(weights.relations, relation)) {
      throw new Error(`Relation ${fromPersonId} -> ${toPersonId} has unknown relation '${String(relation)}'`);
    }
    // A person named as their own contact says nothing about distance.
    if (from === to) continue;
    let targets = declared.get(from);
    if (!targets) declared.set(from, (targets = new Map()));
    let added = targets.get(to);
    if (!added) targets.set(to, (added = new Set()));
    if (added.has(relation)) continue;
    added.add(relation);
    const edge: IndexedRelation = { fromPersonId, toPersonId, relation, weight: weights.relations[relation], from, to };
    from.relations.push(edge);
    to.relations.push(edge);
  }

  const points = new Map<string, IndexedPoint>();
  for (const { personId, contactPointId, kind } of input.contactPoints) {
    const person = requirePerson(persons, personId, `Contact point '${contactPointId}'`);
    let point = points.get(contactPointId);
    if (point) {
      if (point.kind !== kind) throw new Error(`Contact point '${contactPointId}' is listed both as ${point.kind} and as ${kind}`);
    } else {
      point = { id: contactPointId, kind, persons: [] };
      points.set(contactPointId, point);
    }
    if (person.points.includes(point)) continue;
    person.points.push(point);
    point.persons.push(person);
  }

  for (const { personId, borrowerId } of input.otherBorrowerLinks ?? []) {
    const person = requirePerson(persons, personId, `Other borrower link to '${borrowerId}'`);
    (person.otherBorrowers ??= new Set()).add(borrowerId);
  }
  return { borrower, persons };
}
