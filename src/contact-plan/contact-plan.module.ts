import { Module } from '@nestjs/common';
import { AssessStatusJob } from './assess-status.job.js';
import { ContactPlanSettingsService } from './contact-plan-settings.service.js';
import { ContactPlanController } from './contact-plan.controller.js';
import { ContactPlanRepository } from './contact-plan.repository.js';
import { ContactPlanService } from './contact-plan.service.js';
import { LostContactService } from './lost-contact.service.js';
import { RepairRunJob } from './repair-run.job.js';

@Module({
  controllers: [ContactPlanController],
  providers: [ContactPlanSettingsService, ContactPlanRepository, ContactPlanService, LostContactService, AssessStatusJob, RepairRunJob],
})
export class ContactPlanModule {}
