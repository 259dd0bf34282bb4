import { createHash, randomBytes } from 'node:crypto';

export interface SessionPolicy {
  idleMilliseconds: number;
  absoluteMilliseconds: number;
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export type SessionStatus = 'active' | 'idle' | 'expired';

/** `expired` past the absolute lifetime (however busy), `idle` when unused for the idle timeout, else `active`. */
export function sessionStatus(session: SessionTimes, now: Date, policy: SessionPolicy): SessionStatus {
  if (now.getTime() >= session.createdAt.getTime() + policy.absoluteMilliseconds) return 'expired';
  if (now.getTime() >= session.lastSeenAt.getTime() + policy.idleMilliseconds) return 'idle';
  return 'active';
}

/** When the session ends if nothing more happens: the earlier of its idle and absolute ends. */
export function sessionEndsAt(session: SessionTimes, policy: SessionPolicy): Date {
  return new Date(Math.min(session.lastSeenAt.getTime() + policy.idleMilliseconds, session.createdAt.getTime() + policy.absoluteMilliseconds));
}

/**
 * Whether a request should write its time to the session row: not every request (a console polls), but often
 * enough (a minute, or a quarter of a short idle timeout) that a session in use never reads as idle.
 */
export function shouldRecordActivity(session: SessionTimes, now: Date, policy: SessionPolicy): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= Math.min(60_000, policy.idleMilliseconds / 4);
}

/** 256 random bits: the cookie value. Only its digest is stored, so a copy of the table opens no session. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The session's synchronizer token for X-CSRF-Token (256 random bits). */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A cookie value this service could have issued (43 base64url characters); anything else is not looked up. */
export function looksLikeSessionToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
