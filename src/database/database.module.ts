import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/configuration.js';
import { dataSourceOptions, openDataSource } from './data-source-options.js';
import { Transactions } from './transactions.service.js';

@Global()
@Module({})
export class DatabaseModule {
  /** `url` is resolved before the module graph exists (an embedded server may have been started for it). */
  static forRoot(config: AppConfig['database'] & { url: string }): DynamicModule {
    const settings = { url: config.url, poolSize: config.poolSize, logQueries: config.logQueries };
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(settings),
          // Migrations run at start-up under an advisory lock, never `synchronize`.
          dataSourceFactory: async () => openDataSource(settings),
        }),
      ],
      providers: [Transactions],
      exports: [Transactions],
    };
  }
}
