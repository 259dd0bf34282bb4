import { describe, expect, it } from 'vitest';
import { DEFAULT_YIELD_DAYS, MAX_YIELD_DAYS, sourceYield, yieldShare, yieldWindow } from './source-yield.js';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-12-03T08:00:00Z');

describe('yieldWindow', () => {
  it('defaults to the last 30 days up to now', () => {
    expect(yieldWindow({}, now)).toEqual({ from: new Date(now.getTime() - DEFAULT_YIELD_DAYS * DAY), to: now });
  });

  it('counts 30 days back from a given end, and up to now from a given start', () => {
    const to = new Date('2026-06-01T00:00:00Z');
    expect(yieldWindow({ to }, now)).toEqual({ from: new Date(to.getTime() - 30 * DAY), to });
    const from = new Date('2026-11-01T00:00:00Z');
    expect(yieldWindow({ from }, now)).toEqual({ from, to: now });
  });

  it('refuses an end not after the start, naming `to`', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(yieldWindow({ from: at, to: at }, now)).toEqual({ field: 'to', problem: 'must be later than from' });
    expect(yieldWindow({ from: new Date(now.getTime() + DAY) }, now)).toEqual({ field: 'to', problem: 'must be later than from (it defaults to now)' });
  });

  it(`takes at most ${MAX_YIELD_DAYS} days`, () => {
    const to = new Date('2026-06-01T00:00:00Z');
    expect(yieldWindow({ from: new Date(to.getTime() - MAX_YIELD_DAYS * DAY), to }, now)).toEqual({ from: new Date(to.getTime() - MAX_YIELD_DAYS * DAY), to });
    expect(yieldWindow({ from: new Date(to.getTime() - MAX_YIELD_DAYS * DAY - 1), to }, now)).toMatchObject({ field: 'from' });
  });
});

describe('yieldShare and sourceYield', () => {
  it('is the confirmed share, and null (not 0) when nothing was contributed', () => {
    expect(yieldShare(1, 4)).toBe(0.25);
    expect(yieldShare(0, 4)).toBe(0);
    expect(yieldShare(0, 0)).toBeNull();
  });

  it('sums the kinds, gives each its own share, and reads a missing kind as none', () => {
    const window = { from: new Date('2026-11-01T00:00:00Z'), to: now };
    expect(sourceYield('crm', window, { versionsReceived: 7, newRecords: 5, points: [{ kind: 'phone', contributedFirst: 4, confirmed: 1 }] })).toEqual({
      source: 'crm',
      ...window,
      recordsReceived: 7,
      newRecords: 5,
      contributedFirst: 4,
      confirmed: 1,
      share: 0.25,
      byKind: { phone: { contributedFirst: 4, confirmed: 1, share: 0.25 }, address: { contributedFirst: 0, confirmed: 0, share: null } },
    });
  });
});
