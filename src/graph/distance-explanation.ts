import type { CanonicalRelation } from '../matching/person/relation.js';
import type { DistanceStep } from './borrower-graph.js';

// Weights such as 1.2 + 5 + 2 pick up binary noise (8.200000000000001); a millionth is far below any real weight.
export function roundDistance(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function formatNumber(value: number): string {
  return String(roundDistance(value));
}

function relationLabel(relation: CanonicalRelation | undefined): string {
  if (relation === undefined || relation === 'other') return 'other contact';
  return relation.replace('_', ' ');
}

function contactPointNoun(step: DistanceStep): string {
  return step.via === 'shared_phone' ? 'a phone' : 'an address';
}

/** Who the last person of the steps is, seen from the borrower: 'the spouse', 'the friend of the spouse'. */
function personNoun(steps: readonly DistanceStep[]): string {
  const step = steps[steps.length - 1];
  if (step === undefined) return 'the borrower';
  const previous = personNoun(steps.slice(0, -1));
  if (step.via !== 'relation') return `the person sharing ${contactPointNoun(step)} with ${previous}`;
  if (step.reversed === true) return `the person naming ${previous} as ${relationLabel(step.relation)}`;
  // Said plainly for the first hop ('the spouse'): 'the spouse of the borrower' would only add noise.
  return steps.length === 1
    ? `the ${relationLabel(step.relation)}`
    : `the ${relationLabel(step.relation)} of ${previous}`;
}

/** How the step's person relates to the previous one, with both numbers in the sentence. */
function stepPhrase(step: DistanceStep, previous: string, previousDistance: string | undefined): string {
  const weight = formatNumber(step.weight);
  // The previous distance is shown only beyond the first hop; for the borrower it is 0 and says nothing.
  const target = previousDistance === undefined ? previous : `${previous} (${previousDistance})`;
  if (step.via !== 'relation') {
    return previousDistance === undefined
      ? `shares ${contactPointNoun(step)} with ${target} (${weight})`
      : `shares ${contactPointNoun(step)} (${weight}) with ${target}`;
  }
  const label = relationLabel(step.relation);
  if (step.reversed === true) return `names ${target} as ${label} (${weight})`;
  return previousDistance === undefined ? `${label} of ${target} (${weight})` : `${label} (${weight}) of ${target}`;
}

/**
 * Tells a collector how a distance was derived, e.g. 'colleague of the borrower (5)' or
 * 'friend (5) of the spouse (1) + 2 for the extra hop = 8'. The hop is added once per person-hop after the first.
 */
export function explainPath(steps: readonly DistanceStep[], hop: number): string {
  const last = steps[steps.length - 1];
  if (last === undefined) return 'the borrower';
  if (steps.length === 1) return stepPhrase(last, 'the borrower', undefined);
  const prefix = steps.slice(0, -1);
  const prefixDistance = prefix.reduce((sum, step) => sum + step.weight, 0) + hop * (prefix.length - 1);
  const total = prefixDistance + last.weight + hop;
  const phrase = stepPhrase(last, personNoun(prefix), formatNumber(prefixDistance));
  return `${phrase} + ${formatNumber(hop)} for the extra hop = ${formatNumber(total)}`;
}
