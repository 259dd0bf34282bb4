import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import {
  ErasureAcceptedDto,
  type ErasureRequestDto,
  erasureRequestSchema,
  ErasureStatusDto,
  type RelationshipDto,
  relationshipSchema,
  RelationshipStatusDto,
  RetentionRunAcceptedDto,
} from './erasure.dto.js';
import { ErasureService } from './erasure.service.js';
import { RetentionService } from './retention.service.js';

@ApiTags('erasure')
@ApiBearerAuth()
@Controller('v1')
export class ErasureController {
  constructor(
    private readonly erasure: ErasureService,
    private readonly retention: RetentionService,
  ) {}

  @Post('borrowers/:ref/erasure')
  @HttpCode(202)
  @Roles('admin')
  @ApiAcceptedResponse({ type: ErasureAcceptedDto, description: 'Queued; follow it at GET /v1/erasures/{id}' })
  erase(@Param('ref') ref: string, @Body({ schema: erasureRequestSchema }) body: ErasureRequestDto, @CurrentPrincipal() principal: Principal): Promise<ErasureAcceptedDto> {
    return this.erasure.request(principal, ref, body);
  }

  @Get('erasures/:id')
  @Roles('admin', 'auditor')
  @ApiOkResponse({ type: ErasureStatusDto })
  status(@Param('id', ParseUUIDPipe) id: string): Promise<ErasureStatusDto> {
    return this.erasure.status(id);
  }

  @Put('borrowers/:ref/relationship')
  @HttpCode(200)
  @Roles('admin', 'platform')
  @ApiOkResponse({ type: RelationshipStatusDto, description: 'A closed borrower is erased once the retention period after endedAt has passed' })
  relationship(@Param('ref') ref: string, @Body({ schema: relationshipSchema }) body: RelationshipDto, @CurrentPrincipal() principal: Principal): Promise<RelationshipStatusDto> {
    return this.erasure.setRelationship(principal, ref, body);
  }

  @Post('jobs/retention')
  @HttpCode(202)
  @Roles('admin')
  @ApiAcceptedResponse({ type: RetentionRunAcceptedDto, description: 'Applies config/retention.json now (run it nightly from a scheduler)' })
  runRetention(): Promise<RetentionRunAcceptedDto> {
    return this.retention.requestRun();
  }
}
