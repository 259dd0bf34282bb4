import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { csrfTokenMatches } from '../auth/csrf.js';
import { effectiveRole, type IdentityProvider, type SessionIdentity, USER_ROLES, userPrincipalId } from '../auth/identity-provider.js';
import type { Principal } from '../auth/principal.js';
import { SignInLimiter } from '../auth/rate-limiter.js';
import { DomainError } from '../common/domain-error.js';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { Transactions } from '../database/transactions.service.js';
import { hashPassword, verifyPassword } from './password-hashing.js';
import { normaliseUsername, passwordProblem } from './password-policy.js';
import {
  looksLikeSessionToken,
  newCsrfToken,
  newSessionToken,
  type SessionPolicy,
  sessionEndsAt,
  sessionStatus,
  sessionTokenHash,
  shouldRecordActivity,
} from './session-rules.js';
import { checkSetupCode, setupCodeHash } from './setup-code.js';
import { type SessionWithUser, UserSessionRepository } from './user-session.repository.js';
import { type User, UserRepository } from './user.repository.js';

/** A session just opened: the token goes into the cookie and nowhere else. */
export interface OpenedSession {
  token: string;
  identity: SessionIdentity;
}

export type SignInOutcome = { kind: 'signed_in'; session: OpenedSession } | { kind: 'refused' } | { kind: 'locked_out'; retryAfterSeconds: number };

/**
 * Sign-in, first-time setup, sign-out, and the IdentityProvider the guard asks about session cookies.
 * Every refusal says the same thing whether the username is unknown, the password wrong or the account
 * disabled, and takes as long (a password is hashed either way).
 */
@Injectable()
export class SessionsService implements IdentityProvider {
  private readonly logger = new Logger('Sessions');
  private readonly policy: SessionPolicy;
  // Verified against when the username is unknown, so that answer takes as long as a wrong password.
  private decoy: Promise<string> | undefined;

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserRepository,
    private readonly sessions: UserSessionRepository,
    private readonly audit: AuditService,
    private readonly limiter: SignInLimiter,
    @InjectConfig() config: AppConfig,
  ) {
    this.policy = { idleMilliseconds: config.identity.sessionIdleMilliseconds, absoluteMilliseconds: config.identity.sessionAbsoluteMilliseconds };
  }

  async signIn(rawUsername: string, password: string, address: string): Promise<SignInOutcome> {
    const username = normaliseUsername(rawUsername);
    const retryAfterSeconds = await this.limiter.lockedOut(username, address);
    if (retryAfterSeconds !== undefined) return { kind: 'locked_out', retryAfterSeconds };
    const user = await this.users.findByUsername(username);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash()));
    if (!user || !user.passwordHash || user.disabledAt || !matches) {
      await this.limiter.recordFailure(username, address);
      this.logger.warn({ event: 'sign-in refused', reason: !user ? 'unknown user' : user.disabledAt ? 'disabled' : 'wrong or unset password' });
      return { kind: 'refused' };
    }
    return { kind: 'signed_in', session: await this.open(user, 'session.started') };
  }

  /**
   * Sets the first password (or the one after a reset) with the one-time code, and signs the user in.
   * A wrong, used or expired code is refused like a wrong password (and counted as a failure); a weak
   * password is a 400 that leaves the code usable.
   */
  async setUp(rawUsername: string, code: string, password: string, address: string): Promise<SignInOutcome> {
    const username = normaliseUsername(rawUsername);
    const retryAfterSeconds = await this.limiter.lockedOut(username, address);
    if (retryAfterSeconds !== undefined) return { kind: 'locked_out', retryAfterSeconds };
    const user = await this.users.findByUsername(username);
    const now = new Date();
    const check = user ? checkSetupCode(user, code, now) : 'no_code';
    if (!user || check !== 'ok') {
      await this.limiter.recordFailure(username, address);
      this.logger.warn({ event: 'setup refused', reason: user ? check : 'unknown user' });
      return { kind: 'refused' };
    }
    const problem = passwordProblem(password, username);
    if (problem) throw new DomainError('invalid', `password: ${problem}`);
    const hash = await hashPassword(password);
    const redeemed = await this.transactions.run(async (transaction) => {
      if (!(await this.users.redeemSetupCode(user.id, setupCodeHash(code), hash, new Date(), transaction))) return false;
      await this.audit.record(this.principalOf(user), { action: 'user.password_set', targetType: 'user', targetId: user.id, details: { username } }, transaction);
      return true;
    });
    // Another request used the same code first.
    if (!redeemed) return { kind: 'refused' };
    return { kind: 'signed_in', session: await this.open(user, 'session.started') };
  }

  /** Ends the session behind `token` (its CSRF token is required, as for any cookie-authenticated change). */
  async signOut(token: string, csrfToken: string | undefined): Promise<void> {
    const session = await this.live(token);
    if (!session) return;
    if (!csrfTokenMatches(session.csrfToken, csrfToken)) throw new DomainError('forbidden', 'X-CSRF-Token is missing or does not match the session');
    await this.transactions.run(async (transaction) => {
      if (!(await this.sessions.delete(session.tokenHash, transaction))) return;
      await this.audit.record(
        { id: userPrincipalId(session.userId), role: effectiveRole(session.roles, USER_ROLES) ?? 'operator', username: session.username },
        { action: 'session.ended', targetType: 'user', targetId: session.userId, details: { username: session.username } },
        transaction,
      );
    });
  }

  /** Drops the session behind `token`, if any, without a word: a new sign-in in the same browser replaces it. */
  async endSilently(token: string): Promise<void> {
    if (looksLikeSessionToken(token)) await this.sessions.delete(sessionTokenHash(token));
  }

  async resolveSession(token: string): Promise<SessionIdentity | undefined> {
    const session = await this.live(token);
    if (!session) return undefined;
    const now = new Date();
    let lastSeenAt = session.lastSeenAt;
    if (shouldRecordActivity(session, now, this.policy)) {
      await this.sessions.recordActivity(session.tokenHash, now);
      lastSeenAt = now;
    }
    return {
      userId: session.userId,
      username: session.username,
      displayName: session.displayName,
      roles: session.roles,
      csrfToken: session.csrfToken,
      endsAt: sessionEndsAt({ createdAt: session.createdAt, lastSeenAt }, this.policy),
    };
  }

  /** The session behind a token while it is valid; an idle or expired one is deleted on the way. */
  private async live(token: string): Promise<SessionWithUser | undefined> {
    if (!looksLikeSessionToken(token)) return undefined;
    const session = await this.sessions.findWithUser(sessionTokenHash(token));
    if (!session || session.disabledAt) return undefined;
    if (sessionStatus(session, new Date(), this.policy) !== 'active') {
      await this.sessions.delete(session.tokenHash);
      return undefined;
    }
    return session;
  }

  private async open(user: User, action: string): Promise<OpenedSession> {
    const token = newSessionToken();
    const csrfToken = newCsrfToken();
    const now = new Date();
    await this.transactions.run(async (transaction) => {
      await this.sessions.insert({ tokenHash: sessionTokenHash(token), userId: user.id, csrfToken, now }, transaction);
      await this.audit.record(this.principalOf(user), { action, targetType: 'user', targetId: user.id, details: { username: user.username } }, transaction);
    });
    // Sign-ins are rare: a good moment to drop sessions that ended without a sign-out.
    await this.sessions.deleteEnded(now, this.policy.idleMilliseconds, this.policy.absoluteMilliseconds);
    return {
      token,
      identity: {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        roles: user.roles,
        csrfToken,
        endsAt: sessionEndsAt({ createdAt: now, lastSeenAt: now }, this.policy),
      },
    };
  }

  /** The user acting outside any route (sign-in, setup): in their least powerful role. */
  private principalOf(user: Pick<User, 'id' | 'username' | 'roles'>): Principal {
    return { id: userPrincipalId(user.id), role: effectiveRole(user.roles, USER_ROLES) ?? 'operator', username: user.username };
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hashPassword('decoy password for unknown usernames');
    return this.decoy;
  }
}
