/**
 * The borrower's lost-contact status (失联状态) judged from call outcomes on the borrower's own numbers.
 * subjective_lost (主观失联): a line works but the borrower avoids calls. objective_lost (客观失联): every number on
 * file is dead, so only a repair run over consented sources can find a new one.
 */
import type { AttemptOutcome } from './contact-rules.js';

export type LostContactStatus = 'reachable' | 'subjective_lost' | 'objective_lost' | 'unknown';

export interface PhoneAttempt {
  attemptedAt: Date;
  outcome: AttemptOutcome;
}

export interface PhoneAttemptHistory {
  contactPointId: string;
  attempts: PhoneAttempt[];
}

export interface StatusAssessment {
  status: LostContactStatus;
  /** One sentence for the collector. */
  reason: string;
  workingNumbers: number;
  deadNumbers: number;
  untriedNumbers: number;
}

export interface LostContactOptions {
  /** Days back from `now` that count as recent; default 30. */
  recentDays?: number;
  /** Unanswered, rejected or busy calls in the recent window needed to call it avoidance; default 3. */
  unansweredToSubjective?: number;
}

export type PhoneValidity = 'valid' | 'invalid' | 'unknown';

const MILLISECONDS_PER_DAY = 86_400_000;
const DEFAULT_RECENT_DAYS = 30;
const DEFAULT_UNANSWERED_TO_SUBJECTIVE = 3;

// What each outcome proves about the line; a Record so a new outcome cannot be added without deciding this.
const LINE_EVIDENCE: Record<AttemptOutcome, PhoneValidity> = {
  answered: 'valid',
  no_answer: 'valid', // it rang
  rejected: 'valid', // someone declined the call
  busy: 'valid',
  wrong_person: 'valid', // the line works, it just is not the borrower's (any more)
  invalid_number: 'invalid',
  disconnected: 'invalid',
  powered_off: 'unknown', // a phone switched off still exists
};

// Calls the borrower could have taken but did not: the evidence of avoidance.
const AVOIDANCE_OUTCOMES: ReadonlySet<AttemptOutcome> = new Set(['no_answer', 'rejected', 'busy']);

// Outcomes after which an earlier answer no longer shows the borrower can be reached on that number.
const LOST_LINE_OUTCOMES: ReadonlySet<AttemptOutcome> = new Set(['invalid_number', 'disconnected', 'wrong_person']);

/**
 * Whether a number works, from its latest decisive outcome (everything but powered_off). Latest wins even over an
 * earlier disconnection, since numbers get reassigned; on equal times the later entry in the list wins.
 */
export function phoneValidity(attempts: PhoneAttempt[]): PhoneValidity {
  let latest: PhoneAttempt | undefined;
  for (const attempt of attempts) {
    if (LINE_EVIDENCE[attempt.outcome] === 'unknown') continue;
    if (!latest || attempt.attemptedAt.getTime() >= latest.attemptedAt.getTime()) latest = attempt;
  }
  return latest ? LINE_EVIDENCE[latest.outcome] : 'unknown';
}

/** The borrower answered on this number in the window, and nothing since shows the number lost or reassigned. */
function answeredRecently(attempts: PhoneAttempt[], windowStart: number): boolean {
  const lastAnswer = Math.max(
    ...attempts
      .filter((attempt) => attempt.outcome === 'answered' && attempt.attemptedAt.getTime() >= windowStart)
      .map((attempt) => attempt.attemptedAt.getTime()),
  );
  if (lastAnswer === -Infinity) return false;
  return !attempts.some(
    (attempt) => LOST_LINE_OUTCOMES.has(attempt.outcome) && attempt.attemptedAt.getTime() > lastAnswer,
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function positiveOption(value: number | undefined, fallback: number, name: string, whole: boolean): number {
  const resolved = value ?? fallback;
  if (!Number.isFinite(resolved) || resolved <= 0 || (whole && !Number.isInteger(resolved))) {
    throw new RangeError(`${name}: must be a positive ${whole ? 'whole number' : 'number'}`);
  }
  return resolved;
}

/**
 * Judges the status as of `now`; attempts after `now` are ignored so a past day can be replayed. The rules, first
 * match wins:
 * 1. No numbers, or none ever called: unknown.
 * 2. The borrower answered on a number in the recent window that has not died or changed hands since: reachable.
 * 3. Every number on file is dead (invalid_number or disconnected last): objective_lost.
 * 4. A number works, and the window holds enough unanswered, rejected or busy calls on working numbers:
 *    subjective_lost. wrong_person proves the line works but is neither an answer nor avoidance by the borrower.
 * 5. Otherwise unknown: numbers remain untried or only switched off, or there are too few calls to judge.
 */
export function assessLostContact(
  phones: PhoneAttemptHistory[],
  now: Date,
  options: LostContactOptions = {},
): StatusAssessment {
  const recentDays = positiveOption(options.recentDays, DEFAULT_RECENT_DAYS, 'recentDays', false);
  const unansweredToSubjective = positiveOption(
    options.unansweredToSubjective,
    DEFAULT_UNANSWERED_TO_SUBJECTIVE,
    'unansweredToSubjective',
    true,
  );
  const windowStart = now.getTime() - recentDays * MILLISECONDS_PER_DAY;
  const histories = phones.map((phone) =>
    phone.attempts.filter((attempt) => attempt.attemptedAt.getTime() <= now.getTime()),
  );
  const validities = histories.map(phoneValidity);
  const workingNumbers = validities.filter((validity) => validity === 'valid').length;
  const deadNumbers = validities.filter((validity) => validity === 'invalid').length;
  const untriedNumbers = histories.filter((attempts) => attempts.length === 0).length;
  const switchedOffNumbers = phones.length - workingNumbers - deadNumbers - untriedNumbers;
  const assessment = (status: LostContactStatus, reason: string): StatusAssessment => ({
    status,
    reason,
    workingNumbers,
    deadNumbers,
    untriedNumbers,
  });
  const window = `the last ${plural(recentDays, 'day')}`;

  if (phones.length === 0) return assessment('unknown', 'No phone numbers are on file for the borrower.');
  if (untriedNumbers === phones.length) {
    return assessment('unknown', `None of the ${plural(phones.length, 'number')} on file has been called yet.`);
  }

  if (histories.some((attempts) => answeredRecently(attempts, windowStart))) {
    return assessment('reachable', `The borrower answered a call in ${window}.`);
  }

  if (deadNumbers === phones.length) {
    return assessment(
      'objective_lost',
      `All ${plural(phones.length, 'number')} on file are dead (invalid or disconnected); run a repair over consented sources.`,
    );
  }

  // Only calls to lines that still work show avoidance; misses on a number that has since died prove nothing.
  const unansweredCalls = histories
    .filter((_, index) => validities[index] === 'valid')
    .flat()
    .filter((attempt) => AVOIDANCE_OUTCOMES.has(attempt.outcome) && attempt.attemptedAt.getTime() >= windowStart)
    .length;
  if (workingNumbers > 0 && unansweredCalls >= unansweredToSubjective) {
    const untried = untriedNumbers > 0 ? `; ${plural(untriedNumbers, 'number')} still untried` : '';
    return assessment(
      'subjective_lost',
      `A working number rings but ${plural(unansweredCalls, 'call')} in ${window} went unanswered, rejected or busy${untried}.`,
    );
  }

  const deadPrefix = deadNumbers > 0 ? `${plural(deadNumbers, 'number')} dead, but ` : '';
  if (untriedNumbers > 0) {
    const one = untriedNumbers === 1;
    return assessment(
      'unknown',
      `${deadPrefix}${untriedNumbers} of ${plural(phones.length, 'number')} ${one ? 'has' : 'have'} not been tried yet; call ${one ? 'it' : 'them'} before judging.`,
    );
  }
  if (workingNumbers === 0) {
    const one = switchedOffNumbers === 1;
    return assessment(
      'unknown',
      `${deadPrefix}${plural(switchedOffNumbers, 'number')} ${one ? 'has' : 'have'} only been found switched off; call again to learn whether ${one ? 'it works' : 'they work'}.`,
    );
  }
  return assessment(
    'unknown',
    `${unansweredCalls === 0 ? 'No unanswered calls' : `Only ${plural(unansweredCalls, 'unanswered call')}`} on working numbers in ${window}; ${unansweredToSubjective} needed to judge avoidance.`,
  );
}
