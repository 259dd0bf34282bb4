import { mayUseContactPoint } from '../consent/consent-in-force.js';
import { assessLostContact, type StatusAssessment } from './lost-contact-status.js';
import { ownContactPointIds } from './own-contact-points.js';
import type { PlanContactPoint, PlanData } from './plan-data.js';

/** The borrower's own phones the consent in force lets the plan use; a switchboard is not the borrower's phone. */
export function usableOwnPhones(data: PlanData, usablePoints: ReadonlyMap<string, PlanContactPoint>): PlanContactPoint[] {
  return ownContactPointIds(data.selfPersonId, data.personPoints, data.attempts)
    .map((id) => usablePoints.get(id))
    .filter((point): point is PlanContactPoint => point !== undefined && point.kind === 'phone' && point.subtype !== 'organisation');
}

/** Reachable, subjectively or objectively lost: from the borrower's own phones and the calls made to them. */
export function assessContactStatus(data: PlanData, now: Date, usablePoints?: ReadonlyMap<string, PlanContactPoint>): StatusAssessment {
  const points = usablePoints ?? new Map(data.points.filter((point) => mayUseContactPoint(data.consent, point.sources)).map((point) => [point.id, point]));
  const calls = new Map<string, PlanData['attempts']>();
  for (const attempt of data.attempts) {
    if (attempt.contactedPersonId) continue;
    const list = calls.get(attempt.contactPointId);
    if (list) list.push(attempt);
    else calls.set(attempt.contactPointId, [attempt]);
  }
  return assessLostContact(
    usableOwnPhones(data, points).map((point) => ({ contactPointId: point.id, attempts: calls.get(point.id) ?? [] })),
    now,
  );
}
