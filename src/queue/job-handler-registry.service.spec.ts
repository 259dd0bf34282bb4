import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { jobLogLine } from './job-handler-registry.service.js';
import type { QueueJob } from './queue-driver.interface.js';

const job = (attempt: number, maxAttempts?: number): QueueJob => ({ id: 'sharing-9', name: 'matching.refresh-contact-point-sharing', data: { contactPointIds: ['p'] }, attempt, maxAttempts });

describe('jobLogLine', () => {
  it('names the queue, job, id, worker, attempt, duration and outcome of a completed run', () => {
    expect(jobLogLine(job(1, 5), 'worker-2', 12.6)).toEqual({
      event: 'job',
      queue: 'matching',
      job: 'matching.refresh-contact-point-sharing',
      jobId: 'sharing-9',
      worker: 'worker-2',
      attempt: 1,
      durationMs: 13,
      outcome: 'completed',
    });
  });

  it('tells a failed attempt with attempts left from the last one (the definition says how many when the driver does not)', () => {
    expect(jobLogLine(job(2, 3), 'w', 1, { reason: new Error('boom') })).toMatchObject({ outcome: 'failed-will-retry', error: 'boom' });
    expect(jobLogLine(job(3, 3), 'w', 1, { reason: new Error('boom') })).toMatchObject({ outcome: 'failed', error: 'boom' });
    expect(jobLogLine(job(4), 'w', 1, { reason: 'text' })).toMatchObject({ outcome: 'failed-will-retry', error: 'text' });
    expect(jobLogLine(job(5), 'w', 1, { reason: 'text' })).toMatchObject({ outcome: 'failed' });
  });

  it('never carries a database error’s payload', () => {
    const driverError = Object.assign(new Error('invalid input syntax for type date: "张三 13812345678"'), { code: '22007', detail: 'Key (phone)=(13812345678)' });
    const line = jobLogLine(job(5, 5), 'w', 1, { reason: new QueryFailedError('SELECT $1', ['王小明'], driverError) });
    expect(line.error).toBe('invalid input syntax for type date: "…" (code 22007)');
    expect(JSON.stringify(line)).not.toMatch(/张三|13812345678|王小明/);
  });
});
