import { Injectable, Logger } from '@nestjs/common';
import { MessageQueueService } from '../queue/message-queue.service.js';
import { HealthRepository } from './health.repository.js';

export type CheckStatus = 'up' | 'down';

/** What /health tells anyone who asks: up or down, never a driver's error, host name or latency. */
export interface HealthChecks {
  database: CheckStatus;
  /** only when REDIS_URL is set (BullMQ); the in-process queue has nothing to check */
  redis?: CheckStatus;
}

@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthRepository,
    private readonly queue: MessageQueueService,
  ) {}

  async checks(): Promise<HealthChecks> {
    const checks: HealthChecks = { database: await this.check('database', () => this.health.ping()) };
    if (this.queue.driverName === 'bullmq') checks.redis = await this.check('redis', () => this.queue.ping());
    return checks;
  }

  /** The reason for a failure goes to the log (its code or class, not its message), not to the caller. */
  private async check(name: string, probe: () => Promise<unknown>): Promise<CheckStatus> {
    try {
      await probe();
      return 'up';
    } catch (error) {
      const code = (error as { code?: unknown } | undefined)?.code;
      this.logger.warn(`${name} check failed (${typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error'})`);
      return 'down';
    }
  }
}
