import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/matching.module.js';
import { RecordsModule } from '../records/records.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { IngestBatchRepository } from './ingest-batch.repository.js';
import { IngestPipelineService } from './ingest-pipeline.service.js';
import { IngestController } from './ingest.controller.js';
import { SourceRecordReadService } from './source-record-read.service.js';

@Module({
  imports: [MatchingModule, RecordsModule, SourcesModule],
  controllers: [IngestController],
  providers: [IngestBatchRepository, IngestPipelineService, SourceRecordReadService],
  exports: [IngestPipelineService],
})
export class IngestModule {}
