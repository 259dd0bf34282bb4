import type { CanonicalRelation } from '../matching/person/relation.js';
import type { BorrowerGraph, ContactPointKind, PersonKind } from './borrower-graph.js';

/**
 * The borrower graph's adjacency as plain object references, read once from the graphology graph:
 * the distance search then walks links without a key lookup per step.
 */
export interface NeighbourhoodIndex {
  borrower: IndexedPerson;
  persons: Map<string, IndexedPerson>;
  /** The graph's weights for an extra hop and for a shared contact point. */
  hop: number;
  sharedContactPoint: number;
}

export interface IndexedPerson {
  id: string;
  kind: PersonKind;
  /** Relation edges at this person, whichever side declared them. */
  relations: IndexedRelation[];
  points: IndexedPoint[];
  otherBorrowers: number;
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

/** Indexes a graph built by buildBorrowerGraph, which has already checked every reference. */
export function indexNeighbourhood(graph: BorrowerGraph): NeighbourhoodIndex {
  const byNode = new Map<string, IndexedPerson>();
  const persons = new Map<string, IndexedPerson>();
  const points = new Map<string, IndexedPoint>();
  graph.forEachNode((key, attributes) => {
    if (attributes.type === 'person') {
      const person: IndexedPerson = { id: attributes.personId, kind: attributes.kind, relations: [], points: [], otherBorrowers: attributes.otherBorrowerIds.length };
      byNode.set(key, person);
      persons.set(attributes.personId, person);
    } else {
      points.set(key, { id: attributes.contactPointId, kind: attributes.kind, persons: [] });
    }
  });
  // Edges in insertion order, so the search visits links in the order the records gave them.
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (attributes.type === 'relation') {
      const from = byNode.get(source)!;
      const to = byNode.get(target)!;
      const edge: IndexedRelation = { fromPersonId: attributes.fromPersonId, toPersonId: attributes.toPersonId, relation: attributes.relation, weight: attributes.weight, from, to };
      from.relations.push(edge);
      to.relations.push(edge);
      return;
    }
    const person = byNode.get(source) ?? byNode.get(target)!;
    const point = points.get(byNode.has(source) ? target : source)!;
    person.points.push(point);
    point.persons.push(person);
  });
  const { borrowerPersonId, hop, sharedContactPoint } = graph.getAttributes();
  return { borrower: persons.get(borrowerPersonId)!, persons, hop, sharedContactPoint };
}
