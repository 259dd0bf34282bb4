import { describe, expect, it } from 'vitest';
import { boundedMemo } from './bounded-memo.js';

describe('boundedMemo', () => {
  it('computes each key once while it stays cached', () => {
    const calls: string[] = [];
    const upper = boundedMemo((key) => {
      calls.push(key);
      return key.toUpperCase();
    }, 10);
    expect(upper('a')).toBe('A');
    expect(upper('a')).toBe('A');
    expect(upper('b')).toBe('B');
    expect(calls).toEqual(['a', 'b']);
  });

  it('caches undefined results too', () => {
    let calls = 0;
    const nothing = boundedMemo(() => {
      calls += 1;
      return undefined;
    }, 10);
    expect(nothing('x')).toBeUndefined();
    expect(nothing('x')).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('starts over once the limit is reached, so memory stays bounded', () => {
    const calls: string[] = [];
    const identity = boundedMemo((key) => {
      calls.push(key);
      return key;
    }, 2);
    identity('a');
    identity('b');
    identity('c'); // cache full: cleared, then holds only 'c'
    identity('a');
    identity('c');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
