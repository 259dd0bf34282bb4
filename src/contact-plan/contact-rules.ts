import type { AttemptOutcome } from '../contact-attempts/attempt-outcome.js';
/**
 * When a collector may next contact a borrower or a third party (a relative, colleague or other contact).
 * All clock rules are applied in the borrower's local time, so every decision goes through the time zone helpers
 * below instead of the server clock.
 */

export interface ContactRules {
  /** IANA zone of the borrower's local time, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** No contact in [start, end) local time; start > end means the window wraps past midnight ('22:00' to '08:00'). */
  quietHours: { start: string; end: string };
  /** Connected (answered) calls to the borrower per local calendar day. */
  maximumConnectedCallsPerDay: number;
  /** How often a third party may be asked about the borrower's whereabouts, unless they asked to be called back. */
  thirdPartyLocationInquiries: number;
}

export type { AttemptOutcome };

export interface AttemptRecord {
  attemptedAt: Date;
  outcome: AttemptOutcome;
  /** The contacted person asked to be called back at this time. */
  callbackRequestedAt?: Date;
}

export type ContactBlock = 'quiet_hours' | 'daily_call_limit' | 'contact_limit' | 'do_not_contact';

export interface ContactAllowance {
  /** null: never (do not contact, or contact limit reached without a callback request). */
  nextAllowedAt: Date | null;
  blockedBy?: ContactBlock;
}

export interface LocalDate {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

export interface WallClockTime {
  hour: number;
  minute: number;
}

const MILLISECONDS_PER_DAY = 86_400_000;
const SECONDS_PER_DAY = 86_400;
const CLOCK_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MIDNIGHT: WallClockTime = { hour: 0, minute: 0 };

// Building a DateTimeFormat costs far more than formatting with it, and every decision formats several instants.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// formatToParts costs microseconds and a plan asks for the same few seconds (now, the day's boundaries)
// many times: remember recent answers. A zone's wall clock at a given second never changes.
const LOCAL_TIME_CACHE_SIZE = 4096;
const localTimes = new Map<string, Map<number, LocalDateTime>>();

/** The wall-clock date and time shown in `timeZone` at the instant `at`. */
export function localDateTime(at: Date, timeZone: string): LocalDateTime {
  // Date components are floored, so every millisecond of a second shows the same wall clock.
  const second = Math.floor(at.getTime() / 1000);
  let zone = localTimes.get(timeZone);
  const known = zone?.get(second);
  if (known) return { ...known };
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((candidate) => candidate.type === type)?.value);
  const local: LocalDateTime = {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    // Some ICU versions print midnight as 24 even with h23.
    hour: part('hour') % 24,
    minute: part('minute'),
    second: part('second'),
  };
  if (!zone || zone.size >= LOCAL_TIME_CACHE_SIZE) {
    zone = new Map();
    localTimes.set(timeZone, zone);
  }
  zone.set(second, local);
  return { ...local };
}

/** Local time minus UTC at `epochMilliseconds`; whole seconds, because Intl does not format milliseconds here. */
function offsetAt(epochMilliseconds: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMilliseconds / 1000) * 1000;
  const local = localDateTime(new Date(wholeSecond), timeZone);
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - wholeSecond;
}

/**
 * Every instant at which `timeZone` shows the wall clock `time` on `date`, earliest first: one normally, two when
 * clocks fall back, none when they spring forward over it.
 */
function wallClockInstants(date: LocalDate, time: WallClockTime, timeZone: string): number[] {
  const wallClock = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // Offsets a day either side fall on both sides of any transition near this wall clock.
  const offsets = new Set([
    offsetAt(wallClock - MILLISECONDS_PER_DAY, timeZone),
    offsetAt(wallClock, timeZone),
    offsetAt(wallClock + MILLISECONDS_PER_DAY, timeZone),
  ]);
  const instants = [...offsets]
    .map((offset) => wallClock - offset)
    .filter((instant) => offsetAt(instant, timeZone) === wallClock - instant);
  return [...new Set(instants)].sort((left, right) => left - right);
}

/**
 * The UTC instant of a local wall-clock time on a local date. Follows Temporal's 'compatible' choice: when clocks
 * fall back, the earlier of the two instants; when they spring forward over the time, the clock is read as if the
 * jump had not happened yet (02:30 in a 02:00 to 03:00 gap becomes 03:30).
 */
export function localTimeToInstant(date: LocalDate, time: WallClockTime, timeZone: string): Date {
  const instants = wallClockInstants(date, time, timeZone);
  if (instants.length > 0) return new Date(instants[0]);
  const wallClock = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  return new Date(wallClock - offsetAt(wallClock - MILLISECONDS_PER_DAY, timeZone));
}

/** Calendar arithmetic on a local date; UTC has no transitions, so it never skips or repeats a day. */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function isSameLocalDate(left: LocalDate, right: LocalDate): boolean {
  return left.year === right.year && left.month === right.month && left.day === right.day;
}

function parseClock(text: unknown, field: string): WallClockTime {
  const match = typeof text === 'string' ? CLOCK_PATTERN.exec(text) : null;
  if (!match) throw new Error(`${field}: must be HH:MM`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

interface QuietWindow {
  start: WallClockTime;
  end: WallClockTime;
  startSecond: number;
  endSecond: number;
  wrapsMidnight: boolean;
}

function quietWindow(rules: ContactRules): QuietWindow {
  const start = parseClock(rules.quietHours.start, 'quietHours.start');
  const end = parseClock(rules.quietHours.end, 'quietHours.end');
  const startSecond = start.hour * 3600 + start.minute * 60;
  const endSecond = end.hour * 3600 + end.minute * 60;
  // An empty or all-day window would make "next allowed" meaningless; parseContactRules rejects it too.
  if (startSecond === endSecond) throw new Error('quietHours: start and end must differ');
  return { start, end, startSecond, endSecond, wrapsMidnight: startSecond > endSecond };
}

function isWithinQuietWindow(secondOfDay: number, window: QuietWindow): boolean {
  return window.wrapsMidnight
    ? secondOfDay >= window.startSecond || secondOfDay < window.endSecond
    : secondOfDay >= window.startSecond && secondOfDay < window.endSecond;
}

function secondOfDay(local: LocalDateTime): number {
  return local.hour * 3600 + local.minute * 60 + local.second;
}

export function isQuietTime(at: Date, rules: ContactRules): boolean {
  return isWithinQuietWindow(secondOfDay(localDateTime(at, rules.timeZone)), quietWindow(rules));
}

/** The earliest instant at or after `at` that is outside quiet hours (`at` itself when it already is). */
export function earliestOutsideQuietHours(at: Date, rules: ContactRules): Date {
  const window = quietWindow(rules);
  let candidate = at.getTime();
  // Each round moves strictly forward; one round is enough except around exotic clock changes.
  for (;;) {
    const local = localDateTime(new Date(candidate), rules.timeZone);
    const second = secondOfDay(local);
    if (!isWithinQuietWindow(second, window)) return new Date(candidate);
    // Before midnight in a wrapping window, the quiet period ends tomorrow; otherwise today.
    const endDate = window.wrapsMidnight && second >= window.startSecond ? addLocalDays(local, 1) : local;
    const ends = wallClockInstants(endDate, window.end, rules.timeZone);
    const end =
      ends.find((instant) => instant > candidate) ?? localTimeToInstant(endDate, window.end, rules.timeZone).getTime();
    candidate = end > candidate ? end : candidate + 60_000;
  }
}

/** Allowed from `earliest` (never before `now`) pushed out of quiet hours; names the rule that delays the contact. */
function allowanceFrom(now: Date, earliest: Date, rules: ContactRules, delayedBy: ContactBlock): ContactAllowance {
  const from = earliest.getTime() > now.getTime() ? earliest : now;
  const allowedAt = earliestOutsideQuietHours(from, rules);
  if (allowedAt.getTime() <= now.getTime()) return { nextAllowedAt: allowedAt };
  return { nextAllowedAt: allowedAt, blockedBy: from === now ? 'quiet_hours' : delayedBy };
}

const DO_NOT_CONTACT: ContactAllowance = { nextAllowedAt: null, blockedBy: 'do_not_contact' };

export function nextAllowedForBorrower(
  now: Date,
  attempts: AttemptRecord[],
  rules: ContactRules,
  doNotContact = false,
): ContactAllowance {
  if (doNotContact) return { ...DO_NOT_CONTACT };
  // The daily cap is per local calendar day, so a call at 00:30 local belongs to that day even if UTC disagrees.
  const today = localDateTime(now, rules.timeZone);
  const answeredToday = attempts.filter(
    (attempt) =>
      attempt.outcome === 'answered' && isSameLocalDate(localDateTime(attempt.attemptedAt, rules.timeZone), today),
  ).length;
  if (answeredToday >= rules.maximumConnectedCallsPerDay) {
    // Tomorrow's first moment outside quiet hours: 08:00 with the usual 22:00 to 08:00 window.
    const tomorrow = localTimeToInstant(addLocalDays(today, 1), MIDNIGHT, rules.timeZone);
    return { nextAllowedAt: earliestOutsideQuietHours(tomorrow, rules), blockedBy: 'daily_call_limit' };
  }
  return allowanceFrom(now, now, rules, 'quiet_hours');
}

export function nextAllowedForThirdParty(
  now: Date,
  attempts: AttemptRecord[],
  rules: ContactRules,
  doNotContact = false,
): ContactAllowance {
  if (doNotContact) return { ...DO_NOT_CONTACT };
  const answered = attempts.filter((attempt) => attempt.outcome === 'answered');
  if (answered.length < rules.thirdPartyLocationInquiries) return allowanceFrom(now, now, rules, 'quiet_hours');
  // A callback request counts only if made during the latest answered call or later: calling back consumes it.
  const lastAnsweredAt = Math.max(...answered.map((attempt) => attempt.attemptedAt.getTime()));
  let callback: AttemptRecord | undefined;
  for (const attempt of attempts) {
    if (!attempt.callbackRequestedAt || attempt.attemptedAt.getTime() < lastAnsweredAt) continue;
    if (!callback || attempt.attemptedAt.getTime() >= callback.attemptedAt.getTime()) callback = attempt;
  }
  if (!callback?.callbackRequestedAt) return { nextAllowedAt: null, blockedBy: 'contact_limit' };
  return allowanceFrom(now, callback.callbackRequestedAt, rules, 'contact_limit');
}

const RULE_KEYS = ['timeZone', 'quietHours', 'maximumConnectedCallsPerDay', 'thirdPartyLocationInquiries'];
const QUIET_HOURS_KEYS = ['start', 'end'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wholeNumberProblem(value: unknown, field: string, minimum: number): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= minimum) return undefined;
  return `${field}: must be a whole number of at least ${minimum}`;
}

/**
 * Validates contact rules read from configuration. Reports every problem at once, and rejects unknown keys so a
 * misspelt compliance setting cannot be silently ignored.
 */
/** What applies when CONFIG_DIR/contact-rules.json is absent. */
export const DEFAULT_CONTACT_RULES = { timeZone: 'Asia/Shanghai', quietHours: { start: '22:00', end: '08:00' }, maximumConnectedCallsPerDay: 3, thirdPartyLocationInquiries: 1 };

export function parseContactRules(json: unknown): ContactRules {
  if (!isRecord(json)) throw new Error('Invalid contact rules: must be an object');
  const problems: string[] = [];
  for (const key of Object.keys(json)) {
    if (!RULE_KEYS.includes(key)) problems.push(`${key}: unknown setting`);
  }

  const { timeZone, quietHours, maximumConnectedCallsPerDay, thirdPartyLocationInquiries } = json;
  if (typeof timeZone !== 'string' || timeZone === '') problems.push('timeZone: must be an IANA time zone name');
  else if (!isValidTimeZone(timeZone)) problems.push(`timeZone: unknown time zone '${timeZone}'`);

  if (!isRecord(quietHours)) {
    problems.push('quietHours: must be an object with start and end');
  } else {
    for (const key of Object.keys(quietHours)) {
      if (!QUIET_HOURS_KEYS.includes(key)) problems.push(`quietHours.${key}: unknown setting`);
    }
    const clockProblems: string[] = [];
    for (const key of QUIET_HOURS_KEYS) {
      try {
        parseClock(quietHours[key], `quietHours.${key}`);
      } catch (error) {
        clockProblems.push((error as Error).message);
      }
    }
    problems.push(...clockProblems);
    if (clockProblems.length === 0 && quietHours.start === quietHours.end) {
      problems.push('quietHours: start and end must differ');
    }
  }

  // Zero calls a day would mean "never call": that is do_not_contact, not a rule.
  const callsProblem = wholeNumberProblem(maximumConnectedCallsPerDay, 'maximumConnectedCallsPerDay', 1);
  if (callsProblem) problems.push(callsProblem);
  // Zero is allowed: third parties are then contacted only when they asked for a callback.
  const inquiriesProblem = wholeNumberProblem(thirdPartyLocationInquiries, 'thirdPartyLocationInquiries', 0);
  if (inquiriesProblem) problems.push(inquiriesProblem);

  if (problems.length > 0) throw new Error(`Invalid contact rules: ${problems.join('; ')}`);
  const validQuietHours = quietHours as { start: string; end: string };
  return {
    timeZone: timeZone as string,
    quietHours: { start: validQuietHours.start, end: validQuietHours.end },
    maximumConnectedCallsPerDay: maximumConnectedCallsPerDay as number,
    thirdPartyLocationInquiries: thirdPartyLocationInquiries as number,
  };
}
