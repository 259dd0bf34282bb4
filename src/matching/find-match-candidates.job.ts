import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../queue/job-definitions.js';
import { HandlesJob, type JobHandler } from '../queue/job-handler.decorator.js';
import { MatchCandidatesService } from './match-candidates.service.js';

@Injectable()
@HandlesJob('matching.find-candidates')
export class FindMatchCandidatesJob implements JobHandler<'matching.find-candidates'> {
  constructor(private readonly candidates: MatchCandidatesService) {}

  async handle(data: JobPayloads['matching.find-candidates']): Promise<void> {
    await this.candidates.process(data.addressPointIds, data.personIds);
  }
}
