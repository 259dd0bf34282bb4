/** Retention (PIPL Art. 19): how long each kind of data is kept, in days; pure. */
export interface RetentionSettings {
  /** Quarantined (rejected) records, from when they were received. */
  quarantineDays: number;
  /** Superseded raw record versions (a newer version of the same record exists), from when they were received. */
  rawPayloadDays: number;
  /** Everything about a borrower whose relationship ended, from the end. */
  closedBorrowerDays: number;
}

const DAY_MILLISECONDS = 86_400_000;

/** Data received or ended before this instant is past its retention period. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MILLISECONDS);
}

/**
 * Whether the retention period of something that started (was received, or ended) at `since` has
 * passed at `now`: strictly more than `days` days. Nothing without a start (an open relationship) expires.
 */
export function retentionPassed(since: Date | null | undefined, now: Date, days: number): boolean {
  if (!since) return false;
  return since.getTime() < retentionCutoff(now, days).getTime();
}
