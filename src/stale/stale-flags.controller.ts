import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { JobAcceptedDto } from '../jobs/job-run.dto.js';
import { unmaskReason } from '../privacy/unmask-policy.js';
import { StaleScanService } from './stale-scan.service.js';
import { StaleFlagsService } from './stale-flags.service.js';
import {
  type ListFlagsQueryDto,
  listFlagsQuerySchema,
  StaleFlagPageDto,
  StaleFlagSummaryDto,
  type SummaryQueryDto,
  summaryQuerySchema,
} from './stale-flags.dto.js';

@ApiTags('stale-flags')
@ApiBearerAuth()
@Controller('v1')
export class StaleFlagsController {
  constructor(
    private readonly flags: StaleFlagsService,
    private readonly scans: StaleScanService,
  ) {}

  @Get('stale-flags')
  @Roles('platform', 'operator')
  @ApiOkResponse({ type: StaleFlagPageDto, description: 'Newest first; masked unless an operator passes unmask=true&reason= (audited)' })
  list(@Query({ schema: listFlagsQuerySchema }) query: ListFlagsQueryDto, @CurrentPrincipal() principal: Principal): Promise<StaleFlagPageDto> {
    return this.flags.list(principal, query, unmaskReason(principal, query));
  }

  @Get('stale-flags/summary')
  @Roles('platform', 'operator', 'admin')
  @ApiOkResponse({ type: StaleFlagSummaryDto, description: 'Open flags, and flags raised and closed since `since`, by type' })
  summary(@Query({ schema: summaryQuerySchema }) query: SummaryQueryDto): Promise<StaleFlagSummaryDto> {
    return this.flags.summary(query.since);
  }

  @Post('jobs/stale-scan')
  @HttpCode(202)
  @Roles('admin')
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'Queued; follow it at GET /v1/jobs/{id}. A scan already queued or running is returned instead' })
  scan(@CurrentPrincipal() principal: Principal): Promise<JobAcceptedDto> {
    return this.scans.request(principal.id);
  }
}
