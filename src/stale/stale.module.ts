import { Module } from '@nestjs/common';
import { ContactPlanModule } from '../contact-plan/contact-plan.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { scheduleTimingToken } from '../queue/schedule.service.js';
import { SourcesModule } from '../sources/sources.module.js';
import { StaleFactsRepository } from './stale-facts.repository.js';
import { StaleFlagRepository } from './stale-flag.repository.js';
import { StaleFlagsController } from './stale-flags.controller.js';
import { StaleFlagsService } from './stale-flags.service.js';
import { StaleScanSettingsService } from './stale-scan-settings.service.js';
import { StaleScanJob } from './stale-scan.job.js';
import { StaleScanService } from './stale-scan.service.js';

@Module({
  imports: [SourcesModule, ContactPlanModule, JobsModule],
  controllers: [StaleFlagsController],
  providers: [
    StaleScanSettingsService,
    StaleFactsRepository,
    StaleFlagRepository,
    StaleScanService,
    StaleFlagsService,
    StaleScanJob,
    // The nightly scan, at stale-scan.json's schedule in the contact-rules time zone.
    {
      provide: scheduleTimingToken('stale.nightly-scan'),
      inject: [StaleScanSettingsService],
      useFactory: (settings: StaleScanSettingsService) => settings.schedule,
    },
  ],
  exports: [StaleScanService, StaleFlagRepository],
})
export class StaleModule {}
