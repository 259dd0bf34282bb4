import type { ConsentState } from '../consent/consent-in-force.js';
import { DEFAULT_DISTANCE_WEIGHTS } from '../graph/relation-distance.js';
import type { LinkRelation } from '../matching/person-resolution.js';
import { buildContactPlan, type PlanOptions } from './contact-plan.builder.js';
import type { ContactPlan } from './contact-plan.types.js';
import type { ContactRules } from './contact-rules.js';
import type { PlanAttempt, PlanContactPoint, PlanData, PlanLead, PlanPerson } from './plan-data.js';

// Plan data builders shared by contact-plan.builder.spec.ts and contact-plan.builder-rules.spec.ts.

export const BORROWER_ID = 'borrower-1';
export const SELF = 'person-self';
/** 12:00 in Shanghai. */
export const NOW = new Date('2026-06-01T04:00:00Z');
export const RULES: ContactRules = { timeZone: 'Asia/Shanghai', quietHours: { start: '22:00', end: '08:00' }, maximumConnectedCallsPerDay: 3, thirdPartyLocationInquiries: 1 };
export const LOAN_APPLICATION = { key: 'loan-application', trust: 0.9, kind: 'internal' } as const;
export const ALL_CONSENT: ConsentState = { externalSources: true, thirdPartyContact: true };

export type Parts = Pick<PlanData, 'persons' | 'relations' | 'personPoints' | 'points'>;

export function aPlanData(overrides: Partial<PlanData> = {}): PlanData {
  return { borrowerId: BORROWER_ID, borrowerRef: 'LOAN-2026-0001', selfPersonId: SELF, consent: ALL_CONSENT, persons: [], relations: [], personPoints: [], points: [], attempts: [], leads: [], ...overrides };
}

export function aPerson(id: string, overrides: Partial<PlanPerson> = {}): PlanPerson {
  return { id, kind: 'individual', relationLabels: [], doNotContact: false, internalRecords: 1, externalRecords: 0, sourceKeys: [LOAN_APPLICATION.key], otherBorrowers: [], ...overrides };
}

export function aPoint(id: string, kind: PlanContactPoint['kind'], overrides: Partial<PlanContactPoint>): PlanContactPoint {
  const sources = overrides.sources ?? [LOAN_APPLICATION];
  const lastSeenAt = overrides.lastSeenAt ?? new Date('2026-05-01T00:00:00Z');
  return {
    id,
    kind,
    firstSeenAt: new Date('2025-01-01T00:00:00Z'),
    lastSeenAt,
    borrowerCount: 1,
    sources,
    observations: sources.map((source) => ({ sourceKey: source.key, sourceRecordId: `${source.key}-record-of-${id}`, observedAt: lastSeenAt })),
    ...overrides,
  };
}

export function aPhonePoint(id: string, e164: string, overrides: Partial<PlanContactPoint> = {}): PlanContactPoint {
  return aPoint(id, 'phone', { e164, subtype: 'mobile', ...overrides });
}

export function anAddressPoint(id: string, address: NonNullable<PlanContactPoint['address']>, overrides: Partial<PlanContactPoint> = {}): PlanContactPoint {
  return aPoint(id, 'address', { address, ...overrides });
}

export function anAttempt(contactPointId: string, outcome: PlanAttempt['outcome'], attemptedAt: string, overrides: Partial<PlanAttempt> = {}): PlanAttempt {
  return { contactPointId, outcome, attemptedAt: new Date(attemptedAt), ...overrides };
}

export function aLead(informantPersonId: string | undefined, ...contactPointIds: string[]): PlanLead {
  return { informantPersonId, contactPointIds, createdAt: new Date('2026-05-31T00:00:00Z') };
}

/** The borrower's own points. */
export function own(...points: PlanContactPoint[]): Parts {
  return { persons: [], relations: [], personPoints: points.map((point) => ({ personId: SELF, contactPointId: point.id })), points };
}

/** A person declared as `relation` of `from` (the borrower unless given), holding `points`. */
export function contact(person: PlanPerson, relation: LinkRelation, points: PlanContactPoint[] = [], from = SELF): Parts {
  return {
    persons: [person],
    relations: [{ fromPersonId: from, toPersonId: person.id, relation }],
    personPoints: points.map((point) => ({ personId: person.id, contactPointId: point.id })),
    points,
  };
}

export function merge(...parts: Parts[]): Parts {
  const points = new Map(parts.flatMap((part) => part.points).map((point) => [point.id, point]));
  return {
    persons: parts.flatMap((part) => part.persons),
    relations: parts.flatMap((part) => part.relations),
    personPoints: parts.flatMap((part) => part.personPoints),
    points: [...points.values()],
  };
}

/** Builds the plan at NOW under RULES with the default distance weights, masked, unless overridden. */
export function plan(data: PlanData, overrides: Partial<PlanOptions> = {}): ContactPlan {
  return buildContactPlan(data, { now: NOW, rules: RULES, distanceWeights: DEFAULT_DISTANCE_WEIGHTS, unmasked: false, ...overrides });
}

export const ids = (entries: { personId: string }[]) => entries.map((entry) => entry.personId);
