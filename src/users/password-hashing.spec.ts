import { describe, expect, it } from 'vitest';
import { hashParameters, hashPassword, SCRYPT_PARAMETERS, verifyPassword } from './password-hashing.js';

describe('password hashing (scrypt)', () => {
  it('uses memory-hard parameters of at least N 2^15, r 8, p 1 and stores them with the hash', async () => {
    expect(SCRYPT_PARAMETERS.cost).toBeGreaterThanOrEqual(2 ** 15);
    expect(SCRYPT_PARAMETERS).toMatchObject({ blockSize: 8, parallelization: 1 });
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hashParameters(hash)).toEqual(SCRYPT_PARAMETERS);
    expect(hash).not.toContain('correct horse');
  });

  it('verifies the right password and refuses near misses', async () => {
    const hash = await hashPassword('correct horse battery');
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', hash)).resolves.toBe(false);
    await expect(verifyPassword('correct horse battery ', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts every hash: the same password hashes differently each time', async () => {
    const [first, second] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
    expect(first).not.toBe(second);
    await expect(verifyPassword('same password here', second)).resolves.toBe(true);
  });

  it('reads composed and decomposed forms of a password as one', async () => {
    const hash = await hashPassword('caf\u00e9 au lait 2026');
    await expect(verifyPassword('cafe\u0301 au lait 2026', hash)).resolves.toBe(true);
  });

  it('verifies hashes made with other parameters, and never matches a malformed or outsized one', async () => {
    const cheaper = await hashPassword('older password 1', { cost: 2 ** 14, blockSize: 8, parallelization: 1 });
    await expect(verifyPassword('older password 1', cheaper)).resolves.toBe(true);
    await expect(verifyPassword('x', 'not a hash')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$4194304$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).resolves.toBe(false);
    await expect(verifyPassword('x', 'sha256$abc')).resolves.toBe(false);
  });
});
