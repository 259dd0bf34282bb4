import { describe, expect, it } from 'vitest';
import { webhookBody, webhookPayloadProblems } from './webhook-events.js';
import { aStaleFlagClosed, aStaleFlagRaised, aStatusChange } from './webhook-events.test-builders.js';

describe('webhookPayloadProblems', () => {
  it('passes ids, refs, masked values, types and times', () => {
    expect(webhookPayloadProblems('borrower.status_changed', aStatusChange())).toEqual([]);
    expect(webhookPayloadProblems('stale_flag.raised', aStaleFlagRaised())).toEqual([]);
    expect(webhookPayloadProblems('stale_flag.raised', aStaleFlagRaised({ contactPoint: null, suggestedReplacement: null, flagType: 'job_change' }))).toEqual([]);
    expect(webhookPayloadProblems('stale_flag.closed', aStaleFlagClosed())).toEqual([]);
    expect(webhookPayloadProblems('stale_flag.closed', aStaleFlagClosed({ contactPoint: { contactPointId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a63', kind: 'phone', masked: '010****5678-***' } }))).toEqual([]);
  });

  it.each([
    ['a whole mobile in free text', aStatusChange({ reason: 'number 13812345678 is dead' })],
    ['a spaced mobile in free text', aStatusChange({ reason: 'number 138 1234 5678 is dead' })],
    ['a landline in free text', aStatusChange({ reason: 'office 010-6234 5678 answered' })],
    ['a name in Chinese', aStatusChange({ reason: '张三 moved away' })],
    ['an e-mail address', aStatusChange({ reason: 'write to zhang.san@example.com' })],
    ['an id number as borrower ref', aStatusChange({ borrowerRef: '11010119900307803X' })],
    ['a mobile as borrower ref', aStatusChange({ borrowerRef: '13812345678' })],
  ])('refuses %s', (_what, payload) => {
    expect(webhookPayloadProblems('borrower.status_changed', payload)).not.toEqual([]);
  });

  it('refuses unmasked contact points and fields it does not know', () => {
    const point = { contactPointId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60', kind: 'phone' as const };
    expect(webhookPayloadProblems('stale_flag.raised', aStaleFlagRaised({ contactPoint: { ...point, masked: '13812345678' } }))).toContain('contactPoint.masked: is not masked');
    expect(webhookPayloadProblems('stale_flag.raised', aStaleFlagRaised({ contactPoint: { ...point, masked: '138****56781234' } }))).toEqual(['contactPoint.masked: shows more than 7 digits']);
    const address = { contactPointId: point.contactPointId, kind: 'address' as const };
    expect(webhookPayloadProblems('stale_flag.raised', aStaleFlagRaised({ contactPoint: { ...address, masked: '广东省深圳市南山区阳光花园3栋' } }))).toContain('contactPoint.masked: is not masked');
    expect(webhookPayloadProblems('stale_flag.raised', aStaleFlagRaised({ contactPoint: { ...address, masked: '广东省深圳市南山区阳光花园****' } }))).toEqual(['contactPoint.masked: shows more of the address than its district']);
    expect(webhookPayloadProblems('stale_flag.raised', aStaleFlagRaised({ contactPoint: { ...address, masked: '北京市海淀区****' } }))).toEqual([]);
    const withE164 = { ...aStaleFlagRaised(), e164: '+8613812345678' };
    expect(webhookPayloadProblems('stale_flag.raised', withE164)).toEqual([expect.stringMatching(/^\(payload\): Unrecognized key/)]);
    expect(webhookPayloadProblems('stale_flag.closed', aStaleFlagClosed({ closedBecause: 'confirmed by 王芳' }))).toEqual(['closedBecause: holds Chinese text (a name or an address)']);
  });

  it('names the field and the rule, never the value', () => {
    const problems = webhookPayloadProblems('borrower.status_changed', aStatusChange({ reason: 'call 13812345678' }));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(' ')).not.toContain('13812345678');
  });
});

describe('webhookBody', () => {
  it('is the event id, type, time and data, as JSON', () => {
    const body = webhookBody('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a70', 'borrower.status_changed', new Date('2026-05-01T02:00:00Z'), aStatusChange());
    expect(JSON.parse(body)).toEqual({ id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a70', type: 'borrower.status_changed', occurredAt: '2026-05-01T02:00:00.000Z', data: aStatusChange() });
  });
});
