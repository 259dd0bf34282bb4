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
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JOB_DEFINITIONS, QUEUE_NAMES } from './job-definitions.js';
import { JOB_HANDLER_METADATA } from './job-handler.decorator.js';
import { QUEUE_DRIVER } from './queue-driver.interface.js';
import { QUEUE_MODULE_OPTIONS } from './queue.options.js';
/** Finds the job handlers, refuses to start when a job has none (or two), and starts the workers. */
let JobHandlerRegistryService = class JobHandlerRegistryService {
    constructor(discovery, reflector, driver, options) {
        this.discovery = discovery;
        this.reflector = reflector;
        this.driver = driver;
        this.options = options;
        this.logger = new Logger('Queue');
        this.handlers = new Map();
    }
    async onApplicationBootstrap() {
        this.collectHandlers();
        if (!this.options.runWorkers)
            return;
        for (const queue of QUEUE_NAMES) {
            await this.driver.work(queue, (job) => this.dispatch(job), this.options.concurrency);
        }
        this.logger.log(`workers started on ${this.driver.name} driver (${QUEUE_NAMES.join(', ')}; concurrency ${this.options.concurrency})`);
    }
    /** Before the database closes (onApplicationShutdown), so running jobs can finish their queries. */
    async beforeApplicationShutdown() {
        await this.driver.close();
    }
    collectHandlers() {
        for (const wrapper of this.discovery.getProviders()) {
            if (!wrapper.metatype || !wrapper.instance)
                continue;
            const name = this.reflector.get(JOB_HANDLER_METADATA, wrapper.metatype);
            if (!name)
                continue;
            if (!(name in JOB_DEFINITIONS))
                throw new Error(`${wrapper.name} handles unknown job "${name}"`);
            if (this.handlers.has(name))
                throw new Error(`job "${name}" has two handlers`);
            this.handlers.set(name, wrapper.instance);
        }
        const missing = Object.keys(JOB_DEFINITIONS).filter((name) => !this.handlers.has(name));
        if (missing.length > 0)
            throw new Error(`no handler for job(s): ${missing.join(', ')}`);
    }
    async dispatch(job) {
        const handler = this.handlers.get(job.name);
        if (!handler)
            throw new Error(`no handler for job "${job.name}"`);
        await handler.handle(job.data, { jobId: job.id, attempt: job.attempt });
    }
};
JobHandlerRegistryService = __decorate([
    Injectable(),
    __param(2, Inject(QUEUE_DRIVER)),
    __param(3, Inject(QUEUE_MODULE_OPTIONS)),
    __metadata("design:paramtypes", [DiscoveryService,
        Reflector, Object, Object])
], JobHandlerRegistryService);
export { JobHandlerRegistryService };
//# sourceMappingURL=job-handler-registry.service.js.map