import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JOB_DEFINITIONS, type JobName, QUEUE_NAMES } from './job-definitions.js';
import { JOB_HANDLER_METADATA, type JobHandler } from './job-handler.decorator.js';
import { QUEUE_DRIVER, type QueueDriver, type QueueJob } from './queue-driver.interface.js';
import { QUEUE_MODULE_OPTIONS, type QueueModuleOptions } from './queue.options.js';

/** Finds the job handlers, refuses to start when a job has none (or two), and starts the workers. */
@Injectable()
export class JobHandlerRegistryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    @Inject(QUEUE_MODULE_OPTIONS) private readonly options: QueueModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.collectHandlers();
    if (!this.options.runWorkers) return;
    for (const queue of QUEUE_NAMES) {
      await this.driver.work(queue, (job) => this.dispatch(job), this.options.concurrency);
    }
    this.logger.log(`workers started on ${this.driver.name} driver (${QUEUE_NAMES.join(', ')}; concurrency ${this.options.concurrency})`);
  }

  /** Before the database closes (onApplicationShutdown), so running jobs can finish their queries. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }

  private collectHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const name = this.reflector.get<JobName | undefined>(JOB_HANDLER_METADATA, wrapper.metatype);
      if (!name) continue;
      if (!(name in JOB_DEFINITIONS)) throw new Error(`${wrapper.name} handles unknown job "${name}"`);
      if (this.handlers.has(name)) throw new Error(`job "${name}" has two handlers`);
      this.handlers.set(name, wrapper.instance as JobHandler<JobName>);
    }
    const missing = (Object.keys(JOB_DEFINITIONS) as JobName[]).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  private async dispatch(job: QueueJob): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    await handler.handle(job.data as never, { jobId: job.id, attempt: job.attempt });
  }
}
