import { Logger } from '@nestjs/common';

// deadlock_detected, serialization_failure; and the one-self-per-borrower index a racing batch may trip.
const RETRYABLE_CODES = new Set(['40P01', '40001']);
const RETRYABLE_CONSTRAINTS = new Set(['borrower_person_one_self']);
const logger = new Logger('Database');

export function isRetryable(error: unknown): boolean {
  const cause = (error as { driverError?: { code?: string; constraint?: string } })?.driverError ?? (error as { code?: string; constraint?: string });
  if (!cause) return false;
  if (cause.code && RETRYABLE_CODES.has(cause.code)) return true;
  return cause.code === '23505' && cause.constraint !== undefined && RETRYABLE_CONSTRAINTS.has(cause.constraint);
}

/**
 * Runs a whole transaction again when PostgreSQL aborted it for a conflict with a concurrent one;
 * the work is idempotent, so a retry sees what the winner committed.
 */
export async function withTransactionRetry<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      logger.warn(`transaction conflict (${(error as Error).message}); retry ${attempt} of ${attempts - 1}`);
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}
