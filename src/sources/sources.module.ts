import { Module } from '@nestjs/common';
import { DeclaredSourcesService } from './declared-sources.service.js';
import { SourceRepository } from './source.repository.js';
import { SourcesController } from './sources.controller.js';
import { SourcesService } from './sources.service.js';

@Module({ controllers: [SourcesController], providers: [DeclaredSourcesService, SourceRepository, SourcesService], exports: [SourcesService] })
export class SourcesModule {}
