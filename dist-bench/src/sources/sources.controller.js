var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Body, Controller, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import { SourceKeyPipe } from './source-key.pipe.js';
import { PutSourceDto, SourceDto } from './source.dto.js';
import { SourcesService } from './sources.service.js';
let SourcesController = class SourcesController {
    constructor(sources) {
        this.sources = sources;
    }
    list() {
        return this.sources.list();
    }
    async put(key, body, principal, response) {
        const { source, created } = await this.sources.put(principal, { key, ...body });
        if (created)
            response.status(201);
        return source;
    }
};
__decorate([
    Get(),
    Roles('admin', 'platform', 'operator', 'auditor'),
    ApiOkResponse({ type: [SourceDto] }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], SourcesController.prototype, "list", null);
__decorate([
    Put(':key'),
    Roles('admin'),
    HttpCode(200),
    ApiOkResponse({ type: SourceDto, description: '201 when the source is new, 200 when it was updated' }),
    __param(0, Param('key', SourceKeyPipe)),
    __param(1, Body()),
    __param(2, CurrentPrincipal()),
    __param(3, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, PutSourceDto, Object, Object]),
    __metadata("design:returntype", Promise)
], SourcesController.prototype, "put", null);
SourcesController = __decorate([
    ApiTags('sources'),
    ApiBearerAuth(),
    Controller('v1/sources'),
    __metadata("design:paramtypes", [SourcesService])
], SourcesController);
export { SourcesController };
//# sourceMappingURL=sources.controller.js.map