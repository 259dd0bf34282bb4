/** What a call attempt can end in, as the collection platform reports it. */
export const ATTEMPT_OUTCOMES = ['answered', 'no_answer', 'rejected', 'busy', 'powered_off', 'invalid_number', 'disconnected', 'wrong_person'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
