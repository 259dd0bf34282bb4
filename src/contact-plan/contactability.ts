import type { PhoneValidity } from './lost-contact-status.js';

export interface SourceEvidence {
  key: string;
  trust: number;
}

export interface ContactPointEvidence {
  validity: PhoneValidity;
  lastSeenAt: Date;
  /** Distinct sources that name the point (independent confirmations). */
  sources: SourceEvidence[];
  /** Distinct borrowers whose records name it. */
  borrowerCount: number;
}

export interface ContactabilityWeights {
  recencyHalfLifeDays: number;
  recency: number;
  confirmation: number;
  trust: number;
  sharing: number;
}

export const DEFAULT_CONTACTABILITY_WEIGHTS: ContactabilityWeights = {
  recencyHalfLifeDays: 180,
  recency: 0.3,
  confirmation: 0.25,
  trust: 0.25,
  sharing: 0.2,
};

export interface Contactability {
  score: number;
  factors: { validity: number; recency: number; confirmation: number; trust: number; sharing: number };
}

const DAY = 24 * 3600 * 1000;
// A number that has not been tried yet is worth less than one that answered, more than a dead one.
const VALIDITY_FACTOR: Record<PhoneValidity, number> = { valid: 1, unknown: 0.6, invalid: 0 };

/**
 * How worth calling a phone (or visiting an address) is, 0..1: validity from call outcomes gates
 * everything; then recency, independent confirmation, source trust, and sharing (a number many
 * borrowers give is worth little, and may mark a ring).
 */
export function contactability(evidence: ContactPointEvidence, now: Date, weights: ContactabilityWeights = DEFAULT_CONTACTABILITY_WEIGHTS): Contactability {
  const ageDays = Math.max(0, (now.getTime() - evidence.lastSeenAt.getTime()) / DAY);
  const factors = {
    validity: VALIDITY_FACTOR[evidence.validity],
    recency: 0.5 ** (ageDays / weights.recencyHalfLifeDays),
    confirmation: 1 - 0.5 ** evidence.sources.length,
    trust: evidence.sources.reduce((best, source) => Math.max(best, source.trust), 0),
    sharing: 1 / Math.max(1, evidence.borrowerCount),
  };
  const blended =
    weights.recency * factors.recency + weights.confirmation * factors.confirmation + weights.trust * factors.trust + weights.sharing * factors.sharing;
  const total = weights.recency + weights.confirmation + weights.trust + weights.sharing;
  const score = Math.round(((factors.validity * blended) / total) * 1000) / 1000;
  return {
    score,
    factors: {
      validity: round(factors.validity),
      recency: round(factors.recency),
      confirmation: round(factors.confirmation),
      trust: round(factors.trust),
      sharing: round(factors.sharing),
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
