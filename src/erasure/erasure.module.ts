import { Module } from '@nestjs/common';
import { EraseBorrowerJob } from './erase-borrower.job.js';
import { ErasureController } from './erasure.controller.js';
import { ErasureRepository } from './erasure.repository.js';
import { ErasureService } from './erasure.service.js';
import { RetentionRunJob } from './retention-run.job.js';
import { RetentionSettingsService } from './retention-settings.service.js';
import { RetentionService } from './retention.service.js';

@Module({
  controllers: [ErasureController],
  providers: [ErasureRepository, ErasureService, RetentionSettingsService, RetentionService, EraseBorrowerJob, RetentionRunJob],
})
export class ErasureModule {}
