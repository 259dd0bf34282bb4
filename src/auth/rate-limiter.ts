/**
 * Where fixed-window counts live: in this process, or in Redis so that every API process behind a load balancer
 * counts against one limit. A window is named by its start (aligned to the clock), so processes agree on it.
 */
export interface WindowCountStore {
  /** Adds one to `key` in the window starting at `windowStart`; the count after. */
  increment(key: string, windowStart: number, windowMilliseconds: number): Promise<number>;
  /** The count of `key` in the window starting at `windowStart`. */
  count(key: string, windowStart: number): Promise<number>;
}

/** Counts in memory, per process: a new window clears the old one, so memory holds the keys of one window at most. */
export class InMemoryWindowCountStore implements WindowCountStore {
  private windowStart = Number.NEGATIVE_INFINITY;
  private readonly counts = new Map<string, number>();

  increment(key: string, windowStart: number): Promise<number> {
    this.roll(windowStart);
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return Promise.resolve(count);
  }

  count(key: string, windowStart: number): Promise<number> {
    this.roll(windowStart);
    return Promise.resolve(this.counts.get(key) ?? 0);
  }

  private roll(windowStart: number): void {
    if (windowStart === this.windowStart) return;
    this.windowStart = windowStart;
    this.counts.clear();
  }
}

/**
 * The shared store while it answers, this process's counts while it does not: a Redis outage loosens the limit to
 * one per process rather than taking the API down or lifting the limit altogether.
 */
export class FallbackWindowCountStore implements WindowCountStore {
  constructor(
    private readonly shared: WindowCountStore,
    private readonly local: WindowCountStore,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  increment(key: string, windowStart: number, windowMilliseconds: number): Promise<number> {
    return this.shared.increment(key, windowStart, windowMilliseconds).catch((error: unknown) => {
      this.onFailure(error);
      return this.local.increment(key, windowStart, windowMilliseconds);
    });
  }

  count(key: string, windowStart: number): Promise<number> {
    return this.shared.count(key, windowStart).catch((error: unknown) => {
      this.onFailure(error);
      return this.local.count(key, windowStart);
    });
  }
}

/** Fixed-window counters: every count restarts at the start of each window (aligned to the clock). */
export class FixedWindowCounter {
  constructor(
    private readonly name: string,
    private readonly windowMilliseconds: number,
    private readonly limit: number,
    private readonly store: WindowCountStore = new InMemoryWindowCountStore(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one event for `key`; the seconds to wait when that goes over the limit, else undefined. */
  async hit(key: string): Promise<number | undefined> {
    const now = this.now();
    const count = await this.store.increment(`${this.name}:${key}`, this.windowStart(now), this.windowMilliseconds);
    return count > this.limit ? this.retryAfter(now) : undefined;
  }

  /** The seconds to wait when `key` has used up its limit in this window, else undefined. */
  async exhausted(key: string): Promise<number | undefined> {
    const now = this.now();
    const count = await this.store.count(`${this.name}:${key}`, this.windowStart(now));
    return count >= this.limit ? this.retryAfter(now) : undefined;
  }

  private windowStart(now: number): number {
    return now - (now % this.windowMilliseconds);
  }

  private retryAfter(now: number): number {
    return Math.max(1, Math.ceil((this.windowStart(now) + this.windowMilliseconds - now) / 1000));
  }
}

export interface RateLimits {
  windowSeconds: number;
  requestsPerKey: number;
  failedAuthenticationsPerAddress: number;
}

/**
 * Requests per API key and failed authentications per client address (RATE_LIMIT_* settings). The address is the
 * one Express gives (request.ip): the socket's, or the client's behind a proxy TRUST_PROXY names.
 */
export class RateLimiter {
  private readonly requests: FixedWindowCounter;
  private readonly failures: FixedWindowCounter;

  /** One store for both counters, or one each (in memory); their keys never collide. */
  constructor(limits: RateLimits, now: () => number = Date.now, store?: WindowCountStore) {
    this.requests = new FixedWindowCounter('key', limits.windowSeconds * 1000, limits.requestsPerKey, store ?? new InMemoryWindowCountStore(), now);
    this.failures = new FixedWindowCounter('address', limits.windowSeconds * 1000, limits.failedAuthenticationsPerAddress, store ?? new InMemoryWindowCountStore(), now);
  }

  /** Seconds to wait when this address has failed to authenticate too often, else undefined. */
  addressLockedOut(address: string): Promise<number | undefined> {
    return this.failures.exhausted(address);
  }

  async recordFailedAuthentication(address: string): Promise<void> {
    await this.failures.hit(address);
  }

  /** Counts a request by an authenticated key (its principal id); seconds to wait when over the limit. */
  keyRequest(principalId: string): Promise<number | undefined> {
    return this.requests.hit(principalId);
  }
}

export interface SignInLimits {
  windowSeconds: number;
  failuresPerUsername: number;
  failuresPerAddress: number;
}

/**
 * Failed console sign-ins (and setups) per username and per client address (SIGN_IN_* settings): once either has
 * failed too often in the window, every attempt for that username or from that address is refused until it ends,
 * even with the right password, so guessing cannot go on against one account or from one machine.
 */
export class SignInLimiter {
  private readonly usernames: FixedWindowCounter;
  private readonly addresses: FixedWindowCounter;

  constructor(limits: SignInLimits, now: () => number = Date.now, store?: WindowCountStore) {
    const window = limits.windowSeconds * 1000;
    this.usernames = new FixedWindowCounter('sign-in-username', window, limits.failuresPerUsername, store ?? new InMemoryWindowCountStore(), now);
    this.addresses = new FixedWindowCounter('sign-in-address', window, limits.failuresPerAddress, store ?? new InMemoryWindowCountStore(), now);
  }

  /** Seconds to wait when this username or address has used up its failures, else undefined. */
  async lockedOut(username: string, address: string): Promise<number | undefined> {
    const [byUsername, byAddress] = await Promise.all([this.usernames.exhausted(username), this.addresses.exhausted(address)]);
    return byUsername === undefined ? byAddress : Math.max(byUsername, byAddress ?? 0);
  }

  async recordFailure(username: string, address: string): Promise<void> {
    await Promise.all([this.usernames.hit(username), this.addresses.hit(address)]);
  }
}
