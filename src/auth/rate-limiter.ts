/**
 * Fixed-window counters in memory, per process: every counter restarts at the start of each window
 * (aligned to the clock), so memory holds at most the keys and addresses seen in one window.
 */
export class FixedWindowCounter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly windowMilliseconds: number,
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one event for `key`; the seconds to wait when that goes over the limit, else undefined. */
  hit(key: string): number | undefined {
    const now = this.roll();
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count > this.limit ? this.retryAfter(now) : undefined;
  }

  /** The seconds to wait when `key` has used up its limit in this window, else undefined. */
  exhausted(key: string): number | undefined {
    const now = this.roll();
    return (this.counts.get(key) ?? 0) >= this.limit ? this.retryAfter(now) : undefined;
  }

  private roll(): number {
    const now = this.now();
    const start = now - (now % this.windowMilliseconds);
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.counts.clear();
    }
    return now;
  }

  private retryAfter(now: number): number {
    return Math.max(1, Math.ceil((this.windowStart + this.windowMilliseconds - now) / 1000));
  }
}

export interface RateLimits {
  windowSeconds: number;
  requestsPerKey: number;
  failedAuthenticationsPerAddress: number;
}

/** Requests per API key and failed authentications per client address (RATE_LIMIT_* settings). */
export class RateLimiter {
  private readonly requests: FixedWindowCounter;
  private readonly failures: FixedWindowCounter;

  constructor(limits: RateLimits, now: () => number = Date.now) {
    this.requests = new FixedWindowCounter(limits.windowSeconds * 1000, limits.requestsPerKey, now);
    this.failures = new FixedWindowCounter(limits.windowSeconds * 1000, limits.failedAuthenticationsPerAddress, now);
  }

  /** Seconds to wait when this address has failed to authenticate too often, else undefined. */
  addressLockedOut(address: string): number | undefined {
    return this.failures.exhausted(address);
  }

  recordFailedAuthentication(address: string): void {
    this.failures.hit(address);
  }

  /** Counts a request by an authenticated key (its principal id); seconds to wait when over the limit. */
  keyRequest(principalId: string): number | undefined {
    return this.requests.hit(principalId);
  }
}
