import { Injectable, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idleHandlersExcept } from '../support/idle-job-handlers.js';
import type { InProcessQueueDriver } from '../../src/queue/in-process-queue.driver.js';
import { HandlesJob } from '../../src/queue/job-handler.decorator.js';
import { type JobRun, JobHandlerRegistryService } from '../../src/queue/job-handler-registry.service.js';
import { MessageQueueService } from '../../src/queue/message-queue.service.js';
import { QueueModule } from '../../src/queue/queue.module.js';
import { QUEUE_DRIVER } from '../../src/queue/queue-driver.interface.js';

// The instrumentation hook the metrics use: every handler run is reported with its outcome and duration.

describe('job run observers', () => {
  it('are told of every run, failed attempts included, and a failing observer fails no job', async () => {
    let calls = 0;
    @Injectable()
    @HandlesJob('matching.refresh-contact-point-sharing')
    class FlakyHandler {
      async handle(): Promise<void> {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (calls === 1) throw new Error('first attempt fails');
      }
    }
    @Module({ providers: [FlakyHandler, ...idleHandlersExcept('matching.refresh-contact-point-sharing')] })
    class Handlers {}
    const module = await Test.createTestingModule({ imports: [QueueModule.forRoot({ runWorkers: true, concurrency: 1, prefix: 'test' }), Handlers] }).compile();
    const app = await module.createNestApplication({ logger: false }).init();
    const runs: JobRun[] = [];
    const registry = app.get(JobHandlerRegistryService);
    registry.observe(() => {
      throw new Error('a broken observer');
    });
    const stop = registry.observe((run) => runs.push(run));

    await app.get(MessageQueueService).enqueue('matching.refresh-contact-point-sharing', { contactPointIds: ['x'] });
    const driver = app.get<InProcessQueueDriver>(QUEUE_DRIVER);
    for (let tries = 0; tries < 100 && runs.length < 2; tries += 1) {
      await driver.whenIdle();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(runs.map(({ queue, name, outcome }) => ({ queue, name, outcome }))).toEqual([
      { queue: 'matching', name: 'matching.refresh-contact-point-sharing', outcome: 'failed' },
      { queue: 'matching', name: 'matching.refresh-contact-point-sharing', outcome: 'completed' },
    ]);
    for (const run of runs) expect(run.durationSeconds).toBeGreaterThanOrEqual(0.015);
    const failed = Object.values(await app.get(MessageQueueService).countsByQueue()).reduce((sum, count) => sum + count.failed, 0);
    expect(failed).toBe(0);

    stop();
    await app.get(MessageQueueService).enqueue('matching.refresh-contact-point-sharing', { contactPointIds: ['y'] });
    await driver.whenIdle();
    expect(runs).toHaveLength(2);
    await app.close();
  });
});

describe('the job log line', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is written once per run by the registry, with the worker name, attempt, duration and outcome', async () => {
    const lines: { level: string; line: Record<string, unknown> }[] = [];
    for (const level of ['log', 'warn', 'error'] as const) {
      vi.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, message: unknown) {
        if (this.context === 'Job') lines.push({ level, line: message as Record<string, unknown> });
      });
    }
    let calls = 0;
    @Injectable()
    @HandlesJob('contact-plan.assess-status')
    class FailingTwice {
      async handle(): Promise<void> {
        calls += 1;
        if (calls <= 2) throw new Error(`attempt ${calls} fails`);
      }
    }
    @Module({ providers: [FailingTwice, ...idleHandlersExcept('contact-plan.assess-status')] })
    class Handlers {}
    const module = await Test.createTestingModule({
      imports: [QueueModule.forRoot({ runWorkers: true, concurrency: 1, prefix: 'test', workerName: 'worker-under-test' }), Handlers],
    }).compile();
    const app = await module.createNestApplication({ logger: false }).init();
    const driver = app.get<InProcessQueueDriver>(QUEUE_DRIVER);
    // Two attempts, no backoff to wait for: the first fails and is retried, the second fails for good.
    await driver.add('contact-plan', 'contact-plan.assess-status', { borrowerIds: ['b'] }, { queue: 'contact-plan', attempts: 2, backoffMilliseconds: 5, jobId: 'assess-1' });
    for (let tries = 0; tries < 100 && lines.length < 2; tries += 1) await driver.whenIdle().then(() => new Promise((resolve) => setTimeout(resolve, 10)));
    await driver.add('contact-plan', 'contact-plan.assess-status', { borrowerIds: ['c'] }, { queue: 'contact-plan', attempts: 2, backoffMilliseconds: 5, jobId: 'assess-2' });
    await driver.whenIdle();
    expect(lines.map(({ level, line }) => [level, line.jobId, line.attempt, line.outcome, line.error])).toEqual([
      ['warn', 'assess-1', 1, 'failed-will-retry', 'attempt 1 fails'],
      ['error', 'assess-1', 2, 'failed', 'attempt 2 fails'],
      ['log', 'assess-2', 1, 'completed', undefined],
    ]);
    for (const { line } of lines) {
      expect(line).toMatchObject({ event: 'job', queue: 'contact-plan', job: 'contact-plan.assess-status', worker: 'worker-under-test' });
      expect(line.durationMs).toEqual(expect.any(Number));
    }
    await app.close();
  });
});
