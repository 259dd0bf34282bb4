var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { ReviewModule } from '../review/review.module.js';
import { ContactPointSharingService } from './contact-point-sharing.service.js';
import { ContactResolutionService } from './contact-resolution.service.js';
import { FindMatchCandidatesJob } from './find-match-candidates.job.js';
import { MatchCandidatesService } from './match-candidates.service.js';
import { PipelineController } from './pipeline.controller.js';
import { RefreshContactPointSharingJob } from './refresh-contact-point-sharing.job.js';
let MatchingModule = class MatchingModule {
};
MatchingModule = __decorate([
    Module({
        imports: [ReviewModule],
        controllers: [PipelineController],
        providers: [ContactResolutionService, ContactPointSharingService, MatchCandidatesService, RefreshContactPointSharingJob, FindMatchCandidatesJob],
        exports: [ContactResolutionService, ContactPointSharingService, MatchCandidatesService],
    })
], MatchingModule);
export { MatchingModule };
//# sourceMappingURL=matching.module.js.map