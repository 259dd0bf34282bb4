import { describe, expect, it } from 'vitest';
import { looksLikeSessionToken, newCsrfToken, newSessionToken, sessionEndsAt, sessionStatus, sessionTokenHash, shouldRecordActivity } from './session-rules.js';

const MINUTE = 60_000;
const POLICY = { idleMilliseconds: 30 * MINUTE, absoluteMilliseconds: 12 * 60 * MINUTE };
const START = new Date('2026-06-01T08:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * MINUTE);

describe('session expiry', () => {
  it('is active until the idle timeout passes without a request', () => {
    const session = { createdAt: START, lastSeenAt: at(10) };
    expect(sessionStatus(session, at(39.9), POLICY)).toBe('active');
    expect(sessionStatus(session, at(40), POLICY)).toBe('idle');
  });

  it('ends at the absolute lifetime however busy it is', () => {
    const busy = { createdAt: START, lastSeenAt: at(12 * 60 - 1) };
    expect(sessionStatus(busy, at(12 * 60 - 0.5), POLICY)).toBe('active');
    expect(sessionStatus(busy, at(12 * 60), POLICY)).toBe('expired');
  });

  it('says when it ends: the earlier of idle and absolute', () => {
    expect(sessionEndsAt({ createdAt: START, lastSeenAt: at(5) }, POLICY)).toEqual(at(35));
    expect(sessionEndsAt({ createdAt: START, lastSeenAt: at(12 * 60 - 10) }, POLICY)).toEqual(at(12 * 60));
  });

  it('records activity at most once a minute, or a quarter of a short idle timeout', () => {
    const session = { createdAt: START, lastSeenAt: START };
    expect(shouldRecordActivity(session, at(0.5), POLICY)).toBe(false);
    expect(shouldRecordActivity(session, at(1), POLICY)).toBe(true);
    const short = { idleMilliseconds: 4000, absoluteMilliseconds: POLICY.absoluteMilliseconds };
    expect(shouldRecordActivity(session, new Date(START.getTime() + 999), short)).toBe(false);
    expect(shouldRecordActivity(session, new Date(START.getTime() + 1000), short)).toBe(true);
  });
});

describe('session tokens', () => {
  it('carry 256 random bits; only a digest is stored', () => {
    const token = newSessionToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(looksLikeSessionToken(token)).toBe(true);
    expect(sessionTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionTokenHash(token)).toBe(sessionTokenHash(token));
    expect(newSessionToken()).not.toBe(token);
    expect(newCsrfToken()).not.toBe(newCsrfToken());
  });

  it('refuses to look up values the service never issues', () => {
    expect(looksLikeSessionToken('')).toBe(false);
    expect(looksLikeSessionToken("x' OR 1=1 --")).toBe(false);
    expect(looksLikeSessionToken('a'.repeat(44))).toBe(false);
  });
});
