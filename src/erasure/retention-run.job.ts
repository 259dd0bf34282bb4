import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../queue/job-definitions.js';
import { HandlesJob, type JobHandler } from '../queue/job-handler.decorator.js';
import { RetentionService } from './retention.service.js';

@Injectable()
@HandlesJob('erasure.retention-run')
export class RetentionRunJob implements JobHandler<'erasure.retention-run'> {
  constructor(private readonly retention: RetentionService) {}

  async handle(_data: JobPayloads['erasure.retention-run']): Promise<void> {
    await this.retention.run();
  }
}
