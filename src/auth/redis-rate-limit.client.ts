import { Redis } from 'ioredis';
import type { WindowCountStore } from './rate-limiter.js';

// INCR and the first PEXPIRE in one step: a process dying between the two can never leave a count that never expires.
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

interface ScriptedRedis extends Redis {
  rateLimitIncrement(key: string, ttlMilliseconds: number): Promise<number>;
}

/**
 * Window counts in Redis, shared by every API process using the same REDIS_URL and prefix. A key lives two windows,
 * so it outlasts its window whatever the clock skew between processes, and then goes on its own.
 */
export class RedisWindowCountStore implements WindowCountStore {
  private readonly redis: ScriptedRedis;

  constructor(url: string, private readonly prefix: string) {
    // A slow or absent Redis must not hold requests: commands fail fast and the caller falls back. Connected on first use,
    // so a worker process that never limits a request never connects.
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 1_000, connectTimeout: 2_000 });
    redis.on('error', () => undefined); // reported by the failing command instead, without the connection details
    redis.defineCommand('rateLimitIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
    this.redis = redis as ScriptedRedis;
  }

  async increment(key: string, windowStart: number, windowMilliseconds: number): Promise<number> {
    return Number(await this.redis.rateLimitIncrement(this.keyOf(key, windowStart), windowMilliseconds * 2));
  }

  async count(key: string, windowStart: number): Promise<number> {
    return Number((await this.redis.get(this.keyOf(key, windowStart))) ?? 0);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private keyOf(key: string, windowStart: number): string {
    return `${this.prefix}:rate-limit:${windowStart}:${key}`;
  }
}
