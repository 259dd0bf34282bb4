import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../queue/job-definitions.js';
import { HandlesJob, type JobHandler } from '../queue/job-handler.decorator.js';
import { RepairService } from './repair.service.js';

@Injectable()
@HandlesJob('repair.run')
export class RepairRunJob implements JobHandler<'repair.run'> {
  constructor(private readonly repair: RepairService) {}

  async handle(data: JobPayloads['repair.run']): Promise<void> {
    await this.repair.execute(data);
  }
}
