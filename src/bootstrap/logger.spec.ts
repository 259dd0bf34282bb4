import { QueryFailedError } from 'typeorm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfiguration } from '../config/configuration.js';
import { createLogger } from './logger.js';
import { captureOutput } from '../../test/support/captured-output.js';

function aQueryFailedError(): QueryFailedError {
  const driverError = Object.assign(new Error('null value in column "name" violates not-null constraint'), {
    code: '23502',
    where: 'SQL function "upsert_person" statement 1: 张三 13812345678 阳光花园',
    detail: 'Failing row contains (1, 张三, 13812345678).',
    column: 'name',
  });
  return new QueryFailedError('SELECT upsert_person($1, $2)', ['张三', '13812345678'], driverError);
}

describe('createLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  // Finding: Nest's exception handler logs the whole QueryFailedError, `where` and `detail` included.
  it.each(['json', 'text'] as const)('prints database errors without where, detail, parameters or query (%s)', (format) => {
    const output = captureOutput();
    const logger = createLogger(loadConfiguration({ LOG_FORMAT: format }));
    logger.error(aQueryFailedError());
    logger.error('request failed', aQueryFailedError().stack, 'ExceptionsHandler');
    logger.warn(aQueryFailedError());
    vi.restoreAllMocks();
    expect(output.text()).toContain('violates not-null constraint');
    expect(output.text()).toContain('23502');
    for (const value of ['张三', '13812345678', '阳光花园', 'Failing row', 'upsert_person($1']) expect(output.text()).not.toContain(value);
  });
});

describe('createLogger with WORKER_NAME', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names the process in every JSON line (worker) and text line (prefix)', () => {
    const output = captureOutput();
    createLogger(loadConfiguration({ WORKER_NAME: 'worker-b' })).log('hello', 'Main');
    createLogger(loadConfiguration({ WORKER_NAME: 'worker-c', LOG_FORMAT: 'text' })).log('hello', 'Main');
    vi.restoreAllMocks();
    const [json, text] = output.text().trim().split('\n');
    expect(JSON.parse(json)).toMatchObject({ level: 'log', context: 'Main', message: 'hello', worker: 'worker-b' });
    expect(text).toContain('[worker-c]');
  });
});
