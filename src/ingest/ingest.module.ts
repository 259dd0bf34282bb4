import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/matching.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { IngestController } from './ingest.controller.js';
import { IngestService } from './ingest.service.js';
import { SourceRecordReadService } from './source-record-read.service.js';

@Module({
  imports: [MatchingModule, SourcesModule],
  controllers: [IngestController],
  providers: [IngestService, SourceRecordReadService],
  exports: [IngestService],
})
export class IngestModule {}
