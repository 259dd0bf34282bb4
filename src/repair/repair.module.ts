import { Module } from '@nestjs/common';
import { ConnectorsModule } from '../connectors/connectors.module.js';
import { ContactPlanModule } from '../contact-plan/contact-plan.module.js';
import { RecordsModule } from '../records/records.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { RepairRunJob } from './repair-run.job.js';
import { RepairRunRepository } from './repair-run.repository.js';
import { RepairController } from './repair.controller.js';
import { RepairService } from './repair.service.js';

@Module({
  imports: [ConnectorsModule, ContactPlanModule, SourcesModule, RecordsModule],
  controllers: [RepairController],
  providers: [RepairRunRepository, RepairService, RepairRunJob],
})
export class RepairModule {}
