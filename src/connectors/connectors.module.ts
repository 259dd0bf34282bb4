import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module.js';
import { ContactPlanModule } from '../contact-plan/contact-plan.module.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { ConnectorPreviewService } from './connector-preview.service.js';
import { ConnectorReadersService } from './connector-readers.service.js';
import { ConnectorRunJob } from './connector-run.job.js';
import { ConnectorRunRepository } from './connector-run.repository.js';
import { ConnectorRunsService } from './connector-runs.service.js';
import { ConnectorRepository } from './connector.repository.js';
import { ConnectorsController } from './connectors.controller.js';
import { ConnectorsService } from './connectors.service.js';
import { DeclaredConnectorsService } from './declared-connectors.service.js';
import { ExternalInquiryRepository } from './external-inquiry.repository.js';
import { ExternalInquiryService } from './external-inquiry.service.js';

@Module({
  imports: [SourcesModule, IngestModule, ConsentModule, ContactPlanModule],
  controllers: [ConnectorsController],
  providers: [
    DeclaredConnectorsService,
    ConnectorRepository,
    ConnectorRunRepository,
    ExternalInquiryRepository,
    ConnectorReadersService,
    ConnectorsService,
    ConnectorRunsService,
    ConnectorPreviewService,
    ExternalInquiryService,
    ConnectorRunJob,
  ],
  exports: [ConnectorsService, ConnectorRunsService, ExternalInquiryService, ConnectorRepository],
})
export class ConnectorsModule {}
