import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap.js';

function numberHeap(): MinHeap<number> {
  return new MinHeap<number>((left, right) => left - right);
}

function drain<T>(heap: MinHeap<T>): T[] {
  const items: T[] = [];
  for (let item = heap.pop(); item !== undefined; item = heap.pop()) items.push(item);
  return items;
}

// Deterministic pseudo-random numbers: a failing order can be replayed.
function sequence(length: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % 1000;
  });
}

describe('MinHeap', () => {
  it('returns undefined when empty', () => {
    const heap = numberHeap();
    expect(heap.pop()).toBeUndefined();
    expect(heap.size).toBe(0);
  });

  it('returns a single item and is empty again', () => {
    const heap = numberHeap();
    heap.push(3);
    expect(heap.size).toBe(1);
    expect(heap.pop()).toBe(3);
    expect(heap.pop()).toBeUndefined();
  });

  it('pops items smallest first, keeping duplicates', () => {
    const heap = numberHeap();
    for (const value of [5, 1, 4, 1, 3, 9, 2]) heap.push(value);
    expect(drain(heap)).toStrictEqual([1, 1, 2, 3, 4, 5, 9]);
  });

  it('matches a sort on a long pseudo-random sequence', () => {
    const values = sequence(500, 42);
    const heap = numberHeap();
    for (const value of values) heap.push(value);
    expect(heap.size).toBe(500);
    expect(drain(heap)).toStrictEqual([...values].sort((left, right) => left - right));
  });

  it('stays ordered when pushes and pops interleave', () => {
    const heap = numberHeap();
    const popped: number[] = [];
    const values = sequence(200, 7);
    values.forEach((value, index) => {
      heap.push(value);
      if (index % 3 === 2) popped.push(heap.pop() as number);
    });
    // Each pop takes the smallest pushed so far and not yet popped.
    const remaining: number[] = [];
    const expected: number[] = [];
    values.forEach((value, index) => {
      remaining.push(value);
      if (index % 3 === 2) {
        remaining.sort((left, right) => left - right);
        expected.push(remaining.shift() as number);
      }
    });
    expect(popped).toStrictEqual(expected);
    expect(drain(heap)).toStrictEqual(remaining.sort((left, right) => left - right));
  });

  it('orders by the given comparator', () => {
    const heap = new MinHeap<{ name: string; distance: number }>((left, right) => right.distance - left.distance);
    heap.push({ name: 'near', distance: 1 });
    heap.push({ name: 'far', distance: 9 });
    heap.push({ name: 'middle', distance: 5 });
    expect(drain(heap).map((item) => item.name)).toStrictEqual(['far', 'middle', 'near']);
  });
});
