import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../queue/job-definitions.js';
import { HandlesJob, type JobContext, type JobHandler } from '../queue/job-handler.decorator.js';
import { StaleScanService } from './stale-scan.service.js';

@Injectable()
@HandlesJob('stale.scan')
export class StaleScanJob implements JobHandler<'stale.scan'> {
  constructor(private readonly scans: StaleScanService) {}

  async handle(data: JobPayloads['stale.scan'], context: JobContext): Promise<void> {
    if ('runId' in data) await this.scans.run(data.runId, { workerName: context.workerName });
    else await this.scans.runScheduled({ workerName: context.workerName });
  }
}
