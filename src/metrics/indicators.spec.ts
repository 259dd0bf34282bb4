import { describe, expect, it } from 'vitest';
import { borrowersByStatus, lostContactRate, repairSuccessRate } from './indicators.js';

describe('borrowersByStatus', () => {
  it('fills every status, zero when absent, and ignores statuses it does not know', () => {
    expect(borrowersByStatus([{ status: 'reachable', borrowers: 7 }, { status: 'objective_lost', borrowers: 2 }, { status: 'retired', borrowers: 9 }])).toEqual({
      reachable: 7,
      subjective_lost: 0,
      objective_lost: 2,
      unknown: 0,
    });
  });
});

describe('lostContactRate', () => {
  it('is lost (subjective and objective) over borrowers with a known status', () => {
    expect(lostContactRate({ reachable: 6, subjective_lost: 3, objective_lost: 1, unknown: 90 })).toBe(0.4);
  });

  it('is 0 when everyone known is reachable, 1 when everyone known is lost', () => {
    expect(lostContactRate({ reachable: 5, subjective_lost: 0, objective_lost: 0, unknown: 1 })).toBe(0);
    expect(lostContactRate({ reachable: 0, subjective_lost: 2, objective_lost: 3, unknown: 0 })).toBe(1);
  });

  it('is undefined without a borrower of known status (not 0: nothing is known)', () => {
    expect(lostContactRate({ reachable: 0, subjective_lost: 0, objective_lost: 0, unknown: 12 })).toBeUndefined();
  });
});

describe('repairSuccessRate', () => {
  it('is succeeded over decided runs; runs still inside the window count in neither', () => {
    expect(repairSuccessRate({ started: 10, decided: 4, succeeded: 1 })).toBe(0.25);
  });

  it('is undefined while no run is decided', () => {
    expect(repairSuccessRate({ started: 3, decided: 0, succeeded: 0 })).toBeUndefined();
  });

  it('never exceeds 1', () => {
    expect(repairSuccessRate({ started: 2, decided: 2, succeeded: 2 })).toBe(1);
  });
});
