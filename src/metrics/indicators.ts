/**
 * The collection manager's indicators, from counts the database hands over: which borrowers can be
 * reached, and whether repair runs end in a conversation.
 */

export const CONTACT_STATUSES = ['reachable', 'subjective_lost', 'objective_lost', 'unknown'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** Days after a repair run starts in which an answered call counts as the run's success. */
export const REPAIR_SUCCESS_WINDOW_DAYS = 30;

export interface RepairCounts {
  /** Repair runs on record. */
  started: number;
  /** Runs whose outcome is known: answered within the window, or older than the window. */
  decided: number;
  /** Runs followed by an answered call to the borrower within the window. */
  succeeded: number;
}

/** Every status present, zero when no borrower has it (a missing series reads as "no data", not as zero). */
export function borrowersByStatus(rows: readonly { status: string; borrowers: number }[]): Record<ContactStatus, number> {
  const counts = Object.fromEntries(CONTACT_STATUSES.map((status) => [status, 0])) as Record<ContactStatus, number>;
  for (const row of rows) {
    if ((CONTACT_STATUSES as readonly string[]).includes(row.status)) counts[row.status as ContactStatus] += row.borrowers;
  }
  return counts;
}

/**
 * Lost borrowers (subjectively or objectively) over the borrowers whose status is known; `unknown` (no
 * call evidence yet) is left out of both. Undefined when no borrower has a known status.
 */
export function lostContactRate(counts: Record<ContactStatus, number>): number | undefined {
  const lost = counts.subjective_lost + counts.objective_lost;
  const known = lost + counts.reachable;
  return known === 0 ? undefined : lost / known;
}

/**
 * Succeeded over decided: a run younger than the window that has not succeeded yet may still succeed,
 * so it counts in neither (counting it as a failure would make a busy week look bad). Undefined when
 * no run is decided.
 */
export function repairSuccessRate(counts: RepairCounts): number | undefined {
  return counts.decided === 0 ? undefined : Math.min(1, counts.succeeded / counts.decided);
}
