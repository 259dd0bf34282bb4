import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isTooFarAhead, parseDateTime, TOO_FAR_AHEAD, toDateTime, validateAsOf } from '../common/date-time.js';
import { describeType, inputErrors, issueMessages, typeError } from '../common/input-errors.js';
import { compact } from '../common/objects.js';
import { text, wellFormedText } from '../common/text.js';
import { ADDRESS_KINDS, RECORD_LIMITS, SUBJECT_ROLES, type SourceRecordPayload } from './source-record.js';

export { RECORD_LIMITS };

export type RecordValidation = { valid: true; payload: SourceRecordPayload; observedAt: Date } | { valid: false; errors: string[] };

/** The one date-time reading of the API, under the name the records have always used. */
export const parseObservedAt = parseDateTime;

function requiredText(maximum: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : undefined) })
    .refine((value) => value.trim() !== '', { error: 'must not be empty', abort: true })
    .max(maximum, { abort: true })
    .check(wellFormedText);
}

/** Missing, null and blank are all "not given": none of them is stored. */
function optionalText(maximum: number) {
  return z
    .string()
    // Blank however long (a padded fixed-width column): emptied before the limit is checked.
    .overwrite((value) => (value.trim() === '' ? '' : value))
    .max(maximum, { abort: true })
    .check(wellFormedText)
    .nullish()
    .transform((value) => value || undefined);
}

// Zod skips the entries of an oversized list; a source fixes everything at once when each bad entry is named too.
const checkEveryEntry = () => {};

const objectError = typeError((issue) => (issue.input === undefined ? 'is required' : 'must be an object'));

const address = z
  .object({ text: requiredText(RECORD_LIMITS.address), kind: z.enum(ADDRESS_KINDS).nullish() }, { error: typeError(() => 'must be an object with a text field') })
  .transform(({ text, kind }) => compact({ text, kind: kind ?? undefined }));

/** One record as a source sends it; the output is the payload stored. Problems read "field: reason". */
export const sourceRecordSchema = z
  .object(
    {
      sourceRecordId: requiredText(RECORD_LIMITS.sourceRecordId).meta({ description: 'Unique within the source' }),
      observedAt: z
        .string({ error: typeError((issue) => (issue.input === undefined ? 'is required' : 'must be a string (ISO-8601 date-time)')) })
        .transform(toDateTime)
        .refine((time) => !isTooFarAhead(time), { error: TOO_FAR_AHEAD, abort: true })
        .refine((time) => time.getTime() >= RECORD_LIMITS.earliestObservedAt, { error: 'is before 1990, not a plausible observation time' })
        .transform((time) => time.toISOString())
        .meta({ format: 'date-time', description: 'When the source saw it (ISO-8601; without an offset, China Standard Time)' }),
      borrower: z
        .object(
          {
            ref: requiredText(RECORD_LIMITS.borrowerRef).meta({ description: "The lender's borrower id" }),
            name: optionalText(RECORD_LIMITS.name),
            idNumber: optionalText(RECORD_LIMITS.idNumber).meta({ description: 'Resident identity number' }),
          },
          { error: objectError },
        )
        .transform(compact),
      subject: z
        .object(
          {
            role: z.enum(SUBJECT_ROLES, { error: (issue) => (issue.input === undefined ? 'is required (borrower or contact)' : undefined) }),
            name: optionalText(RECORD_LIMITS.name),
            relation: optionalText(RECORD_LIMITS.relation).meta({ description: 'Canonical relation or the label the source writes (配偶, 父亲, 同事 ...)' }),
          },
          { error: objectError },
        )
        .transform(compact),
      phones: z
        .array(text().max(RECORD_LIMITS.phone, { abort: true }), {
          error: typeError((issue) => `must be an array of strings, got ${describeType(issue.input)}`),
        })
        .check(checkEveryEntry)
        .max(RECORD_LIMITS.phonesPerRecord)
        .nullish()
        .transform((phones) => phones ?? [])
        .meta({ description: 'Raw strings exactly as the source holds them (missing means none)' }),
      addresses: z
        .array(address)
        .check(checkEveryEntry)
        .max(RECORD_LIMITS.addressesPerRecord)
        .nullish()
        .transform((addresses) => addresses ?? []),
      employer: z
        .object({ name: requiredText(RECORD_LIMITS.employerName), phone: optionalText(RECORD_LIMITS.phone) }, { error: typeError(() => 'must be an object') })
        .nullish()
        .transform((employer) => (employer ? compact(employer) : undefined)),
    },
    { error: typeError(() => 'must be a JSON object') },
  )
  .transform((record): SourceRecordPayload => compact(record));

/** Validates one record of an ingest batch as of `now`; every problem is reported as "field: reason". */
export function validateSourceRecord(input: unknown, now: Date = new Date()): RecordValidation {
  const result = validateAsOf(now, () => sourceRecordSchema.safeParse(input, { error: inputErrors }));
  if (!result.success) return { valid: false, errors: issueMessages(result.error.issues, 'record') };
  return { valid: true, payload: result.data, observedAt: new Date(result.data.observedAt) };
}

/** SHA-256 of canonical JSON (sorted keys): the same content always hashes the same. */
export function contentHash(payload: SourceRecordPayload): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
