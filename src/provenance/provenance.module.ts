import { Module } from '@nestjs/common';
import { ProvenanceController } from './provenance.controller.js';
import { ProvenanceRepository } from './provenance.repository.js';
import { ProvenanceService } from './provenance.service.js';

@Module({ controllers: [ProvenanceController], providers: [ProvenanceRepository, ProvenanceService] })
export class ProvenanceModule {}
