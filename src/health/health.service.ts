import { Injectable } from '@nestjs/common';
import { MessageQueueService } from '../queue/message-queue.service.js';
import { HealthRepository } from './health.repository.js';

export interface CheckResult {
  status: 'up' | 'down';
  latencyMilliseconds?: number;
  error?: string;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthRepository,
    private readonly queue: MessageQueueService,
  ) {}

  /** The database and, when configured, Redis; the in-process queue has nothing to check. */
  async checks(): Promise<Record<string, CheckResult>> {
    return {
      database: await timed(() => this.health.ping()),
      queue: this.queue.driverName === 'bullmq' ? await timed(() => this.queue.ping()) : { status: 'up' },
    };
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
