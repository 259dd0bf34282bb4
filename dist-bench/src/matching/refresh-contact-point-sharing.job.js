var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { HandlesJob } from '../queue/job-handler.decorator.js';
import { ContactPointSharingService } from './contact-point-sharing.service.js';
let RefreshContactPointSharingJob = class RefreshContactPointSharingJob {
    constructor(sharing) {
        this.sharing = sharing;
    }
    async handle(data) {
        await this.sharing.refresh(data.contactPointIds);
    }
};
RefreshContactPointSharingJob = __decorate([
    Injectable(),
    HandlesJob('matching.refresh-contact-point-sharing'),
    __metadata("design:paramtypes", [ContactPointSharingService])
], RefreshContactPointSharingJob);
export { RefreshContactPointSharingJob };
//# sourceMappingURL=refresh-contact-point-sharing.job.js.map