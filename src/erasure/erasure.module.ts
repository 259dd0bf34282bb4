import { Module } from '@nestjs/common';
import { scheduleTimingToken } from '../queue/schedule.service.js';
import { EraseBorrowerJob } from './erase-borrower.job.js';
import { ErasureController } from './erasure.controller.js';
import { ErasureRepository } from './erasure.repository.js';
import { ErasureService } from './erasure.service.js';
import { RetentionRunJob } from './retention-run.job.js';
import { RetentionSettingsService } from './retention-settings.service.js';
import { RetentionService } from './retention.service.js';

@Module({
  controllers: [ErasureController],
  providers: [
    ErasureRepository,
    ErasureService,
    RetentionSettingsService,
    RetentionService,
    EraseBorrowerJob,
    RetentionRunJob,
    // The nightly retention run, at retention.json's schedule and timeZone.
    {
      provide: scheduleTimingToken('erasure.nightly-retention-run'),
      inject: [RetentionSettingsService],
      useFactory: (settings: RetentionSettingsService) => settings.schedule,
    },
  ],
})
export class ErasureModule {}
