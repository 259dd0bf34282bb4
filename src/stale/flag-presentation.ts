import { maskAddress, maskPhoneOrWhole } from '../privacy/masking.js';
import { addressParts } from '../privacy/unmask-policy.js';

export interface PointValueFacts {
  id: string;
  kind: 'phone' | 'address';
  e164: string | null;
  extension: string | null;
  address: Record<string, unknown> | null;
}

export interface PresentedPoint {
  id: string;
  kind: 'phone' | 'address';
  masked: string;
  e164?: string;
  extension?: string;
  address?: Record<string, unknown>;
}

/** A point as a flag shows it: masked always, the full value only on an audited unmasked read. */
export function presentPoint(point: PointValueFacts, unmasked: boolean): PresentedPoint {
  const masked = point.kind === 'phone' ? maskPhoneOrWhole(point.e164) : maskAddress(addressParts(point.address));
  if (!unmasked) return { id: point.id, kind: point.kind, masked };
  if (point.kind === 'phone') return { id: point.id, kind: point.kind, masked, e164: point.e164 ?? undefined, extension: point.extension ?? undefined };
  return { id: point.id, kind: point.kind, masked, address: point.address ?? undefined };
}

/** Suggested actions with the points they name shown as the flag's own point is. */
export function presentActions(actions: unknown, points: ReadonlyMap<string, PresentedPoint>): unknown[] {
  if (!Array.isArray(actions)) return [];
  return actions.map((action: unknown) => {
    if (!action || typeof action !== 'object' || !('contactPointId' in action)) return action;
    const point = points.get(String((action as { contactPointId: unknown }).contactPointId));
    return point ? { ...action, contactPoint: point } : action;
  });
}

/** Every point a flag names: its own, the suggested replacement, those of its suggested actions. */
export function pointIdsOf(flag: { contactPointId: string | null; suggestedReplacementId: string | null; suggestedActions: unknown }): string[] {
  const ids = [flag.contactPointId, flag.suggestedReplacementId];
  if (Array.isArray(flag.suggestedActions)) {
    for (const action of flag.suggestedActions as unknown[]) {
      if (action && typeof action === 'object' && 'contactPointId' in action) ids.push(String((action as { contactPointId: unknown }).contactPointId));
    }
  }
  return ids.filter((id): id is string => typeof id === 'string');
}
