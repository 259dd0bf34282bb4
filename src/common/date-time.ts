import { z } from 'zod';
import { clip } from './input-errors.js';
import { text } from './text.js';

// Date, optional time, optional offset. Chinese source systems usually write local time without an offset.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const CHINA_STANDARD_TIME_OFFSET = '+08:00';

/** Longest date-time text read: the longest valid spelling has 35 characters. */
export const DATE_TIME_MAX_LENGTH = 40;

/** Parses an ISO-8601 date-time; without an offset it is China Standard Time (UTC+8). */
export function parseDateTime(value: string): Date | undefined {
  const match = DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '0', offset] = match;
  const normalizedOffset = offset === undefined ? CHINA_STANDARD_TIME_OFFSET : offset === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const milliseconds = fraction.padEnd(3, '0').slice(0, 3);
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${milliseconds}${normalizedOffset}`);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date() rolls 2024-02-30 over to March; reject dates that do not exist.
  const local = new Date(date.getTime() + offsetMinutes(normalizedOffset) * 60_000);
  if (local.getUTCFullYear() !== Number(year) || local.getUTCMonth() + 1 !== Number(month) || local.getUTCDate() !== Number(day)) {
    return undefined;
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return date;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  return sign * (hours * 60 + minutes);
}

/** Clocks drift and time zones confuse; more than this ahead of now is a data error, not an early clock. */
export const FUTURE_TOLERANCE_MILLISECONDS = 24 * 60 * 60 * 1000;
export const TOO_FAR_AHEAD = 'is more than a day in the future';

export function isTooFarAhead(time: Date, now: number = validationNow()): boolean {
  return time.getTime() > now + FUTURE_TOLERANCE_MILLISECONDS;
}

// Zod has no per-parse context, so a batch's arrival time reaches its schemas here. Parsing is
// synchronous: nothing else runs between setting and restoring it.
let pinnedNow: number | undefined;

/** "Now" for the time checks of the validation running: the time given to validateAsOf, else the clock. */
export function validationNow(): number {
  return pinnedNow ?? Date.now();
}

/** Runs a synchronous validation as of `now` (a batch is judged by when it arrived, every record alike). */
export function validateAsOf<T>(now: Date, validate: () => T): T {
  const previous = pinnedNow;
  pinnedNow = now.getTime();
  try {
    return validate();
  } finally {
    pinnedNow = previous;
  }
}

/** Transform for a date-time text: the Date, or an issue quoting the text. */
export function toDateTime(value: string, context: { issues: z.core.$ZodRawIssue[] }): Date {
  const time = parseDateTime(value);
  if (time) return time;
  context.issues.push({ code: 'custom', input: value, message: `"${clip(value)}" is not an ISO-8601 date-time (e.g. 2024-05-01T09:30:00+08:00)` });
  return z.NEVER;
}

/** A date-time input read as a Date; `notAhead` refuses times more than a day after now. */
export function dateTime(options: { notAhead?: boolean } = {}) {
  const time = text().max(DATE_TIME_MAX_LENGTH).transform(toDateTime);
  return (options.notAhead ? time.refine((value) => !isTooFarAhead(value), { error: TOO_FAR_AHEAD }) : time).meta({ format: 'date-time' });
}
