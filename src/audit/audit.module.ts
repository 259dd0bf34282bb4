import { Global, Module } from '@nestjs/common';
import { AuditEventRepository } from './audit-event.repository.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({ controllers: [AuditController], providers: [AuditEventRepository, AuditService], exports: [AuditService] })
export class AuditModule {}
