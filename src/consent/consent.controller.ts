import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ConsentHistoryDto, type PutConsentDto, putConsentSchema } from './consent.dto.js';
import { ConsentService } from './consent.service.js';

@ApiTags('consent')
@ApiBearerAuth()
@Controller('v1/borrowers/:ref/consents')
export class ConsentController {
  constructor(private readonly consents: ConsentService) {}

  @Put()
  @HttpCode(200)
  @Roles('platform')
  @ApiOkResponse({ type: ConsentHistoryDto, description: 'Records a grant or a revocation; in force from the next request' })
  put(@Param('ref') ref: string, @Body({ schema: putConsentSchema }) body: PutConsentDto, @CurrentPrincipal() principal: Principal): Promise<ConsentHistoryDto> {
    return this.consents.record(principal, ref, body);
  }

  @Get()
  @Roles('platform', 'operator', 'auditor', 'admin')
  @ApiOkResponse({ type: ConsentHistoryDto })
  get(@Param('ref') ref: string): Promise<ConsentHistoryDto> {
    return this.consents.history(ref);
  }
}
