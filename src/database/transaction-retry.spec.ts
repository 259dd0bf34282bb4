import { describe, expect, it } from 'vitest';
import { isRetryable, withTransactionRetry } from './transaction-retry.js';

const conflict = (code: string, constraint?: string) => Object.assign(new Error(`pg ${code}`), { code, constraint });

describe('isRetryable', () => {
  it('retries deadlocks, serialization failures and a racing borrower self', () => {
    expect(isRetryable(conflict('40P01'))).toBe(true);
    expect(isRetryable(conflict('40001'))).toBe(true);
    expect(isRetryable(conflict('23505', 'borrower_person_one_self'))).toBe(true);
    expect(isRetryable({ driverError: conflict('40P01') })).toBe(true);
  });

  it('does not retry other unique violations or errors', () => {
    expect(isRetryable(conflict('23505', 'source_pkey'))).toBe(false);
    expect(isRetryable(conflict('23503'))).toBe(false);
    expect(isRetryable(new Error('boom'))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});

describe('withTransactionRetry', () => {
  it('runs the work again after a conflict and returns its result', async () => {
    let calls = 0;
    const result = await withTransactionRetry(async () => {
      calls += 1;
      if (calls < 3) throw conflict('40P01');
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the attempts and rethrows the conflict', async () => {
    let calls = 0;
    await expect(
      withTransactionRetry(async () => {
        calls += 1;
        throw conflict('40001');
      }, 2),
    ).rejects.toThrow('pg 40001');
    expect(calls).toBe(2);
  });

  it('rethrows anything else at once', async () => {
    let calls = 0;
    await expect(
      withTransactionRetry(async () => {
        calls += 1;
        throw new Error('constraint broken');
      }),
    ).rejects.toThrow('constraint broken');
    expect(calls).toBe(1);
  });
});
