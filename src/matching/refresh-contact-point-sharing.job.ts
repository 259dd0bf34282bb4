import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../queue/job-definitions.js';
import { HandlesJob, type JobHandler } from '../queue/job-handler.decorator.js';
import { ContactPointSharingService } from './contact-point-sharing.service.js';

@Injectable()
@HandlesJob('matching.refresh-contact-point-sharing')
export class RefreshContactPointSharingJob implements JobHandler<'matching.refresh-contact-point-sharing'> {
  constructor(private readonly sharing: ContactPointSharingService) {}

  async handle(data: JobPayloads['matching.refresh-contact-point-sharing']): Promise<void> {
    await this.sharing.refresh(data.contactPointIds);
  }
}
