import { describe, expect, it } from 'vitest';
import { consentInForce, mayMatchPerson, NO_CONSENT } from './consent-in-force.js';

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
