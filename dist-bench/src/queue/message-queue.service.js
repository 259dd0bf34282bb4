var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable } from '@nestjs/common';
import { JOB_DEFINITIONS, QUEUE_NAMES } from './job-definitions.js';
import { QUEUE_DRIVER } from './queue-driver.interface.js';
/** What services use to enqueue work; they never see the driver or BullMQ. */
let MessageQueueService = class MessageQueueService {
    constructor(driver) {
        this.driver = driver;
    }
    async enqueue(name, data, options = {}) {
        const definition = JOB_DEFINITIONS[name];
        return this.driver.add(definition.queue, name, data, { ...definition, jobId: options.jobId });
    }
    /** Jobs not yet finished across all queues (waiting, running or waiting to retry). */
    async pendingCount() {
        const counts = await Promise.all(QUEUE_NAMES.map((queue) => this.driver.counts(queue)));
        return counts.reduce((sum, count) => sum + count.waiting + count.active + count.delayed, 0);
    }
    get driverName() {
        return this.driver.name;
    }
    ping() {
        return this.driver.ping();
    }
};
MessageQueueService = __decorate([
    Injectable(),
    __param(0, Inject(QUEUE_DRIVER)),
    __metadata("design:paramtypes", [Object])
], MessageQueueService);
export { MessageQueueService };
//# sourceMappingURL=message-queue.service.js.map