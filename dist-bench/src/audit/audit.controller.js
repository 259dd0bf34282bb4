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
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { AuditEventPageDto, AuditEventQueryDto } from './audit-event.dto.js';
import { AuditService } from './audit.service.js';
let AuditController = class AuditController {
    constructor(audit) {
        this.audit = audit;
    }
    list(query) {
        return this.audit.find({ ...query, limit: query.limit ?? 100 });
    }
};
__decorate([
    Get(),
    Roles('auditor'),
    ApiOkResponse({ type: AuditEventPageDto }),
    __param(0, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [AuditEventQueryDto]),
    __metadata("design:returntype", Promise)
], AuditController.prototype, "list", null);
AuditController = __decorate([
    ApiTags('audit'),
    ApiBearerAuth(),
    Controller('v1/audit-events'),
    __metadata("design:paramtypes", [AuditService])
], AuditController);
export { AuditController };
//# sourceMappingURL=audit.controller.js.map