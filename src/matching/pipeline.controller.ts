import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/auth.decorators.js';
import { findOrphans, type OrphanCount } from '../database/referential-integrity.js';
import { MessageQueueService } from '../queue/message-queue.service.js';
import { PipelineStatusDto } from '../review/review.dto.js';

@ApiTags('matching')
@ApiBearerAuth()
@Controller('v1/pipeline')
export class PipelineController {
  constructor(
    private readonly queue: MessageQueueService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** A client that needs settled matching polls until `pending` is 0. */
  @Get('status')
  @Roles('platform', 'operator', 'admin')
  @ApiOkResponse({ type: PipelineStatusDto })
  async status(): Promise<PipelineStatusDto> {
    const [pending, [{ count }]] = await Promise.all([
      this.queue.pendingCount(),
      this.dataSource.query("SELECT count(*)::int AS count FROM match_suggestion WHERE status = 'pending'") as Promise<{ count: number }[]>,
    ]);
    return { pending, pendingSuggestions: count, queue: this.queue.driverName };
  }

  /**
   * Rows whose reference the database does not enforce and that point nowhere (all zero when
   * healthy). Scans whole tables: an administrator's check, not something to poll.
   */
  @Get('integrity')
  @Roles('admin')
  async integrity(): Promise<{ references: OrphanCount[] }> {
    return { references: await findOrphans(this.dataSource) };
  }
}
