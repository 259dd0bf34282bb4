import { describe, expect, it } from 'vitest';
import { newContactPoints, repairRunStatus } from './repair-outcome.js';

describe('repairRunStatus', () => {
  it('is completed when nothing was asked or every source answered', () => {
    expect(repairRunStatus([])).toBe('completed');
    expect(repairRunStatus([{ outcome: 'answered' }, { outcome: 'not_found' }])).toBe('completed');
  });

  it('is partial when some source failed and failed when all did', () => {
    expect(repairRunStatus([{ outcome: 'answered' }, { outcome: 'failed' }])).toBe('partial');
    expect(repairRunStatus([{ outcome: 'failed' }, { outcome: 'failed' }])).toBe('failed');
  });
});

describe('newContactPoints', () => {
  it('keeps points not known before, once each, in order', () => {
    expect(newContactPoints(['c', 'a', 'b', 'c'], new Set(['a']))).toEqual(['c', 'b']);
  });
});
