import { describe, expect, it } from 'vitest';
import { FixedWindowCounter, RateLimiter } from './rate-limiter.js';

describe('FixedWindowCounter', () => {
  it('allows the limit per window, then gives the seconds until the window ends', () => {
    let now = 60_000 * 1000 + 15_000; // 15 s into a minute
    const counter = new FixedWindowCounter(60_000, 3, () => now);
    expect([counter.hit('a'), counter.hit('a'), counter.hit('a')]).toEqual([undefined, undefined, undefined]);
    expect(counter.hit('a')).toBe(45);
    expect(counter.hit('b')).toBeUndefined();
    now += 44_500;
    expect(counter.hit('a')).toBe(1);
    now += 500; // the next window
    expect(counter.hit('a')).toBeUndefined();
  });

  it('reports exhaustion without counting', () => {
    const counter = new FixedWindowCounter(60_000, 2, () => 0);
    expect(counter.exhausted('x')).toBeUndefined();
    counter.hit('x');
    expect(counter.exhausted('x')).toBeUndefined();
    counter.hit('x');
    expect(counter.exhausted('x')).toBe(60);
  });
});

describe('RateLimiter', () => {
  it('locks an address out after too many failed authentications, per address', () => {
    const limiter = new RateLimiter({ windowSeconds: 60, requestsPerKey: 600, failedAuthenticationsPerAddress: 60 }, () => 0);
    for (let attempt = 0; attempt < 60; attempt += 1) {
      expect(limiter.addressLockedOut('10.0.0.1')).toBeUndefined();
      limiter.recordFailedAuthentication('10.0.0.1');
    }
    expect(limiter.addressLockedOut('10.0.0.1')).toBe(60);
    expect(limiter.addressLockedOut('10.0.0.2')).toBeUndefined();
  });

  it('limits requests per key', () => {
    const limiter = new RateLimiter({ windowSeconds: 60, requestsPerKey: 600, failedAuthenticationsPerAddress: 60 }, () => 30_000);
    for (let request = 0; request < 600; request += 1) expect(limiter.keyRequest('operator:abc')).toBeUndefined();
    expect(limiter.keyRequest('operator:abc')).toBe(30);
    expect(limiter.keyRequest('operator:def')).toBeUndefined();
  });
});
