import type { DeliveryOutcome } from './webhook-delivery.entity.js';

/**
 * What one attempt's result means for the delivery. The attempt counts from the queue and from the
 * row are both considered: an in-process queue restarts its count after a restart, the row does not,
 * so a delivery never gets more than `maxAttempts` tries in all.
 */
export function attemptOutcome(result: { statusCode: number | null }, queueAttempt: number, recordedAttempts: number, maxAttempts: number): DeliveryOutcome {
  if (result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300) return 'delivered';
  return Math.max(queueAttempt, recordedAttempts + 1) >= maxAttempts ? 'failed' : 'pending';
}

/** A short reason for the delivery row: the status, or the network error's code; never the receiver's body. */
export function describeFailure(statusCode: number | null, error: unknown): string {
  if (statusCode !== null) return `HTTP ${statusCode}`;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return `network error ${cause.code}`;
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 300);
}
