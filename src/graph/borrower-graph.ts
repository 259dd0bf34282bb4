import { MultiUndirectedGraph } from 'graphology';
import type { CanonicalRelation } from '../matching/person/relation.js';
import { explainPath, roundDistance } from './distance-explanation.js';
import { MinHeap } from './min-heap.js';
import { type IndexedPerson, indexNeighbourhood, type NeighbourhoodIndex } from './neighbourhood-index.js';
import { DEFAULT_DISTANCE_WEIGHTS, type DistanceWeights } from './relation-distance.js';
import { compareText } from '../common/objects.js';
import type { ContactPointKind, PersonKind } from '../matching/entity-kinds.js';

export type { ContactPointKind, PersonKind };

export interface GraphInput {
  borrowerPersonId: string;
  persons: { id: string; kind: PersonKind }[];
  /** Declared relations from records: toPersonId is the `relation` of fromPersonId (the borrower or a contact). */
  relations: { fromPersonId: string; toPersonId: string; relation: CanonicalRelation }[];
  /** Contact points (phone or address ids) each person is linked to. */
  contactPoints: { personId: string; contactPointId: string; kind: ContactPointKind }[];
  /** Other borrowers each person is also linked to: a contact shared across borrowers is a fraud-ring signal. */
  otherBorrowerLinks?: { personId: string; borrowerId: string }[];
}

/** One person-hop of a path, in walking order from the borrower outwards. */
export interface DistanceStep {
  fromPersonId: string;
  toPersonId: string;
  via: 'relation' | 'shared_phone' | 'shared_address';
  /** The relation as the record declared it. */
  relation?: CanonicalRelation;
  /** Set when the step walks against the record: the record declared fromPersonId as the relation of toPersonId. */
  reversed?: true;
  /** The phone or address both persons are linked to, on shared_phone and shared_address steps. */
  contactPointId?: string;
  weight: number;
}

export interface RankedThirdParty {
  personId: string;
  distance: number;
  hops: number;
  path: DistanceStep[];
  /** E.g. 'colleague of the borrower (5)'; 'friend (5) of the spouse (1) + 2 for the extra hop = 8'. */
  explanation: string;
  /** Distinct other borrowers this person is linked to. */
  sharedWithBorrowers: number;
}

export interface PersonNode {
  type: 'person';
  personId: string;
  kind: PersonKind;
  otherBorrowerIds: string[];
}

export interface ContactPointNode {
  type: 'contact_point';
  contactPointId: string;
  kind: ContactPointKind;
}

export type BorrowerGraphNode = PersonNode | ContactPointNode;

export interface RelationEdge {
  type: 'relation';
  fromPersonId: string;
  toPersonId: string;
  relation: CanonicalRelation;
  weight: number;
}

export interface ContactPointEdge {
  type: 'contact_point';
  personId: string;
  contactPointId: string;
  kind: ContactPointKind;
}

export type BorrowerGraphEdge = RelationEdge | ContactPointEdge;

export interface BorrowerGraphAttributes {
  borrowerPersonId: string;
  hop: number;
  sharedContactPoint: number;
}

/**
 * Undirected: a tie lets information flow both ways, so a relation declared by either side links the two
 * persons; RelationEdge keeps the declared direction for the explanation. Multi: two records may declare
 * different relations for one pair (friend one way, colleague the other) and the cheaper one must win.
 */
export type BorrowerGraph = MultiUndirectedGraph<BorrowerGraphNode, BorrowerGraphEdge, BorrowerGraphAttributes>;

/** Third parties are ranked up to this many person-hops from the borrower. */
export const MAX_PERSON_HOPS = 2;

// Distinct prefixes keep a person and a contact point with the same id apart.
export function personNodeKey(personId: string): string {
  return `person:${personId}`;
}

export function contactPointNodeKey(contactPointId: string): string {
  return `contact_point:${contactPointId}`;
}

function requirePerson(graph: BorrowerGraph, personId: string, usedBy: string): string {
  const key = personNodeKey(personId);
  if (!graph.hasNode(key)) throw new Error(`${usedBy} refers to person '${personId}', which is not in persons`);
  return key;
}

function addPersons(graph: BorrowerGraph, input: GraphInput): void {
  for (const person of input.persons) {
    const key = personNodeKey(person.id);
    if (graph.hasNode(key)) {
      const existing = graph.getNodeAttributes(key);
      if (existing.kind !== person.kind) {
        throw new Error(`Person '${person.id}' is listed both as ${existing.kind} and as ${person.kind}`);
      }
      continue;
    }
    graph.addNode(key, { type: 'person', personId: person.id, kind: person.kind, otherBorrowerIds: [] });
  }
  requirePerson(graph, input.borrowerPersonId, 'borrowerPersonId');
}

function addRelations(graph: BorrowerGraph, input: GraphInput, weights: DistanceWeights): void {
  for (const { fromPersonId, toPersonId, relation } of input.relations) {
    const fromKey = requirePerson(graph, fromPersonId, `Relation ${fromPersonId} -> ${toPersonId}`);
    const toKey = requirePerson(graph, toPersonId, `Relation ${fromPersonId} -> ${toPersonId}`);
    if (!Object.hasOwn(weights.relations, relation)) {
      throw new Error(`Relation ${fromPersonId} -> ${toPersonId} has unknown relation '${String(relation)}'`);
    }
    // A person named as their own contact says nothing about distance.
    if (fromKey === toKey) continue;
    // JSON keys cannot collide the way joined ids could ('a:b' + 'c' against 'a' + 'b:c').
    const edgeKey = JSON.stringify(['relation', fromPersonId, toPersonId, relation]);
    if (graph.hasEdge(edgeKey)) continue;
    const weight = weights.relations[relation];
    graph.addEdgeWithKey(edgeKey, fromKey, toKey, { type: 'relation', fromPersonId, toPersonId, relation, weight });
  }
}

function addContactPoints(graph: BorrowerGraph, input: GraphInput): void {
  for (const { personId, contactPointId, kind } of input.contactPoints) {
    const personKey = requirePerson(graph, personId, `Contact point '${contactPointId}'`);
    const pointKey = contactPointNodeKey(contactPointId);
    if (graph.hasNode(pointKey)) {
      const existing = graph.getNodeAttributes(pointKey);
      if (existing.kind !== kind) {
        throw new Error(`Contact point '${contactPointId}' is listed both as ${existing.kind} and as ${kind}`);
      }
    } else {
      graph.addNode(pointKey, { type: 'contact_point', contactPointId, kind });
    }
    const edgeKey = JSON.stringify(['contact_point', personId, contactPointId]);
    if (!graph.hasEdge(edgeKey)) {
      graph.addEdgeWithKey(edgeKey, personKey, pointKey, { type: 'contact_point', personId, contactPointId, kind });
    }
  }
}

function addOtherBorrowerLinks(graph: BorrowerGraph, input: GraphInput): void {
  const borrowersByPerson = new Map<string, Set<string>>();
  for (const { personId, borrowerId } of input.otherBorrowerLinks ?? []) {
    const key = requirePerson(graph, personId, `Other borrower link to '${borrowerId}'`);
    const borrowers = borrowersByPerson.get(key) ?? new Set<string>();
    borrowers.add(borrowerId);
    borrowersByPerson.set(key, borrowers);
  }
  for (const [key, borrowers] of borrowersByPerson) {
    graph.mergeNodeAttributes(key, { otherBorrowerIds: [...borrowers] });
  }
}

/**
 * One borrower's neighbourhood: person and contact point nodes, relation edges weighted by `weights`, and
 * person–contact point edges. Persons sharing a contact point get no edge of their own: the contact point node
 * already joins them, so a number shared by fifty people costs fifty edges rather than 1,225 pairs.
 * Throws when a relation, contact point or link names a person missing from `persons`.
 */
export function buildBorrowerGraph(input: GraphInput, weights: DistanceWeights = DEFAULT_DISTANCE_WEIGHTS): BorrowerGraph {
  const graph: BorrowerGraph = new MultiUndirectedGraph({ allowSelfLoops: false });
  graph.replaceAttributes({
    borrowerPersonId: input.borrowerPersonId,
    hop: weights.hop,
    sharedContactPoint: weights.sharedContactPoint,
  });
  addPersons(graph, input);
  addRelations(graph, input, weights);
  addContactPoints(graph, input);
  addOtherBorrowerLinks(graph, input);
  return graph;
}

/** A person reached at a given number of hops: Dijkstra runs over (person, hops) so the hop limit stays exact. */
interface SearchState {
  person: IndexedPerson;
  hops: number;
  distance: number;
  previous: SearchState | undefined;
  step: DistanceStep | undefined;
  settled: boolean;
}

interface QueueEntry {
  distance: number;
  state: SearchState;
}

// Sums of a few weights; anything closer than this is the same distance written twice.
const EPSILON = 1e-9;

const VIA_PREFERENCE: Readonly<Record<DistanceStep['via'], number>> = {
  // A declared relation is first-hand; a shared phone identifies a person better than a shared address.
  relation: 0,
  shared_phone: 1,
  shared_address: 2,
};

/** Which of two equally short ways to reach a state to keep, so equal inputs always give equal paths. */
function comparePaths(step: DistanceStep, previous: SearchState, other: SearchState): number {
  const otherStep = other.step as DistanceStep;
  const otherPrevious = other.previous as SearchState;
  return (
    VIA_PREFERENCE[step.via] - VIA_PREFERENCE[otherStep.via] ||
    compareText(previous.person.id, otherPrevious.person.id) ||
    compareText(step.relation ?? '', otherStep.relation ?? '') ||
    Number(step.reversed === true) - Number(otherStep.reversed === true) ||
    compareText(step.contactPointId ?? '', otherStep.contactPointId ?? '')
  );
}

/** Calls visit for every person one hop from `person`: declared relations, then persons sharing a contact point. */
function forEachLink(person: IndexedPerson, sharedWeight: number, visit: (target: IndexedPerson, step: DistanceStep) => void): void {
  const personId = person.id;
  for (const edge of person.relations) {
    const forward = edge.fromPersonId === personId;
    visit(forward ? edge.to : edge.from, {
      fromPersonId: personId,
      toPersonId: forward ? edge.toPersonId : edge.fromPersonId,
      via: 'relation',
      relation: edge.relation,
      ...(forward ? {} : { reversed: true as const }),
      weight: edge.weight,
    });
  }
  for (const point of person.points) {
    const via = point.kind === 'phone' ? 'shared_phone' : 'shared_address';
    for (const sharing of point.persons) {
      if (sharing === person) continue;
      visit(sharing, { fromPersonId: personId, toPersonId: sharing.id, via, contactPointId: point.id, weight: sharedWeight });
    }
  }
}

/** Shortest distance per person within MAX_PERSON_HOPS; on equal distance the path with fewer hops wins. */
function shortestPaths(index: NeighbourhoodIndex): SearchState[] {
  const { borrower, hop, sharedContactPoint } = index;
  const layers = Array.from({ length: MAX_PERSON_HOPS + 1 }, () => new Map<IndexedPerson, SearchState>());
  const start: SearchState = { person: borrower, hops: 0, distance: 0, previous: undefined, step: undefined, settled: false };
  const queue = new MinHeap<QueueEntry>((left, right) => left.distance - right.distance || left.state.hops - right.state.hops);
  queue.push({ distance: 0, state: start });

  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
    const state = entry.state;
    // Stale entries stay in the queue after a state improves; skipping them is cheaper than a decrease-key.
    if (state.settled || entry.distance !== state.distance) continue;
    state.settled = true;
    if (state.hops === MAX_PERSON_HOPS) continue;
    const layer = layers[state.hops + 1] as Map<IndexedPerson, SearchState>;
    const extra = state.hops > 0 ? hop : 0;
    forEachLink(state.person, sharedContactPoint, (target, step) => {
      if (target === borrower) return;
      const distance = state.distance + step.weight + extra;
      const current = layer.get(target);
      if (current === undefined) {
        const reached: SearchState = { person: target, hops: state.hops + 1, distance, previous: state, step, settled: false };
        layer.set(target, reached);
        queue.push({ distance, state: reached });
      } else if (current.settled) {
        return;
      } else if (distance < current.distance - EPSILON) {
        Object.assign(current, { distance, previous: state, step });
        queue.push({ distance, state: current });
      } else if (distance <= current.distance + EPSILON && comparePaths(step, state, current) < 0) {
        // Positive weights mean every equal candidate is seen before the state settles, so this is final.
        Object.assign(current, { previous: state, step });
      }
    });
  }

  const best = new Map<IndexedPerson, SearchState>();
  for (const layer of layers.slice(1)) {
    for (const [person, state] of layer) {
      const known = best.get(person);
      if (known === undefined || state.distance < known.distance - EPSILON) best.set(person, state);
    }
  }
  return [...best.values()];
}

function pathTo(state: SearchState): DistanceStep[] {
  const steps: DistanceStep[] = [];
  for (let current: SearchState | undefined = state; current?.step !== undefined; current = current.previous) {
    steps.push(current.step);
  }
  return steps.reverse();
}

/**
 * Third parties to ask about the borrower, FAR TO NEAR: distant acquaintances answer first-hand and are less
 * protective, so they come first and the spouse and parents last. Every person within MAX_PERSON_HOPS is
 * ranked by Dijkstra over declared relations and shared contact points; farther or unconnected persons are
 * left out. Ties: larger distance first, then personId ascending (code-unit order, independent of locale).
 */
export function rankThirdParties(input: GraphInput, weights: DistanceWeights = DEFAULT_DISTANCE_WEIGHTS): RankedThirdParty[] {
  const ranked = shortestPaths(indexNeighbourhood(buildBorrowerGraph(input, weights))).map((state): RankedThirdParty => {
    const path = pathTo(state);
    return {
      personId: state.person.id,
      distance: roundDistance(state.distance),
      hops: state.hops,
      path,
      explanation: explainPath(path, weights.hop),
      sharedWithBorrowers: state.person.otherBorrowers,
    };
  });
  return ranked.sort((left, right) => right.distance - left.distance || compareText(left.personId, right.personId));
}
