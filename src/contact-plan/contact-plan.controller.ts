import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { unmaskReason } from '../privacy/unmask-policy.js';
import { UNMASK_QUERY } from '../privacy/unmask-query.js';
import { ContactPlanDto } from './contact-plan.dto.js';
import { ContactPlanService } from './contact-plan.service.js';

@ApiTags('contact plan')
@ApiBearerAuth()
@Controller('v1/borrowers/:ref/contact-plan')
export class ContactPlanController {
  constructor(private readonly plans: ContactPlanService) {}

  @Get()
  @Roles('platform', 'operator')
  @ApiQuery({ name: 'unmask', required: false, description: 'true for full names, numbers and addresses (operator only, needs reason, audited)' })
  @ApiQuery({ name: 'reason', required: false })
  @ApiOkResponse({ type: ContactPlanDto, description: 'Status, the borrower\u2019s own contacts best first, third parties far to near, exclusions and conflicts' })
  get(
    @Param('ref') ref: string,
    @CurrentPrincipal() principal: Principal,
    @Query('unmask', { schema: UNMASK_QUERY.unmask }) unmask?: string,
    @Query('reason', { schema: UNMASK_QUERY.reason }) reason?: string,
  ): Promise<ContactPlanDto> {
    return this.plans.plan(principal, ref, unmaskReason(principal, { unmask, reason }));
  }
}
