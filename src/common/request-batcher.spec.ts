import { describe, expect, it } from 'vitest';
import { RequestBatcher } from './request-batcher.js';

function recordingBatcher(maxBatchSize: number, answer: (keys: number[]) => Promise<number[]> = async (keys) => keys.map((key) => key * 10)) {
  const calls: number[][] = [];
  const batcher = new RequestBatcher<number, number>(async (keys) => {
    calls.push(keys);
    return answer(keys);
  }, maxBatchSize);
  return { batcher, calls };
}

describe('RequestBatcher', () => {
  it('answers loads asked for in the same turn with one call, each with its own value', async () => {
    const { batcher, calls } = recordingBatcher(10);
    await expect(Promise.all([batcher.load(1), batcher.load(2), batcher.load(3)])).resolves.toEqual([10, 20, 30]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('calls again for loads asked for in a later turn', async () => {
    const { batcher, calls } = recordingBatcher(10);
    await batcher.load(1);
    await batcher.load(2);
    expect(calls).toEqual([[1], [2]]);
  });

  it('splits a gathering larger than the maximum into calls of at most that size', async () => {
    const { batcher, calls } = recordingBatcher(2);
    await expect(Promise.all([1, 2, 3, 4, 5].map((key) => batcher.load(key)))).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(calls).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails every load of a failed call, and only those', async () => {
    const { batcher } = recordingBatcher(2, async (keys) => {
      if (keys.includes(1)) throw new Error('database down');
      return keys;
    });
    const results = await Promise.allSettled([batcher.load(1), batcher.load(2), batcher.load(3)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason).toEqual(new Error('database down'));
  });

  it('fails the loads of a call that answers the wrong number of values', async () => {
    const { batcher } = recordingBatcher(10, async () => [1]);
    await expect(Promise.all([batcher.load(1), batcher.load(2)])).rejects.toThrow('loadMany answered 1 values for 2 keys');
  });

  it('refuses a maximum batch size that is not a positive integer', () => {
    expect(() => new RequestBatcher(async (keys: number[]) => keys, 0)).toThrow('maxBatchSize must be a positive integer');
    expect(() => new RequestBatcher(async (keys: number[]) => keys, 1.5)).toThrow('maxBatchSize must be a positive integer');
  });
});
