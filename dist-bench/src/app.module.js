var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BorrowersModule } from './borrowers/borrowers.module.js';
import { ConsentModule } from './consent/consent.module.js';
import { ContactAttemptsModule } from './contact-attempts/contact-attempts.module.js';
import { ContactPlanModule } from './contact-plan/contact-plan.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { MatchingModule } from './matching/matching.module.js';
import { ProvenanceModule } from './provenance/provenance.module.js';
import { QueueModule } from './queue/queue.module.js';
import { SourcesModule } from './sources/sources.module.js';
/** One module graph for every process; the entry point decides whether it serves HTTP and/or runs jobs. */
let AppModule = AppModule_1 = class AppModule {
    static forRoot({ config, databaseUrl, role }) {
        // Without Redis the queue lives in this process, so this process must also run its jobs.
        const runWorkers = role !== 'api' || !config.redis.url;
        return {
            module: AppModule_1,
            imports: [
                ConfigModule.forRoot(config),
                DatabaseModule.forRoot({ ...config.database, url: databaseUrl }),
                QueueModule.forRoot({ runWorkers, concurrency: config.queue.concurrency, redisUrl: config.redis.url, prefix: config.queue.prefix }),
                AuthModule,
                AuditModule,
                HealthModule,
                SourcesModule,
                MatchingModule,
                IngestModule,
                ProvenanceModule,
                BorrowersModule,
                ConsentModule,
                ContactAttemptsModule,
                ContactPlanModule,
            ],
        };
    }
};
AppModule = AppModule_1 = __decorate([
    Module({})
], AppModule);
export { AppModule };
//# sourceMappingURL=app.module.js.map