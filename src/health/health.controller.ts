import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { MessageQueueService } from '../queue/message-queue.service.js';

interface CheckResult {
  status: 'up' | 'down';
  latencyMilliseconds?: number;
  error?: string;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: MessageQueueService,
  ) {}

  /** Readiness: 200 when the database (and Redis, when configured) answer, 503 otherwise. */
  @Get()
  @ApiOkResponse({ description: '{ status, checks: { database, queue } }' })
  async readiness(): Promise<{ status: 'ok'; checks: Record<string, CheckResult> }> {
    const checks: Record<string, CheckResult> = {
      database: await timed(() => this.dataSource.query('SELECT 1')),
      queue: this.queue.driverName === 'bullmq' ? await timed(() => this.queue.ping()) : { status: 'up' },
    };
    if (Object.values(checks).some((check) => check.status === 'down')) {
      throw new ServiceUnavailableException({ status: 'unavailable', checks });
    }
    return { status: 'ok', checks };
  }

  /** Liveness: the process answers; no dependency is checked. */
  @Get('live')
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

async function timed(check: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  try {
    await check();
    return { status: 'up', latencyMilliseconds: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}
