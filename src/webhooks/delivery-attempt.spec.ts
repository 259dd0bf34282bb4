import { describe, expect, it } from 'vitest';
import { attemptOutcome, describeFailure } from './delivery-attempt.js';

describe('attemptOutcome', () => {
  it('is delivered on any 2xx, pending before the last attempt, failed at it', () => {
    expect(attemptOutcome({ statusCode: 204 }, 1, 0, 8)).toBe('delivered');
    expect(attemptOutcome({ statusCode: 500 }, 7, 6, 8)).toBe('pending');
    expect(attemptOutcome({ statusCode: 302 }, 8, 7, 8)).toBe('failed');
    expect(attemptOutcome({ statusCode: null }, 8, 7, 8)).toBe('failed');
  });

  it('counts the attempts the row recorded when the queue restarted its count', () => {
    expect(attemptOutcome({ statusCode: 503 }, 1, 7, 8)).toBe('failed');
  });
});

describe('describeFailure', () => {
  it('names the status or the network error, never a body', () => {
    expect(describeFailure(500, undefined)).toBe('HTTP 500');
    expect(describeFailure(null, new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }))).toBe('network error ECONNREFUSED');
    expect(describeFailure(null, new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe('timed out');
  });
});
