import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BorrowersModule } from './borrowers/borrowers.module.js';
import { ConsentModule } from './consent/consent.module.js';
import { ConsoleModule } from './console/console.module.js';
import { ContactAttemptsModule } from './contact-attempts/contact-attempts.module.js';
import { DatabaseInputErrorFilter } from './common/database-input-error.filter.js';
import { DatabaseUnavailableFilter } from './common/database-unavailable.filter.js';
import { DomainErrorFilter } from './common/domain-error.filter.js';
import { ContactPlanModule } from './contact-plan/contact-plan.module.js';
import { ConnectorsModule } from './connectors/connectors.module.js';
import { ErasureModule } from './erasure/erasure.module.js';
import { RepairModule } from './repair/repair.module.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/configuration.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { MatchingModule } from './matching/matching.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NormalisationModule } from './matching/normalisation.module.js';
import { ProvenanceModule } from './provenance/provenance.module.js';
import { OutboxModule } from './queue/outbox.module.js';
import { QueueModule } from './queue/queue.module.js';
import { SourcesModule } from './sources/sources.module.js';
import { StaleModule } from './stale/stale.module.js';
import { UsersModule } from './users/users.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export type ProcessRole = 'all' | 'api' | 'worker';

export interface AppModuleOptions {
  config: AppConfig;
  /** The database to use: DATABASE_URL, or the embedded server started for this process. */
  databaseUrl: string;
  role: ProcessRole;
}

/** One module graph for every process; the entry point decides whether it serves HTTP and/or runs jobs. */
@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, role }: AppModuleOptions): DynamicModule {
    // Without Redis the queue lives in this process, so this process must also run its jobs.
    const runWorkers = role !== 'api' || !config.redis.url;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ ...config.database, url: databaseUrl }),
        QueueModule.forRoot({
          runWorkers,
          concurrency: config.queue.concurrency,
          redisUrl: config.redis.url,
          prefix: config.queue.prefix,
          workerName: config.workerName,
          recovery: {
            lockDurationMilliseconds: config.queue.lockDurationMilliseconds,
            stalledIntervalMilliseconds: config.queue.stalledIntervalMilliseconds,
            maxStalledCount: config.queue.maxStalledCount,
          },
          outageRetryMaxMilliseconds: config.queue.outageRetryMaxMilliseconds,
          jobStartDelayMilliseconds: config.queue.jobStartDelayMilliseconds,
        }),
        OutboxModule.forRoot({ pollMilliseconds: config.queue.outboxPollMilliseconds }),
        AuthModule,
        AuditModule,
        HealthModule,
        SourcesModule,
        MatchingModule,
        NormalisationModule,
        IngestModule,
        ProvenanceModule,
        BorrowersModule,
        ConsentModule,
        ContactAttemptsModule,
        ContactPlanModule,
        ErasureModule,
        ConnectorsModule,
        RepairModule,
        StaleModule,
        UsersModule,
        WebhooksModule,
        ConsoleModule,
        MetricsModule.forRoot(role, config.metrics),
      ],
      // The last registered filter is asked first: the catch-all goes first, so it is asked last.
      providers: [
        { provide: APP_FILTER, useClass: DatabaseUnavailableFilter },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_FILTER, useClass: DatabaseInputErrorFilter },
      ],
    };
  }
}
