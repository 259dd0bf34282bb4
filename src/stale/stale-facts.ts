import { consentInForce } from '../consent/consent-in-force.js';
import type { AttemptOutcome } from '../contact-attempts/attempt-outcome.js';
import type { StaleFactsRow } from './stale-facts.repository.js';
import type { AttemptRef, BorrowerStaleFacts, PointFacts } from './staleness.js';

/** The rules' input from one row of the batch facts query (ids as text, instants as epoch milliseconds). */
export function staleFactsFromRow(row: StaleFactsRow): BorrowerStaleFacts {
  const points = new Map<string, PointFacts>();
  const note = (point: { contactPointId: string; kind: string; subtype: string | null }) => {
    if (!points.has(point.contactPointId)) points.set(point.contactPointId, { id: point.contactPointId, kind: point.kind === 'address' ? 'address' : 'phone', subtype: point.subtype });
  };
  const links = row.links ?? [];
  const personPoints = row.personPoints ?? [];
  const sightings = row.sightings ?? [];
  const attempts = row.attempts ?? [];
  for (const point of [...personPoints, ...sightings, ...attempts]) note(point);
  const selfPersonIds = new Set(links.filter((link) => link.relation === 'self').map((link) => link.personId));
  return {
    borrowerId: row.borrowerId,
    consent: consentInForce(row.consent ? [row.consent] : []),
    selfPersonId: [...selfPersonIds][0],
    contacts: new Set(links.filter((link) => !selfPersonIds.has(link.personId)).map((link) => link.personId)).size,
    personPoints: personPoints.map(({ personId, contactPointId }) => ({ personId, contactPointId })),
    points: [...points.values()],
    sightings: sightings.map((sighting) => ({ contactPointId: sighting.contactPointId, sourceKey: sighting.sourceKey, observationId: sighting.observationId, observedAt: new Date(sighting.observedAt) })),
    recent: (row.recent ?? []).map((seen) => ({ contactPointId: seen.contactPointId, sourceKey: seen.sourceKey, observationId: seen.observationId, observedAt: new Date(seen.observedAt) })),
    attempts: attempts.map((attempt) => ({
      contactPointId: attempt.contactPointId,
      unnamed: attempt.unnamed,
      invalidCount: Number(attempt.invalidCount),
      lastInvalid: attemptRef(attempt.lastInvalid),
      lastAnswered: attemptRef(attempt.lastAnswered),
    })),
    employers: (row.employers ?? []).map((employer) => ({ name: employer.name, sourceKey: employer.sourceKey, observedAt: new Date(employer.observedAt) })),
  };
}

function attemptRef(row: { id: string; at: number; outcome: string } | null): AttemptRef | null {
  return row ? { id: row.id, at: new Date(row.at), outcome: row.outcome as AttemptOutcome } : null;
}
