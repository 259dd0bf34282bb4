import { describe, expect, it } from 'vitest';
import { checkSetupCode, newSetupCode, normaliseSetupCode, redeemedSetupCode, type SetupCodeState, setupCodeHash } from './setup-code.js';

const NOW = new Date('2026-06-01T08:00:00Z');
const account = (code: string, expiresAt = new Date(NOW.getTime() + 3_600_000)): SetupCodeState => ({
  setupCodeHash: setupCodeHash(code),
  setupCodeExpiresAt: expiresAt,
  disabledAt: null,
});

describe('setup codes', () => {
  it('are 25 base32 characters in five groups, different each time', () => {
    const code = newSetupCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
    expect(new Set(Array.from({ length: 50 }, newSetupCode)).size).toBe(50);
  });

  it('are stored as a digest and compared without case, dashes or spaces; O and I read as 0 and 1', () => {
    const code = 'AB0CD-EF1GH-JK2MN-PQ3RS-TV4WX';
    expect(setupCodeHash(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(setupCodeHash(code)).not.toContain('ab0cd');
    expect(normaliseSetupCode(' ab0cd ef1gh-jk2mn pq3rs-tv4wx ')).toBe('AB0CDEF1GHJK2MNPQ3RSTV4WX');
    expect(checkSetupCode(account(code), 'abOcd-efIgh-jk2mn-pq3rs-tv4wx', NOW)).toBe('ok');
  });

  it('refuses a wrong code', () => {
    expect(checkSetupCode(account('AB0CD-EF1GH-JK2MN-PQ3RS-TV4WX'), 'AB0CD-EF1GH-JK2MN-PQ3RS-TV4WY', NOW)).toBe('wrong_code');
  });

  it('expires: usable until the instant it expires, not at it', () => {
    const code = newSetupCode();
    const expiresAt = new Date(NOW.getTime() + 1000);
    expect(checkSetupCode(account(code, expiresAt), code, new Date(expiresAt.getTime() - 1))).toBe('ok');
    expect(checkSetupCode(account(code, expiresAt), code, expiresAt)).toBe('expired');
  });

  it('works once: a redeemed account has no code left', () => {
    const code = newSetupCode();
    const before = account(code);
    expect(checkSetupCode(before, code, NOW)).toBe('ok');
    const after = { ...before, ...redeemedSetupCode() };
    expect(checkSetupCode(after, code, NOW)).toBe('no_code');
  });

  it('is refused for a disabled account', () => {
    const code = newSetupCode();
    expect(checkSetupCode({ ...account(code), disabledAt: NOW }, code, NOW)).toBe('disabled');
  });
});
