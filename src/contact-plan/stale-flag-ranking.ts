/** An open stale-contact flag on one of the borrower's points, as the plan shows it. */
export interface PlanStaleFlag {
  id: string;
  contactPointId: string;
  type: string;
  suggestedReplacementId: string | null;
}

/**
 * Shows each point's open flags beside it, and ranks a flagged point below the replacement its flag
 * suggests (when that replacement is in the same list): the number that recurs in recent records is
 * tried before the one that stopped appearing. Other points keep their order.
 */
export function withStaleFlags<T extends { id: string }>(ranked: readonly T[], flags: readonly PlanStaleFlag[]): (T & { staleFlags?: { id: string; type: string }[] })[] {
  if (flags.length === 0) return [...ranked];
  const byPoint = new Map<string, PlanStaleFlag[]>();
  for (const flag of flags) byPoint.set(flag.contactPointId, [...(byPoint.get(flag.contactPointId) ?? []), flag]);
  const ordered: (T & { staleFlags?: { id: string; type: string }[] })[] = ranked.map((point) => {
    const own = byPoint.get(point.id);
    return own ? { ...point, staleFlags: own.map((flag) => ({ id: flag.id, type: flag.type })) } : { ...point };
  });
  for (const flag of flags) {
    if (!flag.suggestedReplacementId) continue;
    const from = ordered.findIndex((point) => point.id === flag.contactPointId);
    const replacement = ordered.findIndex((point) => point.id === flag.suggestedReplacementId);
    if (from === -1 || replacement === -1 || from > replacement) continue;
    const [moved] = ordered.splice(from, 1);
    // The replacement moved up one place when the flagged point left: insert right after it.
    ordered.splice(replacement, 0, moved);
  }
  return ordered;
}
