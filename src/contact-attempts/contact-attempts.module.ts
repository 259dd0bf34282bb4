import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { MatchingModule } from '../matching/matching.module.js';
import { ContactAttemptsController } from './contact-attempts.controller.js';
import { ContactAttemptsService } from './contact-attempts.service.js';
import { ContactPreferenceService } from './contact-preference.service.js';

@Module({
  imports: [IngestModule, MatchingModule],
  controllers: [ContactAttemptsController],
  providers: [ContactAttemptsService, ContactPreferenceService],
})
export class ContactAttemptsModule {}
