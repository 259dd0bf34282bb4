import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { type HealthChecks, HealthService } from './health.service.js';

export interface HealthAnswer {
  status: 'ok' | 'unavailable';
  checks: HealthChecks;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Readiness: 200 when the database (and Redis, when configured) answer, 503 otherwise; no internals either way. */
  @Get()
  @ApiOkResponse({ description: "{ status: 'ok', checks: { database: 'up', redis?: 'up' } }" })
  @ApiServiceUnavailableResponse({ description: "{ status: 'unavailable', checks: { database: 'up' | 'down', redis?: 'up' | 'down' } }" })
  async readiness(): Promise<HealthAnswer> {
    const checks = await this.health.checks();
    if (Object.values(checks).includes('down')) throw new ServiceUnavailableException({ status: 'unavailable', checks } satisfies HealthAnswer);
    return { status: 'ok', checks };
  }

  /** Liveness: the process answers; no dependency is checked. */
  @Get('live')
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
