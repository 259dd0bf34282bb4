import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import type { OrphanCount } from '../database/referential-integrity.js';
import { FailedJobsRetriedDto, PipelineStatusDto, QueueStatusDto, type RetryFailedJobsDto, retryFailedJobsSchema } from '../review/review.dto.js';
import { ObservationRepository } from './observation.repository.js';
import { PipelineService } from './pipeline.service.js';

@ApiTags('matching')
@ApiBearerAuth()
@ApiExtraModels(QueueStatusDto)
@Controller('v1/pipeline')
export class PipelineController {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly observations: ObservationRepository,
  ) {}

  /**
   * A client that needs settled matching polls until `state` is no longer `working` (`pending` 0; outbox rows not
   * handed over count too); `settled-with-failures` means failed jobs left work undone.
   */
  @Get('status')
  @Roles('platform', 'operator', 'admin')
  @ApiOkResponse({ type: PipelineStatusDto })
  status(): Promise<PipelineStatusDto> {
    return this.pipeline.status();
  }

  /** Runs jobs that failed for good again (after the cause is fixed), each with all its attempts; audited. */
  @Post('failed-jobs/retry')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: FailedJobsRetriedDto })
  retryFailedJobs(@Body({ schema: retryFailedJobsSchema }) body: RetryFailedJobsDto, @CurrentPrincipal() principal: Principal): Promise<FailedJobsRetriedDto> {
    return this.pipeline.retryFailedJobs(principal, body);
  }

  /**
   * Rows whose reference the database does not enforce and that point nowhere (all zero when
   * healthy). Scans whole tables: an administrator's check, not something to poll.
   */
  @Get('integrity')
  @Roles('admin')
  async integrity(): Promise<{ references: OrphanCount[] }> {
    return { references: await this.observations.findOrphans() };
  }
}
