/**
 * The borrower's own points: the borrower's person's, and those the platform called without naming
 * a third party that no third party holds. Only these are shown with their observations. In the
 * order found (the self person's first, then by attempt), which the plan keeps for equal scores.
 */
export function ownContactPointIds(
  selfPersonId: string | undefined,
  personPoints: readonly { personId: string; contactPointId: string }[],
  attempts: readonly { contactPointId: string; contactedPersonId?: string }[],
): string[] {
  const own = new Set<string>();
  const thirdPartyPoints = new Set<string>();
  for (const link of personPoints) {
    if (link.personId === selfPersonId) own.add(link.contactPointId);
    else thirdPartyPoints.add(link.contactPointId);
  }
  for (const attempt of attempts) if (!attempt.contactedPersonId && !thirdPartyPoints.has(attempt.contactPointId)) own.add(attempt.contactPointId);
  return [...own];
}
