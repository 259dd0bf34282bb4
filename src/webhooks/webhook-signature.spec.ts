import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
const BODY = '{"id":"e1","type":"borrower.status_changed","data":{"borrowerRef":"B-1"}}';
const NOW = new Date('2026-05-01T02:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);

describe('signWebhook', () => {
  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, T, BODY)).toBe(`v1=${expected}`);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhook(SECRET, T, BODY);

  it('accepts the signature of this timestamp and body within the tolerance', () => {
    expect(verifyWebhookSignature(SECRET, header, String(T), BODY, 300, NOW)).toEqual({ valid: true });
    expect(verifyWebhookSignature(SECRET, header, T, BODY, 300, new Date(NOW.getTime() + 300_000))).toEqual({ valid: true });
  });

  it('refuses a replay older than the tolerance (default 300 s), and a timestamp from the future', () => {
    expect(verifyWebhookSignature(SECRET, header, String(T), BODY, undefined, new Date(NOW.getTime() + 301_000))).toEqual({ valid: false, reason: 'stale' });
    expect(verifyWebhookSignature(SECRET, header, String(T), BODY, 60, new Date(NOW.getTime() + 61_000))).toEqual({ valid: false, reason: 'stale' });
    expect(verifyWebhookSignature(SECRET, header, String(T), BODY, 300, new Date(NOW.getTime() - 301_000))).toEqual({ valid: false, reason: 'future' });
  });

  it('refuses a tampered body, a moved timestamp and another secret', () => {
    expect(verifyWebhookSignature(SECRET, header, String(T), BODY.replace('B-1', 'B-2'), 300, NOW)).toEqual({ valid: false, reason: 'mismatch' });
    // A replay with a fresh timestamp: the signature covers the old one.
    expect(verifyWebhookSignature(SECRET, header, String(T + 60), BODY, 300, NOW)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhookSignature('another-secret-0123456789abcdef0123456789', header, String(T), BODY, 300, NOW)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(SECRET, header.slice(0, -1), String(T), BODY, 300, NOW)).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('refuses missing or malformed headers', () => {
    expect(verifyWebhookSignature(SECRET, undefined, String(T), BODY, 300, NOW)).toEqual({ valid: false, reason: 'malformed' });
    expect(verifyWebhookSignature(SECRET, header, undefined, BODY, 300, NOW)).toEqual({ valid: false, reason: 'malformed' });
    expect(verifyWebhookSignature(SECRET, header, '17e8', BODY, 300, NOW)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('accepts any of several signatures (secret rotation)', () => {
    const both = `${signWebhook('old-secret-0123456789abcdef0123456789abcd', T, BODY)}, ${header}`;
    expect(verifyWebhookSignature(SECRET, both, String(T), BODY, 300, NOW)).toEqual({ valid: true });
  });
});
