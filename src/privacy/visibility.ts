import { type ConsentState, mayUseContactPoint, mayUseSource, NO_CONSENT } from '../consent/consent-in-force.js';
import { maskName } from './masking.js';

// What a caller may see of borrowers' data: the one rule every read of personal data goes through.
// Consent decides what is shown at all (data seen only in external sources needs the borrower's consent in force);
// masking decides how (full values only for an operator who unmasked with a reason: unmaskReason).

export type SourceKind = 'internal' | 'external';

/** A value as one source saw it for one borrower. */
export interface SeenFor {
  borrowerRef: string;
  sourceKind: SourceKind;
}

export type ConsentByBorrower = ReadonlyMap<string, ConsentState>;

const consentOf = (consents: ConsentByBorrower, borrowerRef: string): ConsentState => consents.get(borrowerRef) ?? NO_CONSENT;

/** Whether a record from a source of this kind may be shown for its borrower. */
export function mayShowRecord(consent: ConsentState, sourceKind: SourceKind): boolean {
  return mayUseSource(consent, { kind: sourceKind });
}

/** The borrowers that allow a contact point: those whose own observations of it their consent in force covers. */
export function allowingBorrowers(observations: readonly SeenFor[], consents: ConsentByBorrower): string[] {
  const byBorrower = new Map<string, { kind: SourceKind }[]>();
  for (const observation of observations) {
    const sources = byBorrower.get(observation.borrowerRef) ?? [];
    sources.push({ kind: observation.sourceKind });
    byBorrower.set(observation.borrowerRef, sources);
  }
  return [...byBorrower].filter(([borrowerRef, sources]) => mayUseContactPoint(consentOf(consents, borrowerRef), sources)).map(([borrowerRef]) => borrowerRef).sort();
}

/**
 * A contact point is shown when any borrower it belongs to allows it (or when no record names it: the lender's own
 * knowledge); it is shown only with the observations the consent of their own borrower covers, so one borrower's
 * consent never reveals another borrower's bureau record.
 */
export function visibleContactPoint<T extends SeenFor>(observations: readonly T[], consents: ConsentByBorrower): { visible: boolean; observations: T[] } {
  if (observations.length === 0) return { visible: true, observations: [] };
  const allowing = new Set(allowingBorrowers(observations, consents));
  const shown = observations.filter((observation) => allowing.has(observation.borrowerRef) && mayShowRecord(consentOf(consents, observation.borrowerRef), observation.sourceKind));
  return { visible: shown.length > 0, observations: shown };
}

/**
 * The sharing counts shown beside a contact point: distinct borrowers and sources among the observations the caller
 * may see (visibleContactPoint), so a count never reveals that a borrower who withheld consent, or a bureau, knows
 * the point. Give one entry per observation or per distinct (borrower, source): the counts are the same.
 */
export function visibleCounts(seen: readonly (SeenFor & { sourceKey: string })[], consents: ConsentByBorrower): { borrowerCount: number; sourceCount: number } {
  const { observations } = visibleContactPoint(seen, consents);
  return {
    borrowerCount: new Set(observations.map((observation) => observation.borrowerRef)).size,
    sourceCount: new Set(observations.map((observation) => observation.sourceKey)).size,
  };
}

/**
 * The holders of a contact point shown beside it: one is left out when every borrower it is linked to observed the
 * point only in sources their consent in force does not cover (the link itself came from those records), and such
 * borrowers are left out of the holders' borrower refs.
 */
export function visibleHolders<T extends { borrowerRefs: readonly string[] }>(holders: readonly T[], observations: readonly SeenFor[], consents: ConsentByBorrower): T[] {
  const observedBy = new Set(observations.map((observation) => observation.borrowerRef));
  const allowing = new Set(allowingBorrowers(observations, consents));
  const shown = (ref: string) => allowing.has(ref) || !observedBy.has(ref);
  return holders
    .filter((holder) => holder.borrowerRefs.length === 0 || holder.borrowerRefs.some(shown))
    .map((holder) => ({ ...holder, borrowerRefs: holder.borrowerRefs.filter(shown) }));
}

/** Distinct, sorted borrower refs: an unmasked read is audited once per borrower it touches. */
export function borrowersTouched(refs: Iterable<string | null | undefined>): string[] {
  return [...new Set([...refs].filter((ref): ref is string => typeof ref === 'string' && ref !== ''))].sort();
}

// 'phones' compares counts and 'mobile' is masked when the suggestion is made.
const SHOWN_AS_IS = new Set(['province', 'city', 'district', 'relation', 'estateLocation', 'phones', 'mobile']);
const HIDDEN = '****';

/**
 * A compared value of a match suggestion as a masked answer shows it: names masked like names, the administrative parts of an address and a relation as they are, everything else (road, number, estate,
 * building, room) hidden.
 */
export function maskComparedValue(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return value;
  if (SHOWN_AS_IS.has(field)) return value;
  if (field === 'name') return maskName(value) ?? HIDDEN;
  return HIDDEN;
}
