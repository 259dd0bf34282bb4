import { describe, expect, it } from 'vitest';
import { NO_CONSENT } from '../consent/consent-in-force.js';
import { planDataFromFacts, type PlanFacts } from './plan-facts.js';

// From contact_plan_facts's JSON to PlanData, with the rules applied; the SQL function itself runs in the medium and e2e tests.

const BORROWER = 'b-1';
const SOURCES: PlanFacts['sources'] = [
  { key: 'crm', trust: 0.8, kind: 'internal' },
  { key: 'bureau', trust: 0.6, kind: 'external' },
];

function someFacts(overrides: Partial<PlanFacts> = {}): PlanFacts {
  return {
    borrowerId: BORROWER,
    consents: [{ id: 1, externalSources: true, thirdPartyContact: false }],
    links: null,
    declared: null,
    persons: null,
    personPoints: null,
    points: null,
    attempts: null,
    leads: null,
    repair: null,
    sources: SOURCES,
    ...overrides,
  };
}

const aPerson = (id: string, extra: Partial<NonNullable<PlanFacts['persons']>[number]> = {}) => ({ id, kind: 'individual' as const, name: null, doNotContact: null, links: [], recordSources: [], ...extra });
const aPoint = (id: string, extra: Partial<NonNullable<PlanFacts['points']>[number]> = {}) => ({
  id,
  kind: 'phone' as const,
  e164: '+8613800000001',
  extension: null,
  subtype: 'mobile',
  province: null,
  city: null,
  district: null,
  text: null,
  firstSeenAt: 0,
  lastSeenAt: 0,
  borrowerCount: 1,
  observationSources: [],
  observations: [],
  ...extra,
});

describe('planDataFromFacts', () => {
  it('reads no consent on record as no consent, and empty aggregates as empty lists', () => {
    const data = planDataFromFacts('REF-1', someFacts({ consents: null }));
    expect(data).toEqual({
      borrowerId: BORROWER,
      borrowerRef: 'REF-1',
      selfPersonId: undefined,
      consent: NO_CONSENT,
      persons: [],
      relations: [],
      personPoints: [],
      points: [],
      attempts: [],
      leads: [],
      repair: undefined,
      staleFlags: [],
    });
  });

  it('takes the latest consent record as the one in force', () => {
    const consents = [
      { id: '7', externalSources: false, thirdPartyContact: false },
      { id: '12', externalSources: true, thirdPartyContact: true },
      { id: '9', externalSources: true, thirdPartyContact: false },
    ];
    expect(planDataFromFacts('REF-1', someFacts({ consents })).consent).toEqual({ externalSources: true, thirdPartyContact: true });
  });

  it('relates the borrower (or a placeholder without a self person) to each linked person, then the declared second hop', () => {
    const links = [
      { personId: 'p-self', relation: 'self' },
      { personId: 'p-spouse', relation: 'spouse' },
    ];
    const declared = [{ via: 'p-spouse', personId: 'p-brother', relation: 'sibling' }];
    expect(planDataFromFacts('REF-1', someFacts({ links, declared }))).toMatchObject({
      selfPersonId: 'p-self',
      relations: [
        { fromPersonId: 'p-self', toPersonId: 'p-spouse', relation: 'spouse' },
        { fromPersonId: 'p-spouse', toPersonId: 'p-brother', relation: 'sibling' },
      ],
    });
    expect(planDataFromFacts('REF-1', someFacts({ links: [{ personId: 'p-friend', relation: 'friend' }] })).relations).toEqual([
      { fromPersonId: `borrower:${BORROWER}`, toPersonId: 'p-friend', relation: 'friend' },
    ]);
  });

  it('counts one relation per person: being the borrower first, a named relation over other', () => {
    const links = [
      { personId: 'p-a', relation: 'other' },
      { personId: 'p-a', relation: 'colleague' },
      { personId: 'p-b', relation: 'friend' },
      { personId: 'p-b', relation: 'self' },
    ];
    const declared = [{ via: 'p-b', personId: 'p-c', relation: 'sibling' }];
    const data = planDataFromFacts('REF-1', someFacts({ links, declared, persons: [aPerson('p-a'), aPerson('p-b')] }));
    expect(data.selfPersonId).toBe('p-b');
    // The borrower's own person is not a third party, and its declared contacts are not a second hop.
    expect(data.relations).toEqual([{ fromPersonId: 'p-b', toPersonId: 'p-a', relation: 'colleague' }]);
    expect(data.persons.map((person) => person.id)).toEqual(['p-a']);
  });

  it('counts record versions by source kind, keeps each source key once, and splits labels from other borrowers', () => {
    const persons = [
      aPerson('p-1', {
        name: '王芳',
        doNotContact: true,
        links: [
          { borrowerId: BORROWER, labels: ['老婆', 'wife'] },
          { borrowerId: 'b-2', labels: ['朋友'] },
          { borrowerId: 'b-2', labels: [] },
          { borrowerId: BORROWER, labels: ['老婆'] },
        ],
        recordSources: ['bureau', 'crm', 'crm', 'gone'],
      }),
      aPerson('p-2', { kind: 'organisation' }),
    ];
    const [first, second] = planDataFromFacts('REF-1', someFacts({ persons })).persons;
    expect(first).toEqual({
      id: 'p-1',
      kind: 'individual',
      name: '王芳',
      relationLabels: ['老婆', 'wife'],
      doNotContact: true,
      internalRecords: 2,
      externalRecords: 1,
      sourceKeys: ['bureau', 'crm'],
      otherBorrowers: ['b-2'],
    });
    expect(second).toEqual({
      id: 'p-2',
      kind: 'organisation',
      name: undefined,
      relationLabels: [],
      doNotContact: false,
      internalRecords: 0,
      externalRecords: 0,
      sourceKeys: [],
      otherBorrowers: [],
    });
  });

  it('gives each point its distinct known sources, address parts, instants, and observations when it is the borrower\'s own', () => {
    const seen = Date.parse('2026-05-01T02:00:00Z');
    const points = [
      aPoint('pt-1', { extension: '123', firstSeenAt: seen - 1000, lastSeenAt: seen, borrowerCount: 2, observationSources: ['crm', 'bureau', 'crm', 'gone'], observations: [{ sourceKey: 'crm', sourceRecordId: 'r-1', observedAt: seen }] }),
      aPoint('pt-2', { kind: 'address', e164: null, subtype: 'dwelling', province: '广东省', city: '深圳市', firstSeenAt: seen, lastSeenAt: seen, observations: [{ sourceKey: 'crm', sourceRecordId: 'r-2', observedAt: seen }] }),
    ];
    const facts = someFacts({ links: [{ personId: 'p-self', relation: 'self' }], personPoints: [{ personId: 'p-self', contactPointId: 'pt-1' }, { personId: 'p-friend', contactPointId: 'pt-2' }], points });
    const [phone, address] = planDataFromFacts('REF-1', facts).points;
    expect(phone).toEqual({
      id: 'pt-1',
      kind: 'phone',
      e164: '+8613800000001',
      extension: '123',
      subtype: 'mobile',
      address: undefined,
      firstSeenAt: new Date(seen - 1000),
      lastSeenAt: new Date(seen),
      borrowerCount: 2,
      sources: [
        { key: 'crm', trust: 0.8, kind: 'internal' },
        { key: 'bureau', trust: 0.6, kind: 'external' },
      ],
      observations: [{ sourceKey: 'crm', sourceRecordId: 'r-1', observedAt: new Date(seen) }],
    });
    // A friend's address: its observations are not the borrower's to show.
    expect(address).toMatchObject({ address: { province: '广东省', city: '深圳市', district: undefined, text: undefined }, sources: [], observations: [] });
  });

  it('keeps attempts and leads in the order the query gave them, with optional fields left out', () => {
    const at = Date.parse('2026-05-01T02:00:00Z');
    const data = planDataFromFacts(
      'REF-1',
      someFacts({
        attempts: [
          { contactPointId: 'pt-1', contactedPersonId: null, outcome: 'answered', attemptedAt: at, callbackRequestedAt: null },
          { contactPointId: 'pt-2', contactedPersonId: 'p-1', outcome: 'no_answer', attemptedAt: at - 1, callbackRequestedAt: at + 3_600_000 },
        ],
        leads: [{ informantPersonId: null, contactPointIds: ['pt-1'], createdAt: at, note: null }],
        repair: { id: 'run-1', status: 'completed', startedAt: at, finishedAt: null, candidateContactPointIds: ['pt-3'], sources: ['crm'] },
      }),
    );
    expect(data.attempts).toEqual([
      { contactPointId: 'pt-1', contactedPersonId: undefined, outcome: 'answered', attemptedAt: new Date(at), callbackRequestedAt: undefined },
      { contactPointId: 'pt-2', contactedPersonId: 'p-1', outcome: 'no_answer', attemptedAt: new Date(at - 1), callbackRequestedAt: new Date(at + 3_600_000) },
    ]);
    expect(data.leads).toEqual([{ informantPersonId: undefined, contactPointIds: ['pt-1'], createdAt: new Date(at), note: undefined }]);
    expect(data.repair).toEqual({ id: 'run-1', status: 'completed', startedAt: new Date(at), finishedAt: null, candidateContactPointIds: ['pt-3'], sources: ['crm'] });
  });

  it('refuses facts whose shape is not the one the read returns', () => {
    expect(() => planDataFromFacts('REF-1', { ...someFacts(), points: [{ id: 'pt-1' }] })).toThrow(/points/);
    expect(() => planDataFromFacts('REF-1', { ...someFacts(), attempts: [{ ...someFacts().attempts, outcome: 'hung_up' }] })).toThrow();
  });
});
