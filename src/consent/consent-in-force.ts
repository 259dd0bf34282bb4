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

/**
 * Data seen only in external sources is used only with consent. A point or person no record
 * names (called by the platform, say) is the lender's own knowledge, like internal data.
 */
export function mayUseContactPoint(consent: ConsentState, sources: readonly { kind: 'internal' | 'external' }[]): boolean {
  return consent.externalSources || sources.length === 0 || sources.some((source) => source.kind === 'internal');
}

/** Which sources may be searched or used for the borrower: internal ones always, external ones with consent. */
export function mayUseSource(consent: ConsentState, source: { kind: 'internal' | 'external' }): boolean {
  return source.kind === 'internal' || consent.externalSources;
}

export function mayUsePerson(consent: ConsentState, person: { internalRecords: number; externalRecords: number }): boolean {
  return consent.externalSources || person.internalRecords > 0 || person.externalRecords === 0;
}

/** How the records of one borrower name a person. */
export interface PersonSeenFor {
  borrowerId: string;
  internalRecords: number;
  externalRecords: number;
}

/**
 * Matching links data across borrowers, so a person is compared with others only if every borrower whose records
 * name it may use it: a person seen only in external records of a borrower without externalSources consent is
 * never paired (the consent in force of a borrower not in `consents` is none).
 */
export function mayMatchPerson(consents: ReadonlyMap<string, ConsentState>, seen: readonly PersonSeenFor[]): boolean {
  return seen.every((facts) => mayUsePerson(consents.get(facts.borrowerId) ?? NO_CONSENT, facts));
}

/** How one borrower's records name a contact point: the kinds of the sources that observed it for them. */
export interface ContactPointSeenFor {
  borrowerId: string;
  sourceKinds: readonly ('internal' | 'external')[];
}

/**
 * A contact point is compared with (and merged into) others only if every borrower whose records name it may use it:
 * a point seen only in external sources of a borrower without externalSources consent is never paired, so a merge
 * never joins that borrower's bureau record to another borrower's data. A point no record names is the lender's own.
 */
export function mayMatchContactPoint(consents: ReadonlyMap<string, ConsentState>, seen: readonly ContactPointSeenFor[]): boolean {
  return seen.every((facts) => mayUseContactPoint(consents.get(facts.borrowerId) ?? NO_CONSENT, facts.sourceKinds.map((kind) => ({ kind }))));
}
