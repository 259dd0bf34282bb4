var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/matching.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { IngestController } from './ingest.controller.js';
import { IngestService } from './ingest.service.js';
import { SourceRecordReadService } from './source-record-read.service.js';
let IngestModule = class IngestModule {
};
IngestModule = __decorate([
    Module({
        imports: [MatchingModule, SourcesModule],
        controllers: [IngestController],
        providers: [IngestService, SourceRecordReadService],
        exports: [IngestService],
    })
], IngestModule);
export { IngestModule };
//# sourceMappingURL=ingest.module.js.map