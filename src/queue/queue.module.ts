import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { type DynamicModule, Global, Logger, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { ConnectionOptions, Queue } from 'bullmq';
import { safeErrorMessage } from '../database/safe-typeorm.logger.js';
import { BullMqQueueDriver } from './bullmq-queue.driver.js';
import { InProcessQueueDriver } from './in-process-queue.driver.js';
import { QUEUE_NAMES, type QueueName } from './job-definitions.js';
import { JobHandlerRegistryService } from './job-handler-registry.service.js';
import { MessageQueueService } from './message-queue.service.js';
import { QUEUE_DRIVER, type QueueJob } from './queue-driver.interface.js';
import { QUEUE_MODULE_OPTIONS, type QueueModuleOptions } from './queue.options.js';

const logger = new Logger('Queue');

/**
 * A failure no handler run reported (JobHandlerRegistryService logs those): a job failed for losing its worker too
 * often, a Redis error, a settle that could not be recorded. Exported for its test.
 */
export function logFailure(job: QueueJob, error: unknown, final: boolean): void {
  // Database errors lose their where/detail/parameters: they hold the payload (names, phones, addresses).
  const message = safeErrorMessage(error);
  const outcome = final ? 'failed for good' : 'failed, will retry';
  logger.error(`job ${job.name} ${job.id} attempt ${job.attempt} ${outcome}: ${message}`);
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions): DynamicModule {
    const shared: Provider[] = [{ provide: QUEUE_MODULE_OPTIONS, useValue: options }, MessageQueueService, JobHandlerRegistryService];
    if (!options.redisUrl) {
      return {
        module: QueueModule,
        imports: [DiscoveryModule],
        providers: [...shared, { provide: QUEUE_DRIVER, useFactory: () => new InProcessQueueDriver(logFailure, options.jobStartDelayMilliseconds ?? 0) }],
        exports: [MessageQueueService, QUEUE_DRIVER, QUEUE_MODULE_OPTIONS, JobHandlerRegistryService],
      };
    }
    // Workers block on Redis; they must not give up on a slow reply.
    const connection: ConnectionOptions = { url: options.redisUrl, maxRetriesPerRequest: null };
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({ connection, prefix: options.prefix }),
        ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name })),
      ],
      providers: [
        ...shared,
        {
          provide: QUEUE_DRIVER,
          inject: QUEUE_NAMES.map((name) => getQueueToken(name)),
          useFactory: (...queues: Queue[]) =>
            new BullMqQueueDriver(new Map(QUEUE_NAMES.map((name, index) => [name as QueueName, queues[index]])), connection, options.prefix, logFailure, {
              name: options.workerName,
              recovery: options.recovery,
            }),
        },
      ],
      exports: [MessageQueueService, QUEUE_DRIVER, QUEUE_MODULE_OPTIONS, JobHandlerRegistryService],
    };
  }
}
