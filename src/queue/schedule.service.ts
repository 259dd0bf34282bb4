import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Transactions } from '../database/transactions.service.js';
import { SCHEDULES, type ScheduleId } from './job-definitions.js';
import { MessageQueueService } from './message-queue.service.js';
import type { ScheduleTiming } from './queue-driver.interface.js';
import { QUEUE_MODULE_OPTIONS, type QueueModuleOptions } from './queue.options.js';

/** The provider token under which the module owning a schedule gives its timing (read from its settings). */
export function scheduleTimingToken(id: ScheduleId): string {
  return `schedule-timing:${id}`;
}

/** Only one process upserts at a time: concurrent upserts have left BullMQ with no job scheduled (bullmq #3085, #3262). */
export const SCHEDULES_LOCK = 'queue:upsert-schedules';

/**
 * Upserts every schedule in SCHEDULES at start, in the processes that run workers, under a PostgreSQL
 * advisory lock. The one place schedules are written to the queue.
 */
@Injectable()
export class ScheduleService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queue');

  constructor(
    private readonly queue: MessageQueueService,
    private readonly transactions: Transactions,
    private readonly moduleRef: ModuleRef,
    @Inject(QUEUE_MODULE_OPTIONS) private readonly options: QueueModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runWorkers) return;
    await this.upsertAll();
  }

  async upsertAll(): Promise<void> {
    const timings = (Object.keys(SCHEDULES) as ScheduleId[]).map((id) => [id, this.timing(id)] as const);
    await this.transactions.withAdvisoryLock(SCHEDULES_LOCK, async () => {
      for (const [id, timing] of timings) await this.queue.upsertSchedule(id, timing);
    });
    for (const [id, timing] of timings) this.logger.log(`schedule ${id}: "${timing.pattern}" (${timing.tz})`);
  }

  private timing(id: ScheduleId): ScheduleTiming {
    try {
      return this.moduleRef.get<ScheduleTiming>(scheduleTimingToken(id), { strict: false });
    } catch {
      throw new Error(`no timing for schedule "${id}": its module must provide ${scheduleTimingToken(id)}`);
    }
  }
}
