import { describe, expect, it } from 'vitest';
import { dateTime, FUTURE_TOLERANCE_MILLISECONDS, isTooFarAhead, validateAsOf, validationNow } from './date-time.js';

const NOW = new Date('2024-06-01T00:00:00.000Z');

describe('the time a validation runs at', () => {
  it('is the clock unless a validation pins it, and is restored afterwards, even after a throw', () => {
    const before = Date.now();
    expect(validationNow()).toBeGreaterThanOrEqual(before);
    expect(validateAsOf(NOW, () => validateAsOf(new Date(0), () => validationNow()))).toBe(0);
    expect(validateAsOf(NOW, () => validationNow())).toBe(NOW.getTime());
    expect(() =>
      validateAsOf(NOW, () => {
        throw new Error('bad input');
      }),
    ).toThrow('bad input');
    expect(validationNow()).toBeGreaterThanOrEqual(before);
  });

  it('allows up to one day ahead of it', () => {
    expect(isTooFarAhead(new Date(NOW.getTime() + FUTURE_TOLERANCE_MILLISECONDS), NOW.getTime())).toBe(false);
    expect(isTooFarAhead(new Date(NOW.getTime() + FUTURE_TOLERANCE_MILLISECONDS + 1), NOW.getTime())).toBe(true);
  });

  it('is what a date-time schema judges "ahead" by', () => {
    const schema = dateTime({ notAhead: true });
    expect(validateAsOf(NOW, () => schema.safeParse('2024-06-02T08:00:00+08:00').success)).toBe(true);
    expect(validateAsOf(NOW, () => schema.safeParse('2024-06-02T08:00:01+08:00').error?.issues[0].message)).toBe('is more than a day in the future');
    expect(dateTime().parse('2024-05-01 09:30')).toEqual(new Date('2024-05-01T01:30:00Z'));
  });
});
