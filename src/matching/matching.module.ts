import { Module } from '@nestjs/common';
import { ReviewModule } from '../review/review.module.js';
import { ContactPointSharingService } from './contact-point-sharing.service.js';
import { ContactPointRepository } from './contact-point.repository.js';
import { ContactResolutionService } from './contact-resolution.service.js';
import { FindMatchCandidatesJob } from './find-match-candidates.job.js';
import { MatchingSettingsService } from './matching-settings.service.js';
import { MatchCandidatesService } from './match-candidates.service.js';
import { MatchCandidateRepository } from './match-candidate.repository.js';
import { ObservationRepository } from './observation.repository.js';
import { PersonRepository } from './person.repository.js';
import { PipelineController } from './pipeline.controller.js';
import { PipelineService } from './pipeline.service.js';
import { RefreshContactPointSharingJob } from './refresh-contact-point-sharing.job.js';

@Module({
  imports: [ReviewModule],
  controllers: [PipelineController],
  providers: [MatchingSettingsService, ContactResolutionService, ContactPointSharingService, MatchCandidatesService, MatchCandidateRepository, RefreshContactPointSharingJob, FindMatchCandidatesJob,
    ContactPointRepository, ObservationRepository, PersonRepository, PipelineService],
  exports: [ContactResolutionService, ContactPointSharingService, MatchCandidatesService, ContactPointRepository, ObservationRepository, PersonRepository],
})
export class MatchingModule {}
