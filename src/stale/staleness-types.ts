/** The stale scan's rules, their settings and what they read and decide: the shapes shared by staleness.ts and its callers. */
import type { ConsentState } from '../consent/consent-in-force.js';
import type { AttemptOutcome } from '../contact-attempts/attempt-outcome.js';
import type { SourceKind, SourceSystem } from '../sources/source-types.js';

export const STALE_FLAG_TYPES = ['contact_changed', 'not_seen_recently', 'invalid_feedback', 'job_change'] as const;
export type StaleFlagType = (typeof STALE_FLAG_TYPES)[number];

export interface StaleRules {
  /** contact_changed looks at observations this many days back. */
  recentWindowDays: number;
  /** How often another personal mobile must appear in that window to be the suggested replacement. */
  minimumOtherSightings: number;
  /** How long a sighting by each source system keeps a contact point fresh. */
  freshnessDays: Record<SourceSystem, number>;
  /** An answered call confirms a phone for this long. */
  answeredCallFreshnessDays: number;
  /** More than `changes` employer changes within `windowDays` raise job_change. */
  jobChange: { changes: number; windowDays: number };
  /** Outcomes that say the number is dead or is not the borrower's. */
  invalidOutcomes: readonly AttemptOutcome[];
}

export const DEFAULT_STALE_RULES: StaleRules = {
  recentWindowDays: 90,
  minimumOtherSightings: 2,
  // A delivery address goes stale within months; an application lasts longer than a bureau report.
  freshnessDays: {
    logistics: 120,
    telemarketing: 180,
    customer_service: 365,
    sales: 365,
    industry_shared: 365,
    public_directory: 365,
    credit_bureau: 365,
    other: 365,
    approval: 730,
  },
  answeredCallFreshnessDays: 90,
  jobChange: { changes: 3, windowDays: 365 },
  invalidOutcomes: ['invalid_number', 'disconnected', 'wrong_person'],
};

export interface SourceFacts {
  key: string;
  system: SourceSystem;
  kind: SourceKind;
}

export interface PointFacts {
  id: string;
  kind: 'phone' | 'address';
  subtype: string | null;
}

/** The latest observation of a point by one source (for this borrower). */
export interface Sighting {
  contactPointId: string;
  sourceKey: string;
  observationId: string;
  observedAt: Date;
}

export interface RecentObservation {
  observationId: string;
  contactPointId: string;
  sourceKey: string;
  observedAt: Date;
}

export interface AttemptRef {
  id: string;
  at: Date;
  outcome: AttemptOutcome;
}

/** Call outcomes on one point, summarised by the database. */
export interface PointAttempts {
  contactPointId: string;
  /** Some call reached it without naming a third party (the own-points rule). */
  unnamed: boolean;
  lastInvalid: AttemptRef | null;
  invalidCount: number;
  lastAnswered: AttemptRef | null;
}

export interface EmployerSighting {
  name: string;
  sourceKey: string;
  observedAt: Date;
}

/** Everything the rules look at for one borrower. */
export interface BorrowerStaleFacts {
  borrowerId: string;
  consent: ConsentState;
  selfPersonId: string | undefined;
  /** Persons linked to the borrower other than the borrower. */
  contacts: number;
  personPoints: { personId: string; contactPointId: string }[];
  points: PointFacts[];
  sightings: Sighting[];
  recent: RecentObservation[];
  attempts: PointAttempts[];
  employers: EmployerSighting[];
}

export interface EvidenceObservation {
  observationId: string;
  contactPointId: string;
  sourceKey: string;
  system: SourceSystem;
  observedAt: string;
}

export interface FlagEvidence {
  summary: string;
  observations: EvidenceObservation[];
  attempts?: { id: string; outcome: AttemptOutcome; attemptedAt: string }[];
  /** job_change: when and where each new employer appeared (names stay in the records). */
  employerChanges?: { sourceKey: string; observedAt: string }[];
  [detail: string]: unknown;
}

export type SuggestedAction =
  | { action: 'verify_replacement'; contactPointId: string; why: string }
  | { action: 'call_own_number'; contactPointId: string; why: string }
  | { action: 'ask_contacts'; contacts: number; why: string };

export interface WantedFlag {
  contactPointId: string | null;
  type: StaleFlagType;
  evidence: FlagEvidence;
  suggestedReplacementId: string | null;
  suggestedActions: SuggestedAction[];
}

/** What confirmed a contact again: kept on a closed flag. */
export interface ClosedBecause {
  summary: string;
  observations?: EvidenceObservation[];
  attempts?: { id: string; outcome: AttemptOutcome; attemptedAt: string }[];
}

export interface StaleAssessment {
  wanted: WantedFlag[];
  /** Per flag key (flagKey), the evidence that speaks for the contact now. */
  confirmations: Map<string, ClosedBecause>;
}

export function flagKey(flag: { contactPointId: string | null; type: StaleFlagType }): string {
  return `${flag.type}:${flag.contactPointId ?? '-'}`;
}
