import type { ConsentState } from '../consent/consent-in-force.js';

/** An external source is asked about a borrower only while the borrower's consent to external sources is in force. */
export function mayAskAbout(consent: ConsentState): boolean {
  return consent.externalSources;
}
