import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { AuditEventPageDto, type AuditEventQueryDto, auditEventQuerySchema } from './audit-event.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('auditor')
  @ApiOkResponse({ type: AuditEventPageDto })
  list(@Query({ schema: auditEventQuerySchema }) query: AuditEventQueryDto): Promise<AuditEventPageDto> {
    return this.audit.find(query);
  }
}
