import { describe, expect, it } from 'vitest';
import { CANONICAL_RELATIONS } from '../matching/person/relation.js';
import { type GraphInput, MAX_PERSON_HOPS, rankThirdParties } from './borrower-graph.js';
import {
  address,
  BORROWER,
  type ContactPoint,
  declared,
  neighbourhood,
  ofBorrower,
  phone,
  rankedIds,
  rankedPerson,
  type Relation,
  weightsWith,
} from './graph-input.test-builders.js';

describe('rankThirdParties shortest paths', () => {
  it('prefers a shared phone over a longer declared relation', () => {
    const input = neighbourhood({
      relations: [ofBorrower('boss', 'employer')],
      contactPoints: [phone(BORROWER, 'mobile'), phone('boss', 'mobile')],
    });
    const party = rankedPerson(input, 'boss');
    expect(party.distance).toBe(4);
    expect(party.path).toStrictEqual([{ fromPersonId: BORROWER, toPersonId: 'boss', via: 'shared_phone', contactPointId: 'mobile', weight: 4 }]);
  });

  it('prefers a shorter declared relation over a shared phone', () => {
    const input = neighbourhood({
      relations: [ofBorrower('wife', 'spouse')],
      contactPoints: [phone(BORROWER, 'home-phone'), phone('wife', 'home-phone')],
    });
    expect(rankedPerson(input, 'wife').explanation).toBe('spouse of the borrower (1)');
  });

  it('takes a two-hop path when it is shorter than a declared direct relation', () => {
    const input = neighbourhood({
      relations: [ofBorrower('spouse', 'spouse'), ofBorrower('landlord', 'property_office'), declared('spouse', 'landlord', 'friend')],
    });
    const party = rankedPerson(input, 'landlord');
    expect(party.distance).toBe(8);
    expect(party.hops).toBe(2);
    expect(party.explanation).toBe('friend (5) of the spouse (1) + 2 for the extra hop = 8');
  });

  it('keeps the direct tie when a two-hop path is exactly as short', () => {
    const input = neighbourhood({ relations: [ofBorrower('spouse', 'spouse'), ofBorrower('x', 'other'), declared('spouse', 'x', 'friend')] });
    const party = rankedPerson(input, 'x', weightsWith({ relations: { other: 8 } }));
    expect(party.hops).toBe(1);
    expect(party.explanation).toBe('other contact of the borrower (8)');
  });

  it('keeps the cheapest of several relations declared for one pair, whichever side declared it', () => {
    const input = neighbourhood({ relations: [ofBorrower('a', 'employer'), declared('a', BORROWER, 'friend'), ofBorrower('a', 'other')] });
    const party = rankedPerson(input, 'a');
    expect(party.distance).toBe(5);
    expect(party.path).toStrictEqual([{ fromPersonId: BORROWER, toPersonId: 'a', via: 'relation', relation: 'friend', reversed: true, weight: 5 }]);
    expect(party.explanation).toBe('names the borrower as friend (5)');
  });

  it('walks a relation declared by the contact against its direction', () => {
    const input = neighbourhood({ relations: [declared('mother', BORROWER, 'child'), declared('aunt', 'mother', 'sibling')] });
    expect(rankedPerson(input, 'mother').explanation).toBe('names the borrower as child (1.2)');
    const aunt = rankedPerson(input, 'aunt');
    expect(aunt.path.map((step) => [step.fromPersonId, step.toPersonId, step.relation, step.reversed])).toStrictEqual([
      [BORROWER, 'mother', 'child', true],
      ['mother', 'aunt', 'sibling', true],
    ]);
    expect(aunt.explanation).toBe('names the person naming the borrower as child (1.2) as sibling (1.5) + 2 for the extra hop = 4.7');
  });

  it('reaches people through an organisation', () => {
    const input = neighbourhood({ relations: [ofBorrower('company', 'employer'), declared('company', 'hr-clerk', 'colleague')], organisations: ['company'] });
    expect(rankedPerson(input, 'hr-clerk').explanation).toBe('colleague (5) of the employer (8) + 2 for the extra hop = 15');
  });

  it('returns the full path of a two-hop person', () => {
    const input = neighbourhood({
      relations: [ofBorrower('colleague', 'colleague')],
      contactPoints: [address('colleague', 'dormitory'), address('roommate', 'dormitory')],
    });
    expect(rankedPerson(input, 'roommate')).toStrictEqual({
      personId: 'roommate',
      distance: 11,
      hops: 2,
      path: [
        { fromPersonId: BORROWER, toPersonId: 'colleague', via: 'relation', relation: 'colleague', weight: 5 },
        { fromPersonId: 'colleague', toPersonId: 'roommate', via: 'shared_address', contactPointId: 'dormitory', weight: 4 },
      ],
      explanation: 'shares an address (4) with the colleague (5) + 2 for the extra hop = 11',
      sharedWithBorrowers: 0,
    });
  });
});

describe('rankThirdParties equal-distance derivations', () => {
  it('prefers a declared relation over a shared phone', () => {
    const input = neighbourhood({ relations: [ofBorrower('x', 'friend')], contactPoints: [phone(BORROWER, 'p'), phone('x', 'p')] });
    const party = rankedPerson(input, 'x', weightsWith({ sharedContactPoint: 5 }));
    expect(party.path[0]?.via).toBe('relation');
  });

  it('prefers a shared phone over a shared address', () => {
    const input = neighbourhood({ contactPoints: [address(BORROWER, 'home'), address('x', 'home'), phone(BORROWER, 'p'), phone('x', 'p')] });
    expect(rankedPerson(input, 'x').path[0]).toMatchObject({ via: 'shared_phone', contactPointId: 'p' });
  });

  it('goes through the intermediate with the smaller id, whatever the input order', () => {
    const relations = [ofBorrower('friend-b', 'friend'), ofBorrower('friend-a', 'friend'), declared('friend-b', 'x', 'friend'), declared('friend-a', 'x', 'friend')];
    for (const order of [relations, [...relations].reverse()]) {
      expect(rankedPerson(neighbourhood({ relations: order }), 'x').path[0]?.toPersonId).toBe('friend-a');
    }
  });
});

describe('rankThirdParties cycles and hop limit', () => {
  it('ranks every person once in a neighbourhood full of cycles', () => {
    const input = neighbourhood({
      relations: [
        ofBorrower('a', 'friend'),
        declared('a', 'b', 'friend'),
        declared('b', BORROWER, 'colleague'),
        declared('a', BORROWER, 'friend'),
        declared('b', 'a', 'sibling'),
        declared('b', 'c', 'friend'),
        declared('c', 'a', 'friend'),
      ],
      contactPoints: [phone('a', 'p'), phone('b', 'p'), phone('c', 'p')],
    });
    const ranked = rankThirdParties(input);
    expect(ranked.map((party) => [party.personId, party.distance, party.hops])).toStrictEqual([
      ['c', 11, 2],
      ['a', 5, 1],
      ['b', 5, 1],
    ]);
    expect(ranked.every((party) => party.path.every((step) => step.toPersonId !== BORROWER))).toBe(true);
    expect(ranked[0]?.explanation).toBe('shares a phone (4) with the friend (5) + 2 for the extra hop = 11');
  });

  it('leaves out a person reachable only at three hops', () => {
    const input = neighbourhood({
      relations: [ofBorrower('spouse', 'spouse'), declared('spouse', 'sister-in-law', 'sibling'), declared('sister-in-law', 'far', 'friend')],
      contactPoints: [phone('far', 'p'), phone('farther', 'p')],
    });
    expect(MAX_PERSON_HOPS).toBe(2);
    expect(rankedIds(input)).toStrictEqual(['sister-in-law', 'spouse']);
  });

  it('reports the shortest path within two hops even when a three-hop path is shorter', () => {
    const input = neighbourhood({
      relations: [
        ofBorrower('spouse', 'spouse'),
        declared('spouse', 'sister-in-law', 'sibling'),
        declared('sister-in-law', 'x', 'friend'),
        ofBorrower('company', 'employer'),
        declared('company', 'x', 'other'),
      ],
      organisations: ['company'],
    });
    const party = rankedPerson(input, 'x');
    expect(party.distance).toBe(16);
    expect(party.hops).toBe(2);
    expect(party.path.map((step) => step.toPersonId)).toStrictEqual(['company', 'x']);
  });

  it('does not change its input', () => {
    const input = neighbourhood({
      relations: [ofBorrower('a', 'friend'), declared('a', 'b', 'friend')],
      contactPoints: [phone(BORROWER, 'p'), phone('c', 'p')],
      otherBorrowerLinks: [{ personId: 'a', borrowerId: 'b1' }],
    });
    const copy = structuredClone(input);
    rankThirdParties(input);
    expect(input).toStrictEqual(copy);
  });
});

// Deterministic pseudo-random choices so a slow or failing case can be replayed.
function chooser(seed: number): (count: number) => number {
  let state = seed;
  return (count) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % count;
  };
}

/** Borrower, 39 direct contacts, 100 second-hop contacts and 60 shared contact points: 200 nodes. */
function largeNeighbourhood(): GraphInput {
  const choose = chooser(2024);
  const relations: Relation[] = [];
  const contactPoints: ContactPoint[] = [];
  const direct = Array.from({ length: 39 }, (_, index) => `direct-${index}`);
  const secondHop = Array.from({ length: 100 }, (_, index) => `second-${index}`);
  for (const id of direct) relations.push(ofBorrower(id, CANONICAL_RELATIONS[choose(CANONICAL_RELATIONS.length)] ?? 'other'));
  for (const id of secondHop) {
    relations.push(declared(direct[choose(direct.length)] ?? BORROWER, id, CANONICAL_RELATIONS[choose(CANONICAL_RELATIONS.length)] ?? 'other'));
  }
  const everyone = [BORROWER, ...direct, ...secondHop];
  for (let point = 0; point < 60; point += 1) {
    const factory = point % 2 === 0 ? phone : address;
    for (let sharer = 0; sharer < 3; sharer += 1) contactPoints.push(factory(everyone[choose(everyone.length)] ?? BORROWER, `point-${point}`));
  }
  return neighbourhood({ relations, contactPoints, isolated: everyone });
}

describe('rankThirdParties performance', () => {
  it('ranks a 200-node neighbourhood in a few milliseconds', () => {
    const input = largeNeighbourhood();
    const points = new Set(input.contactPoints.map((point) => point.contactPointId));
    expect(input.persons.length + points.size).toBe(200);
    rankThirdParties(input);
    const started = performance.now();
    const ranked = rankThirdParties(input);
    const elapsed = performance.now() - started;
    expect(ranked).toHaveLength(139);
    for (let index = 1; index < ranked.length; index += 1) {
      expect((ranked[index - 1]?.distance ?? 0) >= (ranked[index]?.distance ?? 0)).toBe(true);
    }
    // The real cost is around a millisecond; the bound only catches accidental quadratic work on a busy runner.
    expect(elapsed).toBeLessThan(200);
  });
});
