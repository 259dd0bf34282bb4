import { describe, expect, it } from 'vitest';
import { borrowerPseudonym, erasedBorrowerLabel } from './erasure-pseudonym.js';

describe('borrowerPseudonym', () => {
  const key = Buffer.alloc(32, 7);

  it('is the same for the same key and ref, 64 hex characters, and never contains the ref', () => {
    const pseudonym = borrowerPseudonym(key, 'B-1001');
    expect(pseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(borrowerPseudonym(key, 'B-1001')).toBe(pseudonym);
    expect(pseudonym).not.toContain('1001');
  });

  it('differs between refs and between keys', () => {
    expect(borrowerPseudonym(key, 'B-1001')).not.toBe(borrowerPseudonym(key, 'B-1002'));
    expect(borrowerPseudonym(key, 'B-1001')).not.toBe(borrowerPseudonym(Buffer.alloc(32, 8), 'B-1001'));
  });

  it('labels the erased borrower so it fits borrower_ref (100) and target_id (200)', () => {
    expect(erasedBorrowerLabel(borrowerPseudonym(key, 'B-1001')).length).toBeLessThanOrEqual(100);
  });
});
