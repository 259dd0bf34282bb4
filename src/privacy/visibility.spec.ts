import { describe, expect, it } from 'vitest';
import { NO_CONSENT } from '../consent/consent-in-force.js';
import { allowingBorrowers, borrowersTouched, maskComparedValue, mayShowRecord, visibleContactPoint, visibleCounts, visibleHolders } from './visibility.js';

const FULL = { externalSources: true, thirdPartyContact: true };
const INTERNAL_ONLY = { externalSources: false, thirdPartyContact: true };

describe('mayShowRecord', () => {
  it('shows internal records always and external ones only with externalSources in force', () => {
    expect(mayShowRecord(NO_CONSENT, 'internal')).toBe(true);
    expect(mayShowRecord(NO_CONSENT, 'external')).toBe(false);
    expect(mayShowRecord(INTERNAL_ONLY, 'external')).toBe(false);
    expect(mayShowRecord(FULL, 'external')).toBe(true);
  });
});

describe('visibleContactPoint', () => {
  it('hides a point seen only in an external source of a borrower who revoked externalSources', () => {
    const result = visibleContactPoint([{ borrowerRef: 'B-1', sourceKind: 'external' }], new Map([['B-1', INTERNAL_ONLY]]));
    expect(result).toEqual({ visible: false, observations: [] });
  });

  it('shows a point nobody observed (the lender’s own knowledge)', () => {
    expect(visibleContactPoint([], new Map())).toEqual({ visible: true, observations: [] });
  });

  it('shows a shared point when one borrower allows it, with only the observations that borrower’s consent covers', () => {
    const observations = [
      { borrowerRef: 'A', sourceKind: 'internal' as const, id: 1 },
      { borrowerRef: 'B', sourceKind: 'external' as const, id: 2 },
      { borrowerRef: 'A', sourceKind: 'external' as const, id: 3 },
    ];
    const result = visibleContactPoint(observations, new Map([['A', INTERNAL_ONLY], ['B', NO_CONSENT]]));
    expect(result.visible).toBe(true);
    expect(result.observations.map((observation) => observation.id)).toEqual([1]);
    expect(allowingBorrowers(observations, new Map([['A', INTERNAL_ONLY]]))).toEqual(['A']);
    expect(visibleContactPoint(observations, new Map([['A', FULL], ['B', NO_CONSENT]])).observations.map((observation) => observation.id)).toEqual([1, 3]);
  });

  it('treats a borrower without a consent record as without consent', () => {
    expect(visibleContactPoint([{ borrowerRef: 'X', sourceKind: 'external' }], new Map()).visible).toBe(false);
  });
});

describe('borrowersTouched', () => {
  it('gives each borrower once, sorted, without blanks', () => {
    expect(borrowersTouched(['B', 'A', null, 'B', undefined, ''])).toEqual(['A', 'B']);
  });
});

describe('maskComparedValue', () => {
  it('masks names and hides street-level parts, keeping district-level parts and relations', () => {
    expect(maskComparedValue('name', '王小明')).toBe('王*明');
    expect(maskComparedValue('community', '阳光花园')).toBe('****');
    expect(maskComparedValue('room', '501')).toBe('****');
    expect(maskComparedValue('district', '南山区')).toBe('南山区');
    expect(maskComparedValue('relation', 'friend')).toBe('friend');
    expect(maskComparedValue('road', undefined)).toBeUndefined();
  });
});

describe('visibleHolders', () => {
  it('leaves out a holder only linked to borrowers whose observations are hidden', () => {
    const observations = [
      { borrowerRef: 'A', sourceKind: 'internal' as const },
      { borrowerRef: 'B', sourceKind: 'external' as const },
    ];
    const holders = [
      { id: 'a', borrowerRefs: ['A'] },
      { id: 'b', borrowerRefs: ['B'] },
      { id: 'ab', borrowerRefs: ['A', 'B'] },
      { id: 'c', borrowerRefs: ['C'] },
      { id: 'none', borrowerRefs: [] },
    ];
    expect(visibleHolders(holders, observations, new Map()).map((holder) => holder.id)).toEqual(['a', 'ab', 'c', 'none']);
    expect(visibleHolders(holders, observations, new Map()).find((holder) => holder.id === 'ab')?.borrowerRefs).toEqual(['A']);
    expect(visibleHolders(holders, observations, new Map([['B', { externalSources: true, thirdPartyContact: false }]])).map((holder) => holder.id)).toEqual(['a', 'b', 'ab', 'c', 'none']);
  });
});

describe('visibleCounts', () => {
  const seen = [
    { borrowerRef: 'A', sourceKind: 'internal' as const, sourceKey: 'crm' },
    { borrowerRef: 'A', sourceKind: 'internal' as const, sourceKey: 'crm' },
    { borrowerRef: 'A', sourceKind: 'external' as const, sourceKey: 'bureau' },
    { borrowerRef: 'B', sourceKind: 'external' as const, sourceKey: 'bureau' },
    { borrowerRef: 'C', sourceKind: 'internal' as const, sourceKey: 'call-log' },
  ];

  it('counts only the borrowers and sources whose observations the consent in force lets the caller see', () => {
    // B revoked: its bureau record neither counts B nor the bureau; A's consent covers only its own internal record.
    expect(visibleCounts(seen, new Map([['A', INTERNAL_ONLY], ['B', NO_CONSENT], ['C', NO_CONSENT]]))).toEqual({ borrowerCount: 2, sourceCount: 2 });
  });

  it('counts everything once every borrower consents', () => {
    expect(visibleCounts(seen, new Map([['A', FULL], ['B', FULL], ['C', FULL]]))).toEqual({ borrowerCount: 3, sourceCount: 3 });
  });

  it('counts nothing for a point only a borrower without consent saw in a bureau record', () => {
    expect(visibleCounts([seen[3]], new Map())).toEqual({ borrowerCount: 0, sourceCount: 0 });
  });
});
