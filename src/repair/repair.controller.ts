import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { type ListRepairRunsQueryDto, listRepairRunsQuerySchema, RepairAcceptedDto, RepairRunDto } from './repair.dto.js';
import { RepairService } from './repair.service.js';

@ApiTags('repair')
@ApiBearerAuth()
@Controller('v1/borrowers/:ref')
export class RepairController {
  constructor(private readonly repair: RepairService) {}

  @Post('repair')
  @HttpCode(202)
  @Roles('platform', 'operator')
  @ApiAcceptedResponse({ type: RepairAcceptedDto, description: 'Asks every per-borrower source the consent allows; follow it at GET .../repair-runs/{id}' })
  start(@Param('ref') ref: string, @CurrentPrincipal() principal: Principal): Promise<RepairAcceptedDto> {
    return this.repair.request(principal, ref);
  }

  @Get('repair-runs')
  @Roles('platform', 'operator', 'admin', 'auditor')
  @ApiOkResponse({ type: [RepairRunDto], description: 'Newest first' })
  async list(@Param('ref') ref: string, @Query({ schema: listRepairRunsQuerySchema }) query: ListRepairRunsQueryDto): Promise<RepairRunDto[]> {
    return (await this.repair.list(ref, query.limit)).map(RepairRunDto.of);
  }

  @Get('repair-runs/:id')
  @Roles('platform', 'operator', 'admin', 'auditor')
  @ApiOkResponse({ type: RepairRunDto })
  async get(@Param('ref') ref: string, @Param('id', ParseUUIDPipe) id: string): Promise<RepairRunDto> {
    return RepairRunDto.of(await this.repair.get(ref, id));
  }
}
