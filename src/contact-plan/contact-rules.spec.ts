import { describe, expect, it } from 'vitest';
import {
  isQuietTime,
  nextAllowedForBorrower,
  nextAllowedForThirdParty,
  parseContactRules,
  type AttemptOutcome,
  type AttemptRecord,
} from './contact-rules.js';
import { rules, sequence, shanghai } from './contact-rules.test-builders.js';

function attempt(attemptedAt: Date, outcome: AttemptOutcome = 'answered', callbackRequestedAt?: Date): AttemptRecord {
  return callbackRequestedAt ? { attemptedAt, outcome, callbackRequestedAt } : { attemptedAt, outcome };
}

function answeredAt(...locals: string[]): AttemptRecord[] {
  return locals.map((local) => attempt(shanghai(local)));
}

describe('nextAllowedForBorrower', () => {
  it('allows a first call at once', () => {
    const now = shanghai('2024-05-10T10:00:00');
    expect(nextAllowedForBorrower(now, [], rules())).toEqual({ nextAllowedAt: now });
  });

  it('allows at 21:59:59 and blocks from 22:00:00 until 08:00', () => {
    const lastSecond = shanghai('2024-05-10T21:59:59');
    expect(nextAllowedForBorrower(lastSecond, [], rules())).toEqual({ nextAllowedAt: lastSecond });
    expect(nextAllowedForBorrower(shanghai('2024-05-10T22:00:00'), [], rules())).toEqual({
      nextAllowedAt: shanghai('2024-05-11T08:00:00'),
      blockedBy: 'quiet_hours',
    });
  });

  it('waits for the same morning before 08:00 and allows at 08:00:00', () => {
    expect(nextAllowedForBorrower(shanghai('2024-05-11T07:59:59'), [], rules())).toEqual({
      nextAllowedAt: shanghai('2024-05-11T08:00:00'),
      blockedBy: 'quiet_hours',
    });
    const eight = shanghai('2024-05-11T08:00:00');
    expect(nextAllowedForBorrower(eight, [], rules())).toEqual({ nextAllowedAt: eight });
  });

  it('allows the third connected call of the day and blocks the fourth until tomorrow 08:00', () => {
    const now = shanghai('2024-05-10T15:00:00');
    const two = answeredAt('2024-05-10T09:00:00', '2024-05-10T11:00:00');
    expect(nextAllowedForBorrower(now, two, rules())).toEqual({ nextAllowedAt: now });
    const three = [...two, ...answeredAt('2024-05-10T14:00:00')];
    expect(nextAllowedForBorrower(now, three, rules())).toEqual({
      nextAllowedAt: shanghai('2024-05-11T08:00:00'),
      blockedBy: 'daily_call_limit',
    });
  });

  it('counts only connected calls against the daily cap', () => {
    const now = shanghai('2024-05-10T15:00:00');
    const unanswered: AttemptOutcome[] = [
      'no_answer',
      'rejected',
      'busy',
      'powered_off',
      'invalid_number',
      'disconnected',
      'wrong_person',
    ];
    const attempts = [
      ...answeredAt('2024-05-10T09:00:00', '2024-05-10T10:00:00'),
      ...unanswered.map((outcome) => attempt(shanghai('2024-05-10T11:00:00'), outcome)),
    ];
    expect(nextAllowedForBorrower(now, attempts, rules())).toEqual({ nextAllowedAt: now });
  });

  it('counts calls by the local calendar day, not the UTC day', () => {
    const now = shanghai('2024-05-10T10:00:00');
    // 00:30 local on 10 May is 16:30Z on 9 May, yet it is a call of 10 May.
    const todayEarly = answeredAt('2024-05-10T00:30:00', '2024-05-10T08:00:00', '2024-05-10T09:00:00');
    expect(nextAllowedForBorrower(now, todayEarly, rules())).toEqual({
      nextAllowedAt: shanghai('2024-05-11T08:00:00'),
      blockedBy: 'daily_call_limit',
    });
    // 07:30 local on 10 May is 23:30Z on 9 May, the same UTC day as these calls of 9 May, but a new local day.
    const yesterday = answeredAt('2024-05-09T09:00:00', '2024-05-09T10:00:00', '2024-05-09T11:00:00');
    expect(nextAllowedForBorrower(shanghai('2024-05-10T07:30:00'), yesterday, rules())).toEqual({
      nextAllowedAt: shanghai('2024-05-10T08:00:00'),
      blockedBy: 'quiet_hours',
    });
    expect(nextAllowedForBorrower(now, yesterday, rules())).toEqual({ nextAllowedAt: now });
  });

  it('reports the daily limit rather than quiet hours when both apply late in the evening', () => {
    const attempts = answeredAt('2024-05-10T09:00:00', '2024-05-10T12:00:00', '2024-05-10T21:00:00');
    expect(nextAllowedForBorrower(shanghai('2024-05-10T23:00:00'), attempts, rules())).toEqual({
      nextAllowedAt: shanghai('2024-05-11T08:00:00'),
      blockedBy: 'daily_call_limit',
    });
  });

  it('treats a new local day after midnight as a fresh day, still inside quiet hours', () => {
    const attempts = answeredAt('2024-05-10T09:00:00', '2024-05-10T12:00:00', '2024-05-10T21:00:00');
    expect(nextAllowedForBorrower(shanghai('2024-05-11T00:10:00'), attempts, rules())).toEqual({
      nextAllowedAt: shanghai('2024-05-11T08:00:00'),
      blockedBy: 'quiet_hours',
    });
  });

  it('honours a different daily maximum', () => {
    const now = shanghai('2024-05-10T15:00:00');
    const attempts = answeredAt('2024-05-10T09:00:00');
    expect(nextAllowedForBorrower(now, attempts, rules({ maximumConnectedCallsPerDay: 1 })).blockedBy).toBe(
      'daily_call_limit',
    );
    expect(nextAllowedForBorrower(now, attempts, rules({ maximumConnectedCallsPerDay: 2 }))).toEqual({
      nextAllowedAt: now,
    });
  });

  it('never allows a borrower marked do-not-contact', () => {
    const now = shanghai('2024-05-10T10:00:00');
    expect(nextAllowedForBorrower(now, [], rules(), true)).toEqual({ nextAllowedAt: null, blockedBy: 'do_not_contact' });
    expect(nextAllowedForBorrower(shanghai('2024-05-10T23:00:00'), [], rules(), true).blockedBy).toBe('do_not_contact');
  });

  it('moves the day after a capped day to 08:00 daylight time when New York springs forward overnight', () => {
    const newYork = rules({ timeZone: 'America/New_York' });
    const attempts = ['2024-03-09T14:00:00Z', '2024-03-09T16:00:00Z', '2024-03-09T18:00:00Z'].map((at) =>
      attempt(new Date(at)),
    );
    expect(nextAllowedForBorrower(new Date('2024-03-09T20:00:00Z'), attempts, newYork)).toEqual({
      nextAllowedAt: new Date('2024-03-10T12:00:00Z'),
      blockedBy: 'daily_call_limit',
    });
  });

  it('counts the New York local day correctly on the day clocks fall back', () => {
    const newYork = rules({ timeZone: 'America/New_York' });
    // 3 November 2024 lasts 25 hours: 04:00Z to 05:00Z the next day. 23:30 EST is 04:30Z on 4 November.
    const attempts = ['2024-11-03T13:00:00Z', '2024-11-03T20:00:00Z', '2024-11-04T02:00:00Z'].map((at) =>
      attempt(new Date(at)),
    );
    expect(nextAllowedForBorrower(new Date('2024-11-04T04:30:00Z'), attempts, newYork)).toEqual({
      nextAllowedAt: new Date('2024-11-04T13:00:00Z'),
      blockedBy: 'daily_call_limit',
    });
  });

  it('allows from tomorrow midnight when the quiet window leaves midnight open, even across a skipped midnight', () => {
    // Santiago springs from 00:00 to 01:00 on 8 September 2024, so that day starts at 01:00 local (04:00Z).
    const santiago = rules({ timeZone: 'America/Santiago', quietHours: { start: '12:00', end: '13:00' } });
    const attempts = ['2024-09-07T14:00:00Z', '2024-09-07T18:00:00Z', '2024-09-07T19:00:00Z'].map((at) =>
      attempt(new Date(at)),
    );
    expect(nextAllowedForBorrower(new Date('2024-09-07T20:00:00Z'), attempts, santiago)).toEqual({
      nextAllowedAt: new Date('2024-09-08T04:00:00Z'),
      blockedBy: 'daily_call_limit',
    });
  });

  it('never returns a quiet time or a time before now', () => {
    const random = sequence(3);
    const zoneRules = rules({ timeZone: 'America/New_York' });
    for (let index = 0; index < 300; index += 1) {
      const now = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 86_400) * 1000);
      const attempts = Array.from({ length: Math.floor(random() * 5) }, () =>
        attempt(new Date(now.getTime() - Math.floor(random() * 86_400_000))),
      );
      const { nextAllowedAt } = nextAllowedForBorrower(now, attempts, zoneRules);
      expect(nextAllowedAt).not.toBeNull();
      expect(isQuietTime(nextAllowedAt as Date, zoneRules)).toBe(false);
      expect((nextAllowedAt as Date).getTime()).toBeGreaterThanOrEqual(now.getTime());
    }
  });
});

describe('nextAllowedForThirdParty', () => {
  it('allows the first inquiry at once, or after quiet hours', () => {
    const now = shanghai('2024-05-10T10:00:00');
    expect(nextAllowedForThirdParty(now, [], rules())).toEqual({ nextAllowedAt: now });
    expect(nextAllowedForThirdParty(shanghai('2024-05-10T22:30:00'), [], rules())).toEqual({
      nextAllowedAt: shanghai('2024-05-11T08:00:00'),
      blockedBy: 'quiet_hours',
    });
  });

  it('keeps allowing while no call has connected', () => {
    const now = shanghai('2024-05-12T10:00:00');
    const attempts = (['no_answer', 'busy', 'rejected', 'powered_off'] as const).map((outcome, index) =>
      attempt(shanghai(`2024-05-1${index}T10:00:00`), outcome),
    );
    expect(nextAllowedForThirdParty(now, attempts, rules())).toEqual({ nextAllowedAt: now });
  });

  it('blocks for good once the inquiry limit is used without a callback request', () => {
    const attempts = answeredAt('2024-05-10T10:00:00');
    expect(nextAllowedForThirdParty(shanghai('2024-06-10T10:00:00'), attempts, rules())).toEqual({
      nextAllowedAt: null,
      blockedBy: 'contact_limit',
    });
  });

  it('honours a larger inquiry limit', () => {
    const now = shanghai('2024-05-12T10:00:00');
    const attempts = answeredAt('2024-05-10T10:00:00');
    expect(nextAllowedForThirdParty(now, attempts, rules({ thirdPartyLocationInquiries: 2 }))).toEqual({
      nextAllowedAt: now,
    });
    const twice = answeredAt('2024-05-10T10:00:00', '2024-05-11T10:00:00');
    expect(nextAllowedForThirdParty(now, twice, rules({ thirdPartyLocationInquiries: 2 })).blockedBy).toBe(
      'contact_limit',
    );
  });

  it('allows calling back at the requested time, not before', () => {
    const callbackAt = shanghai('2024-05-11T15:00:00');
    const attempts = [attempt(shanghai('2024-05-10T10:00:00'), 'answered', callbackAt)];
    expect(nextAllowedForThirdParty(shanghai('2024-05-10T10:05:00'), attempts, rules())).toEqual({
      nextAllowedAt: callbackAt,
      blockedBy: 'contact_limit',
    });
    expect(nextAllowedForThirdParty(callbackAt, attempts, rules())).toEqual({ nextAllowedAt: callbackAt });
    const later = shanghai('2024-05-13T09:00:00');
    expect(nextAllowedForThirdParty(later, attempts, rules())).toEqual({ nextAllowedAt: later });
  });

  it('moves a callback requested for quiet hours to the end of them', () => {
    const attempts = [attempt(shanghai('2024-05-10T10:00:00'), 'answered', shanghai('2024-05-10T23:00:00'))];
    expect(nextAllowedForThirdParty(shanghai('2024-05-10T12:00:00'), attempts, rules())).toEqual({
      nextAllowedAt: shanghai('2024-05-11T08:00:00'),
      blockedBy: 'contact_limit',
    });
  });

  it('reports quiet hours when a callback is already due but it is night', () => {
    const attempts = [attempt(shanghai('2024-05-10T10:00:00'), 'answered', shanghai('2024-05-10T18:00:00'))];
    expect(nextAllowedForThirdParty(shanghai('2024-05-10T22:30:00'), attempts, rules())).toEqual({
      nextAllowedAt: shanghai('2024-05-11T08:00:00'),
      blockedBy: 'quiet_hours',
    });
  });

  it('keeps a callback open after unanswered attempts to honour it', () => {
    const callbackAt = shanghai('2024-05-11T15:00:00');
    const attempts = [
      attempt(shanghai('2024-05-10T10:00:00'), 'answered', callbackAt),
      attempt(shanghai('2024-05-11T15:00:00'), 'no_answer'),
    ];
    const now = shanghai('2024-05-11T16:00:00');
    expect(nextAllowedForThirdParty(now, attempts, rules())).toEqual({ nextAllowedAt: now });
  });

  it('treats a callback as used once the callback call connects', () => {
    const attempts = [
      attempt(shanghai('2024-05-10T10:00:00'), 'answered', shanghai('2024-05-11T15:00:00')),
      attempt(shanghai('2024-05-11T15:00:00'), 'answered'),
    ];
    expect(nextAllowedForThirdParty(shanghai('2024-05-12T10:00:00'), attempts, rules())).toEqual({
      nextAllowedAt: null,
      blockedBy: 'contact_limit',
    });
  });

  it('follows a fresh callback request made on the latest connected call', () => {
    const secondCallback = shanghai('2024-05-13T11:00:00');
    const attempts = [
      attempt(shanghai('2024-05-10T10:00:00'), 'answered', shanghai('2024-05-11T15:00:00')),
      attempt(shanghai('2024-05-11T15:00:00'), 'answered', secondCallback),
    ];
    expect(nextAllowedForThirdParty(shanghai('2024-05-12T10:00:00'), attempts, rules())).toEqual({
      nextAllowedAt: secondCallback,
      blockedBy: 'contact_limit',
    });
  });

  it('uses the most recent request when several follow the last connected call', () => {
    const attempts = [
      attempt(shanghai('2024-05-10T10:00:00'), 'answered', shanghai('2024-05-12T09:00:00')),
      attempt(shanghai('2024-05-10T18:00:00'), 'no_answer', shanghai('2024-05-14T09:00:00')),
    ];
    expect(nextAllowedForThirdParty(shanghai('2024-05-11T10:00:00'), attempts, rules()).nextAllowedAt).toEqual(
      shanghai('2024-05-14T09:00:00'),
    );
  });

  it('does not depend on the order of the attempt list', () => {
    const attempts = [
      attempt(shanghai('2024-05-11T15:00:00'), 'answered'),
      attempt(shanghai('2024-05-10T10:00:00'), 'answered', shanghai('2024-05-11T15:00:00')),
    ];
    expect(nextAllowedForThirdParty(shanghai('2024-05-12T10:00:00'), attempts, rules()).blockedBy).toBe(
      'contact_limit',
    );
  });

  it('with a limit of zero, contacts a third party only on their own callback request', () => {
    const noInquiries = rules({ thirdPartyLocationInquiries: 0 });
    const now = shanghai('2024-05-10T10:00:00');
    expect(nextAllowedForThirdParty(now, [], noInquiries)).toEqual({ nextAllowedAt: null, blockedBy: 'contact_limit' });
    const attempts = [attempt(shanghai('2024-05-10T09:00:00'), 'no_answer', shanghai('2024-05-10T09:30:00'))];
    expect(nextAllowedForThirdParty(now, attempts, noInquiries)).toEqual({ nextAllowedAt: now });
  });

  it('never allows a third party marked do-not-contact, callback or not', () => {
    const attempts = [attempt(shanghai('2024-05-10T10:00:00'), 'answered', shanghai('2024-05-10T11:00:00'))];
    expect(nextAllowedForThirdParty(shanghai('2024-05-10T12:00:00'), attempts, rules(), true)).toEqual({
      nextAllowedAt: null,
      blockedBy: 'do_not_contact',
    });
  });
});

describe('parseContactRules', () => {
  const valid = {
    timeZone: 'Asia/Shanghai',
    quietHours: { start: '22:00', end: '08:00' },
    maximumConnectedCallsPerDay: 3,
    thirdPartyLocationInquiries: 1,
  };

  it('accepts valid rules and returns a copy', () => {
    const parsed = parseContactRules(valid);
    expect(parsed).toEqual(valid);
    expect(parsed).not.toBe(valid);
    expect(parsed.quietHours).not.toBe(valid.quietHours);
  });

  it('accepts a zero third-party limit and any IANA zone', () => {
    expect(parseContactRules({ ...valid, timeZone: 'America/New_York', thirdPartyLocationInquiries: 0 })).toEqual({
      ...valid,
      timeZone: 'America/New_York',
      thirdPartyLocationInquiries: 0,
    });
  });

  it.each([null, undefined, 'rules', 42, [valid]])('rejects %j as not an object', (json) => {
    expect(() => parseContactRules(json)).toThrow('Invalid contact rules: must be an object');
  });

  it.each([
    [{ timeZone: undefined }, 'timeZone: must be an IANA time zone name'],
    [{ timeZone: '' }, 'timeZone: must be an IANA time zone name'],
    [{ timeZone: 8 }, 'timeZone: must be an IANA time zone name'],
    [{ timeZone: 'Mars/Olympus_Mons' }, "timeZone: unknown time zone 'Mars/Olympus_Mons'"],
    [{ quietHours: undefined }, 'quietHours: must be an object with start and end'],
    [{ quietHours: ['22:00', '08:00'] }, 'quietHours: must be an object with start and end'],
    [{ quietHours: { start: '8:00', end: '22:00' } }, 'quietHours.start: must be HH:MM'],
    [{ quietHours: { start: '24:00', end: '08:00' } }, 'quietHours.start: must be HH:MM'],
    [{ quietHours: { start: '22:60', end: '08:00' } }, 'quietHours.start: must be HH:MM'],
    [{ quietHours: { start: 22, end: '08:00' } }, 'quietHours.start: must be HH:MM'],
    [{ quietHours: { start: '22:00' } }, 'quietHours.end: must be HH:MM'],
    [{ quietHours: { start: '22:00', end: '08:00:00' } }, 'quietHours.end: must be HH:MM'],
    [{ quietHours: { start: '22:00', end: '22:00' } }, 'quietHours: start and end must differ'],
    [{ quietHours: { start: '22:00', end: '08:00', timeZone: 'UTC' } }, 'quietHours.timeZone: unknown setting'],
    [{ maximumConnectedCallsPerDay: 0 }, 'maximumConnectedCallsPerDay: must be a whole number of at least 1'],
    [{ maximumConnectedCallsPerDay: 2.5 }, 'maximumConnectedCallsPerDay: must be a whole number of at least 1'],
    [{ maximumConnectedCallsPerDay: '3' }, 'maximumConnectedCallsPerDay: must be a whole number of at least 1'],
    [{ maximumConnectedCallsPerDay: Number.NaN }, 'maximumConnectedCallsPerDay: must be a whole number of at least 1'],
    [{ thirdPartyLocationInquiries: -1 }, 'thirdPartyLocationInquiries: must be a whole number of at least 0'],
    [{ thirdPartyLocationInquiries: undefined }, 'thirdPartyLocationInquiries: must be a whole number of at least 0'],
    [{ maximumConnectedCallsPerday: 3 }, 'maximumConnectedCallsPerday: unknown setting'],
  ])('rejects %j with a clear message', (override, message) => {
    expect(() => parseContactRules({ ...valid, ...override })).toThrow(message);
  });

  it('reports every problem at once', () => {
    expect(() => parseContactRules({ quietHours: { start: 'late', end: 'early' } })).toThrow(
      'Invalid contact rules: timeZone: must be an IANA time zone name; quietHours.start: must be HH:MM; ' +
        'quietHours.end: must be HH:MM; maximumConnectedCallsPerDay: must be a whole number of at least 1; ' +
        'thirdPartyLocationInquiries: must be a whole number of at least 0',
    );
  });

  it('produces rules the other functions accept', () => {
    const parsed = parseContactRules(valid);
    expect(isQuietTime(shanghai('2024-05-10T22:00:00'), parsed)).toBe(true);
  });
});
