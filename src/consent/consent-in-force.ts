/** What a borrower allows: data seen only in external sources, and asking third parties. */
export interface ConsentState {
  externalSources: boolean;
  thirdPartyContact: boolean;
}

/** No consent on record means no consent. */
export const NO_CONSENT: ConsentState = { externalSources: false, thirdPartyContact: false };

export interface ConsentRecordFacts extends ConsentState {
  /** Insertion order: the later record replaces the earlier, whatever its grantedAt says. */
  id: number | string;
}

/** The consent in force: the latest record on file, or none. One rule for the plan, the scan and the console. */
export function consentInForce(records: readonly ConsentRecordFacts[]): ConsentState {
  let latest: ConsentRecordFacts | undefined;
  for (const record of records) if (!latest || BigInt(record.id) > BigInt(latest.id)) latest = record;
  return latest ? { externalSources: latest.externalSources, thirdPartyContact: latest.thirdPartyContact } : NO_CONSENT;
}
