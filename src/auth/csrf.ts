import { createHash, timingSafeEqual } from 'node:crypto';

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookie-authenticated requests that change state must carry the session's CSRF token. */
export function requiresCsrfToken(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Constant-time equality of the session's token and the presented one (digests, so lengths never leak). */
export function csrfTokenMatches(expected: string, presented: string | undefined): boolean {
  if (!presented || !expected) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(presented));
}
