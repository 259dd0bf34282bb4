/** Source yield: the window a lender asks about and the shares it reads. Pure; the counts come from SourceYieldRepository. */

export const DEFAULT_YIELD_DAYS = 30;
/** Longest window: the counts scan every record the source sent in it. */
export const MAX_YIELD_DAYS = 3 * 366;
const DAY_MILLISECONDS = 24 * 60 * 60 * 1000;

export interface YieldWindow {
  from: Date;
  to: Date;
}

export type YieldWindowResult = YieldWindow | { field: 'from' | 'to'; problem: string };

/**
 * [from, to): either end may be left out. Without `to` it ends now; without `from` it starts
 * DEFAULT_YIELD_DAYS before `to`. `to` must be after `from`, and the window at most MAX_YIELD_DAYS.
 */
export function yieldWindow(query: { from?: Date; to?: Date }, now: Date): YieldWindowResult {
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - DEFAULT_YIELD_DAYS * DAY_MILLISECONDS);
  if (to.getTime() <= from.getTime()) return { field: 'to', problem: query.to ? 'must be later than from' : 'must be later than from (it defaults to now)' };
  if (to.getTime() - from.getTime() > MAX_YIELD_DAYS * DAY_MILLISECONDS) return { field: 'from', problem: `the window spans more than ${MAX_YIELD_DAYS} days` };
  return { from, to };
}

/** Confirmed over contributed; null when nothing was contributed (no share to speak of, not 0 %). */
export function yieldShare(confirmed: number, contributedFirst: number): number | null {
  return contributedFirst === 0 ? null : confirmed / contributedFirst;
}

export interface KindYield {
  contributedFirst: number;
  confirmed: number;
  share: number | null;
}

export interface SourceYield extends KindYield {
  source: string;
  from: Date;
  to: Date;
  recordsReceived: number;
  newRecords: number;
  byKind: { phone: KindYield; address: KindYield };
}

/** The answer from the repository's counts: totals over both kinds, each kind with its own share. */
export function sourceYield(
  source: string,
  window: YieldWindow,
  facts: { versionsReceived: number; newRecords: number; points: readonly { kind: 'phone' | 'address'; contributedFirst: number; confirmed: number }[] },
): SourceYield {
  const kind = (name: 'phone' | 'address'): KindYield => {
    const row = facts.points.find((point) => point.kind === name);
    const contributedFirst = row?.contributedFirst ?? 0;
    const confirmed = row?.confirmed ?? 0;
    return { contributedFirst, confirmed, share: yieldShare(confirmed, contributedFirst) };
  };
  const byKind = { phone: kind('phone'), address: kind('address') };
  const contributedFirst = byKind.phone.contributedFirst + byKind.address.contributedFirst;
  const confirmed = byKind.phone.confirmed + byKind.address.confirmed;
  return {
    source,
    from: window.from,
    to: window.to,
    recordsReceived: facts.versionsReceived,
    newRecords: facts.newRecords,
    contributedFirst,
    confirmed,
    share: yieldShare(confirmed, contributedFirst),
    byKind,
  };
}
