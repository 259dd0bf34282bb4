var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG } from '../config/config.tokens.js';
import { ApiKeyStore, loadOrGenerateKeys } from './api-key-store.js';
import { ApiKeyGuard } from './api-key.guard.js';
let AuthModule = class AuthModule {
};
AuthModule = __decorate([
    Global(),
    Module({
        providers: [
            {
                provide: ApiKeyStore,
                inject: [APP_CONFIG],
                useFactory: (config) => {
                    if (config.auth.apiKeys)
                        return new ApiKeyStore(config.auth.apiKeys);
                    const { keys, path, generated } = loadOrGenerateKeys(config.storage.dataDirectory);
                    const logger = new Logger('Auth');
                    logger.warn(`API_KEYS is not set: using ${generated ? 'newly generated' : 'stored'} development keys from ${path}`);
                    for (const entry of keys)
                        logger.warn(`  ${entry.role.padEnd(8)} ${entry.key}`);
                    return new ApiKeyStore(keys);
                },
            },
            { provide: APP_GUARD, useClass: ApiKeyGuard },
        ],
        exports: [ApiKeyStore],
    })
], AuthModule);
export { AuthModule };
//# sourceMappingURL=auth.module.js.map