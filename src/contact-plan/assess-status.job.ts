import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../queue/job-definitions.js';
import { HandlesJob, type JobHandler } from '../queue/job-handler.decorator.js';
import { LostContactService } from './lost-contact.service.js';

@Injectable()
@HandlesJob('contact-plan.assess-status')
export class AssessStatusJob implements JobHandler<'contact-plan.assess-status'> {
  constructor(private readonly lostContact: LostContactService) {}

  async handle(data: JobPayloads['contact-plan.assess-status']): Promise<void> {
    await this.lostContact.assess(data.borrowerIds);
  }
}
