import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../queue/job-definitions.js';
import { HandlesJob, type JobHandler } from '../queue/job-handler.decorator.js';
import { ConnectorRunsService } from './connector-runs.service.js';

@Injectable()
@HandlesJob('connectors.run')
export class ConnectorRunJob implements JobHandler<'connectors.run'> {
  constructor(private readonly runs: ConnectorRunsService) {}

  async handle(data: JobPayloads['connectors.run']): Promise<void> {
    if ('runId' in data) await this.runs.execute(data.runId);
    else await this.runs.runScheduled(data.connectorKey);
  }
}
