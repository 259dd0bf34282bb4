import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import type { OrphanCount } from '../database/referential-integrity.js';
import { MessageQueueService } from '../queue/message-queue.service.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { MatchSuggestionRepository } from '../review/match-suggestion.repository.js';
import { PipelineStatusDto } from '../review/review.dto.js';
import { ObservationRepository } from './observation.repository.js';

@ApiTags('matching')
@ApiBearerAuth()
@Controller('v1/pipeline')
export class PipelineController {
  constructor(
    private readonly queue: MessageQueueService,
    private readonly deferred: OutboxDispatcher,
    private readonly suggestions: MatchSuggestionRepository,
    private readonly observations: ObservationRepository,
  ) {}

  /** A client that needs settled matching polls until `pending` is 0 (outbox rows not handed over count too). */
  @Get('status')
  @Roles('platform', 'operator', 'admin')
  @ApiOkResponse({ type: PipelineStatusDto })
  async status(): Promise<PipelineStatusDto> {
    const [{ pending, failed }, pendingSuggestions] = await Promise.all([this.deferred.status(), this.suggestions.countPending()]);
    return { pending, failed, pendingSuggestions, queue: this.queue.driverName };
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
