import { describe, expect, it } from 'vitest';
import { csrfTokenMatches, requiresCsrfToken } from './csrf.js';

describe('CSRF synchronizer token', () => {
  it('is needed on state-changing methods only', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) expect(requiresCsrfToken(method)).toBe(true);
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(requiresCsrfToken(method)).toBe(false);
  });

  it('matches only the exact token', () => {
    const token = 'Jb3v5Yk0m9PqXw2rT7sZ1cD4eF6gH8iK0lM2nO4pQ6r';
    expect(csrfTokenMatches(token, token)).toBe(true);
    expect(csrfTokenMatches(token, `${token}x`)).toBe(false);
    expect(csrfTokenMatches(token, token.slice(0, -1))).toBe(false);
    expect(csrfTokenMatches(token, token.toLowerCase())).toBe(false);
    expect(csrfTokenMatches(token, undefined)).toBe(false);
    expect(csrfTokenMatches(token, '')).toBe(false);
    expect(csrfTokenMatches('', '')).toBe(false);
  });
});
