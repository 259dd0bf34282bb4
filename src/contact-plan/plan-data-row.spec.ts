import { describe, expect, it } from 'vitest';
import { NO_CONSENT } from '../consent/consent-in-force.js';
import { planDataFromRow, type PlanDataRow } from './plan-data-row.js';

// The mapping from contact_plan_data's positional JSON to PlanData; the SQL function itself runs in the e2e tests.

const BORROWER = 'b-1';
const SOURCES: NonNullable<PlanDataRow[10]> = [
  ['crm', 0.8, 'internal'],
  ['bureau', 0.6, 'external'],
];

function aRow(overrides: Partial<Record<number, unknown>> = {}): PlanDataRow {
  const row: unknown[] = [BORROWER, [true, false], null, null, null, null, null, null, null, null, SOURCES];
  for (const [index, value] of Object.entries(overrides)) row[Number(index)] = value;
  return row as PlanDataRow;
}

describe('planDataFromRow', () => {
  it('reads no consent on record as no consent, and empty aggregates as empty lists', () => {
    const data = planDataFromRow('REF-1', aRow({ 1: null }));
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
    });
  });

  it('relates the borrower (or a placeholder without a self person) to each linked person, then the declared second hop', () => {
    const links = [
      ['p-self', 'self'],
      ['p-spouse', 'spouse'],
    ];
    const declared = [['p-spouse', 'p-brother', 'sibling']];
    expect(planDataFromRow('REF-1', aRow({ 2: links, 3: declared }))).toMatchObject({
      selfPersonId: 'p-self',
      relations: [
        { fromPersonId: 'p-self', toPersonId: 'p-spouse', relation: 'spouse' },
        { fromPersonId: 'p-spouse', toPersonId: 'p-brother', relation: 'sibling' },
      ],
    });
    expect(planDataFromRow('REF-1', aRow({ 2: [['p-friend', 'friend']] })).relations).toEqual([
      { fromPersonId: `borrower:${BORROWER}`, toPersonId: 'p-friend', relation: 'friend' },
    ]);
  });

  it('counts record versions by source kind, keeps each source key once, and splits labels from other borrowers', () => {
    const persons = [
      ['p-1', 'individual', '王芳', true, [[BORROWER, ['老婆', 'wife']], ['b-2', ['朋友']], ['b-2', []], [BORROWER, ['老婆']]], ['bureau', 'crm', 'crm', 'gone']],
      ['p-2', 'organisation', null, null, [], []],
    ];
    const [first, second] = planDataFromRow('REF-1', aRow({ 4: persons })).persons;
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

  it('gives each point its distinct known sources, address parts, instants and observations', () => {
    const seen = Date.parse('2026-05-01T02:00:00Z');
    const points = [
      ['pt-1', 'phone', '+8613800000001', '123', 'mobile', null, seen - 1000, seen, 2, ['crm', 'bureau', 'crm', 'gone'], [['crm', 'r-1', seen]]],
      ['pt-2', 'address', null, null, 'dwelling', ['广东省', '深圳市', null, null], seen, seen, 1, [], null],
    ];
    const [phone, address] = planDataFromRow('REF-1', aRow({ 6: points })).points;
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
    expect(address).toMatchObject({ address: { province: '广东省', city: '深圳市', district: undefined, text: undefined }, sources: [], observations: [] });
  });

  it('keeps attempts and leads in the order the query gave them, with optional fields left out', () => {
    const at = Date.parse('2026-05-01T02:00:00Z');
    const data = planDataFromRow(
      'REF-1',
      aRow({
        7: [
          ['pt-1', null, 'answered', at, null],
          ['pt-2', 'p-1', 'no_answer', at - 1, at + 3_600_000],
        ],
        8: [[null, ['pt-1'], at, null]],
        9: ['run-1', 'completed', at, null, ['pt-3'], ['crm']],
      }),
    );
    expect(data.attempts).toEqual([
      { contactPointId: 'pt-1', contactedPersonId: undefined, outcome: 'answered', attemptedAt: new Date(at), callbackRequestedAt: undefined },
      { contactPointId: 'pt-2', contactedPersonId: 'p-1', outcome: 'no_answer', attemptedAt: new Date(at - 1), callbackRequestedAt: new Date(at + 3_600_000) },
    ]);
    expect(data.leads).toEqual([{ informantPersonId: undefined, contactPointIds: ['pt-1'], createdAt: new Date(at), note: undefined }]);
    expect(data.repair).toEqual({ id: 'run-1', status: 'completed', startedAt: new Date(at), finishedAt: null, candidateContactPointIds: ['pt-3'], sources: ['crm'] });
  });
});
