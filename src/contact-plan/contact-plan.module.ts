import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module.js';
import { AssessStatusJob } from './assess-status.job.js';
import { ContactPlanSettingsService } from './contact-plan-settings.service.js';
import { BorrowerStatusRepository } from './borrower-status.repository.js';
import { ContactPlanController } from './contact-plan.controller.js';
import { ContactPlanRepository } from './contact-plan.repository.js';
import { ContactPlanService } from './contact-plan.service.js';
import { LostContactService } from './lost-contact.service.js';

@Module({
  imports: [SourcesModule],
  controllers: [ContactPlanController],
  providers: [ContactPlanSettingsService, ContactPlanRepository, BorrowerStatusRepository, ContactPlanService, LostContactService, AssessStatusJob],
  exports: [ContactPlanSettingsService, ContactPlanService],
})
export class ContactPlanModule {}
