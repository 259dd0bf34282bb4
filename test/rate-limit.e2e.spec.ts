import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/auth/auth.module.js';
import type { RateLimiter } from '../src/auth/rate-limiter.js';
import { RedisWindowCountStore } from '../src/auth/redis-rate-limit.client.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { bearer, createTestApplication, type TestApplication } from './support/test-application.js';

const redisUrl = process.env.REDIS_URL;
// Documentation addresses (RFC 5737): never a real client.
const [CLIENT, OTHER_CLIENT, FORGED] = ['203.0.113.10', '203.0.113.20', '198.51.100.1'];

const failWith = (context: TestApplication, forwardedFor: string) =>
  request(context.http).get('/v1/sources').set('Authorization', 'Bearer wrong-key-xxxxxxxxxxxxxxxx').set('X-Forwarded-For', forwardedFor);
const goodKeyFrom = (context: TestApplication, forwardedFor: string) =>
  request(context.http).get('/v1/sources').set('Authorization', bearer('operator')).set('X-Forwarded-For', forwardedFor);

describe('the per-address limit behind a load balancer', () => {
  const limits = { RATE_LIMIT_FAILED_AUTH_PER_ADDRESS: '3', RATE_LIMIT_WINDOW_SECONDS: '3600' };

  describe('without TRUST_PROXY', () => {
    let context: TestApplication;
    beforeAll(async () => {
      context = await createTestApplication(limits);
    });
    afterAll(() => context?.close());

    it('ignores X-Forwarded-For: a client cannot pick a fresh address for every guess', async () => {
      for (let attempt = 0; attempt < 3; attempt += 1) await failWith(context, `${CLIENT}`).expect(401);
      const locked = await goodKeyFrom(context, OTHER_CLIENT).expect(429);
      expect(locked.body.message).toMatch(/too many failed authentications/);
    });
  });

  describe('with TRUST_PROXY=1 (one load balancer in front)', () => {
    let context: TestApplication;
    beforeAll(async () => {
      context = await createTestApplication({ ...limits, TRUST_PROXY: '1' });
    });
    afterAll(() => context?.close());

    it('counts failures against the client address the balancer adds, not the balancer, nor what the client wrote', async () => {
      // The balancer appends the address it saw; anything before it came from the client.
      for (let attempt = 0; attempt < 3; attempt += 1) await failWith(context, `${FORGED}${attempt}, ${CLIENT}`).expect(401);
      await goodKeyFrom(context, `${FORGED}99, ${CLIENT}`).expect(429);
      // Another client behind the same balancer is not locked out.
      await goodKeyFrom(context, OTHER_CLIENT).expect(200);
    });
  });
});

/** Two API processes behind one load balancer, as two limiters on one Redis. */
describe.runIf(Boolean(redisUrl))('with REDIS_URL: rate limits shared through Redis', () => {
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const stores: RedisWindowCountStore[] = [];
  let limiters: RateLimiter[];

  beforeAll(() => {
    const config = loadConfiguration({
      NODE_ENV: 'test',
      REDIS_URL: redisUrl!,
      QUEUE_PREFIX: prefix,
      RATE_LIMIT_REQUESTS_PER_KEY: '10',
      RATE_LIMIT_FAILED_AUTH_PER_ADDRESS: '4',
      RATE_LIMIT_WINDOW_SECONDS: '3600',
    });
    stores.push(new RedisWindowCountStore(redisUrl!, prefix), new RedisWindowCountStore(redisUrl!, prefix));
    const failOnRedisError = (message: string) => {
      throw new Error(`fell back to in-process counts: ${message}`);
    };
    limiters = stores.map((store) => createRateLimiter(config, store, failOnRedisError));
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  it('counts one key against one limit, whichever process serves it', async () => {
    const [first, second] = limiters;
    for (let request = 0; request < 5; request += 1) {
      expect(await first.keyRequest('platform:shared')).toBeUndefined();
      expect(await second.keyRequest('platform:shared')).toBeUndefined();
    }
    // Eleventh request of the window: over the limit in both processes.
    expect(await first.keyRequest('platform:shared')).toBeGreaterThan(0);
    expect(await second.keyRequest('platform:shared')).toBeGreaterThan(0);
    expect(await first.keyRequest('platform:other')).toBeUndefined();
  });

  it('locks an address out in every process once the failures add up', async () => {
    const [first, second] = limiters;
    for (const limiter of [first, second, first, second]) {
      expect(await limiter.addressLockedOut(CLIENT)).toBeUndefined();
      await limiter.recordFailedAuthentication(CLIENT);
    }
    expect(await first.addressLockedOut(CLIENT)).toBeGreaterThan(0);
    expect(await second.addressLockedOut(CLIENT)).toBeGreaterThan(0);
    expect(await second.addressLockedOut(OTHER_CLIENT)).toBeUndefined();
  });

  it('leaves no count behind for ever: each key expires after two windows at most', async () => {
    const { Redis } = await import('ioredis');
    const redis = new Redis(redisUrl!);
    try {
      const keys = await redis.keys(`${prefix}:rate-limit:*`);
      expect(keys.length).toBeGreaterThanOrEqual(3);
      for (const key of keys) {
        const ttl = await redis.pttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(2 * 3600 * 1000);
      }
    } finally {
      await redis.quit();
    }
  });
});
