import { describe, expect, it } from 'vitest';
import { contactability, type ContactPointEvidence } from './contactability.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const DAY = 24 * 3600 * 1000;

function evidence(overrides: Partial<ContactPointEvidence> = {}): ContactPointEvidence {
  return { validity: 'valid', lastSeenAt: NOW, sources: [{ key: 'crm', trust: 0.8 }], borrowerCount: 1, ...overrides };
}

describe('contactability', () => {
  it('is zero for a dead number whatever else it has', () => {
    expect(contactability(evidence({ validity: 'invalid', sources: [{ key: 'a', trust: 1 }, { key: 'b', trust: 1 }] }), NOW).score).toBe(0);
  });

  it('ranks a working number above an untried one with the same evidence', () => {
    expect(contactability(evidence(), NOW).score).toBeGreaterThan(contactability(evidence({ validity: 'unknown' }), NOW).score);
  });

  it('halves the recency factor every half-life', () => {
    expect(contactability(evidence({ lastSeenAt: new Date(NOW.getTime() - 180 * DAY) }), NOW).factors.recency).toBe(0.5);
    expect(contactability(evidence({ lastSeenAt: new Date(NOW.getTime() - 360 * DAY) }), NOW).factors.recency).toBe(0.25);
  });

  it('rewards independent confirmation and trusted sources', () => {
    const one = contactability(evidence(), NOW);
    const two = contactability(evidence({ sources: [{ key: 'crm', trust: 0.8 }, { key: 'bureau', trust: 0.6 }] }), NOW);
    expect(two.factors.confirmation).toBe(0.75);
    expect(two.score).toBeGreaterThan(one.score);
    expect(contactability(evidence({ sources: [{ key: 'x', trust: 0.3 }] }), NOW).score).toBeLessThan(one.score);
  });

  it('discounts a number shared by many borrowers', () => {
    const shared = contactability(evidence({ borrowerCount: 10 }), NOW);
    expect(shared.factors.sharing).toBe(0.1);
    expect(shared.score).toBeLessThan(contactability(evidence(), NOW).score);
  });

  it('stays within 0..1 and treats a future last-seen as now', () => {
    const best = contactability(evidence({ lastSeenAt: new Date(NOW.getTime() + DAY), sources: [{ key: 'a', trust: 1 }, { key: 'b', trust: 1 }, { key: 'c', trust: 1 }] }), NOW);
    expect(best.score).toBeLessThanOrEqual(1);
    expect(best.factors.recency).toBe(1);
    expect(contactability(evidence({ sources: [] }), NOW).factors).toMatchObject({ confirmation: 0, trust: 0 });
  });
});
