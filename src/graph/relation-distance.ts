import { CANONICAL_RELATIONS, type CanonicalRelation } from '../matching/person/relation.js';

/**
 * How far each kind of tie puts a third party from the borrower. Collectors ask far to near: a distant
 * acquaintance answers first-hand and is less likely to shield the borrower than a spouse or a parent.
 */
export interface DistanceWeights {
  /** Weight of a declared relation; smaller means nearer to the person it is declared for. */
  relations: Record<CanonicalRelation, number>;
  /** Added for every person-hop after the first: someone known only through another person is farther. */
  hop: number;
  /** Weight of a derived link between two persons sharing a phone or an address contact point. */
  sharedContactPoint: number;
}

// Frozen so that a caller tweaking "its" weights cannot change every later ranking in the process.
export const DEFAULT_DISTANCE_WEIGHTS: DistanceWeights = Object.freeze({
  relations: Object.freeze({
    spouse: 1,
    parent: 1,
    child: 1.2,
    sibling: 1.5,
    relative: 3,
    friend: 5,
    colleague: 5,
    classmate: 5.5,
    neighbour: 6,
    other: 6,
    employer: 8,
    property_office: 9,
  }),
  hop: 2,
  sharedContactPoint: 4,
});

const TOP_LEVEL_KEYS: readonly string[] = ['relations', 'hop', 'sharedContactPoint'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number') return String(value);
  return `${JSON.stringify(value) ?? String(value)} (${value === null ? 'null' : typeof value})`;
}

function checkWeight(name: string, value: unknown, problems: string[]): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    problems.push(`${name} must be a number greater than 0, got ${describeValue(value)}`);
    return Number.NaN;
  }
  return value;
}

/**
 * Reads weights from configuration: the parsed JSON value, or the JSON text itself. Every canonical relation
 * must be present and unknown keys are refused, so a typo ('neighbor') fails at start-up instead of
 * silently ranking with a default. All problems are reported in one error.
 */
export function parseDistanceWeights(json: unknown): DistanceWeights {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (error) {
      throw new Error(`Distance weights are not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isPlainObject(value)) {
    throw new Error(`Distance weights must be an object with relations, hop and sharedContactPoint, got ${describeValue(value)}`);
  }

  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.includes(key)) problems.push(`unknown key '${key}'`);
  }

  const relations = {} as Record<CanonicalRelation, number>;
  const declared = value['relations'];
  if (isPlainObject(declared)) {
    const canonical: readonly string[] = CANONICAL_RELATIONS;
    for (const key of Object.keys(declared)) {
      if (!canonical.includes(key)) {
        problems.push(`unknown relation '${key}' (expected one of ${CANONICAL_RELATIONS.join(', ')})`);
      }
    }
    for (const relation of CANONICAL_RELATIONS) {
      relations[relation] = checkWeight(`relations.${relation}`, declared[relation], problems);
    }
  } else {
    problems.push(`relations must be an object with a weight for each of ${CANONICAL_RELATIONS.join(', ')}, got ${describeValue(declared)}`);
  }
  const hop = checkWeight('hop', value['hop'], problems);
  const sharedContactPoint = checkWeight('sharedContactPoint', value['sharedContactPoint'], problems);

  if (problems.length > 0) {
    throw new Error(`Invalid distance weights: ${problems.join('; ')}`);
  }
  return { relations, hop, sharedContactPoint };
}
