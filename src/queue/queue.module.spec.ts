import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueJob } from './queue-driver.interface.js';
import { logFailure } from './queue.module.js';

describe('logFailure', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs a failed job without the database error’s where, detail, parameters or offending value', () => {
    const error = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const driverError = Object.assign(new Error('invalid input syntax for type date: "张三 13812345678"'), {
      code: '22007',
      where: 'PL/pgSQL function plan_facts(uuid) line 9: 阳光花园',
      detail: 'Key (phone)=(13812345678) exists.',
    });
    const job = { id: 'job-1', name: 'assess-status', data: { name: '王小明' }, attempt: 2 } as unknown as QueueJob;
    logFailure(job, new QueryFailedError('SELECT plan_facts($1)', ['王小明'], driverError), false);
    const logged = String(error.mock.calls[0][0]);
    expect(logged).toBe('job assess-status job-1 attempt 2 failed, will retry: invalid input syntax for type date: "…" (code 22007)');
    for (const value of ['张三', '13812345678', '阳光花园', '王小明']) expect(logged).not.toContain(value);
  });
});
