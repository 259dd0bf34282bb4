import { describe, expect, it } from 'vitest';
import { effectiveRole, userPrincipalId } from './identity-provider.js';
import { expiredSessionCookie, readCookie, sessionCookie } from './session-cookie.js';

describe('effectiveRole', () => {
  it('acts in the least powerful of the user\'s roles the route allows, operator first', () => {
    expect(effectiveRole(['admin', 'operator'], ['platform', 'operator'])).toBe('operator');
    expect(effectiveRole(['admin', 'operator'], ['operator', 'admin'])).toBe('operator');
    expect(effectiveRole(['admin', 'auditor'], ['admin', 'auditor'])).toBe('auditor');
    expect(effectiveRole(['admin'], ['admin'])).toBe('admin');
    expect(effectiveRole(['operator'], ['admin'])).toBeUndefined();
    expect(effectiveRole(['operator'], [])).toBeUndefined();
  });

  it('names a user principal by the user id', () => {
    expect(userPrincipalId('0190a0f0-0000-7000-8000-000000000001')).toBe('user:0190a0f0-0000-7000-8000-000000000001');
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, and Secure only over TLS', () => {
    expect(sessionCookie('tok', false)).toBe('cr_session=tok; Path=/; HttpOnly; SameSite=Strict');
    expect(sessionCookie('tok', true)).toBe('cr_session=tok; Path=/; HttpOnly; SameSite=Strict; Secure');
    expect(expiredSessionCookie(true)).toMatch(/^cr_session=; Path=\/; HttpOnly; SameSite=Strict; Secure; Max-Age=0/);
  });

  it('is read from a Cookie header among others', () => {
    expect(readCookie('a=1; cr_session=abc; b=2', 'cr_session')).toBe('abc');
    expect(readCookie('xcr_session=abc', 'cr_session')).toBeUndefined();
    expect(readCookie('cr_session=', 'cr_session')).toBeUndefined();
    expect(readCookie(undefined, 'cr_session')).toBeUndefined();
  });
});
