import { describe, expect, it } from 'vitest';
import { etaSeconds, formatDuration, progressLine, ratePerSecond } from './run-progress.js';

describe('run progress', () => {
  it('computes the rate and the time left from the total', () => {
    expect(ratePerSecond(500, 2_000)).toBe(250);
    expect(etaSeconds({ read: 500, accepted: 0, duplicates: 0, rejected: 0, total: 1_500, elapsedMilliseconds: 2_000 })).toBe(4);
    expect(etaSeconds({ read: 500, accepted: 0, duplicates: 0, rejected: 0, elapsedMilliseconds: 2_000 })).toBeUndefined();
    expect(etaSeconds({ read: 0, accepted: 0, duplicates: 0, rejected: 0, total: 10, elapsedMilliseconds: 0 })).toBeUndefined();
  });

  it('draws a bar with percentage and ETA when the total is known, counts alone when not', () => {
    const line = progressLine({ read: 250, accepted: 200, duplicates: 40, rejected: 10, total: 1_000, elapsedMilliseconds: 1_000 }, 10);
    expect(line).toBe('[###.......] 25.0% 250 rows · 200 stored · 40 duplicates · 10 quarantined · 250 rows/s · ETA 3s');
    expect(progressLine({ read: 1_200, accepted: 1_200, duplicates: 0, rejected: 0, elapsedMilliseconds: 1_000 })).toBe('1,200 rows · 1,200 stored · 0 duplicates · 0 quarantined · 1,200 rows/s');
  });

  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(3_725)).toBe('1h02m');
  });
});
