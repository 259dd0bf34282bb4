import { describe, expect, it } from 'vitest';
import { CANONICAL_RELATIONS, type CanonicalRelation, relationGroup } from '../matching/person/relation.js';
import { DEFAULT_DISTANCE_WEIGHTS, parseDistanceWeights } from './relation-distance.js';

function validWeights(): Record<string, unknown> {
  return { relations: { ...DEFAULT_DISTANCE_WEIGHTS.relations }, hop: 2, sharedContactPoint: 4 };
}

function withRelations(change: (relations: Record<string, unknown>) => void): Record<string, unknown> {
  const weights = validWeights();
  change(weights['relations'] as Record<string, unknown>);
  return weights;
}

describe('DEFAULT_DISTANCE_WEIGHTS', () => {
  it('holds the agreed defaults', () => {
    expect(DEFAULT_DISTANCE_WEIGHTS).toStrictEqual({
      relations: {
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
      },
      hop: 2,
      sharedContactPoint: 4,
    });
  });

  it('has a weight for every canonical relation and nothing else', () => {
    expect(Object.keys(DEFAULT_DISTANCE_WEIGHTS.relations).sort()).toStrictEqual([...CANONICAL_RELATIONS].sort());
  });

  it('puts immediate family nearest, then relatives, then social ties, then organisations', () => {
    const weightsOf = (group: string): number[] =>
      CANONICAL_RELATIONS.filter((relation) => relationGroup(relation) === group).map(
        (relation) => DEFAULT_DISTANCE_WEIGHTS.relations[relation],
      );
    const groups = ['immediate_family', 'relative', 'social', 'organisation'];
    for (let index = 1; index < groups.length; index += 1) {
      expect(Math.max(...weightsOf(groups[index - 1] as string))).toBeLessThan(Math.min(...weightsOf(groups[index] as string)));
    }
  });

  it('is frozen so no caller can change the defaults for everyone', () => {
    expect(Object.isFrozen(DEFAULT_DISTANCE_WEIGHTS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DISTANCE_WEIGHTS.relations)).toBe(true);
  });

  it('passes its own validation', () => {
    expect(parseDistanceWeights(DEFAULT_DISTANCE_WEIGHTS)).toStrictEqual(DEFAULT_DISTANCE_WEIGHTS);
  });
});

describe('parseDistanceWeights', () => {
  it('accepts complete weights and returns an independent copy', () => {
    const input = withRelations((relations) => {
      relations['friend'] = 7.5;
    });
    const parsed = parseDistanceWeights(input);
    expect(parsed.relations.friend).toBe(7.5);
    expect(parsed.hop).toBe(2);
    expect(parsed.sharedContactPoint).toBe(4);
    (input['relations'] as Record<string, unknown>)['friend'] = 1;
    expect(parsed.relations.friend).toBe(7.5);
  });

  it('accepts the JSON text as well as the parsed value', () => {
    const parsed = parseDistanceWeights(JSON.stringify({ ...validWeights(), hop: 3 }));
    expect(parsed.hop).toBe(3);
    expect(parsed.relations.property_office).toBe(9);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseDistanceWeights('{relations:')).toThrow(/Distance weights are not valid JSON/);
  });

  it.each([
    ['null', null],
    ['an array', [1, 2]],
    ['a number', 5],
    ['undefined', undefined],
    ['JSON text of an array', '[]'],
  ])('rejects %s in place of an object', (_name, value) => {
    expect(() => parseDistanceWeights(value)).toThrow(/Distance weights must be an object/);
  });

  it('names a missing relation', () => {
    const input = withRelations((relations) => {
      delete relations['neighbour'];
    });
    expect(() => parseDistanceWeights(input)).toThrow('Invalid distance weights: relations.neighbour must be a number greater than 0, got missing');
  });

  it('names an unknown relation such as an American spelling', () => {
    const input = withRelations((relations) => {
      relations['neighbor'] = 6;
    });
    expect(() => parseDistanceWeights(input)).toThrow(/unknown relation 'neighbor' \(expected one of spouse, parent/);
  });

  it.each<[string, unknown]>([
    ['zero', 0],
    ['a negative number', -1],
    ['not a number', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['a numeric string', '5'],
    ['null', null],
  ])('rejects %s as a relation weight', (_name, weight) => {
    const input = withRelations((relations) => {
      relations['friend'] = weight;
    });
    expect(() => parseDistanceWeights(input)).toThrow(/relations\.friend must be a number greater than 0/);
  });

  it.each(['hop', 'sharedContactPoint'])('requires %s to be a positive number', (key) => {
    expect(() => parseDistanceWeights({ ...validWeights(), [key]: undefined })).toThrow(`${key} must be a number greater than 0, got missing`);
    expect(() => parseDistanceWeights({ ...validWeights(), [key]: 0 })).toThrow(`${key} must be a number greater than 0, got 0`);
    expect(() => parseDistanceWeights({ ...validWeights(), [key]: 'two' })).toThrow(`${key} must be a number greater than 0, got "two" (string)`);
  });

  it('requires relations to be an object', () => {
    expect(() => parseDistanceWeights({ ...validWeights(), relations: [] })).toThrow(/relations must be an object with a weight for each of spouse/);
    expect(() => parseDistanceWeights({ hop: 2, sharedContactPoint: 4 })).toThrow(/relations must be an object.*got missing/);
  });

  it('rejects unknown top-level keys', () => {
    expect(() => parseDistanceWeights({ ...validWeights(), hops: 2 })).toThrow("unknown key 'hops'");
  });

  it('reports every problem in one error', () => {
    const input = withRelations((relations) => {
      delete relations['spouse'];
      relations['parent'] = -1;
    });
    input['hop'] = 0;
    let message = '';
    try {
      parseDistanceWeights(input);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('relations.spouse');
    expect(message).toContain('relations.parent');
    expect(message).toContain('hop must be');
    expect(message.split('; ')).toHaveLength(3);
  });

  it('returns a weight for exactly the canonical relations', () => {
    const parsed = parseDistanceWeights(validWeights());
    const relations: CanonicalRelation[] = [...CANONICAL_RELATIONS];
    expect(Object.keys(parsed.relations).sort()).toStrictEqual(relations.sort());
  });
});
