import type { PlanStaleFlag } from './stale-flag-ranking.js';
import type { ConsentState } from '../consent/consent-in-force.js';
import type { LinkRelation } from '../matching/person-resolution.js';
import type { AttemptOutcome } from './contact-rules.js';
import type { PersonKind } from '../matching/entity-kinds.js';

/** Everything a contact plan is built from, loaded for one borrower in a handful of queries. */
export interface PlanData {
  borrowerId: string;
  borrowerRef: string;
  /** The borrower's own person; undefined when only contact records name the borrower. */
  selfPersonId?: string;
  consent: ConsentState;
  persons: PlanPerson[];
  /** Declared relations: the borrower's to their persons, and a contact's own (when the contact is another borrower). */
  relations: { fromPersonId: string; toPersonId: string; relation: LinkRelation }[];
  personPoints: { personId: string; contactPointId: string }[];
  points: PlanContactPoint[];
  attempts: PlanAttempt[];
  leads: PlanLead[];
  repair?: { id: string; status: string; startedAt: Date; finishedAt: Date | null; candidateContactPointIds: string[]; sources: string[] };
  /** Open stale-contact flags on the borrower's points (the nightly scan's). */
  staleFlags?: PlanStaleFlag[];
}

export interface PlanPerson {
  id: string;
  kind: PersonKind;
  name?: string;
  relationLabels: string[];
  doNotContact: boolean;
  /** Record versions about the person by source kind: a person seen only externally needs consent. */
  internalRecords: number;
  externalRecords: number;
  sourceKeys: string[];
  otherBorrowers: string[];
}

export interface PlanContactPoint {
  id: string;
  kind: 'phone' | 'address';
  e164?: string;
  extension?: string;
  subtype?: string;
  /** `text`, the newest raw address, is read for an unmasked plan only, the one plan that shows it. */
  address?: { province?: string; city?: string; district?: string; text?: string };
  firstSeenAt: Date;
  lastSeenAt: Date;
  borrowerCount: number;
  sources: { key: string; trust: number; kind: 'internal' | 'external' }[];
  /** Newest first, at most 20; kept only for the borrower's own points (ownContactPointIds), the only ones the plan lists them for. */
  observations: { sourceKey: string; sourceRecordId: string; observedAt: Date }[];
}

export interface PlanAttempt {
  contactPointId: string;
  contactedPersonId?: string;
  outcome: AttemptOutcome;
  attemptedAt: Date;
  callbackRequestedAt?: Date;
}

export interface PlanLead {
  informantPersonId?: string;
  contactPointIds: string[];
  createdAt: Date;
  note?: string;
}
