/** How a scan turns the flags a borrower should have into changes to the flags they have. */
import { type ClosedBecause, flagKey, type StaleFlagType, type WantedFlag } from './staleness.js';

export interface OpenFlag {
  id: string;
  contactPointId: string | null;
  type: StaleFlagType;
  evidence: unknown;
  suggestedReplacementId: string | null;
  suggestedActions: unknown;
}

export interface Reconciliation {
  raise: WantedFlag[];
  /** Open flags still wanted; `changed` when their evidence or suggestions moved. */
  keep: { id: string; flag: WantedFlag; changed: boolean }[];
  close: { id: string; closedBecause: ClosedBecause & { closedAt: string } }[];
}

/** Which wanted flags to raise, which open ones to keep and which to close, with what confirmed the contact. */
export function reconcileFlags(open: readonly OpenFlag[], wanted: readonly WantedFlag[], now: Date, confirmations: ReadonlyMap<string, ClosedBecause> = new Map()): Reconciliation {
  const openByKey = new Map(open.map((flag) => [flagKey(flag), flag]));
  const wantedKeys = new Set<string>();
  const result: Reconciliation = { raise: [], keep: [], close: [] };
  for (const flag of wanted) {
    const key = flagKey(flag);
    if (wantedKeys.has(key)) continue;
    wantedKeys.add(key);
    const existing = openByKey.get(key);
    if (!existing) {
      result.raise.push(flag);
      continue;
    }
    // Stored as jsonb, which reorders keys: compare canonical forms.
    const changed =
      canonicalJson(existing.evidence) !== canonicalJson(flag.evidence) ||
      existing.suggestedReplacementId !== flag.suggestedReplacementId ||
      canonicalJson(existing.suggestedActions) !== canonicalJson(flag.suggestedActions);
    result.keep.push({ id: existing.id, flag, changed });
  }
  for (const [key, flag] of openByKey) {
    if (wantedKeys.has(key)) continue;
    const because = confirmations.get(key) ?? { summary: 'No longer indicated by the evidence.' };
    result.close.push({ id: flag.id, closedBecause: { ...because, closedAt: now.toISOString() } });
  }
  return result;
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
