import { RECORD_LIMITS } from '../records/source-record.js';

/** What a call attempt can end in, as the collection platform reports it. */
export const ATTEMPT_OUTCOMES = ['answered', 'no_answer', 'rejected', 'busy', 'powered_off', 'invalid_number', 'disconnected', 'wrong_person'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Limits of a reported attempt; a borrower ref, a phone or an address is held to its limit in a source record. */
export const ATTEMPT_LIMITS = {
  borrowerRef: RECORD_LIMITS.borrowerRef,
  phone: RECORD_LIMITS.phone,
  personId: 36,
  informationEntries: 20,
  informationPhone: RECORD_LIMITS.phone,
  informationAddress: RECORD_LIMITS.address,
  note: 1000,
} as const;
