import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../queue/job-definitions.js';
import { HandlesJob, type JobHandler } from '../queue/job-handler.decorator.js';
import { LostContactService } from './lost-contact.service.js';

@Injectable()
@HandlesJob('contact-plan.repair-run')
export class RepairRunJob implements JobHandler<'contact-plan.repair-run'> {
  constructor(private readonly lostContact: LostContactService) {}

  async handle(data: JobPayloads['contact-plan.repair-run']): Promise<void> {
    await this.lostContact.repair(data.borrowerId, data.reason);
  }
}
