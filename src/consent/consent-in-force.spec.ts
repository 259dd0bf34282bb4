import { describe, expect, it } from 'vitest';
import { consentInForce, mayMatchContactPoint, mayMatchPerson, NO_CONSENT } from './consent-in-force.js';

describe('consentInForce', () => {
  it('is no consent without a record', () => {
    expect(consentInForce([])).toEqual(NO_CONSENT);
  });

  it('is the latest record, a revocation included, whatever order the records come in', () => {
    const granted = { id: '41', externalSources: true, thirdPartyContact: true };
    const revoked = { id: '100', externalSources: false, thirdPartyContact: true };
    expect(consentInForce([revoked, granted])).toEqual({ externalSources: false, thirdPartyContact: true });
    expect(consentInForce([granted])).toEqual({ externalSources: true, thirdPartyContact: true });
  });
});

describe('mayMatchPerson', () => {
  const withExternal = { externalSources: true, thirdPartyContact: false };
  it('never pairs a person seen only in external records of a borrower without externalSources consent', () => {
    expect(mayMatchPerson(new Map(), [{ borrowerId: 'b1', internalRecords: 0, externalRecords: 1 }])).toBe(false);
    expect(mayMatchPerson(new Map([['b1', NO_CONSENT]]), [{ borrowerId: 'b1', internalRecords: 0, externalRecords: 2 }])).toBe(false);
    expect(
      mayMatchPerson(new Map([['b2', withExternal]]), [
        { borrowerId: 'b1', internalRecords: 0, externalRecords: 1 },
        { borrowerId: 'b2', internalRecords: 0, externalRecords: 1 },
      ]),
    ).toBe(false);
  });

  it('pairs persons an internal record names, those of a consenting borrower, and persons no record names', () => {
    expect(mayMatchPerson(new Map(), [{ borrowerId: 'b1', internalRecords: 1, externalRecords: 3 }])).toBe(true);
    expect(mayMatchPerson(new Map([['b1', withExternal]]), [{ borrowerId: 'b1', internalRecords: 0, externalRecords: 1 }])).toBe(true);
    expect(mayMatchPerson(new Map(), [])).toBe(true);
  });
});

describe('mayMatchContactPoint', () => {
  const consents = new Map([
    ['consenting', { externalSources: true, thirdPartyContact: false }],
    ['revoked', { externalSources: false, thirdPartyContact: true }],
  ]);

  it('keeps out a point seen only in external sources for a borrower without externalSources consent', () => {
    expect(mayMatchContactPoint(consents, [{ borrowerId: 'revoked', sourceKinds: ['external'] }])).toBe(false);
    // No consent on record is no consent.
    expect(mayMatchContactPoint(consents, [{ borrowerId: 'unknown', sourceKinds: ['external', 'external'] }])).toBe(false);
  });

  it('keeps it out when any one of the borrowers naming it may not use it', () => {
    expect(
      mayMatchContactPoint(consents, [
        { borrowerId: 'consenting', sourceKinds: ['external'] },
        { borrowerId: 'revoked', sourceKinds: ['external'] },
      ]),
    ).toBe(false);
  });

  it('lets in a point an internal source names, one the borrower consented to, or one no record names', () => {
    expect(mayMatchContactPoint(consents, [{ borrowerId: 'revoked', sourceKinds: ['external', 'internal'] }])).toBe(true);
    expect(mayMatchContactPoint(consents, [{ borrowerId: 'consenting', sourceKinds: ['external'] }])).toBe(true);
    expect(mayMatchContactPoint(NO_CONSENT_MAP, [])).toBe(true);
  });
});

const NO_CONSENT_MAP = new Map([['anyone', NO_CONSENT]]);
