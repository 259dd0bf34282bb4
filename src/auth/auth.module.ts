import { Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { type AppConfig, APP_CONFIG } from '../config/config.tokens.js';
import { ApiKeyStore, loadOrGenerateKeys } from './api-key-store.js';
import { ApiKeyGuard } from './api-key.guard.js';

@Global()
@Module({
  providers: [
    {
      provide: ApiKeyStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.auth.apiKeys) return new ApiKeyStore(config.auth.apiKeys);
        const { keys, path, generated } = loadOrGenerateKeys(config.storage.dataDirectory);
        const logger = new Logger('Auth');
        logger.warn(`API_KEYS is not set: using ${generated ? 'newly generated' : 'stored'} development keys from ${path}`);
        for (const entry of keys) logger.warn(`  ${entry.role.padEnd(8)} ${entry.key}`);
        return new ApiKeyStore(keys);
      },
    },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [ApiKeyStore],
})
export class AuthModule {}
