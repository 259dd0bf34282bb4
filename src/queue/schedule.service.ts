import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Transactions } from '../database/transactions.service.js';
import { type JobPayloads, SCHEDULE_FAMILIES, type ScheduleFamily, SCHEDULES, type ScheduleId } from './job-definitions.js';
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

  /**
   * Makes the queue hold exactly `wanted` for a family of run-time schedules (one per connector with a
   * cron): upserts each, removes the family's others. Under the same lock as upsertAll.
   */
  async syncFamily(
    family: ScheduleFamily,
    wanted: readonly { key: string; timing: ScheduleTiming; data: JobPayloads[(typeof SCHEDULE_FAMILIES)[ScheduleFamily]['name']] }[],
  ): Promise<void> {
    const { prefix, name } = SCHEDULE_FAMILIES[family];
    await this.transactions.withAdvisoryLock(SCHEDULES_LOCK, async () => {
      const keep = new Set(wanted.map((entry) => `${prefix}${entry.key}`));
      for (const schedule of await this.queue.schedules()) {
        if (schedule.id.startsWith(prefix) && !keep.has(schedule.id)) await this.queue.removeScheduleById(schedule.id, name);
      }
      for (const entry of wanted) await this.queue.upsertFamilySchedule(family, entry.key, entry.timing, entry.data);
    });
  }

  /** Upserts or removes one item's schedule of a family, under the schedules lock. */
  async syncOne(
    family: ScheduleFamily,
    key: string,
    entry: { timing: ScheduleTiming; data: JobPayloads[(typeof SCHEDULE_FAMILIES)[ScheduleFamily]['name']] } | undefined,
  ): Promise<void> {
    const { prefix, name } = SCHEDULE_FAMILIES[family];
    await this.transactions.withAdvisoryLock(SCHEDULES_LOCK, async () => {
      if (entry) await this.queue.upsertFamilySchedule(family, key, entry.timing, entry.data);
      else await this.queue.removeScheduleById(`${prefix}${key}`, name);
    });
  }

  private timing(id: ScheduleId): ScheduleTiming {
    try {
      return this.moduleRef.get<ScheduleTiming>(scheduleTimingToken(id), { strict: false });
    } catch {
      throw new Error(`no timing for schedule "${id}": its module must provide ${scheduleTimingToken(id)}`);
    }
  }
}
