import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a delivery is signed, and how the receiver checks it (copy verifyWebhookSignature to the
 * platform's side). The signed text is "<timestamp>.<body>": the timestamp is bound to the body, so
 * a captured request cannot be replayed later with a fresh timestamp.
 */
export const SIGNATURE_VERSION = 'v1';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export const WEBHOOK_HEADERS = {
  id: 'X-Webhook-Id',
  event: 'X-Webhook-Event',
  timestamp: 'X-Webhook-Timestamp',
  signature: 'X-Webhook-Signature',
} as const;

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, timestamp in unix seconds. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: 'malformed' | 'stale' | 'future' | 'mismatch' };

/**
 * The receiver's check: the header must carry a v1 signature of this timestamp and body, and the
 * timestamp must lie within `toleranceSeconds` of `now` (either side: clocks drift), which refuses
 * replays. `header` may list several signatures (`v1=…,v1=…`) so a secret can be rotated.
 * Compare against the raw body bytes as received: re-serialised JSON would not match.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  timestamp: string | number | undefined,
  body: string,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
  now: Date = new Date(),
): SignatureCheck {
  if (!header || timestamp === undefined) return { valid: false, reason: 'malformed' };
  const seconds = typeof timestamp === 'number' ? timestamp : /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isSafeInteger(seconds)) return { valid: false, reason: 'malformed' };
  const age = Math.floor(now.getTime() / 1000) - seconds;
  if (age > toleranceSeconds) return { valid: false, reason: 'stale' };
  if (age < -toleranceSeconds) return { valid: false, reason: 'future' };
  const expected = Buffer.from(signWebhook(secret, seconds, body), 'utf8');
  const offered = header.split(',').map((part) => Buffer.from(part.trim(), 'utf8'));
  // Constant-time comparison: the receiver must not leak how much of a guess was right.
  const matches = offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return matches ? { valid: true } : { valid: false, reason: 'mismatch' };
}
