import { describe, expect, it } from 'vitest';
import { webhookPayloadProblems } from '../webhooks/webhook-events.js';
import { closedEvent, flagEventId, raisedEvent } from './flag-events.js';

const phone = (id: string, e164: string) => ({ id, kind: 'phone' as const, e164, extension: null, address: null });
const flag = {
  id: '0190f0a0-0000-7000-8000-000000000001',
  type: 'contact_changed',
  borrowerRef: 'B-1001',
  detectedAt: new Date('2026-05-01T02:00:00Z'),
  closedAt: null,
  closedBecause: null,
  point: phone('0190f0a0-0000-7000-8000-0000000000a1', '+8613812345678'),
  replacement: phone('0190f0a0-0000-7000-8000-0000000000a2', '+8613987654321'),
};

describe('stale flag events', () => {
  it('tell a raised flag with masked values that pass the webhook personal-data check', () => {
    const event = raisedEvent(flag);
    expect(event).toMatchObject({
      flagId: flag.id,
      borrowerRef: 'B-1001',
      flagType: 'contact_changed',
      contactPoint: { contactPointId: flag.point.id, kind: 'phone', masked: '138****5678' },
      suggestedReplacement: { contactPointId: flag.replacement.id, masked: '139****4321' },
      detectedAt: '2026-05-01T02:00:00.000Z',
    });
    expect(webhookPayloadProblems('stale_flag.raised', event)).toEqual([]);
    expect(JSON.stringify(event)).not.toContain('12345678');
  });

  it('tell a closed flag with the reason it closed', () => {
    const event = closedEvent({ ...flag, replacement: null, closedAt: new Date('2026-06-01T02:00:00Z'), closedBecause: { summary: 'Seen again by a logistics source.' } });
    expect(event).toMatchObject({ closedAt: '2026-06-01T02:00:00.000Z', closedBecause: 'Seen again by a logistics source.' });
    expect(webhookPayloadProblems('stale_flag.closed', event)).toEqual([]);
    expect(raisedEvent({ ...flag, type: 'job_change', point: null, replacement: null }).contactPoint).toBeNull();
  });

  it('name each event by a UUID that is the same for the same flag and kind', () => {
    expect(flagEventId(flag.id, 'raised')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(flagEventId(flag.id, 'raised')).toBe(flagEventId(flag.id, 'raised'));
    expect(flagEventId(flag.id, 'raised')).not.toBe(flagEventId(flag.id, 'closed'));
  });
});
