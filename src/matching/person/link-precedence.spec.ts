import { describe, expect, it } from 'vitest';
import { strongestRelation } from './link-precedence.js';

describe('strongestRelation', () => {
  it('puts being the borrower first, a named relation next and other last', () => {
    expect(strongestRelation(['other', 'colleague', 'self'])).toBe('self');
    expect(strongestRelation(['other', 'colleague', 'friend'])).toBe('colleague');
    expect(strongestRelation(['other'])).toBe('other');
    expect(strongestRelation([])).toBeUndefined();
  });
});
