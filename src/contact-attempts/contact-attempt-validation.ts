import { z } from 'zod';
import { DATE_TIME_MAX_LENGTH, isTooFarAhead, TOO_FAR_AHEAD, toDateTime, validateAsOf } from '../common/date-time.js';
import { clip, inputErrors, issueMessages, typeError, withInputProblem } from '../common/input-errors.js';
import { inputProblem, text } from '../common/text.js';
import { ATTEMPT_LIMITS, ATTEMPT_OUTCOMES } from './attempt-outcome.js';

// The platform leaves optional fields empty rather than out: "" counts as not given.
function requiredText(maximum: number) {
  return text({ error: typeError((issue) => (issue.input === undefined || issue.input === null ? 'is required' : 'must be a string')) })
    .min(1, { error: 'is required', abort: true })
    .max(maximum);
}

function optionalText(maximum: number) {
  return text({ error: typeError(() => 'must be a string') })
    .max(maximum)
    .nullish()
    .transform((value) => value || undefined);
}

function informationList(maximum: number) {
  const error = `must be at most ${ATTEMPT_LIMITS.informationEntries} strings of at most ${maximum} characters`;
  return z
    .array(text({ error }).max(maximum, { error }), { error })
    .max(ATTEMPT_LIMITS.informationEntries, { error })
    .nullish()
    .transform((list) => list ?? []);
}

const noteError = `must be a string of at most ${ATTEMPT_LIMITS.note} characters`;
// Empty is "not given"; anything else must be a person id.
const PERSON_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i;

/** One call attempt as the platform reports it; problems read "field: reason". */
export const contactAttemptSchema = z.object(
  {
    borrowerRef: requiredText(ATTEMPT_LIMITS.borrowerRef),
    phone: requiredText(ATTEMPT_LIMITS.phone).meta({ description: 'The number called, raw or E.164' }),
    outcome: z.enum(ATTEMPT_OUTCOMES, {
      error: (issue) => (issue.input === undefined ? 'is required' : `"${clip(String(issue.input))}" is not one of ${ATTEMPT_OUTCOMES.join(', ')}`),
    }),
    attemptedAt: requiredText(DATE_TIME_MAX_LENGTH)
      .transform(toDateTime)
      .refine((time) => !isTooFarAhead(time), { error: TOO_FAR_AHEAD })
      .meta({ format: 'date-time' }),
    callbackRequestedAt: optionalText(DATE_TIME_MAX_LENGTH)
      .transform((value, context) => (value === undefined ? undefined : toDateTime(value, context)))
      .meta({ format: 'date-time', description: 'The contacted person asked to be called back then' }),
    contactedPerson: z
      .string({ error: typeError(() => 'must be a string') })
      .max(ATTEMPT_LIMITS.personId, { abort: true })
      .regex(PERSON_ID, { error: 'must be a person id (UUID) from the contact plan' })
      .nullish()
      .transform((value) => value || undefined)
      .meta({ description: 'personId from the contact plan, when a third party answered' }),
    newInformation: z
      .object(
        {
          note: text({ error: noteError }).max(ATTEMPT_LIMITS.note, { error: noteError }).optional(),
          phones: informationList(ATTEMPT_LIMITS.informationPhone),
          addresses: informationList(ATTEMPT_LIMITS.informationAddress),
        },
        { error: typeError(() => 'must be an object') },
      )
      .nullish()
      .transform((information) => information ?? undefined)
      .meta({ description: 'What the contact said: becomes a lead with them as its source' }),
  },
  { error: typeError(() => 'must be a JSON object') },
);

export type ValidAttempt = z.output<typeof contactAttemptSchema>;

/** What one reported attempt may hold before its fields are looked at. */
const ATTEMPT_INPUT_LIMITS = { maxDepth: 8, maxStringLength: 10_000 };

/** Validates one attempt the platform reports as of `now`; problems come back as "field: reason". */
export function validateContactAttempt(input: unknown, now: Date = new Date()): { valid: true; attempt: ValidAttempt } | { valid: false; errors: string[] } {
  // The whole attempt, unknown fields included, is checked for storable text and depth first.
  const problem = inputProblem(input, ATTEMPT_INPUT_LIMITS);
  if (problem?.tooDeep) return { valid: false, errors: withInputProblem([], problem, 'attempt') };
  const result = validateAsOf(now, () => contactAttemptSchema.safeParse(input, { error: inputErrors }));
  if (result.success && !problem) return { valid: true, attempt: result.data };
  // A list of new information gets one reason, not one per entry.
  const issues = result.success ? [] : result.error.issues.map((issue) => (issue.path[0] === 'newInformation' ? { ...issue, path: issue.path.slice(0, 2) } : issue));
  const named = problem?.path[0] === 'newInformation' ? { ...problem, path: problem.path.slice(0, 2) } : problem;
  return { valid: false, errors: [...new Set(withInputProblem(issueMessages(issues, 'attempt'), named, 'attempt'))] };
}
