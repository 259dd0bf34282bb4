import { parseObservedAt } from '../records/source-record-validation.js';
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from './attempt-outcome.js';

export interface ValidAttempt {
  borrowerRef: string;
  phone: string;
  outcome: AttemptOutcome;
  attemptedAt: Date;
  contactedPerson?: string;
  callbackRequestedAt?: Date;
  newInformation?: { phones: string[]; addresses: string[]; note?: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = 24 * 3600 * 1000;

/** Validates one attempt the platform reports; problems come back as "field: reason". */
export function validateContactAttempt(input: unknown, now: Date = new Date()): { valid: true; attempt: ValidAttempt } | { valid: false; errors: string[] } {
  const errors: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { valid: false, errors: ['attempt: must be a JSON object'] };
  const value = input as Record<string, unknown>;
  const text = (key: string, maximum: number, required = true): string | undefined => {
    const field = value[key];
    if (field === undefined || field === null || field === '') {
      if (required) errors.push(`${key}: is required`);
      return undefined;
    }
    if (typeof field !== 'string') errors.push(`${key}: must be a string`);
    else if (field.length > maximum) errors.push(`${key}: is ${field.length} characters, at most ${maximum} allowed`);
    else return field;
    return undefined;
  };
  const time = (key: string, required: boolean): Date | undefined => {
    const raw = text(key, 40, required);
    if (raw === undefined) return undefined;
    const parsed = parseObservedAt(raw);
    if (!parsed) errors.push(`${key}: "${raw}" is not an ISO-8601 date-time`);
    return parsed;
  };
  const borrowerRef = text('borrowerRef', 100);
  const phone = text('phone', 64);
  const outcome = value.outcome;
  if (!ATTEMPT_OUTCOMES.includes(outcome as AttemptOutcome)) {
    errors.push(outcome === undefined ? 'outcome: is required' : `outcome: "${String(outcome).slice(0, 40)}" is not one of ${ATTEMPT_OUTCOMES.join(', ')}`);
  }
  const attemptedAt = time('attemptedAt', true);
  if (attemptedAt && attemptedAt.getTime() > now.getTime() + DAY) errors.push('attemptedAt: is more than a day in the future');
  const callbackRequestedAt = time('callbackRequestedAt', false);
  const contactedPerson = text('contactedPerson', 36, false);
  if (contactedPerson !== undefined && !UUID.test(contactedPerson)) errors.push('contactedPerson: must be a person id (UUID) from the contact plan');

  let newInformation: ValidAttempt['newInformation'];
  if (value.newInformation !== undefined && value.newInformation !== null) {
    const information = value.newInformation as Record<string, unknown>;
    if (typeof information !== 'object' || Array.isArray(information)) errors.push('newInformation: must be an object');
    else {
      const list = (key: string, maximum: number): string[] => {
        const items = information[key];
        if (items === undefined || items === null) return [];
        if (!Array.isArray(items) || items.some((item) => typeof item !== 'string' || item.length > maximum) || items.length > 20) {
          errors.push(`newInformation.${key}: must be at most 20 strings of at most ${maximum} characters`);
          return [];
        }
        return items as string[];
      };
      const note = information.note;
      if (note !== undefined && (typeof note !== 'string' || note.length > 1000)) errors.push('newInformation.note: must be a string of at most 1000 characters');
      newInformation = { phones: list('phones', 64), addresses: list('addresses', 500), note: typeof note === 'string' ? note : undefined };
    }
  }
  if (errors.length > 0) return { valid: false, errors };
  return { valid: true, attempt: { borrowerRef: borrowerRef!, phone: phone!, outcome: outcome as AttemptOutcome, attemptedAt: attemptedAt!, contactedPerson, callbackRequestedAt, newInformation } };
}
