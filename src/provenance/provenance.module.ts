import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module.js';
import { ProvenanceController } from './provenance.controller.js';
import { ProvenanceRepository } from './provenance.repository.js';
import { ProvenanceService } from './provenance.service.js';
import { SourceYieldController } from './source-yield.controller.js';
import { SourceYieldRepository } from './source-yield.repository.js';
import { SourceYieldService } from './source-yield.service.js';

@Module({
  imports: [SourcesModule],
  controllers: [ProvenanceController, SourceYieldController],
  providers: [ProvenanceRepository, ProvenanceService, SourceYieldRepository, SourceYieldService],
})
export class ProvenanceModule {}
