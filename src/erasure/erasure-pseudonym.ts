import { createHmac } from 'node:crypto';

/**
 * The pseudonymous id an erased borrower keeps in the audit log and in the consent proof: HMAC-SHA256
 * of the borrower ref under a key that never leaves DATA_DIR. Whoever holds the key and a ref can
 * check whether that ref was erased; nobody can get the ref back from the id.
 */
export function borrowerPseudonym(key: Buffer, borrowerRef: string): string {
  return createHmac('sha256', key).update(borrowerRef, 'utf8').digest('hex');
}

/** How an erased borrower is named in place of its ref (fits borrower_ref and target_id). */
export function erasedBorrowerLabel(pseudonym: string): string {
  return `erased:${pseudonym}`;
}
