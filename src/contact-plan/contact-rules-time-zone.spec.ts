import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  earliestOutsideQuietHours,
  isQuietTime,
  localDateTime,
  localTimeToInstant,
} from './contact-rules.js';
import { rules, sequence, shanghai } from './contact-rules.test-builders.js';

// Time zone and quiet-hour helpers of contact-rules.ts; the contact decisions are in contact-rules.spec.ts.

describe('localDateTime', () => {
  it('reads the wall clock of the zone, not of the server', () => {
    expect(localDateTime(new Date('2024-05-09T16:30:00Z'), 'Asia/Shanghai')).toEqual({
      year: 2024,
      month: 5,
      day: 10,
      hour: 0,
      minute: 30,
      second: 0,
    });
  });

  it('shows midnight as hour 0', () => {
    expect(localDateTime(new Date('2024-05-09T16:00:00Z'), 'Asia/Shanghai').hour).toBe(0);
  });
});

describe('addLocalDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addLocalDays({ year: 2024, month: 1, day: 31 }, 1)).toEqual({ year: 2024, month: 2, day: 1 });
    expect(addLocalDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addLocalDays({ year: 2023, month: 12, day: 31 }, 1)).toEqual({ year: 2024, month: 1, day: 1 });
    expect(addLocalDays({ year: 2024, month: 3, day: 1 }, -1)).toEqual({ year: 2024, month: 2, day: 29 });
  });
});

describe('localTimeToInstant', () => {
  it('converts Shanghai wall-clock time (UTC+8, no DST)', () => {
    expect(localTimeToInstant({ year: 2024, month: 5, day: 10 }, { hour: 8, minute: 0 }, 'Asia/Shanghai')).toEqual(
      new Date('2024-05-10T00:00:00Z'),
    );
    expect(localTimeToInstant({ year: 2024, month: 1, day: 1 }, { hour: 7, minute: 59 }, 'Asia/Shanghai')).toEqual(
      new Date('2023-12-31T23:59:00Z'),
    );
  });

  it('uses standard time before and daylight time after New York springs forward', () => {
    const newYork = 'America/New_York';
    expect(localTimeToInstant({ year: 2024, month: 3, day: 9 }, { hour: 8, minute: 0 }, newYork)).toEqual(
      new Date('2024-03-09T13:00:00Z'),
    );
    expect(localTimeToInstant({ year: 2024, month: 3, day: 10 }, { hour: 1, minute: 59 }, newYork)).toEqual(
      new Date('2024-03-10T06:59:00Z'),
    );
    expect(localTimeToInstant({ year: 2024, month: 3, day: 10 }, { hour: 8, minute: 0 }, newYork)).toEqual(
      new Date('2024-03-10T12:00:00Z'),
    );
  });

  it('reads a wall-clock time skipped by springing forward as if the jump had not happened yet', () => {
    // 02:30 does not exist on 10 March 2024 in New York; 02:30 EST is 03:30 EDT.
    expect(
      localTimeToInstant({ year: 2024, month: 3, day: 10 }, { hour: 2, minute: 30 }, 'America/New_York'),
    ).toEqual(new Date('2024-03-10T07:30:00Z'));
  });

  it('picks the earlier instant of a wall-clock time repeated by falling back', () => {
    // 01:30 happens twice on 3 November 2024 in New York: 05:30Z (EDT) and 06:30Z (EST).
    expect(
      localTimeToInstant({ year: 2024, month: 11, day: 3 }, { hour: 1, minute: 30 }, 'America/New_York'),
    ).toEqual(new Date('2024-11-03T05:30:00Z'));
    expect(localTimeToInstant({ year: 2024, month: 11, day: 3 }, { hour: 8, minute: 0 }, 'America/New_York')).toEqual(
      new Date('2024-11-03T13:00:00Z'),
    );
  });

  it('handles a midnight skipped by springing forward (Santiago)', () => {
    expect(localTimeToInstant({ year: 2024, month: 9, day: 8 }, { hour: 0, minute: 0 }, 'America/Santiago')).toEqual(
      new Date('2024-09-08T04:00:00Z'),
    );
  });

  it('handles half-hour offsets', () => {
    expect(localTimeToInstant({ year: 2024, month: 5, day: 10 }, { hour: 8, minute: 0 }, 'Asia/Kolkata')).toEqual(
      new Date('2024-05-10T02:30:00Z'),
    );
  });

  it('round-trips every minute-aligned instant that is not in a repeated hour', () => {
    const random = sequence(7);
    for (const timeZone of ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe']) {
      for (let index = 0; index < 300; index += 1) {
        const instant = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 1440) * 60_000);
        const local = localDateTime(instant, timeZone);
        const back = localTimeToInstant(local, local, timeZone);
        // In a repeated hour the earlier instant is chosen, which shows the same wall clock.
        expect(localDateTime(back, timeZone)).toEqual(local);
        expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
      }
    }
  });
});

describe('isQuietTime', () => {
  it.each([
    ['2024-05-10T21:59:59', false],
    ['2024-05-10T22:00:00', true],
    ['2024-05-10T23:59:59', true],
    ['2024-05-11T00:00:00', true],
    ['2024-05-11T07:59:59', true],
    ['2024-05-11T08:00:00', false],
    ['2024-05-11T12:00:00', false],
  ])('at %s Shanghai time is %s', (local, quiet) => {
    expect(isQuietTime(shanghai(local), rules())).toBe(quiet);
  });

  it('judges by the borrower zone, not UTC', () => {
    // 15:00Z is 23:00 in Shanghai but 11:00 in New York.
    const at = new Date('2024-05-10T15:00:00Z');
    expect(isQuietTime(at, rules())).toBe(true);
    expect(isQuietTime(at, rules({ timeZone: 'America/New_York' }))).toBe(false);
  });

  it('supports a window that does not wrap past midnight', () => {
    const earlyQuiet = rules({ quietHours: { start: '00:00', end: '09:00' } });
    expect(isQuietTime(shanghai('2024-05-10T23:59:59'), earlyQuiet)).toBe(false);
    expect(isQuietTime(shanghai('2024-05-11T00:00:00'), earlyQuiet)).toBe(true);
    expect(isQuietTime(shanghai('2024-05-11T08:59:59'), earlyQuiet)).toBe(true);
    expect(isQuietTime(shanghai('2024-05-11T09:00:00'), earlyQuiet)).toBe(false);
  });

  it('rejects malformed or empty windows', () => {
    expect(() => isQuietTime(new Date(), rules({ quietHours: { start: '8:00', end: '22:00' } }))).toThrow(
      'quietHours.start: must be HH:MM',
    );
    expect(() => isQuietTime(new Date(), rules({ quietHours: { start: '08:00', end: '08:00' } }))).toThrow(
      'quietHours: start and end must differ',
    );
  });
});

describe('earliestOutsideQuietHours', () => {
  it.each([
    ['2024-05-10T21:59:59', '2024-05-10T21:59:59'],
    ['2024-05-10T22:00:00', '2024-05-11T08:00:00'],
    ['2024-05-10T23:00:00', '2024-05-11T08:00:00'],
    ['2024-05-31T23:00:00', '2024-06-01T08:00:00'],
    ['2024-05-11T00:00:00', '2024-05-11T08:00:00'],
    ['2024-05-11T07:59:00', '2024-05-11T08:00:00'],
    ['2024-05-11T07:59:59', '2024-05-11T08:00:00'],
    ['2024-05-11T08:00:00', '2024-05-11T08:00:00'],
  ])('from %s Shanghai time is %s', (from, expected) => {
    expect(earliestOutsideQuietHours(shanghai(from), rules())).toEqual(shanghai(expected));
  });

  it('ends the night that began before New York springs forward at 08:00 daylight time', () => {
    const newYork = rules({ timeZone: 'America/New_York' });
    // 23:00 EST on 9 March to 08:00 EDT on 10 March: eight real hours.
    expect(earliestOutsideQuietHours(new Date('2024-03-10T04:00:00Z'), newYork)).toEqual(
      new Date('2024-03-10T12:00:00Z'),
    );
    // 03:30 EDT, just after the jump.
    expect(earliestOutsideQuietHours(new Date('2024-03-10T07:30:00Z'), newYork)).toEqual(
      new Date('2024-03-10T12:00:00Z'),
    );
  });

  it('ends the night of falling back at 08:00 standard time, also from the repeated hour', () => {
    const newYork = rules({ timeZone: 'America/New_York' });
    expect(earliestOutsideQuietHours(new Date('2024-11-03T05:30:00Z'), newYork)).toEqual(
      new Date('2024-11-03T13:00:00Z'),
    );
    expect(earliestOutsideQuietHours(new Date('2024-11-03T06:30:00Z'), newYork)).toEqual(
      new Date('2024-11-03T13:00:00Z'),
    );
  });

  it('moves forward across a quiet end that falls in a repeated hour', () => {
    // Quiet until 01:30; at 01:10 EST (the second 01:10) the next 01:30 is the EST one, not the earlier EDT one.
    const lateEnd = rules({ timeZone: 'America/New_York', quietHours: { start: '22:00', end: '01:30' } });
    expect(earliestOutsideQuietHours(new Date('2024-11-03T06:10:00Z'), lateEnd)).toEqual(
      new Date('2024-11-03T06:30:00Z'),
    );
    expect(earliestOutsideQuietHours(new Date('2024-11-03T05:10:00Z'), lateEnd)).toEqual(
      new Date('2024-11-03T05:30:00Z'),
    );
  });

  it('moves past a quiet end skipped by springing forward', () => {
    // Quiet until 02:30, which New York skips on 10 March 2024: allowed from the jump on, 03:30 EDT.
    const skippedEnd = rules({ timeZone: 'America/New_York', quietHours: { start: '22:00', end: '02:30' } });
    const allowed = earliestOutsideQuietHours(new Date('2024-03-10T06:00:00Z'), skippedEnd);
    expect(allowed).toEqual(new Date('2024-03-10T07:30:00Z'));
    expect(isQuietTime(allowed, skippedEnd)).toBe(false);
  });

  it('never returns a quiet or earlier time, in any zone, across a year', () => {
    const random = sequence(42);
    for (const timeZone of ['Asia/Shanghai', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe']) {
      for (const quietHours of [
        { start: '22:00', end: '08:00' },
        { start: '00:00', end: '02:30' },
        { start: '01:30', end: '02:15' },
      ]) {
        const zoneRules = rules({ timeZone, quietHours });
        for (let index = 0; index < 200; index += 1) {
          const from = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 86_400) * 1000);
          const allowed = earliestOutsideQuietHours(from, zoneRules);
          expect(isQuietTime(allowed, zoneRules)).toBe(false);
          expect(allowed.getTime()).toBeGreaterThanOrEqual(from.getTime());
          // The result is the first allowed second: one second earlier is quiet (or before `from`).
          if (allowed.getTime() > from.getTime()) {
            expect(isQuietTime(new Date(allowed.getTime() - 1000), zoneRules)).toBe(true);
          }
        }
      }
    }
  });
});
