import { describe, expect, it } from 'vitest';
import { FallbackWindowCountStore, FixedWindowCounter, InMemoryWindowCountStore, RateLimiter, SignInLimiter, type WindowCountStore } from './rate-limiter.js';

const LIMITS = { windowSeconds: 60, requestsPerKey: 600, failedAuthenticationsPerAddress: 60 };

describe('FixedWindowCounter', () => {
  it('allows the limit per window, then gives the seconds until the window ends', async () => {
    let now = 60_000 * 1000 + 15_000; // 15 s into a minute
    const counter = new FixedWindowCounter('test', 60_000, 3, new InMemoryWindowCountStore(), () => now);
    expect([await counter.hit('a'), await counter.hit('a'), await counter.hit('a')]).toEqual([undefined, undefined, undefined]);
    expect(await counter.hit('a')).toBe(45);
    expect(await counter.hit('b')).toBeUndefined();
    now += 44_500;
    expect(await counter.hit('a')).toBe(1);
    now += 500; // the next window
    expect(await counter.hit('a')).toBeUndefined();
  });

  it('reports exhaustion without counting', async () => {
    const counter = new FixedWindowCounter('test', 60_000, 2, new InMemoryWindowCountStore(), () => 0);
    expect(await counter.exhausted('x')).toBeUndefined();
    await counter.hit('x');
    expect(await counter.exhausted('x')).toBeUndefined();
    await counter.hit('x');
    expect(await counter.exhausted('x')).toBe(60);
  });

  it('names the window by its start, so processes sharing a store count in the same window', async () => {
    const calls: [string, number, number][] = [];
    const store: WindowCountStore = {
      increment: (key, windowStart, windowMilliseconds) => {
        calls.push([key, windowStart, windowMilliseconds]);
        return Promise.resolve(1);
      },
      count: () => Promise.resolve(0),
    };
    await new FixedWindowCounter('key', 60_000, 5, store, () => 125_000).hit('operator:abc');
    expect(calls).toEqual([['key:operator:abc', 120_000, 60_000]]);
  });
});

describe('RateLimiter', () => {
  it('locks an address out after too many failed authentications, per address', async () => {
    const limiter = new RateLimiter(LIMITS, () => 0);
    for (let attempt = 0; attempt < 60; attempt += 1) {
      expect(await limiter.addressLockedOut('10.0.0.1')).toBeUndefined();
      await limiter.recordFailedAuthentication('10.0.0.1');
    }
    expect(await limiter.addressLockedOut('10.0.0.1')).toBe(60);
    expect(await limiter.addressLockedOut('10.0.0.2')).toBeUndefined();
  });

  it('limits requests per key', async () => {
    const limiter = new RateLimiter(LIMITS, () => 30_000);
    for (let request = 0; request < 600; request += 1) expect(await limiter.keyRequest('operator:abc')).toBeUndefined();
    expect(await limiter.keyRequest('operator:abc')).toBe(30);
    expect(await limiter.keyRequest('operator:def')).toBeUndefined();
  });

  it('counts against one limit when two limiters share a store (two API processes, one Redis)', async () => {
    const shared = new InMemoryWindowCountStore();
    const [first, second] = [new RateLimiter(LIMITS, () => 0, shared), new RateLimiter(LIMITS, () => 0, shared)];
    for (let request = 0; request < 300; request += 1) {
      expect(await first.keyRequest('platform:p')).toBeUndefined();
      expect(await second.keyRequest('platform:p')).toBeUndefined();
    }
    expect(await first.keyRequest('platform:p')).toBe(60);
    // Keys and addresses never share a count, even in one store.
    expect(await second.addressLockedOut('platform:p')).toBeUndefined();
  });
});

describe('FallbackWindowCountStore', () => {
  it('counts in this process while the shared store fails, and reports each failure', async () => {
    const failures: unknown[] = [];
    let up = false;
    const local = new InMemoryWindowCountStore();
    const sharedCounts = new InMemoryWindowCountStore();
    const shared: WindowCountStore = {
      increment: (key, windowStart) => (up ? sharedCounts.increment(key, windowStart) : Promise.reject(new Error('connection refused'))),
      count: (key, windowStart) => (up ? sharedCounts.count(key, windowStart) : Promise.reject(new Error('connection refused'))),
    };
    const store = new FallbackWindowCountStore(shared, local, (error) => failures.push(error));
    expect(await store.increment('k', 0, 60_000)).toBe(1);
    expect(await store.increment('k', 0, 60_000)).toBe(2);
    expect(await store.count('k', 0)).toBe(2);
    expect(failures).toHaveLength(3);
    up = true;
    expect(await store.increment('k', 0, 60_000)).toBe(1);
    expect(failures).toHaveLength(3);
  });
});

describe('SignInLimiter', () => {
  const SIGN_IN = { windowSeconds: 900, failuresPerUsername: 3, failuresPerAddress: 5 };

  it('locks a username out after its failures, from any address, until the window ends', async () => {
    const limiter = new SignInLimiter(SIGN_IN, () => 100_000);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await limiter.lockedOut('op.one', `10.0.0.${attempt}`)).toBeUndefined();
      await limiter.recordFailure('op.one', `10.0.0.${attempt}`);
    }
    expect(await limiter.lockedOut('op.one', '10.0.0.9')).toBe(800);
    expect(await limiter.lockedOut('op.two', '10.0.0.9')).toBeUndefined();
  });

  it('locks an address out after failures across usernames', async () => {
    const limiter = new SignInLimiter(SIGN_IN, () => 0);
    for (let attempt = 0; attempt < 5; attempt += 1) await limiter.recordFailure(`guess-${attempt}`, '10.0.0.1');
    expect(await limiter.lockedOut('someone.else', '10.0.0.1')).toBe(900);
    expect(await limiter.lockedOut('someone.else', '10.0.0.2')).toBeUndefined();
  });
});
