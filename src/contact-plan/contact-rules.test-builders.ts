import type { ContactRules } from './contact-rules.js';

// Shared builders for contact-rules.spec.ts and contact-rules-time-zone.spec.ts.

export function rules(overrides: Partial<ContactRules> = {}): ContactRules {
  return {
    timeZone: 'Asia/Shanghai',
    quietHours: { start: '22:00', end: '08:00' },
    maximumConnectedCallsPerDay: 3,
    thirdPartyLocationInquiries: 1,
    ...overrides,
  };
}

/** An instant given as Shanghai wall-clock time, e.g. '2024-05-10T21:59:59'. */
export function shanghai(local: string): Date {
  return new Date(`${local}+08:00`);
}

// Deterministic pseudo-random numbers, so property checks are reproducible.
export function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
