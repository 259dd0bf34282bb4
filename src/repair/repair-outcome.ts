import type { RepairInquiryOutcome, RepairRunStatus } from './repair-run.entity.js';

/** A run is complete when every source asked answered; one that failed makes it partial, all failing makes it failed. */
export function repairRunStatus(inquiries: readonly Pick<RepairInquiryOutcome, 'outcome'>[]): Exclude<RepairRunStatus, 'running'> {
  const failed = inquiries.filter((inquiry) => inquiry.outcome === 'failed').length;
  if (failed === 0) return 'completed';
  return failed === inquiries.length ? 'failed' : 'partial';
}

/** The contact points the sources gave that the borrower did not have before the run, in the order given. */
export function newContactPoints(found: readonly string[], knownBefore: ReadonlySet<string>): string[] {
  return [...new Set(found)].filter((id) => !knownBefore.has(id));
}
