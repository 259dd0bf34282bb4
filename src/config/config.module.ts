import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG } from './config.tokens.js';
import type { AppConfig } from './configuration.js';
import { DomainSettingsService } from './domain-settings.service.js';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, DomainSettingsService],
      exports: [APP_CONFIG, DomainSettingsService],
    };
  }
}
