import { describe, expect, it } from 'vitest';
import { consentInForce, NO_CONSENT } from './consent-in-force.js';

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
