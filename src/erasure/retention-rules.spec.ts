import { describe, expect, it } from 'vitest';
import { retentionCutoff, retentionPassed } from './retention-rules.js';

const now = new Date('2026-12-03T02:00:00Z');

describe('retentionPassed', () => {
  it('is false for an open relationship', () => {
    expect(retentionPassed(null, now, 30)).toBe(false);
    expect(retentionPassed(undefined, now, 30)).toBe(false);
  });

  it('is false within the period and on its last instant, true strictly after', () => {
    expect(retentionPassed(new Date('2026-11-20T00:00:00Z'), now, 30)).toBe(false);
    expect(retentionPassed(new Date('2026-11-03T02:00:00Z'), now, 30)).toBe(false);
    expect(retentionPassed(new Date('2026-11-03T01:59:59.999Z'), now, 30)).toBe(true);
    expect(retentionPassed(new Date('2020-01-01T00:00:00Z'), now, 1_825)).toBe(true);
  });

  it('is false for something that starts in the future', () => {
    expect(retentionPassed(new Date('2027-01-01T00:00:00Z'), now, 1)).toBe(false);
  });
});

describe('retentionCutoff', () => {
  it('counts whole days back from now', () => {
    expect(retentionCutoff(now, 1).toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(retentionCutoff(now, 365).toISOString()).toBe('2025-12-03T02:00:00.000Z');
  });
});
