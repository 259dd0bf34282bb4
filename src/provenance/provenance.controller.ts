import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { unmaskReason } from '../privacy/unmask-policy.js';
import { UNMASK_QUERY } from '../privacy/unmask-query.js';
import { ContactPointDto } from './provenance.dto.js';
import { ProvenanceService } from './provenance.service.js';

@ApiTags('provenance')
@ApiBearerAuth()
@Controller('v1/contact-points')
export class ProvenanceController {
  constructor(private readonly provenance: ProvenanceService) {}

  @Get(':id')
  @Roles('operator', 'admin', 'platform')
  @ApiQuery({ name: 'unmask', required: false, description: 'true for full values (operator only, needs reason, audited)' })
  @ApiQuery({ name: 'reason', required: false })
  @ApiOkResponse({ type: ContactPointDto, description: 'A phone or address, its type, first/last seen, sharing and every observation' })
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Query('unmask', { schema: UNMASK_QUERY.unmask }) unmask?: string,
    @Query('reason', { schema: UNMASK_QUERY.reason }) reason?: string,
  ): Promise<ContactPointDto> {
    return this.provenance.contactPoint(principal, id, unmaskReason(principal, { unmask, reason }));
  }
}
