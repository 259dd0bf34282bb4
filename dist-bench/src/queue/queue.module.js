var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var QueueModule_1;
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Global, Logger, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullMqQueueDriver } from './bullmq-queue.driver.js';
import { InProcessQueueDriver } from './in-process-queue.driver.js';
import { QUEUE_NAMES } from './job-definitions.js';
import { JobHandlerRegistryService } from './job-handler-registry.service.js';
import { MessageQueueService } from './message-queue.service.js';
import { QUEUE_DRIVER } from './queue-driver.interface.js';
import { QUEUE_MODULE_OPTIONS } from './queue.options.js';
const logger = new Logger('Queue');
function logFailure(job, error, final) {
    const message = error instanceof Error ? error.message : String(error);
    const outcome = final ? 'failed for good' : 'failed, will retry';
    logger.error(`job ${job.name} ${job.id} attempt ${job.attempt} ${outcome}: ${message}`);
}
let QueueModule = QueueModule_1 = class QueueModule {
    static forRoot(options) {
        const shared = [{ provide: QUEUE_MODULE_OPTIONS, useValue: options }, MessageQueueService, JobHandlerRegistryService];
        if (!options.redisUrl) {
            return {
                module: QueueModule_1,
                imports: [DiscoveryModule],
                providers: [...shared, { provide: QUEUE_DRIVER, useFactory: () => new InProcessQueueDriver(logFailure) }],
                exports: [MessageQueueService, QUEUE_DRIVER],
            };
        }
        // Workers block on Redis; they must not give up on a slow reply.
        const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
        return {
            module: QueueModule_1,
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
                    useFactory: (...queues) => new BullMqQueueDriver(new Map(QUEUE_NAMES.map((name, index) => [name, queues[index]])), connection, options.prefix, logFailure),
                },
            ],
            exports: [MessageQueueService, QUEUE_DRIVER],
        };
    }
};
QueueModule = QueueModule_1 = __decorate([
    Global(),
    Module({})
], QueueModule);
export { QueueModule };
//# sourceMappingURL=queue.module.js.map