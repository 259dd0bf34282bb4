import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../queue/job-definitions.js';
import { HandlesJob, type JobHandler } from '../queue/job-handler.decorator.js';
import { ErasureService } from './erasure.service.js';

@Injectable()
@HandlesJob('erasure.erase-borrower')
export class EraseBorrowerJob implements JobHandler<'erasure.erase-borrower'> {
  constructor(private readonly erasure: ErasureService) {}

  async handle(data: JobPayloads['erasure.erase-borrower']): Promise<void> {
    await this.erasure.run(data.erasureId);
  }
}
