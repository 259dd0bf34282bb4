import { createHash } from 'node:crypto';
import type { StaleFlagClosedEvent, StaleFlagRaisedEvent, StaleFlagType } from '../webhooks/webhook-events.js';
import { presentPoint, type PointValueFacts } from './flag-presentation.js';

export interface FlagEventInput {
  id: string;
  type: string;
  borrowerRef: string;
  detectedAt: Date;
  closedAt: Date | null;
  closedBecause: { summary?: string } | null;
  point: PointValueFacts | null;
  replacement: PointValueFacts | null;
}

const SUGGESTED_BECAUSE = 'recurs in recent consented records where the flagged number no longer appears';

/** What the platform is told of a raised flag: masked values only (the details are read through the API). */
export function raisedEvent(flag: FlagEventInput): StaleFlagRaisedEvent {
  return {
    flagId: flag.id,
    borrowerRef: flag.borrowerRef,
    flagType: flag.type as StaleFlagType,
    contactPoint: masked(flag.point),
    suggestedReplacement: flag.replacement ? { ...masked(flag.replacement)!, why: SUGGESTED_BECAUSE } : null,
    detectedAt: new Date(flag.detectedAt).toISOString(),
  };
}

export function closedEvent(flag: FlagEventInput): StaleFlagClosedEvent {
  return {
    flagId: flag.id,
    borrowerRef: flag.borrowerRef,
    flagType: flag.type as StaleFlagType,
    contactPoint: masked(flag.point),
    closedAt: new Date(flag.closedAt ?? flag.detectedAt).toISOString(),
    closedBecause: flag.closedBecause?.summary ?? 'no longer indicated by the evidence',
  };
}

function masked(point: PointValueFacts | null): StaleFlagRaisedEvent['contactPoint'] {
  if (!point) return null;
  const shown = presentPoint(point, false);
  return { contactPointId: shown.id, kind: shown.kind, masked: shown.masked };
}

/** The event's id, the same whenever the same flag is raised or closed (a name-based UUID), so the platform can dedupe on it. */
export function flagEventId(flagId: string, type: 'raised' | 'closed'): string {
  const hex = createHash('sha1').update(`stale_flag:${flagId}:${type}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
