import type { BorrowerStatusChangedEvent, StaleFlagClosedEvent, StaleFlagRaisedEvent } from './webhook-events.js';

/** Synthetic, already-masked payloads for tests; override what a test is about. */
export function aStatusChange(overrides: Partial<BorrowerStatusChangedEvent> = {}): BorrowerStatusChangedEvent {
  return {
    borrowerRef: 'B-TEST-1',
    from: 'reachable',
    to: 'objective_lost',
    reason: 'All 2 numbers on file are dead (invalid or disconnected); run a repair over consented sources.',
    at: '2026-05-01T02:00:00.000Z',
    ...overrides,
  };
}

export function aStaleFlagRaised(overrides: Partial<StaleFlagRaisedEvent> = {}): StaleFlagRaisedEvent {
  return {
    flagId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    borrowerRef: 'B-TEST-1',
    flagType: 'contact_changed',
    contactPoint: { contactPointId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60', kind: 'phone', masked: '138****0001' },
    suggestedReplacement: { contactPointId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a61', kind: 'phone', masked: '139****0002', why: 'seen 3 times in consented delivery records within 90 days' },
    detectedAt: '2026-05-01T02:00:00.000Z',
    ...overrides,
  };
}

export function aStaleFlagClosed(overrides: Partial<StaleFlagClosedEvent> = {}): StaleFlagClosedEvent {
  return {
    flagId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    borrowerRef: 'B-TEST-1',
    flagType: 'not_seen_recently',
    contactPoint: { contactPointId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a62', kind: 'address', masked: '广东省深圳市南山区****' },
    closedAt: '2026-06-01T02:00:00.000Z',
    closedBecause: 'confirmed again by source crm on 2026-05-30',
    ...overrides,
  };
}
