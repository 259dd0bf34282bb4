import { Module } from '@nestjs/common';
import { ContactPointSharingService } from './contact-point-sharing.service.js';
import { ContactResolutionService } from './contact-resolution.service.js';
import { RefreshContactPointSharingJob } from './refresh-contact-point-sharing.job.js';

@Module({
  providers: [ContactResolutionService, ContactPointSharingService, RefreshContactPointSharingJob],
  exports: [ContactResolutionService, ContactPointSharingService],
})
export class MatchingModule {}
