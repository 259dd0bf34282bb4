import { describe, expect, it } from 'vitest';
import type { CanonicalRelation } from '../matching/person/relation.js';
import type { DistanceStep } from './borrower-graph.js';
import { explainPath, roundDistance } from './distance-explanation.js';

function related(fromPersonId: string, toPersonId: string, relation: CanonicalRelation, weight: number): DistanceStep {
  return { fromPersonId, toPersonId, via: 'relation', relation, weight };
}

function reversed(fromPersonId: string, toPersonId: string, relation: CanonicalRelation, weight: number): DistanceStep {
  return { ...related(fromPersonId, toPersonId, relation, weight), reversed: true };
}

function shared(fromPersonId: string, toPersonId: string, via: 'shared_phone' | 'shared_address', weight = 4): DistanceStep {
  return { fromPersonId, toPersonId, via, contactPointId: 'point', weight };
}

describe('roundDistance', () => {
  it('removes binary noise from sums', () => {
    expect(1.1 + 2.2 + 1).not.toBe(4.3);
    expect(roundDistance(1.1 + 2.2 + 1)).toBe(4.3);
  });

  it('keeps whole numbers and real fractions', () => {
    expect(roundDistance(8)).toBe(8);
    expect(roundDistance(5.5)).toBe(5.5);
  });
});

describe('explainPath', () => {
  it('describes a declared relation of the borrower', () => {
    expect(explainPath([related('b', 'c', 'colleague', 5)], 2)).toBe('colleague of the borrower (5)');
  });

  it('spells out property office and other contact', () => {
    expect(explainPath([related('b', 'p', 'property_office', 9)], 2)).toBe('property office of the borrower (9)');
    expect(explainPath([related('b', 'o', 'other', 6)], 2)).toBe('other contact of the borrower (6)');
  });

  it('describes a relation declared from the other side', () => {
    expect(explainPath([reversed('b', 'm', 'child', 1.2)], 2)).toBe('names the borrower as child (1.2)');
  });

  it('describes shared phones and addresses', () => {
    expect(explainPath([shared('b', 'x', 'shared_phone')], 2)).toBe('shares a phone with the borrower (4)');
    expect(explainPath([shared('b', 'x', 'shared_address')], 2)).toBe('shares an address with the borrower (4)');
  });

  it('adds the hop for a person reached through another', () => {
    const path = [related('b', 's', 'spouse', 1), related('s', 'f', 'friend', 5)];
    expect(explainPath(path, 2)).toBe('friend (5) of the spouse (1) + 2 for the extra hop = 8');
  });

  it('uses the given hop weight and rounds the total', () => {
    const path = [related('b', 'k', 'child', 1.2), related('k', 'f', 'classmate', 5.5)];
    expect(explainPath(path, 2.1)).toBe('classmate (5.5) of the child (1.2) + 2.1 for the extra hop = 8.8');
  });

  it('describes a second hop declared from the other side', () => {
    const path = [related('b', 's', 'spouse', 1), reversed('s', 'f', 'friend', 5)];
    expect(explainPath(path, 2)).toBe('names the spouse (1) as friend (5) + 2 for the extra hop = 8');
  });

  it('describes a shared contact point on either hop', () => {
    expect(explainPath([related('b', 'c', 'colleague', 5), shared('c', 'x', 'shared_address')], 2)).toBe(
      'shares an address (4) with the colleague (5) + 2 for the extra hop = 11',
    );
    expect(explainPath([shared('b', 'x', 'shared_phone'), related('x', 'y', 'sibling', 1.5)], 2)).toBe(
      'sibling (1.5) of the person sharing a phone with the borrower (4) + 2 for the extra hop = 7.5',
    );
    expect(explainPath([reversed('b', 'x', 'parent', 1), related('x', 'y', 'friend', 5)], 2)).toBe(
      'friend (5) of the person naming the borrower as parent (1) + 2 for the extra hop = 8',
    );
  });

  it('nests the description for longer paths, counting the hop once per extra person', () => {
    const path = [related('b', 's', 'spouse', 1), related('s', 'x', 'sibling', 1.5), related('x', 'y', 'friend', 5)];
    expect(explainPath(path, 2)).toBe('friend (5) of the sibling of the spouse (4.5) + 2 for the extra hop = 11.5');
  });

  it('names the borrower for an empty path', () => {
    expect(explainPath([], 2)).toBe('the borrower');
  });
});
