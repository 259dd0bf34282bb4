import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { type AppConfig, APP_CONFIG } from '../config/config.tokens.js';
import { ApiKeyStore, loadOrGenerateKeys } from './api-key-store.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { FallbackWindowCountStore, InMemoryWindowCountStore, RateLimiter, SignInLimiter, type WindowCountStore } from './rate-limiter.js';
import { RedisWindowCountStore } from './redis-rate-limit.client.js';

const RATE_LIMIT_REDIS = Symbol('RATE_LIMIT_REDIS');

/** With REDIS_URL the API processes share their counts (while Redis answers); without, each counts on its own. */
export function createRateLimiter(config: AppConfig, redis: RedisWindowCountStore | null, warn: (message: string) => void = (message) => new Logger('Auth').warn(message)): RateLimiter {
  if (!redis) return new RateLimiter(config.rateLimit);
  return new RateLimiter(config.rateLimit, Date.now, sharedStore(redis, warn));
}

/** Failed sign-ins counted like the API limits: in Redis when it is there, in this process otherwise. */
export function createSignInLimiter(config: AppConfig, redis: RedisWindowCountStore | null, warn: (message: string) => void = (message) => new Logger('Auth').warn(message)): SignInLimiter {
  if (!redis) return new SignInLimiter(config.identity.signIn);
  return new SignInLimiter(config.identity.signIn, Date.now, sharedStore(redis, warn));
}

// Each limiter gets its own local fallback: an in-memory store holds one window length only.
function sharedStore(redis: RedisWindowCountStore, warn: (message: string) => void): WindowCountStore {
  let lastWarning = Number.NEGATIVE_INFINITY;
  const onFailure = (error: unknown) => {
    if (Date.now() - lastWarning < 60_000) return;
    lastWarning = Date.now();
    warn(`rate limits counted in this process only while Redis does not answer (${error instanceof Error ? error.message : 'unknown error'})`);
  };
  return new FallbackWindowCountStore(redis, new InMemoryWindowCountStore(), onFailure);
}

/**
 * API_KEYS when set; otherwise development keys generated once under DATA_DIR. The keys themselves
 * are never logged: they are in the owner-only file whose path is logged. Configuration has already
 * refused generated keys with DATABASE_URL, on a non-loopback HOST and in production.
 */
export function createApiKeyStore(config: AppConfig, warn: (message: string) => void = (message) => new Logger('Auth').warn(message)): ApiKeyStore {
  if (config.auth.apiKeys) return new ApiKeyStore(config.auth.apiKeys);
  const { keys, path, generated } = loadOrGenerateKeys(config.storage.dataDirectory);
  warn(`API_KEYS is not set: using ${generated ? 'newly generated' : 'stored'} development keys (one per role) from ${path}`);
  return new ApiKeyStore(keys);
}

@Global()
@Module({
  providers: [
    { provide: ApiKeyStore, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createApiKeyStore(config) },
    {
      provide: RATE_LIMIT_REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.redis.url ? new RedisWindowCountStore(config.redis.url, config.queue.prefix) : null),
    },
    { provide: RateLimiter, inject: [APP_CONFIG, RATE_LIMIT_REDIS], useFactory: (config: AppConfig, redis: RedisWindowCountStore | null) => createRateLimiter(config, redis) },
    { provide: SignInLimiter, inject: [APP_CONFIG, RATE_LIMIT_REDIS], useFactory: (config: AppConfig, redis: RedisWindowCountStore | null) => createSignInLimiter(config, redis) },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [ApiKeyStore, SignInLimiter],
})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_REDIS) private readonly redis: RedisWindowCountStore | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }
}
