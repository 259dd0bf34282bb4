/**
 * A person can be linked to one borrower several ways (after a merge, or named twice). One relation
 * counts: being the borrower wins over anything, a named relation over the catch-all 'other';
 * among named relations the first in the order given.
 */
export function strongestRelation<R extends string>(relations: readonly R[]): R | undefined {
  let strongest: R | undefined;
  for (const relation of relations) if (strongest === undefined || rank(relation) < rank(strongest)) strongest = relation;
  return strongest;
}

function rank(relation: string): number {
  if (relation === 'self') return 0;
  return relation === 'other' ? 2 : 1;
}
