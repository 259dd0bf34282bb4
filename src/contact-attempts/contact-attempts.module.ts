import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { MatchingModule } from '../matching/matching.module.js';
import { ContactAttemptRepository } from './contact-attempt.repository.js';
import { ContactAttemptsController } from './contact-attempts.controller.js';
import { ContactAttemptsService } from './contact-attempts.service.js';
import { ContactPreferenceRepository } from './contact-preference.repository.js';
import { ContactPreferenceService } from './contact-preference.service.js';

@Module({
  imports: [IngestModule, MatchingModule],
  controllers: [ContactAttemptsController],
  providers: [ContactAttemptRepository, ContactAttemptsService, ContactPreferenceRepository, ContactPreferenceService],
})
export class ContactAttemptsModule {}
