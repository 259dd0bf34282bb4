import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { type CheckResult, HealthService } from './health.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Readiness: 200 when the database (and Redis, when configured) answer, 503 otherwise. */
  @Get()
  @ApiOkResponse({ description: '{ status, checks: { database, queue } }' })
  async readiness(): Promise<{ status: 'ok'; checks: Record<string, CheckResult> }> {
    const checks = await this.health.checks();
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
