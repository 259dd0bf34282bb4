import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { idleHandlersExcept } from '../support/idle-job-handlers.js';
import { HandlesJob } from '../../src/queue/job-handler.decorator.js';
import { MessageQueueService } from '../../src/queue/message-queue.service.js';
import { QueueModule } from '../../src/queue/queue.module.js';
import { QUEUE_DRIVER } from '../../src/queue/queue-driver.interface.js';
import type { InProcessQueueDriver } from '../../src/queue/in-process-queue.driver.js';

const queueOptions = { runWorkers: true, concurrency: 1, prefix: 'test' };

describe('job handler registry', () => {
  it('refuses to start when a job has no handler', async () => {
    const module = await Test.createTestingModule({ imports: [QueueModule.forRoot(queueOptions)] }).compile();
    await expect(module.createNestApplication().init()).rejects.toThrow(/no handler for job\(s\): matching\.refresh-contact-point-sharing, matching\.find-candidates, contact-plan\.assess-status, connectors\.run, repair\.run/);
  });

  it('refuses two handlers for one job', async () => {
    @Injectable()
    @HandlesJob('matching.refresh-contact-point-sharing')
    class First {
      async handle(): Promise<void> {}
    }
    @Injectable()
    @HandlesJob('matching.refresh-contact-point-sharing')
    class Second {
      async handle(): Promise<void> {}
    }
    @Module({ providers: [First, Second] })
    class Handlers {}
    const module = await Test.createTestingModule({ imports: [QueueModule.forRoot(queueOptions), Handlers] }).compile();
    await expect(module.createNestApplication().init()).rejects.toThrow(/two handlers/);
  });

  it('dispatches an enqueued job to its handler through the in-process driver', async () => {
    const received: unknown[] = [];
    @Injectable()
    @HandlesJob('matching.refresh-contact-point-sharing')
    class Handler {
      async handle(data: unknown): Promise<void> {
        received.push(data);
      }
    }
    @Module({ providers: [Handler, ...idleHandlersExcept('matching.refresh-contact-point-sharing')] })
    class Handlers {}
    const module = await Test.createTestingModule({ imports: [QueueModule.forRoot(queueOptions), Handlers] }).compile();
    const app = await module.createNestApplication().init();
    await app.get(MessageQueueService).enqueue('matching.refresh-contact-point-sharing', { contactPointIds: ['x'] });
    await app.get<InProcessQueueDriver>(QUEUE_DRIVER).whenIdle();
    expect(received).toEqual([{ contactPointIds: ['x'] }]);
    const pending = Object.values(await app.get(MessageQueueService).countsByQueue()).reduce((sum, count) => sum + count.waiting + count.active + count.delayed, 0);
    expect(pending).toBe(0);
    await app.close();
  });
});
