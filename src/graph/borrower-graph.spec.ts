import { describe, expect, it } from 'vitest';
import type { CanonicalRelation } from '../matching/person/relation.js';
import { buildBorrowerGraph, contactPointNodeKey, type GraphInput, personNodeKey, rankThirdParties } from './borrower-graph.js';
import {
  address,
  BORROWER,
  declared,
  neighbourhood,
  ofBorrower,
  phone,
  rankedIds,
  rankedPerson,
  weightsWith,
} from './graph-input.test-builders.js';

describe('buildBorrowerGraph', () => {
  const input = neighbourhood({
    relations: [ofBorrower('spouse', 'spouse'), ofBorrower('company', 'employer'), declared('spouse', 'friend', 'friend')],
    contactPoints: [phone(BORROWER, 'phone-1'), phone('friend', 'phone-1'), address('spouse', 'home')],
    organisations: ['company'],
    otherBorrowerLinks: [{ personId: 'friend', borrowerId: 'other-1' }],
  });

  it('is an undirected multigraph carrying the borrower and the weights it was built with', () => {
    const graph = buildBorrowerGraph(input);
    expect(graph.type).toBe('undirected');
    expect(graph.multi).toBe(true);
    expect(graph.getAttributes()).toStrictEqual({ borrowerPersonId: BORROWER, hop: 2, sharedContactPoint: 4 });
  });

  it('holds typed person and contact point nodes', () => {
    const graph = buildBorrowerGraph(input);
    expect(graph.order).toBe(4 + 2);
    expect(graph.getNodeAttributes(personNodeKey('company'))).toStrictEqual({
      type: 'person',
      personId: 'company',
      kind: 'organisation',
      otherBorrowerIds: [],
    });
    expect(graph.getNodeAttributes(personNodeKey('friend'))).toMatchObject({ kind: 'individual', otherBorrowerIds: ['other-1'] });
    expect(graph.getNodeAttributes(contactPointNodeKey('home'))).toStrictEqual({
      type: 'contact_point',
      contactPointId: 'home',
      kind: 'address',
    });
  });

  it('weights relation edges and links persons to their contact points', () => {
    const graph = buildBorrowerGraph(input, weightsWith({ relations: { employer: 12 } }));
    expect(graph.size).toBe(3 + 3);
    const employer = graph.edges(personNodeKey(BORROWER), personNodeKey('company'));
    expect(employer).toHaveLength(1);
    expect(graph.getEdgeAttributes(employer[0])).toStrictEqual({
      type: 'relation',
      fromPersonId: BORROWER,
      toPersonId: 'company',
      relation: 'employer',
      weight: 12,
    });
    expect(graph.neighbors(contactPointNodeKey('phone-1')).sort()).toStrictEqual(
      [personNodeKey(BORROWER), personNodeKey('friend')].sort(),
    );
  });

  it('keeps a person and a contact point with the same id apart', () => {
    const graph = buildBorrowerGraph(neighbourhood({ contactPoints: [phone('x', 'x')] }));
    expect(graph.getNodeAttribute(personNodeKey('x'), 'type')).toBe('person');
    expect(graph.getNodeAttribute(contactPointNodeKey('x'), 'type')).toBe('contact_point');
  });

  it('keeps different relations for one pair and drops exact repeats and self relations', () => {
    const graph = buildBorrowerGraph(
      neighbourhood({
        relations: [
          ofBorrower('a', 'friend'),
          declared('a', BORROWER, 'colleague'),
          ofBorrower('a', 'friend'),
          declared('a', 'a', 'friend'),
        ],
        contactPoints: [phone('a', 'p'), phone('a', 'p')],
      }),
    );
    expect(graph.edges(personNodeKey(BORROWER), personNodeKey('a'))).toHaveLength(2);
    expect(graph.edges(personNodeKey('a'), contactPointNodeKey('p'))).toHaveLength(1);
  });

  it('counts each other borrower once', () => {
    const graph = buildBorrowerGraph(
      neighbourhood({
        isolated: ['x'],
        otherBorrowerLinks: [
          { personId: 'x', borrowerId: 'b1' },
          { personId: 'x', borrowerId: 'b2' },
          { personId: 'x', borrowerId: 'b1' },
        ],
      }),
    );
    expect(graph.getNodeAttributes(personNodeKey('x'))).toMatchObject({ otherBorrowerIds: ['b1', 'b2'] });
  });

  it('accepts a person listed twice with the same kind', () => {
    const base = neighbourhood({ relations: [ofBorrower('a', 'friend')] });
    const graph = buildBorrowerGraph({ ...base, persons: [...base.persons, { id: 'a', kind: 'individual' }] });
    expect(graph.order).toBe(2);
  });

  it.each<[string, (base: GraphInput) => GraphInput, RegExp]>([
    ['a missing borrower', (base) => ({ ...base, borrowerPersonId: 'nobody' }), /borrowerPersonId refers to person 'nobody'/],
    [
      'a relation to an unknown person',
      (base) => ({ ...base, relations: [ofBorrower('ghost', 'friend')] }),
      /Relation borrower -> ghost refers to person 'ghost', which is not in persons/,
    ],
    [
      'a relation from an unknown person',
      (base) => ({ ...base, relations: [declared('ghost', BORROWER, 'friend')] }),
      /refers to person 'ghost'/,
    ],
    [
      'a contact point of an unknown person',
      (base) => ({ ...base, contactPoints: [phone('ghost', 'p')] }),
      /Contact point 'p' refers to person 'ghost'/,
    ],
    [
      'another borrower link of an unknown person',
      (base) => ({ ...base, otherBorrowerLinks: [{ personId: 'ghost', borrowerId: 'b9' }] }),
      /Other borrower link to 'b9' refers to person 'ghost'/,
    ],
    [
      'a person listed with two kinds',
      (base) => ({ ...base, persons: [...base.persons, { id: 'a', kind: 'organisation' }] }),
      /Person 'a' is listed both as individual and as organisation/,
    ],
    [
      'a contact point listed with two kinds',
      (base) => ({ ...base, contactPoints: [phone('a', 'p'), address(BORROWER, 'p')] }),
      /Contact point 'p' is listed both as phone and as address/,
    ],
    [
      'a relation outside the canonical list',
      (base) => ({ ...base, relations: [{ fromPersonId: BORROWER, toPersonId: 'a', relation: 'cousin' as CanonicalRelation }] }),
      /has unknown relation 'cousin'/,
    ],
  ])('rejects %s', (_name, change, message) => {
    const base = neighbourhood({ relations: [ofBorrower('a', 'friend')] });
    expect(() => buildBorrowerGraph(change(base))).toThrow(message);
  });
});

describe('rankThirdParties ordering', () => {
  it('asks organisations first and immediate family last', () => {
    const input = neighbourhood({
      relations: [
        ofBorrower('spouse', 'spouse'),
        ofBorrower('mother', 'parent'),
        ofBorrower('son', 'child'),
        ofBorrower('brother', 'sibling'),
        ofBorrower('cousin', 'relative'),
        ofBorrower('friend', 'friend'),
        ofBorrower('classmate', 'classmate'),
        ofBorrower('neighbour', 'neighbour'),
        ofBorrower('company', 'employer'),
        ofBorrower('property', 'property_office'),
      ],
      organisations: ['company', 'property'],
    });
    expect(rankedIds(input)).toStrictEqual([
      'property',
      'company',
      'neighbour',
      'classmate',
      'friend',
      'cousin',
      'brother',
      'son',
      'mother',
      'spouse',
    ]);
  });

  it('puts a friend of the spouse before the spouse and before a direct friend', () => {
    const input = neighbourhood({
      relations: [ofBorrower('spouse', 'spouse'), ofBorrower('friend', 'friend'), declared('spouse', 'spouse-friend', 'friend')],
    });
    const ranked = rankThirdParties(input);
    expect(ranked.map((party) => [party.personId, party.distance, party.hops])).toStrictEqual([
      ['spouse-friend', 8, 2],
      ['friend', 5, 1],
      ['spouse', 1, 1],
    ]);
  });

  it('asks a direct friend before a cousin, and a cousin of the spouse before the direct friend', () => {
    const input = neighbourhood({
      relations: [ofBorrower('spouse', 'spouse'), ofBorrower('friend', 'friend'), ofBorrower('cousin', 'relative'), declared('spouse', 'spouse-cousin', 'relative')],
    });
    expect(rankedIds(input)).toStrictEqual(['spouse-cousin', 'friend', 'cousin', 'spouse']);
    expect(rankedPerson(input, 'spouse-cousin').distance).toBe(6);
  });

  it('breaks equal distances by person id ascending, whatever the input order', () => {
    const relations = [ofBorrower('c', 'friend'), ofBorrower('a', 'colleague'), ofBorrower('b', 'friend')];
    expect(rankedIds(neighbourhood({ relations }))).toStrictEqual(['a', 'b', 'c']);
    expect(rankedIds(neighbourhood({ relations: [...relations].reverse() }))).toStrictEqual(['a', 'b', 'c']);
  });

  it('treats distances equal up to rounding as ties', () => {
    // 1.1 + 2.2 + 1 is 4.300000000000001 in floating point, not 4.3.
    const input = neighbourhood({
      relations: [ofBorrower('son', 'child'), declared('son', 'z-friend-of-son', 'friend'), ofBorrower('a-direct', 'other')],
    });
    const weights = weightsWith({ hop: 1, relations: { child: 1.1, friend: 2.2, other: 4.3 } });
    const ranked = rankThirdParties(input, weights);
    expect(ranked.map((party) => [party.personId, party.distance])).toStrictEqual([
      ['a-direct', 4.3],
      ['z-friend-of-son', 4.3],
      ['son', 1.1],
    ]);
    expect(ranked[1]?.explanation).toBe('friend (2.2) of the child (1.1) + 1 for the extra hop = 4.3');
  });

  it('honours custom weights', () => {
    const input = neighbourhood({ relations: [ofBorrower('spouse', 'spouse'), ofBorrower('friend', 'friend'), declared('spouse', 'x', 'friend')] });
    const weights = weightsWith({ hop: 0.5, relations: { friend: 10 } });
    expect(rankThirdParties(input, weights).map((party) => [party.personId, party.distance])).toStrictEqual([
      ['x', 11.5],
      ['friend', 10],
      ['spouse', 1],
    ]);
  });

  it('returns nothing for a borrower without ties', () => {
    expect(rankThirdParties(neighbourhood({ isolated: ['stranger'], contactPoints: [phone('stranger', 'p')] }))).toStrictEqual([]);
  });
});

describe('rankThirdParties derived links', () => {
  it('links a person sharing a phone with the borrower', () => {
    const input = neighbourhood({ contactPoints: [phone(BORROWER, 'phone-1'), phone('x', 'phone-1')] });
    expect(rankThirdParties(input)).toStrictEqual([
      {
        personId: 'x',
        distance: 4,
        hops: 1,
        path: [{ fromPersonId: BORROWER, toPersonId: 'x', via: 'shared_phone', contactPointId: 'phone-1', weight: 4 }],
        explanation: 'shares a phone with the borrower (4)',
        sharedWithBorrowers: 0,
      },
    ]);
  });

  it('links a person sharing an address with the borrower', () => {
    const input = neighbourhood({ contactPoints: [address(BORROWER, 'home'), address('x', 'home')] });
    const party = rankedPerson(input, 'x');
    expect(party.path[0]?.via).toBe('shared_address');
    expect(party.explanation).toBe('shares an address with the borrower (4)');
  });

  it('links a person sharing a phone with a contact, one hop farther', () => {
    const input = neighbourhood({
      relations: [ofBorrower('colleague', 'colleague')],
      contactPoints: [phone('colleague', 'desk'), phone('x', 'desk')],
    });
    const party = rankedPerson(input, 'x');
    expect(party.distance).toBe(11);
    expect(party.hops).toBe(2);
    expect(party.explanation).toBe('shares a phone (4) with the colleague (5) + 2 for the extra hop = 11');
  });

  it('links every person on a widely shared number without pairing them all', () => {
    const sharers = Array.from({ length: 50 }, (_, index) => `sharer-${String(index).padStart(2, '0')}`);
    const input = neighbourhood({ contactPoints: [phone(BORROWER, 'switchboard'), ...sharers.map((id) => phone(id, 'switchboard'))] });
    const graph = buildBorrowerGraph(input);
    expect(graph.size).toBe(51);
    const ranked = rankThirdParties(input);
    expect(ranked.map((party) => party.personId)).toStrictEqual(sharers);
    expect(ranked.every((party) => party.distance === 4 && party.hops === 1)).toBe(true);
  });

  it('reports how many other borrowers a person is linked to', () => {
    const input = neighbourhood({
      relations: [ofBorrower('x', 'friend'), ofBorrower('y', 'friend')],
      otherBorrowerLinks: [
        { personId: 'x', borrowerId: 'b1' },
        { personId: 'x', borrowerId: 'b2' },
        { personId: 'x', borrowerId: 'b2' },
      ],
    });
    expect(rankedPerson(input, 'x').sharedWithBorrowers).toBe(2);
    expect(rankedPerson(input, 'y').sharedWithBorrowers).toBe(0);
  });
});
