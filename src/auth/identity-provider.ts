import type { ApiRole } from '../config/configuration.js';

/** Roles a person can hold; `platform` is for the collection platform's API key only. */
export const USER_ROLES = ['operator', 'auditor', 'admin'] as const satisfies readonly ApiRole[];
export type UserRole = (typeof USER_ROLES)[number];

/** The person behind a live console session. */
export interface SessionIdentity {
  userId: string;
  username: string;
  displayName: string;
  roles: UserRole[];
  /** The session's synchronizer token: cookie-authenticated POST/PUT/PATCH/DELETE must echo it in X-CSRF-Token. */
  csrfToken: string;
  /** When the session ends unless used again: the earlier of its idle and absolute ends. */
  endsAt: Date;
}

/**
 * Where the guard asks who a session cookie belongs to. The built-in accounts (src/users/) implement it;
 * a lender's single sign-on (OIDC) can replace them by issuing its own sessions behind the same method.
 */
export interface IdentityProvider {
  /**
   * The identity behind a session token, or undefined when the token is unknown, was ended, sat idle too
   * long, is past its lifetime, or its user is disabled. A successful look-up counts as activity.
   */
  resolveSession(token: string): Promise<SessionIdentity | undefined>;
}

export const IDENTITY_PROVIDER = Symbol('IDENTITY_PROVIDER');

// Least power first, operator before the others so that a person who is also an operator unmasks as one.
const ROLE_PREFERENCE: readonly UserRole[] = ['operator', 'auditor', 'admin'];

/** The role a person acts in on a route: their least powerful role the route allows, else undefined (403). */
export function effectiveRole(userRoles: readonly UserRole[], routeRoles: readonly ApiRole[]): UserRole | undefined {
  return ROLE_PREFERENCE.find((role) => userRoles.includes(role) && routeRoles.includes(role));
}

/** The principal a session yields for one request. */
export function userPrincipalId(userId: string): string {
  return `user:${userId}`;
}
