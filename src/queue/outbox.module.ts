import { type DynamicModule, Global, Module } from '@nestjs/common';
import { OUTBOX_OPTIONS, OutboxDispatcher, type OutboxOptions } from './outbox-dispatcher.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { ScheduleService } from './schedule.service.js';

/** Deferred work kept in the database until the queue has it (see OutboxDispatcher). Needs the database and the queue modules.
 * Also upserts the schedules (SCHEDULES) at start, under a database lock. */
@Global()
@Module({})
export class OutboxModule {
  static forRoot(options: OutboxOptions): DynamicModule {
    return {
      module: OutboxModule,
      providers: [{ provide: OUTBOX_OPTIONS, useValue: options }, OutboxRepository, OutboxDispatcher, ScheduleService],
      exports: [OutboxRepository, OutboxDispatcher, ScheduleService],
    };
  }
}
