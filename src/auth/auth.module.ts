import { Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { type AppConfig, APP_CONFIG } from '../config/config.tokens.js';
import { ApiKeyStore, loadOrGenerateKeys } from './api-key-store.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { RateLimiter } from './rate-limiter.js';

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
    { provide: RateLimiter, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new RateLimiter(config.rateLimit) },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [ApiKeyStore],
})
export class AuthModule {}
