import type { CanonicalRelation } from '../matching/person/relation.js';
import type { ContactBlock } from './contact-rules.js';
import type { Contactability } from './contactability.js';
import type { LostContactStatus } from './lost-contact-status.js';
import type { PhoneValidity } from './lost-contact-status.js';

export type ExclusionReason = 'no_consent' | 'invalid_numbers' | 'do_not_contact' | 'contact_limit';

export interface PlanObservation {
  sourceKey: string;
  sourceRecordId: string;
  observedAt: Date;
}

export interface PlanPhone {
  id: string;
  masked: string;
  /** Only in an unmasked plan. */
  e164?: string;
  extension?: string;
  type?: string;
  validity: PhoneValidity;
  score: number;
  factors: Contactability['factors'];
  nextAllowedAt: Date | null;
  blockedBy?: ContactBlock;
  lastAttempt?: { outcome: string; attemptedAt: Date };
  observations: PlanObservation[];
  /** Open stale-contact flags on this number; a flagged number ranks below its suggested replacement. */
  staleFlags?: { id: string; type: string }[];
}

export interface PlanAddress {
  id: string;
  masked: string;
  text?: string;
  pickupPoint: boolean;
  score: number;
  observations: PlanObservation[];
  staleFlags?: { id: string; type: string }[];
}

export interface PlanThirdParty {
  personId: string;
  name?: string;
  kind: 'individual' | 'organisation';
  relation: CanonicalRelation | 'other';
  distance: number;
  hops: number;
  distanceExplanation: string;
  phones: Pick<PlanPhone, 'id' | 'masked' | 'e164' | 'extension' | 'validity' | 'score'>[];
  sources: string[];
  sharedWithBorrowers: number;
  purpose: 'location_inquiry';
  nextAllowedAt: Date | null;
  blockedBy?: ContactBlock;
}

export interface PlanExclusion {
  personId: string;
  name?: string;
  relation: string;
  reason: ExclusionReason;
}

export interface PlanConflict {
  nearInformant: { personId: string; relation: string };
  farInformants: { personId: string; relation: string }[];
  near: string[];
  far: string[];
  message: string;
}

export interface ContactPlan {
  borrowerRef: string;
  generatedAt: Date;
  masked: boolean;
  status: LostContactStatus;
  statusReason: string;
  guidance: string[];
  consent: { externalSources: boolean; thirdPartyContact: boolean };
  borrowerContacts: { phones: PlanPhone[]; addresses: PlanAddress[] };
  thirdParties: PlanThirdParty[];
  excluded: PlanExclusion[];
  conflicts: PlanConflict[];
  repair: { status: string; startedAt: Date; finishedAt: Date | null; candidates: number; sources: string[] } | null;
}
